using System.Text;
using CompletionsToMessages.Shim;

namespace Benchmarks.Shim
{
    /// <summary>Inputs shared by the shim benchmarks.</summary>
    internal static class BenchmarkData
    {
        public const string Model = "claude-haiku-4-5-20251001";

        public const string System = "You are a careful assistant who answers questions about the history of shipping.";

        /// <summary>A realistic multi-turn legacy prompt of about 2 KB.</summary>
        public static string Prompt2K { get; } = BuildPrompt();

        /// <summary>The last user turn of <see cref="Prompt2K"/>, for the SDK request that produces the same stream.</summary>
        public static string LastUserTurn => "Tell me more about the " + Filler(60) + " and keep it short.";

        public static CompletionRequest Request(int maxTokens = 4096) => new CompletionRequest
        {
            Model = Model,
            Prompt = Prompt2K,
            MaxTokensToSample = maxTokens,
            StopSequences = new[] { "\n\nHuman:" },
            Metadata = new CompletionMetadata { UserId = "benchmark-user" },
        };

        /// <summary>A prompt whose answer (the emulator echoes the last user turn) streams about 400 text deltas.</summary>
        public static CompletionRequest StreamingRequest() => new CompletionRequest
        {
            Model = Model,
            Prompt = System + "\n\nHuman: Please repeat these words: " + Filler(400) + "\n\nAssistant:",
            MaxTokensToSample = 4096,
        };

        private static string BuildPrompt()
        {
            var builder = new StringBuilder();
            builder.Append(System);
            builder.Append("\n\nHuman: What were the first container ships, and who built them? ").Append(Filler(100));
            builder.Append("\n\nAssistant: The first purpose-built container ships appeared in the 1950s and 1960s. ").Append(Filler(100));
            builder.Append("\n\nHuman: ").Append(LastUserTurn);
            builder.Append("\n\nAssistant:");
            return builder.ToString();
        }

        public static string Filler(int words)
        {
            string[] vocabulary = { "harbour", "cargo", "crane", "berth", "vessel", "freight", "tonnage", "port", "route", "dock" };
            var builder = new StringBuilder();
            for (int i = 0; i < words; i++)
            {
                builder.Append(i == 0 ? string.Empty : " ").Append(vocabulary[i % vocabulary.Length]);
            }

            return builder.ToString();
        }
    }
}
