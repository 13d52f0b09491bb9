using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Finds the tokens of a file that contain a word from the ordinal occurrences of the word in its text, without
    /// walking the tree: for rules whose every finding is named by one of a few distinctive words, one semantic-model
    /// callback per file replaces a callback on every node of a frequent kind (every member access, every invocation,
    /// every property declaration). A file whose text has an escape may spell a word otherwise — an identifier with
    /// <c>\u</c>/<c>\U</c> (<see cref="MayHideNames"/>), a string or interpolated text also with <c>\x</c>
    /// (<see cref="MayHideWords"/>); there the caller walks the tree instead.
    /// </summary>
    internal static class IdentifierSearch
    {
        /// <summary>True when an identifier in <paramref name="text"/> may be spelt with a Unicode escape.</summary>
        public static bool MayHideNames(string text) => HasEscape(text, hex: false);

        /// <summary>
        /// True when an identifier, string literal or interpolated text in <paramref name="text"/> may spell a word with an
        /// escape (<c>\u</c>, <c>\U</c>, <c>\x</c>; searched words are printable ASCII without quotes or backslashes,
        /// which no other escape produces).
        /// </summary>
        public static bool MayHideWords(string text) => HasEscape(text, hex: true);

        private static bool HasEscape(string text, bool hex)
        {
            // One character search (backslashes are rarer than letters), then a look at the character after each.
            for (int at = text.IndexOf('\\'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('\\', at + 1))
            {
                char next = text[at + 1];
                if (next == 'u' || next == 'U' || (hex && next == 'x'))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The identifier tokens whose value is <paramref name="name"/>, in text order (none in strings or comments).</summary>
        public static IEnumerable<SyntaxToken> Find(SyntaxNode root, string text, string name, CancellationToken cancellationToken)
        {
            foreach (SyntaxToken token in TokensContaining(root, text, name, cancellationToken))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    yield return token;
                }
            }
        }

        /// <summary>
        /// Every token whose text contains <paramref name="word"/> (ordinal), each once, in text order: identifiers,
        /// string literals, interpolated-string text; occurrences in comments and other trivia are skipped.
        /// </summary>
        public static IEnumerable<SyntaxToken> TokensContaining(SyntaxNode root, string text, string word, CancellationToken cancellationToken)
        {
            for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; )
            {
                cancellationToken.ThrowIfCancellationRequested();
                SyntaxToken token = root.FindToken(at);
                int next = at + 1;
                if (token.Span.Contains(at))
                {
                    yield return token;
                    next = token.Span.End;
                }

                at = next < text.Length ? text.IndexOf(word, next, StringComparison.Ordinal) : -1;
            }
        }

        /// <summary>
        /// The interpolated strings of the file whose text parts may contain one of <paramref name="words"/>, each once:
        /// from the occurrences of the words in interpolated text, or every interpolated string of the file when an escape
        /// may spell a word (<see cref="MayHideWords"/>). Null when there are none (most files). The caller applies its
        /// own test to each.
        /// </summary>
        public static List<InterpolatedStringExpressionSyntax>? InterpolatedStrings(SyntaxTree tree, string[] words, CancellationToken cancellationToken)
        {
            string text = LiteralSearch.TextOf(tree, cancellationToken);
            bool walkAll = MayHideWords(text);
            SyntaxNode? root = null;
            List<InterpolatedStringExpressionSyntax>? found = null;
            if (walkAll)
            {
                foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is InterpolatedStringExpressionSyntax interpolated)
                    {
                        (found ??= new List<InterpolatedStringExpressionSyntax>()).Add(interpolated);
                    }
                }

                return found;
            }

            foreach (string word in words)
            {
                if (text.IndexOf(word, StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                foreach (SyntaxToken token in TokensContaining(root ??= tree.GetRoot(cancellationToken), text, word, cancellationToken))
                {
                    if (token.IsKind(SyntaxKind.InterpolatedStringTextToken) && token.Parent?.Parent is InterpolatedStringExpressionSyntax interpolated
                        && !(found ??= new List<InterpolatedStringExpressionSyntax>()).Contains(interpolated))
                    {
                        found.Add(interpolated);
                    }
                }
            }

            return found;
        }
    }
}
