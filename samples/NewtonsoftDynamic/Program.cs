using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace NewtonsoftDynamic;

/// <summary>
/// Early-2023 code written against anthropic-version 2023-01-01: the request is a Newtonsoft JObject, the
/// conversation so far is replayed by concatenating Human/Assistant turns with '+', and the response is read
/// through 'dynamic'.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string question = args.Length > 0 ? string.Join(" ", args) : "And how long should I let it rest before slicing?";
        string baseUrl = (Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") ?? "https://api.anthropic.com").TrimEnd('/');
        string apiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? string.Empty;

        // The earlier exchange of this chat session, replayed in front of the new question.
        string previousQuestion = "I am baking sourdough bread for the first time. What oven temperature should I use?";
        string previousAnswer = "Preheat to 250 °C with a Dutch oven inside, bake covered for 20 minutes, then uncovered at 230 °C for about 25 minutes.";

        string prompt = "\n\nHuman: " + previousQuestion +
                        "\n\nAssistant: " + previousAnswer +
                        "\n\nHuman: " + question +
                        "\n\nAssistant:";

        var body = new JObject(
            new JProperty("model", "claude-instant-1.2"),
            new JProperty("prompt", prompt),
            new JProperty("max_tokens_to_sample", 256),
            new JProperty("temperature", 0.7));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/complete")
        {
            Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", apiKey);
        request.Headers.Add("anthropic-version", "2023-01-01");

        using HttpResponseMessage response = await http.SendAsync(request);
        string json = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine("Request failed: " + (int)response.StatusCode + " " + json);
            return 1;
        }

        dynamic result = JsonConvert.DeserializeObject(json)!;
        string answer = (string)result.completion;
        string stopReason = (string)result.stop_reason;

        Console.WriteLine(answer.Trim());
        Console.WriteLine(stopReason);
        return 0;
    }
}
