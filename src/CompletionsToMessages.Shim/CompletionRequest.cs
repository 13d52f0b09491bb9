using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace CompletionsToMessages.Shim
{
    /// <summary>
    /// A Text Completions request (the body of the legacy <c>POST /v1/complete</c>), with the legacy JSON names.
    /// <see cref="CompletionsClient"/> sends it to <c>/v1/messages</c>.
    /// </summary>
    public sealed class CompletionRequest
    {
        /// <summary>The model id (<c>model</c>). A retired id can be replaced through <see cref="CompletionsClientOptions.ModelSuccessors"/>.</summary>
        [JsonPropertyName("model")]
        public string Model { get; set; } = string.Empty;

        /// <summary>The prompt (<c>prompt</c>): optional system text, then <c>"\n\nHuman:"</c>/<c>"\n\nAssistant:"</c> turns, ending with an Assistant turn.</summary>
        [JsonPropertyName("prompt")]
        public string Prompt { get; set; } = string.Empty;

        /// <summary>The maximum number of tokens to generate (<c>max_tokens_to_sample</c>), sent as <c>max_tokens</c>.</summary>
        [JsonPropertyName("max_tokens_to_sample")]
        public int MaxTokensToSample { get; set; }

        /// <summary>Custom stop sequences (<c>stop_sequences</c>). <c>"\n\nHuman:"</c> is dropped: a Messages turn ends by itself.</summary>
        [JsonPropertyName("stop_sequences")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IList<string>? StopSequences { get; set; }

        /// <summary>Sampling temperature (<c>temperature</c>), 0 to 1.</summary>
        [JsonPropertyName("temperature")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? Temperature { get; set; }

        /// <summary>Nucleus sampling (<c>top_p</c>).</summary>
        [JsonPropertyName("top_p")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? TopP { get; set; }

        /// <summary>Top-k sampling (<c>top_k</c>).</summary>
        [JsonPropertyName("top_k")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? TopK { get; set; }

        /// <summary>Request metadata (<c>metadata</c>).</summary>
        [JsonPropertyName("metadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public CompletionMetadata? Metadata { get; set; }

        /// <summary>
        /// The legacy <c>stream</c> flag, kept so legacy JSON round-trips. The client ignores it:
        /// <see cref="CompletionsClient.CreateAsync"/> never streams and <see cref="CompletionsClient.StreamAsync"/> always does.
        /// </summary>
        [JsonPropertyName("stream")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool? Stream { get; set; }
    }

    /// <summary>Request metadata (<c>metadata</c>).</summary>
    public sealed class CompletionMetadata
    {
        /// <summary>An opaque id of the end user (<c>user_id</c>); sent unchanged.</summary>
        [JsonPropertyName("user_id")]
        public string? UserId { get; set; }
    }
}
