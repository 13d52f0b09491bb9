using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DtoClient;

/// <summary>Request body of POST /v1/complete.</summary>
public sealed class CompletionRequest
{
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    [JsonPropertyName("prompt")]
    public string Prompt { get; set; } = string.Empty;

    [JsonPropertyName("max_tokens_to_sample")]
    public int MaxTokensToSample { get; set; }

    [JsonPropertyName("stop_sequences")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? StopSequences { get; set; }

    [JsonPropertyName("temperature")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Temperature { get; set; }
}

/// <summary>Response body of POST /v1/complete.</summary>
public sealed class CompletionResponse
{
    [JsonPropertyName("completion")]
    public string Completion { get; set; } = string.Empty;

    [JsonPropertyName("stop_reason")]
    public string? StopReason { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }
}
