using Microsoft.CodeAnalysis;

namespace CompletionsToMessages.Analyzers
{
    /// <summary>Every rule's descriptor, in one place. Titles and messages are what users read in the IDE.</summary>
    public static class Descriptors
    {
        /// <summary>Where the rule pages are published; the page for a rule is HelpLinkBase + ID + ".md".</summary>
        public const string HelpLinkBase = "https://github.com/completions-to-messages/completions-to-messages/blob/main/docs/rules/";

        private const string Category = "Migration";

        public static readonly DiagnosticDescriptor CTM001_LegacyEndpoint = Create(
            DiagnosticIds.LegacyEndpoint,
            "Request to the retired Text Completions endpoint",
            "'{0}' is the Text Completions endpoint; every model that served it is retired (requests fail with 404). Send the request to /v1/messages together with a Messages body (the code fix does both when the body is in reach; otherwise convert the body first, CTM002, or send it through CompletionsToMessages.Shim: with the shim referenced, the code fix routes a request/response DTO client through it)",
            DiagnosticSeverity.Warning,
            "POST /v1/complete only ever served Claude 1.x, Instant 1.x and 2.x models, all retired (the last on 2025-07-21). Code that still calls it fails in production.");

        public static readonly DiagnosticDescriptor CTM002_LegacyRequestBody = Create(
            DiagnosticIds.LegacyRequestBody,
            "Text Completions request body",
            "Text Completions request body ({0}): the Messages API rejects 'max_tokens_to_sample' and 'prompt'; send 'max_tokens' and 'messages' (plus 'system') to /v1/messages",
            DiagnosticSeverity.Warning,
            "A body with 'max_tokens_to_sample' and a Human/Assistant 'prompt' is only understood by the retired /v1/complete endpoint; /v1/messages rejects it with 400.");

        public static readonly DiagnosticDescriptor CTM003_LegacyPrompt = Create(
            DiagnosticIds.LegacyPrompt,
            "Human/Assistant prompt string",
            "Legacy Human/Assistant prompt{0}; the Messages API takes a list of user/assistant 'messages' and a separate 'system' text",
            DiagnosticSeverity.Info,
            "Prompts with \"\\n\\nHuman:\" and \"\\n\\nAssistant:\" turns belong to the Text Completions API. Reported as a warning when the prompt is sent as a request's 'prompt'.");

        public static readonly DiagnosticDescriptor CTM004_ModelId = Create(
            DiagnosticIds.ModelId,
            "Retired or deprecated Claude model id",
            "Model '{0}' {1}; use '{2}' (model table as of {3})",
            DiagnosticSeverity.Warning,
            "Requests naming a retired model fail with 404 not_found_error. Reported as a warning for retired ids and as information for deprecated ones; the successor can be configured in .editorconfig.");

        public static readonly DiagnosticDescriptor CTM005_LegacyResponseRead = Create(
            DiagnosticIds.LegacyResponseRead,
            "Reading the legacy 'completion' field",
            "Messages API responses have no 'completion' field ({0}); read the concatenated 'text' of the 'content' blocks whose type is \"text\"",
            DiagnosticSeverity.Warning,
            "The Messages API returns the answer as a list of content blocks; the Text Completions 'completion' string does not exist there.");

        public static readonly DiagnosticDescriptor CTM006_LegacyStopReason = Create(
            DiagnosticIds.LegacyStopReason,
            "Legacy meaning of stop_reason \"stop_sequence\"",
            "In Text Completions \"stop_sequence\" meant 'finished normally'; the Messages API says \"end_turn\" for that and \"stop_sequence\" only for a custom stop sequence. Also accept \"end_turn\"",
            DiagnosticSeverity.Info,
            "A check for \"stop_sequence\" that means 'the model finished' is false for every normal Messages API answer.");

        public static readonly DiagnosticDescriptor CTM007_LegacyStreaming = Create(
            DiagnosticIds.LegacyStreaming,
            "Parsing the legacy Text Completions stream",
            "{0} belongs to the Text Completions stream; the Messages stream sends message_start, content_block_delta (text_delta), message_delta and message_stop events. Use the shim's StreamAsync or parse the Messages events; with CompletionsToMessages.Shim referenced, the code fix migrates the request and reads its stream through LegacyEventStream.FromMessages when the request's one response and one stream read are in this method",
            DiagnosticSeverity.Warning,
            "Legacy streaming sent 'completion' events (2023-06-01) or cumulative data-only chunks ending in [DONE] (2023-01-01); neither exists in the Messages API.");

        public static readonly DiagnosticDescriptor CTM008_LegacyApiVersion = Create(
            DiagnosticIds.LegacyApiVersion,
            "anthropic-version 2023-01-01",
            "anthropic-version '2023-01-01' is the initial, deprecated API version; send '2023-06-01'",
            DiagnosticSeverity.Warning,
            "2023-01-01 selects cumulative streaming and legacy response fields; the Messages API is used with 2023-06-01.");

        public static readonly DiagnosticDescriptor CTM009_HumanStopSequence = Create(
            DiagnosticIds.HumanStopSequence,
            "\"\\n\\nHuman:\" in stop_sequences",
            "\"\\n\\nHuman:\" as a stop sequence only made sense for Text Completions prompts; remove it",
            DiagnosticSeverity.Info,
            "Text Completions models always stopped at the next Human turn; in the Messages API the sequence is meaningless.");

        public static readonly DiagnosticDescriptor CTM010_LegacyClientLibrary = Create(
            DiagnosticIds.LegacyClientLibrary,
            "Legacy Text Completions client-library call",
            "'{0}' is the Text Completions API of {1}, removed from the library; use its Messages API or CompletionsToMessages.Shim",
            DiagnosticSeverity.Warning,
            "Community SDKs dropped their Text Completions calls (Anthropic.SDK 3.0, tryAGI Anthropic); they target the retired /v1/complete endpoint.");

        public static readonly DiagnosticDescriptor CTM011_PrefillHazard = Create(
            DiagnosticIds.PrefillHazard,
            "Prefill rejected by the target model",
            "This request ends with an assistant prefill, which {0} rejects with 400 (prefill is not supported from Claude 4.6 on); remove the prefill and ask for the format in the user turn or system text, or target a model that accepts it",
            DiagnosticSeverity.Warning,
            "A final assistant message (the text after the last \"\\n\\nAssistant:\") is rejected by Claude 4.6 and later models.");

        public static readonly DiagnosticDescriptor CTM012_SamplingHazard = Create(
            DiagnosticIds.SamplingHazard,
            "Sampling parameter rejected by the target model",
            "'{0}' {1}: {2} rejects it with 400; remove the parameter",
            DiagnosticSeverity.Warning,
            "Claude 4.7 and later reject non-default temperature, top_p and top_k; Sonnet 4.5, Haiku 4.5 and Opus 4.1 reject temperature together with top_p.");

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
            new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));
    }
}
