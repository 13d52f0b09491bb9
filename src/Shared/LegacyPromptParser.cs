// The one conversion of a legacy Text Completions prompt into Messages API turns.
// Compiled as source into the analyzers, the code fixes and the shim (see their .csproj files),
// so the compile-time rewrite and the run-time shim can never disagree.
//
// The prompt is a sequence of pieces: literal text, and opaque "holes" (an interpolation hole or a
// variable in a concatenation, known only at run time). A plain string is one text piece.
#nullable enable
using System;
using System.Collections.Generic;
using System.Text;

namespace CompletionsToMessages.Shared
{
    internal enum PromptRole
    {
        User,
        Assistant,
    }

    /// <summary>A piece of a prompt: literal text, or an opaque hole whose value is known only at run time.</summary>
    internal readonly struct PromptPiece
    {
        private PromptPiece(string? text, object? hole)
        {
            Text = text;
            Hole = hole;
        }

        public string? Text { get; }

        public object? Hole { get; }

        public bool IsText => Hole is null;

        public static PromptPiece FromText(string text) => new PromptPiece(text ?? string.Empty, null);

        public static PromptPiece FromHole(object hole) => new PromptPiece(null, hole ?? throw new ArgumentNullException(nameof(hole)));

        public override string ToString() => IsText ? Text! : "{" + Hole + "}";
    }

    internal sealed class PromptTurn
    {
        public PromptTurn(PromptRole role, IReadOnlyList<PromptPiece> content)
        {
            Role = role;
            Content = content;
        }

        public PromptRole Role { get; }

        public IReadOnlyList<PromptPiece> Content { get; }

        /// <summary>The content as a string; holes are rendered by <paramref name="renderHole"/>.</summary>
        public string Render(Func<object, string>? renderHole = null) => LegacyPromptParser.Render(Content, renderHole);
    }

    internal sealed class ParsedPrompt
    {
        internal ParsedPrompt(IReadOnlyList<PromptPiece> system, IReadOnlyList<PromptTurn> turns, string? error)
        {
            System = system;
            Turns = turns;
            Error = error;
        }

        /// <summary>Text before the first Human turn (trimmed); empty when there is none.</summary>
        public IReadOnlyList<PromptPiece> System { get; }

        /// <summary>User/assistant turns, alternating, first one user; a final assistant turn is a prefill.</summary>
        public IReadOnlyList<PromptTurn> Turns { get; }

        /// <summary>Why the legacy API would have rejected the prompt; null when it is valid.</summary>
        public string? Error { get; }

        public bool IsValid => Error is null;

        public bool HasSystem => System.Count > 0;

        public bool HasPrefill => Turns.Count > 0 && Turns[Turns.Count - 1].Role == PromptRole.Assistant;

        /// <summary>True when the prefill ends with a hole, so its trailing whitespace cannot be trimmed before run time.</summary>
        public bool PrefillEndsWithHole => HasPrefill && !Turns[Turns.Count - 1].Content[Turns[Turns.Count - 1].Content.Count - 1].IsText;
    }

    internal static class LegacyPromptParser
    {
        public const string HumanMarker = "\n\nHuman:";
        public const string AssistantMarker = "\n\nAssistant:";

        public const string ErrorMustStartWithHuman = "prompt must start with \"\\n\\nHuman:\" turn";
        public const string ErrorMustEndWithAssistant = "prompt must end with \"\\n\\nAssistant:\" turn";
        public const string ErrorSingleNewline = "prompt has a turn marker preceded by a single \"\\n\"; turns must start with \"\\n\\nHuman:\" or \"\\n\\nAssistant:\"";
        public const string ErrorNoUserContent = "prompt has no non-empty \"\\n\\nHuman:\" turn";

        public static ParsedPrompt Parse(string prompt) => Parse(new[] { PromptPiece.FromText(prompt ?? string.Empty) });

