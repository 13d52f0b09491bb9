using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace RawHttpAnonymous;

/// <summary>
/// The most common 2023 shape: one HttpClient, an anonymous request object serialised by System.Text.Json,
/// a system prompt written before the first Human turn, and the answer read from the "completion" property.
/// </summary>
internal static class Program
{
    private const string SystemPrompt =
        "You are the help desk of a hardware store. Answer in at most three sentences and do not invent prices.";

    private static async Task<int> Main(string[] args)
    {
        string question = args.Length > 0 ? string.Join(" ", args) : "Which drill bit should I use for a concrete wall?";
        string baseUrl = (Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com").TrimEnd('/');
        string apiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? string.Empty;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        var request = new
        {
            model = "claude-2.1",
            prompt = $"{SystemPrompt}\n\nHuman: {question}\n\nAssistant:",
            max_tokens_to_sample = 300,
            stop_sequences = new[] { "\n\nHuman:" },
            temperature = 0.2,
        };

        using HttpResponseMessage response = await http.PostAsJsonAsync(baseUrl + "/v1/complete", request);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"Anthropic API error {(int)response.StatusCode}: {body}");
            return 1;
        }

        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement root = document.RootElement;
        string completion = root.GetProperty("completion").GetString() ?? string.Empty;
        string stopReason = root.GetProperty("stop_reason").GetString() ?? "unknown";

        Console.WriteLine(completion.Trim());
        Console.WriteLine(stopReason);
        return 0;
    }
}
