using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Shared;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// The body rewrite for JSON text in a string literal without holes (regular, verbatim or raw): the JSON keeps its
    /// layout; only <c>max_tokens_to_sample</c>, <c>prompt</c> and <c>stop_sequences</c> change (and Bedrock gains
    /// <c>anthropic_version</c>). The literal keeps its kind.
    /// </summary>
    internal static class JsonBodyRewrite
    {
        public static (LiteralExpressionSyntax Literal, ExpressionSyntax Replacement)? Create(SyntaxNode root, LiteralExpressionSyntax literal)
        {
            // A fragment of a larger text (concatenation, format string) is not a whole body.
            SyntaxNode? parent = literal.Parent;
            while (parent is ParenthesizedExpressionSyntax)
            {
                parent = parent.Parent;
            }

            if (parent is BinaryExpressionSyntax || parent is InterpolationSyntax || literal.ContainsDiagnostics)
            {
                return null;
            }

            string json = literal.Token.ValueText;
            if (!(JsonTemplate.Scanner.ForPlainText(json) is JsonTemplate.Scanner scanner) || !(scanner.ReadObject() is List<JsonTemplate.TemplateMember> members)
                || members.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count() != members.Count)
            {
                return null;
            }

            JsonTemplate.TemplateMember? prompt = members.FirstOrDefault(m => m.Key == LegacyWire.Prompt);
            JsonTemplate.TemplateMember? maxTokens = members.FirstOrDefault(m => m.Key == LegacyWire.MaxTokensToSample);
            JsonTemplate.TemplateMember? stop = members.FirstOrDefault(m => m.Key == LegacyWire.StopSequences);
            if (prompt is null || maxTokens is null
                || members.Any(m => m.Key == LegacyWire.MaxTokens || m.Key == LegacyWire.Messages || m.Key == LegacyWire.System)
                || !(scanner.StringAt(prompt.ValueStart) is string promptText))
            {
                return null;
            }

            bool bedrock = !members.Any(m => m.Key == LegacyWire.Model);
            if (bedrock && !BodyRewrite.MentionsBedrock(root))
            {
                return null;
            }

            ParsedPrompt parsed = LegacyPromptParser.Parse(promptText);
            if (!parsed.IsValid)
            {
                return null;
            }

            var edits = new List<(int Start, int End, string Text)>
            {
                (maxTokens.KeyStart, maxTokens.KeyEnd, Quote(LegacyWire.MaxTokens)),
            };

            // system and messages in place of prompt, laid out like it (own line, or inline).
            string? indent = IndentBefore(json, prompt.KeyStart);
            string between = indent is null ? ", " : "," + NewLine(json) + indent;
            var replacement = new List<string>();
            if (bedrock && !members.Any(m => m.Key == LegacyWire.AnthropicVersion))
            {
                replacement.Add(Quote(LegacyWire.AnthropicVersion) + ": " + Quote(LegacyWire.BedrockAnthropicVersion));
            }

            if (parsed.HasSystem)
            {
                replacement.Add(Quote(LegacyWire.System) + ": " + Quote(LegacyPromptParser.Render(parsed.System)));
            }

            IEnumerable<string> messages = parsed.Turns.Select(t =>
                "{" + Quote(LegacyWire.Role) + ": " + Quote(PromptContent.RoleOf(t)) + ", " + Quote(LegacyWire.Content) + ": " + Quote(t.Render()) + "}");
            replacement.Add(Quote(LegacyWire.Messages) + ": [" + string.Join(", ", messages) + "]");
            edits.Add((prompt.KeyStart, prompt.ValueEnd, string.Join(between, replacement)));

            if (stop != null && scanner.StringArrayAt(stop.ValueStart) is List<JsonTemplate.TemplateMember> elements)
            {
                List<JsonTemplate.TemplateMember> human = elements.Where(e => scanner.StringAt(e.ValueStart)?.TrimEnd() == LegacyWire.HumanMarker).ToList();
                if (human.Count == elements.Count && human.Count > 0)
                {
                    edits.Add(Removal(members, stop));
                }
                else
                {
                    foreach (JsonTemplate.TemplateMember element in human)
                    {
                        edits.Add(Removal(elements, element));
                    }
                }
            }

            var builder = new StringBuilder(json);
            foreach ((int start, int end, string text) in edits.OrderByDescending(e => e.Start))
            {
                builder.Remove(start, end - start).Insert(start, text);
            }

            ExpressionSyntax? emitted = Emit(literal, builder.ToString());
            return emitted is null ? null : (literal, emitted);
        }

        /// <summary>Removes one member or element with the comma that joins it to its neighbour.</summary>
        private static (int, int, string) Removal(List<JsonTemplate.TemplateMember> list, JsonTemplate.TemplateMember member)
        {
            int index = list.IndexOf(member);
            if (index > 0)
            {
                return (list[index - 1].ValueEnd, member.ValueEnd, string.Empty);
            }

            return index + 1 < list.Count ? (member.KeyStart, list[index + 1].KeyStart, string.Empty) : (member.KeyStart, member.ValueEnd, string.Empty);
        }

        /// <summary>The whitespace that starts the line of <paramref name="position"/>, or null when something else precedes it on that line.</summary>
        private static string? IndentBefore(string json, int position)
        {
            int start = position;
            while (start > 0 && (json[start - 1] == ' ' || json[start - 1] == '\t'))
            {
                start--;
            }

            return start > 0 && json[start - 1] == '\n' ? json.Substring(start, position - start) : null;
        }

        private static string NewLine(string json) => json.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";

        /// <summary>A JSON string.</summary>
        private static string Quote(string value)
        {
            var builder = new StringBuilder("\"");
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        /// <summary>The new JSON as a literal of the same kind (regular, verbatim, raw), with the old trivia.</summary>
        private static ExpressionSyntax? Emit(LiteralExpressionSyntax literal, string json)
        {
            SyntaxToken token = literal.Token;
            string text;
            if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            {
                int quotes = 0;
                while (quotes < token.Text.Length && token.Text[quotes] == '"')
                {
                    quotes++;
                }

                int longestRun = 0;
                for (int i = 0, run = 0; i < json.Length; i++)
                {
                    run = json[i] == '"' ? run + 1 : 0;
                    longestRun = Math.Max(longestRun, run);
                }

                string delimiter = new string('"', Math.Max(quotes, longestRun + 1));
                if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                {
                    if (json.StartsWith("\"", StringComparison.Ordinal) || json.EndsWith("\"", StringComparison.Ordinal) || json.IndexOf('\n') >= 0)
                    {
                        return null;
                    }

                    text = delimiter + json + delimiter;
                }
                else
                {
                    // The indentation of the closing delimiter is the indentation of every content line.
                    string original = token.Text;
                    int lastLine = original.LastIndexOf('\n');
                    string indent = original.Substring(lastLine + 1, original.Length - lastLine - 1 - quotes);
                    string newLine = original.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
                    IEnumerable<string> lines = json.Replace("\r\n", "\n").Split('\n').Select(l => l.Length == 0 ? l : indent + l);
                    text = delimiter + newLine + string.Join(newLine, lines) + newLine + indent + delimiter;
                }
            }
            else if (token.Text.StartsWith("@", StringComparison.Ordinal))
            {
                text = "@\"" + json.Replace("\"", "\"\"") + "\"";
            }
            else if (token.IsKind(SyntaxKind.StringLiteralToken))
            {
                text = SymbolDisplay.FormatLiteral(json, quote: true);
            }
            else
            {
                return null;
            }

            ExpressionSyntax parsed = SyntaxFactory.ParseExpression(text, 0, literal.SyntaxTree.Options as CSharpParseOptions);
            return parsed is LiteralExpressionSyntax result && !result.ContainsDiagnostics && result.Token.ValueText == json
                ? result.WithTriviaFrom(literal)
                : null;
        }
    }
}
