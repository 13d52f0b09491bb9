using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace StreamingSse;

/// <summary>
/// Streams the answer with "stream": true and parses the server-sent events by hand. Written for the
/// 2023-06-01 format (named "completion" events carrying the new text) and still able to read the original
/// 2023-01-01 format (data-only events carrying the whole text so far, ending with "data: [DONE]").
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string question = args.Length > 0 ? string.Join(" ", args) : "Explain in a short paragraph why the sky is blue.";
        string baseUrl = (Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com").TrimEnd('/');
        string apiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? string.Empty;

        // Deployments still pinned to the original API version set ANTHROPIC_VERSION=2023-01-01.
        string apiVersion = Environment.GetEnvironmentVariable("ANTHROPIC_VERSION") ?? "2023-06-01";

        var prompt = new StringBuilder();
        prompt.Append("You are a physics teacher for twelve-year-olds. Use simple words.");
        prompt.Append("\n\nHuman: ").Append(question);
        prompt.Append("\n\nAssistant:");

        var body = new JsonObject
        {
            ["model"] = "claude-2",
            ["prompt"] = prompt.ToString(),
            ["max_tokens_to_sample"] = 512,
            ["stream"] = true,
        };

        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/complete")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", apiKey);
        request.Headers.Add("anthropic-version", apiVersion);
        request.Headers.Add("accept", "text/event-stream");

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return 1;
        }

        using Stream stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);

        var answer = new StringBuilder();
        string? eventName = null;
        string? stopReason = null;
        string? line;
        while ((line = await reader.ReadLineAsync()) != null)
        {
            if (line.Length == 0)
            {
                eventName = null; // a blank line ends the event
                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line.Substring("event:".Length).Trim();
                continue;
            }

            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            string data = line.Substring("data:".Length).Trim();
            if (data == "[DONE]")
            {
                break; // end of a 2023-01-01 stream
            }

            if (eventName == "ping")
            {
                continue;
            }

            using JsonDocument document = JsonDocument.Parse(data);
            JsonElement payload = document.RootElement;
            if (eventName == "error")
            {
                Console.Error.WriteLine("stream error: " + payload.GetProperty("error").GetProperty("message").GetString());
                return 1;
            }

            string text = payload.GetProperty("completion").GetString() ?? string.Empty;
            if (eventName == "completion")
            {
                Emit(answer, text); // 2023-06-01: only the new text
            }
            else if (eventName is null && text.Length >= answer.Length)
            {
                Emit(answer, text.Substring(answer.Length)); // 2023-01-01: the whole text so far
            }

            if (payload.TryGetProperty("stop_reason", out JsonElement reason) && reason.ValueKind == JsonValueKind.String)
            {
                stopReason = reason.GetString();
            }
        }

        Console.WriteLine();
        Console.WriteLine(stopReason ?? "unknown");
        return 0;
    }

    /// <summary>Prints new text as it arrives, without the leading space the model puts before its answer.</summary>
    private static void Emit(StringBuilder answer, string delta)
    {
        string shown = answer.ToString().Trim().Length == 0 ? delta.TrimStart() : delta;
        answer.Append(delta);
        Console.Write(shown);
        Console.Out.Flush();
    }
}
