using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// The body rewrite for JSON text written as an interpolated string (regular, verbatim or raw) whose holes are JSON
    /// values (<see cref="JsonTemplate"/>) and whose <c>prompt</c> is a hole <c>JsonSerializer.Serialize(x)</c> or
    /// <c>JsonConvert.SerializeObject(x)</c>. The text keeps its kind, layout and other holes; the key
    /// <c>max_tokens_to_sample</c> becomes <c>max_tokens</c>, and the prompt member becomes <c>"system": {…}</c> (when the
    /// prompt has system text) and <c>"messages": {…}</c>, holes that serialize, with the same serializer, the converted
    /// system text and an array of <c>new { role, content }</c> built from the prompt's turns (every hole of the prompt in
    /// its turn). When <c>x</c> is known only at run time and the project references the shim, the holes serialize the
    /// run-time conversion instead (<see cref="RuntimePrompt"/>). Not offered when a hole splices raw text into the JSON,
    /// for Bedrock bodies (no <c>model</c>) and for <c>stop_sequences</c> holding "\n\nHuman:" (left to a later pass).
    /// </summary>
    internal static class InterpolatedJsonRewrite
    {
        public static BodyRewrite? Create(SyntaxNode root, SemanticModel model, InterpolatedStringExpressionSyntax json, CancellationToken cancellationToken)
        {
            SyntaxNode? parent = json.Parent;
            while (parent is ParenthesizedExpressionSyntax)
            {
                parent = parent.Parent;
            }

            if (parent is BinaryExpressionSyntax || parent is InterpolationSyntax || json.ContainsDiagnostics || json.ContainsDirectives)
            {
                return null;
            }

            SyntaxToken start = json.StringStartToken;
            bool raw = start.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken) || start.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken);
            bool verbatim = start.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken);
            if (!raw && !verbatim && !start.IsKind(SyntaxKind.InterpolatedStringStartToken))
            {
                return null;
            }

            int braces = raw ? start.Text.Count(c => c == '$') : 1;
            if (!(JsonTemplate.Create(json) is JsonTemplate template) || template.Members is null
                || template.Members.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count() != template.Members.Count
                || !template.AllHolesAreJsonValues(model, cancellationToken))
            {
                return null;
            }

            List<JsonTemplate.TemplateMember> members = template.Members;
            JsonTemplate.TemplateMember? prompt = members.FirstOrDefault(m => m.Key == LegacyWire.Prompt);
            JsonTemplate.TemplateMember? maxTokens = members.FirstOrDefault(m => m.Key == LegacyWire.MaxTokensToSample);
            if (prompt is null || maxTokens is null || !members.Any(m => m.Key == LegacyWire.Model)
                || members.Any(m => m.Key == LegacyWire.MaxTokens || m.Key == LegacyWire.Messages || m.Key == LegacyWire.System)
                || HasHumanStop(template, members))
            {
                return null;
            }

            int holeIndex = template.HoleOf(prompt);
            if (holeIndex < 0)
            {
                return null;
            }

            InterpolationSyntax hole = template.Holes[holeIndex];
            var call = StringSyntax.Unwrap(hole.Expression) as InvocationExpressionSyntax;
            if (call is null || !(JsonTemplate.SerializerCall(call, model, cancellationToken) is ExpressionSyntax promptValue)
                || model.GetTypeInfo(promptValue, cancellationToken).Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            string serializer = call.Expression.WithoutTrivia().ToString();

            // The prompt: its turns from the syntax (through a local of the method), or converted at run time by the shim.
            if (!BodyRewrite.TryConvertPrompt(root, json, promptValue, model, cancellationToken, out PromptLocal? local, out PromptContent? content, out RuntimePrompt? runtime))
            {
                return null;
            }

            // Where the two keys are in the source (the same occurrence of the key in the text part that holds it).
            if (!(KeyInSource(json, template, prompt, raw, verbatim) is (InterpolatedStringTextSyntax promptPart, int promptAt))
                || promptPart.Span.End != hole.SpanStart
                || !(KeyInSource(json, template, maxTokens, raw, verbatim) is (InterpolatedStringTextSyntax _, int maxAt)))
            {
                return null;
            }

            string promptKey = EncodeKey(LegacyWire.Prompt, raw, verbatim);
            string separator = SourceText(json, promptAt + promptKey.Length, hole.SpanStart);
            string between = Between(promptPart, promptAt, raw, verbatim);
            string Hole(string expression) => new string('{', braces) + serializer + "(" + expression + ")" + new string('}', braces);

            ExpressionSyntax? Render()
            {
                var replacement = new List<string>();
                if (runtime != null)
                {
                    string converted = runtime.Name;
                    string m = runtime.LambdaName;
                    replacement.Add(EncodeKey(LegacyWire.System, raw, verbatim) + separator
                        + Hole(converted + ".System is null ? new object[0] : new object[] { new { type = \"text\", text = " + converted + ".System } }"));
                    replacement.Add(EncodeKey(LegacyWire.Messages, raw, verbatim) + separator
                        + Hole(converted + ".Messages.Select(" + m + " => new { role = " + m + ".Role, content = " + m + ".Content })"));
                }
                else
                {
                    if (content!.RenderSystem() is string system)
                    {
                        replacement.Add(EncodeKey(LegacyWire.System, raw, verbatim) + separator + Hole(system));
                    }

                    var messages = new List<string>();
                    for (int i = 0; i < content.Parsed.Turns.Count; i++)
                    {
                        messages.Add("new { role = \"" + PromptContent.RoleOf(content.Parsed.Turns[i]) + "\", content = " + content.RenderTurn(i) + " }");
                    }

                    replacement.Add(EncodeKey(LegacyWire.Messages, raw, verbatim) + separator + Hole("new[] { " + string.Join(", ", messages) + " }"));
                }

                var edits = new List<(int Start, int End, string Text)>
                {
                    (maxAt, maxAt + EncodeKey(LegacyWire.MaxTokensToSample, raw, verbatim).Length, EncodeKey(LegacyWire.MaxTokens, raw, verbatim)),
                    (promptAt, hole.Span.End, string.Join(between, replacement)),
                };

                string text = json.ToString();
                foreach ((int editStart, int editEnd, string editText) in edits.OrderByDescending(e => e.Start))
                {
                    int from = editStart - json.SpanStart;
                    text = text.Substring(0, from) + editText + text.Substring(editEnd - json.SpanStart);
                }

                ExpressionSyntax parsed = SyntaxFactory.ParseExpression(text, 0, root.SyntaxTree.Options as CSharpParseOptions);
                if (!(parsed is InterpolatedStringExpressionSyntax result) || parsed.ContainsDiagnostics || parsed.FullSpan.Length != text.Length
                    || !(JsonTemplate.Create(result) is JsonTemplate check) || check.Members is null || !check.HolesAtValues
                    || !check.Members.Any(m => m.Key == LegacyWire.Messages) || !check.Members.Any(m => m.Key == LegacyWire.MaxTokens)
                    || check.Members.Any(m => m.Key == LegacyWire.Prompt || m.Key == LegacyWire.MaxTokensToSample)
                    || check.Members.Count != members.Count + replacement.Count - 1)
                {
                    return null;
                }

                return result.WithTriviaFrom(json);
            }

            return Render() is ExpressionSyntax rendered ? BodyRewrite.OfText(json, rendered, local, runtime, Render) : null;
        }

        /// <summary>A <c>stop_sequences</c> array that names "\n\nHuman:" (its removal is not done in text with holes).</summary>
        private static bool HasHumanStop(JsonTemplate template, List<JsonTemplate.TemplateMember> members)
        {
            JsonTemplate.TemplateMember? stop = members.FirstOrDefault(m => m.Key == LegacyWire.StopSequences);
            return stop != null && template.Text.Substring(stop.ValueStart, stop.ValueEnd - stop.ValueStart).IndexOf("Human:", StringComparison.Ordinal) >= 0;
        }

        /// <summary>A member name as written in the string's kind: <c>\"k\"</c>, <c>""k""</c> or <c>"k"</c>.</summary>
        private static string EncodeKey(string key, bool raw, bool verbatim) => raw ? "\"" + key + "\"" : verbatim ? "\"\"" + key + "\"\"" : "\\\"" + key + "\\\"";

        /// <summary>
        /// The text part holding the key of <paramref name="member"/> and the key's position in the source: the same
        /// occurrence of the quoted key in the part's text as in its value (null when the two do not pair up, e.g. escapes).
        /// </summary>
        private static (InterpolatedStringTextSyntax Part, int Position)? KeyInSource(InterpolatedStringExpressionSyntax json, JsonTemplate template, JsonTemplate.TemplateMember member, bool raw, bool verbatim)
        {
            int offset = 0;
            foreach (InterpolatedStringContentSyntax content in json.Contents)
            {
                if (!(content is InterpolatedStringTextSyntax part))
                {
                    offset++;
                    continue;
                }

                string value = JsonTemplate.PartText(part, raw);
                if (member.KeyStart < offset || member.KeyStart >= offset + value.Length)
                {
                    offset += value.Length;
                    continue;
                }

                if (member.KeyEnd > offset + value.Length)
                {
                    return null;
                }

                string quoted = "\"" + member.Key + "\"";
                string encoded = EncodeKey(member.Key, raw, verbatim);
                List<int> inValue = Occurrences(value, quoted);
                List<int> inSource = Occurrences(part.TextToken.Text, encoded);
                int index = inValue.IndexOf(member.KeyStart - offset);
                return index < 0 || inValue.Count != inSource.Count ? null : ((InterpolatedStringTextSyntax Part, int Position)?)(part, part.TextToken.SpanStart + inSource[index]);
            }

            return null;
        }

        private static List<int> Occurrences(string text, string value)
        {
            var found = new List<int>();
            for (int index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
            {
                found.Add(index);
            }

            return found;
        }

        private static string SourceText(InterpolatedStringExpressionSyntax json, int start, int end) =>
            json.SyntaxTree.GetText().ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, end));

        /// <summary>What goes between two new members: a comma, and the line break and indentation before the prompt key when it starts a line (as written in the string's kind).</summary>
        private static string Between(InterpolatedStringTextSyntax part, int keyPosition, bool raw, bool verbatim)
        {
            string text = part.TextToken.Text;
            int at = keyPosition - part.TextToken.SpanStart;
            int lineStart = at;
            while (lineStart > 0 && (text[lineStart - 1] == ' ' || text[lineStart - 1] == '\t'))
            {
                lineStart--;
            }

            string indent = text.Substring(lineStart, at - lineStart);
            if ((raw || verbatim) && lineStart > 0 && text[lineStart - 1] == '\n')
            {
                return "," + (lineStart > 1 && text[lineStart - 2] == '\r' ? "\r\n" : "\n") + indent;
            }

            if (!raw && !verbatim && lineStart >= 2 && text.Substring(lineStart - 2, 2) == "\\n")
            {
                return "," + (lineStart >= 4 && text.Substring(lineStart - 4, 2) == "\\r" ? "\\r\\n" : "\\n") + indent;
            }

            return ", ";
        }
    }
}
