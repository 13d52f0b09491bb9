using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace InterpolatedJson;

/// <summary>
/// JSON written by hand: the request body is a raw interpolated string, the endpoint a constant, and the prompt
/// ends with a prefill ("{") so that the model answers with a JSON object. The response is read with JsonNode.
/// </summary>
internal static class Program
{
    private const string Endpoint = "https://api.anthropic.com/v1/complete";

    private static async Task<int> Main(string[] args)
    {
        string sentence = args.Length > 0 ? string.Join(" ", args) : "Our team offsite takes place in Lisbon on 12 March 2024.";
        string apiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? string.Empty;

        // Tests and proxies point the program elsewhere through ANTHROPIC_BASE_URL; the path stays the same.
        string? baseUrl = Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL");
        Uri endpoint = string.IsNullOrEmpty(baseUrl) ? new Uri(Endpoint) : new Uri(new Uri(baseUrl), new Uri(Endpoint).AbsolutePath);

        string prompt = $"\n\nHuman: Extract the city and the date from the sentence below. Answer with a JSON object with the keys \"city\" and \"date\" (ISO 8601) and nothing else.\n\n<sentence>{sentence}</sentence>\n\nAssistant: {{";

        string json = $$"""
            {
              "model": "claude-2.0",
              "prompt": {{JsonSerializer.Serialize(prompt)}},
              "max_tokens_to_sample": 200,
              "temperature": 0
            }
            """;

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", apiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"HTTP {(int)response.StatusCode}: {text}");
            return 1;
        }

        JsonNode? result = JsonNode.Parse(text);
        string completion = result?["completion"]?.GetValue<string>() ?? string.Empty;
        string stopReason = result?["stop_reason"]?.GetValue<string>() ?? "unknown";

        // The prefill "{" is not part of the completion: put it back to get the whole JSON object.
        Console.WriteLine("{" + completion.TrimEnd());
        Console.WriteLine(stopReason);
        return 0;
    }
}
