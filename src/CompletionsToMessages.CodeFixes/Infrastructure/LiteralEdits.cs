using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>Edits inside string literals that keep the literal's kind (regular, verbatim, raw) and trivia.</summary>
    internal static class LiteralEdits
    {
        /// <summary>
        /// Replaces the first occurrence of <paramref name="oldValue"/> at or after <paramref name="after"/> (a marker
        /// such as "model"; null for anywhere) in the literal's source text. The values handled here (model ids,
        /// versions) contain no characters that need escaping, so the source text holds them verbatim.
        /// </summary>
        public static LiteralExpressionSyntax? Replace(LiteralExpressionSyntax literal, string oldValue, string newValue, string? after)
        {
            string text = literal.Token.Text;
            int start = 0;
            if (after != null)
            {
                start = text.IndexOf(after, StringComparison.OrdinalIgnoreCase);
                if (start < 0)
                {
                    return null;
                }

                start += after.Length;
            }

            int index = FindBounded(text, oldValue, start);
            if (index < 0)
            {
                return null;
            }

            string newText = text.Substring(0, index) + newValue + text.Substring(index + oldValue.Length);
            if (!(SyntaxFactory.ParseExpression(newText) is LiteralExpressionSyntax parsed) || parsed.ContainsDiagnostics)
            {
                return null;
            }

            return parsed.WithTriviaFrom(literal);
        }

        /// <summary>An occurrence not embedded in a longer id: "claude-2" must not match inside "claude-2.1".</summary>
        private static int FindBounded(string text, string value, int start)
        {
            for (int index = text.IndexOf(value, start, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
            {
                int end = index + value.Length;
                bool startOk = index == 0 || !IsIdChar(text[index - 1]);
                bool endOk = end == text.Length || !IsIdChar(text[end]);
                if (startOk && endOk)
                {
                    return index;
                }
            }

            return -1;
        }

        private static bool IsIdChar(char c) => char.IsLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '@';
    }
}
