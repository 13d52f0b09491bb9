using System.Text.Json.Serialization;

namespace CompletionsToMessages.Shim
{
    /// <summary>
    /// A Text Completions response with the legacy JSON names, mapped from a Messages API answer. From
    /// <see cref="CompletionsClient.StreamAsync"/> each chunk carries only the new text, and the last one the stop reason.
    /// </summary>
    public sealed class CompletionResponse
    {
        /// <summary>The id of the Messages API answer (<c>msg_…</c>).</summary>
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        /// <summary>Always <c>"completion"</c>.</summary>
        [JsonPropertyName("type")]
        public string Type { get; set; } = "completion";

        /// <summary>
        /// The generated text: the concatenated <c>text</c> blocks of the answer. Unlike the legacy API's it does not start
        /// with a space (the Messages API does not add one).
        /// </summary>
        [JsonPropertyName("completion")]
        public string Completion { get; set; } = string.Empty;

        /// <summary>The model that answered.</summary>
        [JsonPropertyName("model")]
        public string Model { get; set; } = string.Empty;

        /// <summary>
        /// <c>"stop_sequence"</c> (natural end or a custom stop sequence: Messages <c>end_turn</c>/<c>stop_sequence</c>),
        /// <c>"max_tokens"</c>, or any other Messages stop reason unchanged (<c>refusal</c>, <c>pause_turn</c>, …).
        /// Null on streamed chunks before the last.
        /// </summary>
        [JsonPropertyName("stop_reason")]
        public string? StopReason { get; set; }

        /// <summary>The custom stop sequence that ended the answer, if one did (Messages <c>stop_sequence</c>).</summary>
        [JsonPropertyName("stop")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Stop { get; set; }
    }
}
