using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace DtoClient;

/// <summary>Thrown when the API answers with a non-success status code.</summary>
public sealed class ClaudeApiException : Exception
{
    public ClaudeApiException(int statusCode, string body)
        : base($"Anthropic API returned {statusCode}: {body}")
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}

/// <summary>A small hand-written client for the Text Completions endpoint, as many teams wrote in 2023.</summary>
public sealed class ClaudeClient : IDisposable
{
    private const string CompletePath = "v1/complete";

    private readonly HttpClient _http;

    public ClaudeClient(string baseUrl, string apiKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };
        _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        _http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
    }

    public async Task<CompletionResponse> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(CompletePath, request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ClaudeApiException((int)response.StatusCode, body);
        }

        return await response.Content.ReadFromJsonAsync<CompletionResponse>(cancellationToken)
               ?? throw new InvalidOperationException("The API returned an empty body.");
    }

    public void Dispose() => _http.Dispose();
}