        public static ParsedPrompt Parse(IReadOnlyList<PromptPiece> input)
        {
            List<PromptPiece> pieces = MergeAdjacentText(input);

            // The legacy API sanitized a prompt that began with "Human:" without the two newlines.
            if (pieces.Count > 0 && pieces[0].IsText && pieces[0].Text!.StartsWith("Human:", StringComparison.Ordinal))
            {
                pieces[0] = PromptPiece.FromText("\n\n" + pieces[0].Text);
            }

            foreach (PromptPiece piece in pieces)
            {
                if (piece.IsText && HasSingleNewlineMarker(piece.Text!))
                {
                    return Fail(ErrorSingleNewline);
                }
            }

            // Split into segments: [system] then (role, content) per marker.
            var system = new List<PromptPiece>();
            var raw = new List<(PromptRole Role, List<PromptPiece> Content)>();
            List<PromptPiece> current = system;
            foreach (PromptPiece piece in pieces)
            {
                if (!piece.IsText)
                {
                    current.Add(piece);
                    continue;
                }

                string text = piece.Text!;
                int position = 0;
                while (position <= text.Length)
                {
                    int human = text.IndexOf(HumanMarker, position, StringComparison.Ordinal);
                    int assistant = text.IndexOf(AssistantMarker, position, StringComparison.Ordinal);
                    int next = human < 0 ? assistant : assistant < 0 ? human : Math.Min(human, assistant);
                    if (next < 0)
                    {
                        if (position < text.Length)
                        {
                            current.Add(PromptPiece.FromText(text.Substring(position)));
                        }

                        break;
                    }

                    if (next > position)
                    {
                        current.Add(PromptPiece.FromText(text.Substring(position, next - position)));
                    }

                    PromptRole role = next == human ? PromptRole.User : PromptRole.Assistant;
                    int markerLength = role == PromptRole.User ? HumanMarker.Length : AssistantMarker.Length;
                    current = new List<PromptPiece>();
                    raw.Add((role, current));
                    position = next + markerLength;

                    // Trim the single space after a marker.
                    if (position < text.Length && text[position] == ' ')
                    {
                        position++;
                    }
                }
            }

            if (raw.Count == 0 || raw[0].Role != PromptRole.User)
            {
                return Fail(ErrorMustStartWithHuman);
            }

            if (raw[raw.Count - 1].Role != PromptRole.Assistant)
            {
                return Fail(ErrorMustEndWithAssistant);
            }

            var turns = new List<PromptTurn>();
            for (int i = 0; i < raw.Count; i++)
            {
                bool isLast = i == raw.Count - 1;
                List<PromptPiece> content = raw[i].Content;
                if (isLast)
                {
                    // The final Assistant turn: empty means "answer here"; text is a prefill, trailing whitespace trimmed.
                    content = TrimEnd(content);
                }

                if (IsBlank(content))
                {
                    continue;
                }

                if (turns.Count > 0 && turns[turns.Count - 1].Role == raw[i].Role)
                {
                    var merged = new List<PromptPiece>(turns[turns.Count - 1].Content);
                    merged.Add(PromptPiece.FromText("\n\n"));
                    merged.AddRange(content);
                    turns[turns.Count - 1] = new PromptTurn(raw[i].Role, MergeAdjacentText(merged));
                }
                else
                {
                    turns.Add(new PromptTurn(raw[i].Role, content));
                }
            }

            if (turns.Count == 0 || turns[0].Role != PromptRole.User)
            {
                return Fail(ErrorNoUserContent);
            }

            return new ParsedPrompt(Trim(system), turns, null);
        }

        public static string Render(IReadOnlyList<PromptPiece> pieces, Func<object, string>? renderHole = null)
        {
            var builder = new StringBuilder();
            foreach (PromptPiece piece in pieces)
            {
                builder.Append(piece.IsText ? piece.Text : renderHole is null ? piece.Hole!.ToString() : renderHole(piece.Hole!));
            }

            return builder.ToString();
        }

        /// <summary>True when <paramref name="text"/> contains a turn marker (cheap test for callers).</summary>
        public static bool ContainsMarker(string text) =>
            text.IndexOf(HumanMarker, StringComparison.Ordinal) >= 0 || text.IndexOf(AssistantMarker, StringComparison.Ordinal) >= 0;

        private static ParsedPrompt Fail(string error) => new ParsedPrompt(Array.Empty<PromptPiece>(), Array.Empty<PromptTurn>(), error);

        private static bool HasSingleNewlineMarker(string text)
        {
            foreach (string name in new[] { "\nHuman:", "\nAssistant:" })
            {
                int index = text.IndexOf(name, StringComparison.Ordinal);
                while (index >= 0)
                {
                    if (index == 0 || text[index - 1] != '\n')
                    {
                        return true;
                    }

                    index = text.IndexOf(name, index + 1, StringComparison.Ordinal);
                }
            }

            return false;
        }

        private static List<PromptPiece> MergeAdjacentText(IReadOnlyList<PromptPiece> input)
        {
            var result = new List<PromptPiece>(input.Count);
            foreach (PromptPiece piece in input)
            {
                if (piece.IsText && piece.Text!.Length == 0)
                {
                    continue;
                }

                if (piece.IsText && result.Count > 0 && result[result.Count - 1].IsText)
                {
                    result[result.Count - 1] = PromptPiece.FromText(result[result.Count - 1].Text + piece.Text);
                }
                else
                {
                    result.Add(piece);
                }
            }

            return result;
        }

        private static bool IsBlank(List<PromptPiece> content)
        {
            foreach (PromptPiece piece in content)
            {
                if (!piece.IsText || !string.IsNullOrWhiteSpace(piece.Text))
                {
                    return false;
                }
            }

            return true;
        }

        private static List<PromptPiece> TrimEnd(List<PromptPiece> content)
        {
            var result = new List<PromptPiece>(content);
            while (result.Count > 0 && result[result.Count - 1].IsText)
            {
                string trimmed = result[result.Count - 1].Text!.TrimEnd();
                if (trimmed.Length > 0)
                {
                    result[result.Count - 1] = PromptPiece.FromText(trimmed);
                    break;
                }

                result.RemoveAt(result.Count - 1);
            }

            return result;
        }

        private static List<PromptPiece> Trim(List<PromptPiece> content)
        {
            List<PromptPiece> result = TrimEnd(content);
            while (result.Count > 0 && result[0].IsText)
            {
                string trimmed = result[0].Text!.TrimStart();
                if (trimmed.Length > 0)
                {
                    result[0] = PromptPiece.FromText(trimmed);
                    break;
                }

                result.RemoveAt(0);
            }

            return result;
        }
    }
}
