using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace DtoClient;

/// <summary>
/// Typed request/response classes with [JsonPropertyName], a hand-written client class, and a caller that
/// treats stop_reason "stop_sequence" as "the answer is complete".
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string question = args.Length > 0 ? string.Join(" ", args) : "Summarise the difference between a mutex and a semaphore.";
        string baseUrl = Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com";
        string apiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? string.Empty;

        using var client = new ClaudeClient(baseUrl, apiKey);
        var request = new CompletionRequest
        {
            Model = "claude-2.0",
            Prompt = "\n\nHuman: " + question + "\n\nAssistant:",
            MaxTokensToSample = 400,
            StopSequences = new List<string> { "\n\nHuman:" },
        };

        CompletionResponse response;
        try
        {
            response = await client.CompleteAsync(request);
        }
        catch (ClaudeApiException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        Console.WriteLine(response.Completion.Trim());
        Console.WriteLine(response.StopReason);

        bool finished = response.StopReason == "stop_sequence";
        if (!finished)
        {
            Console.Error.WriteLine("note: the answer was cut off by max_tokens_to_sample");
        }

        return 0;
    }
}
