using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Finds the string literals of a file that may contain one of a few words, from ordinal searches of the file's
    /// text instead of a callback on every string literal. A rule whose literal findings all contain a distinctive
    /// word ("Human:", "v1/complete", "claude", …) registers one callback per file: on the 300,000-line benchmark base
    /// that is 2,306 callbacks instead of 57,000 for each rule (README, Performance).
    /// <para>
    /// A literal's value contains a word only if its source text does, unless a character of the word is written as an
    /// escape: <c>\u</c>, <c>\U</c> or <c>\x</c> (the words are printable ASCII without quotes or backslashes, which no
    /// other escape produces; verbatim and raw literals have no such escapes). So the candidates are the literals whose
    /// text holds a word and every literal whose text holds one of those escapes; the caller applies its own test of the
    /// value to each, exactly as its per-literal callback did.
    /// </para>
    /// </summary>
    internal static class LiteralSearch
    {
        private static readonly ConditionalWeakTable<SyntaxTree, string> Texts = new ConditionalWeakTable<SyntaxTree, string>();

        /// <summary>
        /// The whole text of <paramref name="tree"/> as one string, made once per tree and shared by the rules that search
        /// it. For most files this is the string the tree was parsed from (no copy); a file read as a large text is
        /// copied once, not once per rule, and the copy lives as long as the tree.
        /// </summary>
        public static string TextOf(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (Texts.TryGetValue(tree, out string? text))
            {
                return text;
            }

            string made = tree.GetText(cancellationToken).ToString();
            return Texts.GetValue(tree, _ => made);
        }

        /// <summary>
        /// The string literal expressions of the file that may contain one of <paramref name="words"/> (ordinal), in no
        /// particular order and each once; null when there are none (most files).
        /// </summary>
        public static List<LiteralExpressionSyntax>? Candidates(SyntaxTree tree, string[] words, CancellationToken cancellationToken) =>
            Candidates(tree, words, Array.Empty<string>(), cancellationToken);

        /// <summary>
        /// The string literal expressions of the file that may contain one of <paramref name="words"/> (ordinal) or of
        /// <paramref name="wordsIgnoringCase"/> (ordinal, ignoring case), in no particular order and each once; null when
        /// there are none (most files).
        /// </summary>
        public static List<LiteralExpressionSyntax>? Candidates(SyntaxTree tree, string[] words, string[] wordsIgnoringCase, CancellationToken cancellationToken)
        {
            string text = TextOf(tree, cancellationToken);
            SyntaxNode? root = null;
            List<LiteralExpressionSyntax>? found = null;
            Search(tree, text, words, StringComparison.Ordinal, ref root, ref found, cancellationToken);
            Search(tree, text, wordsIgnoringCase, StringComparison.OrdinalIgnoreCase, ref root, ref found, cancellationToken);

            // One character search (backslashes are rarer than letters), then a look at the character after each.
            for (int at = text.IndexOf('\\'); at >= 0 && at + 1 < text.Length; )
            {
                char escape = text[at + 1];
                int next = at + 1;
                if (escape == 'u' || escape == 'U' || escape == 'x')
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    next = Take(root ??= tree.GetRoot(cancellationToken), at, ref found);
                }

                at = next < text.Length ? text.IndexOf('\\', next) : -1;
            }

            return found;
        }

        private static void Search(SyntaxTree tree, string text, string[] words, StringComparison comparison, ref SyntaxNode? root, ref List<LiteralExpressionSyntax>? found, CancellationToken cancellationToken)
        {
            foreach (string word in words)
            {
                int at = text.IndexOf(word, comparison);
                while (at >= 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int next = Take(root ??= tree.GetRoot(cancellationToken), at, ref found);
                    at = next < text.Length ? text.IndexOf(word, next, comparison) : -1;
                }
            }
        }

        /// <summary>Adds the string literal at <paramref name="position"/>, if any; returns where the search goes on.</summary>
        private static int Take(SyntaxNode root, int position, ref List<LiteralExpressionSyntax>? found)
        {
            SyntaxToken token = root.FindToken(position);
            if (!token.Span.Contains(position))
            {
                return position + 1; // in a comment or other trivia
            }

            if (token.Parent is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                found ??= new List<LiteralExpressionSyntax>();
                if (!found.Contains(literal))
                {
                    found.Add(literal);
                }
            }

            return token.Span.End;
        }
    }
}
