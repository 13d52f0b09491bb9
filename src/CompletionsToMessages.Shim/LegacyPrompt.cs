using System;
using System.Collections.Generic;
using CompletionsToMessages.Shared;

namespace CompletionsToMessages.Shim
{
    /// <summary>A Messages API turn: role <c>"user"</c> or <c>"assistant"</c> and its text.</summary>
    public sealed class PromptMessage
    {
        /// <summary>Creates a turn.</summary>
        public PromptMessage(string role, string content)
        {
            Role = role;
            Content = content;
        }

        /// <summary><c>"user"</c> or <c>"assistant"</c>.</summary>
        public string Role { get; }

        /// <summary>The text of the turn.</summary>
        public string Content { get; }

        /// <inheritdoc/>
        public override string ToString() => Role + ": " + Content;
    }

    /// <summary>A legacy prompt converted to the Messages API: system text and alternating turns, the first one user.</summary>
    public sealed class ConvertedPrompt
    {
        internal ConvertedPrompt(string? system, IReadOnlyList<PromptMessage> messages)
        {
            System = system;
            Messages = messages;
        }

        /// <summary>The text before the first Human turn, trimmed; null when there is none.</summary>
        public string? System { get; }

        /// <summary>The turns. When the last one is an assistant turn it is a prefill (see <see cref="Prefill"/>).</summary>
        public IReadOnlyList<PromptMessage> Messages { get; }

        /// <summary>The text of a final assistant turn ("words in Claude's mouth", trailing whitespace trimmed), or null.</summary>
        public string? Prefill => Messages.Count > 0 && Messages[Messages.Count - 1].Role == "assistant" ? Messages[Messages.Count - 1].Content : null;
    }

    /// <summary>Converts legacy Text Completions prompts (the one shared conversion also used by the code fixes).</summary>
    public static class LegacyPrompt
    {
        /// <summary>
        /// Splits a prompt on <c>"\n\nHuman:"</c> and <c>"\n\nAssistant:"</c>: text before the first Human turn becomes the
        /// system text, Human → user, Assistant → assistant, the final empty Assistant turn is dropped and a final non-empty
        /// one kept as a prefill; consecutive same-role turns are merged.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="prompt"/> is null.</exception>
        /// <exception cref="ArgumentException">The legacy API would have rejected the prompt (the message says why, as it did).</exception>
        public static ConvertedPrompt ToMessages(string prompt)
        {
            if (prompt is null)
            {
                throw new ArgumentNullException(nameof(prompt));
            }

            ParsedPrompt parsed = LegacyPromptParser.Parse(prompt);
            if (!parsed.IsValid)
            {
                throw new ArgumentException(parsed.Error, nameof(prompt));
            }

            var messages = new List<PromptMessage>(parsed.Turns.Count);
            foreach (PromptTurn turn in parsed.Turns)
            {
                messages.Add(new PromptMessage(turn.Role == PromptRole.User ? "user" : "assistant", turn.Render()));
            }

            string system = LegacyPromptParser.Render(parsed.System);
            return new ConvertedPrompt(system.Length == 0 ? null : system, messages);
        }
    }
}
