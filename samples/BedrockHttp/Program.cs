using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace BedrockHttp;

/// <summary>
/// Claude 2 on Amazon Bedrock, called through the company's Bedrock gateway (which signs the requests with
/// SigV4) instead of the AWS SDK: POST /model/{modelId}/invoke with the Text Completions body, built as a
/// Dictionary&lt;string, object&gt;. The answer comes back in the Text Completions response shape.
/// </summary>
internal static class Program
{
    private const string ModelId = "anthropic.claude-v2";

    private static async Task<int> Main(string[] args)
    {
        string question = args.Length > 0 ? string.Join(" ", args) : "Write a two-line haiku about a lighthouse.";
        string baseUrl = (Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com").TrimEnd('/');
        string apiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? string.Empty;

        var body = new Dictionary<string, object>
        {
            ["prompt"] = string.Format("\n\nHuman: {0}\n\nAssistant:", question),
            ["max_tokens_to_sample"] = 300,
            ["temperature"] = 0.8,
            ["stop_sequences"] = new List<string> { "\n\nHuman:" },
        };
        body["top_k"] = 250;

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        http.DefaultRequestHeaders.Add("accept", "application/json");

        using HttpResponseMessage response = await http.PostAsJsonAsync($"{baseUrl}/model/{ModelId}/invoke", body);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"Bedrock invoke failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return 1;
        }

        Dictionary<string, JsonElement> result = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>()
            ?? new Dictionary<string, JsonElement>();
        string completion = result["completion"].GetString() ?? string.Empty;
        string stopReason = result.TryGetValue("stop_reason", out JsonElement reason) ? reason.GetString() ?? "unknown" : "unknown";

        Console.WriteLine(completion.Trim());
        Console.WriteLine(stopReason);
        return 0;
    }
}
