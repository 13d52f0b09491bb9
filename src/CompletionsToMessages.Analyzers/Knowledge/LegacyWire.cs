using System;

namespace CompletionsToMessages.Analyzers.Knowledge
{
    /// <summary>Wire names and markers of the two APIs: the one place analyzers and fixes take them from.</summary>
    internal static class LegacyWire
    {
        public const string LegacyPath = "v1/complete";
        public const string MessagesPath = "v1/messages";

        public const string MaxTokensToSample = "max_tokens_to_sample";
        public const string Prompt = "prompt";
        public const string Completion = "completion";
        public const string StopReason = "stop_reason";
        public const string StopSequences = "stop_sequences";
        public const string Model = "model";
        public const string Temperature = "temperature";
        public const string TopP = "top_p";
        public const string TopK = "top_k";
        public const string MaxTokens = "max_tokens";
        public const string Messages = "messages";
        public const string Role = "role";
        public const string Assistant = "assistant";
        public const string Content = "content";
        public const string System = "system";

        /// <summary>The Bedrock body's version member and the value the Messages API on Bedrock takes.</summary>
        public const string AnthropicVersion = "anthropic_version";
        public const string BedrockAnthropicVersion = "bedrock-2023-05-31";

        /// <summary><c>"max_tokens_to_sample"</c> with its JSON quotes, as it appears inside JSON text.</summary>
        public const string QuotedMaxTokensToSample = "\"max_tokens_to_sample\"";

        public const string HumanMarker = "\n\nHuman:";
        public const string AssistantMarker = "\n\nAssistant:";

        public const string StopReasonStopSequence = "stop_sequence";
        public const string StopReasonEndTurn = "end_turn";

        public const string VersionHeader = "anthropic-version";
        public const string LegacyVersion = "2023-01-01";
        public const string CurrentVersion = "2023-06-01";

        public const string Stream = "stream";
        public const string StreamDone = "[DONE]";
        public const string CompletionEvent = "event: completion";

        /// <summary>Names of marker constants in SDKs and in hand-written code.</summary>
        public static bool IsHumanMarkerConstantName(string name) => Array.IndexOf(HumanMarkerConstantNames, name) >= 0;

        /// <summary>The names <see cref="IsHumanMarkerConstantName"/> accepts (searched for in file text by CTM009).</summary>
        public static readonly string[] HumanMarkerConstantNames = { "HUMAN_PROMPT", "HumanSignal", "HumanPrompt" };

        public static bool IsAssistantMarkerConstantName(string name) => name == "AI_PROMPT" || name == "AssistantSignal" || name == "AssistantPrompt" || name == "AIPrompt";

        /// <summary>
        /// Member name as the wire sees it, for comparison: lower case, underscores and dashes removed.
        /// "max_tokens_to_sample", "MaxTokensToSample" and "maxTokensToSample" all become "maxtokenstosample".
        /// </summary>
        public static string Normalize(string name)
        {
            var chars = new char[name.Length];
            int length = 0;
            foreach (char c in name)
            {
                if (c == '_' || c == '-' || c == '@')
                {
                    continue;
                }

                chars[length++] = char.ToLowerInvariant(c);
            }

            return new string(chars, 0, length);
        }
    }
}
