using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AnthropicEmulator
{
    /// <summary>One turn of a conversation as the emulator sees it (role "user" or "assistant", plain text).</summary>
    public readonly record struct Turn(string Role, string Text);

    /// <summary>
    /// A conversation in the form both endpoints reduce a request to: the system text (empty when none) and the
    /// turns; a final assistant turn is a prefill. /v1/complete builds it with the shared LegacyPromptParser, so the
    /// same conversation sent either way gets the same answer.
    /// </summary>
    public sealed class Conversation
    {
        public Conversation(string system, IReadOnlyList<Turn> turns)
        {
            System = system;
            Turns = turns;
        }

        public string System { get; }

        public IReadOnlyList<Turn> Turns { get; }

        public string? Prefill => Turns.Count > 0 && Turns[Turns.Count - 1].Role == "assistant" ? Turns[Turns.Count - 1].Text : null;

        /// <summary>The text of the last user turn.</summary>
        public string LastUserText
        {
            get
            {
                for (int i = Turns.Count - 1; i >= 0; i--)
                {
                    if (Turns[i].Role == "user")
                    {
                        return Turns[i].Text;
                    }
                }

                return string.Empty;
            }
        }

        /// <summary>FNV-1a (32 bit) of system and turns, as 8 hex digits: stable across runs and machines.</summary>
        public string Hash()
        {
            uint hash = 2166136261;
            void Add(string s)
            {
                foreach (byte b in Encoding.UTF8.GetBytes(s))
                {
                    hash = unchecked((hash ^ b) * 16777619);
                }
            }

            Add("system\u0000" + System);
            foreach (Turn turn in Turns)
            {
                Add("\u0001" + turn.Role + "\u0002" + turn.Text);
            }

            return hash.ToString("x8", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The outcome of "generating" an answer: the text and why it stopped, in Messages API terms.</summary>
    public readonly record struct Generation(string Text, string StopReason, string? StopSequence)
    {
        /// <summary>The Text Completions stop reason: <c>max_tokens</c>, otherwise <c>stop_sequence</c>.</summary>
        public string LegacyStopReason => StopReason == "max_tokens" ? "max_tokens" : "stop_sequence";
    }

    /// <summary>
    /// The deterministic answer rule (documented in README.md):
    /// <code>Reply {hash8}. You said: {last user text}[ System: {system}] Turns: {number of turns}[ Prefill: {prefill}]</code>
    /// with every run of whitespace collapsed to one space. A "token" is a word with its leading space. Generation
    /// appends tokens one by one, stops at the first custom stop sequence found in the text so far (text before it,
    /// <c>stop_sequence</c>), or after <c>max_tokens</c> tokens (<c>max_tokens</c>), else <c>end_turn</c>.
    /// </summary>
    public static class AnswerGenerator
    {
        public static string FullAnswer(Conversation conversation)
        {
            var builder = new StringBuilder();
            builder.Append("Reply ").Append(conversation.Hash()).Append(". You said: ").Append(conversation.LastUserText);
            if (conversation.System.Length > 0)
            {
                builder.Append(" System: ").Append(conversation.System);
            }

            builder.Append(" Turns: ").Append(conversation.Turns.Count.ToString(CultureInfo.InvariantCulture));
            if (conversation.Prefill is { } prefill)
            {
                builder.Append(" Prefill: ").Append(prefill);
            }

            return CollapseWhitespace(builder.ToString());
        }

        public static Generation Generate(Conversation conversation, long maxTokens, IReadOnlyList<string> stopSequences)
        {
            IReadOnlyList<string> tokens = Tokens(FullAnswer(conversation));
            var text = new StringBuilder();
            for (int i = 0; i < tokens.Count; i++)
            {
                if (i >= maxTokens)
                {
                    return new Generation(text.ToString(), "max_tokens", null);
                }

                text.Append(tokens[i]);
                string soFar = text.ToString();
                int best = -1;
                string? hit = null;
                foreach (string stop in stopSequences)
                {
                    int index = stop.Length == 0 ? -1 : soFar.IndexOf(stop, StringComparison.Ordinal);
                    if (index >= 0 && (best < 0 || index < best))
                    {
                        best = index;
                        hit = stop;
                    }
                }

                if (hit is not null)
                {
                    return new Generation(soFar.Substring(0, best), "stop_sequence", hit);
                }
            }

            return new Generation(text.ToString(), "end_turn", null);
        }

        /// <summary>Splits text into tokens: the first word, then each following word with its leading space.</summary>
        public static IReadOnlyList<string> Tokens(string text)
        {
            var tokens = new List<string>();
            int start = 0;
            for (int i = 1; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == ' ')
                {
                    if (i > start)
                    {
                        tokens.Add(text.Substring(start, i - start));
                    }

                    start = i;
                }
            }

            return tokens;
        }

        private static string CollapseWhitespace(string text)
        {
            var builder = new StringBuilder(text.Length);
            bool space = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }
    }
}
