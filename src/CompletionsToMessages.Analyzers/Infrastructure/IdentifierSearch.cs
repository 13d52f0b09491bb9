using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Finds the identifiers with a given name in a file from the ordinal occurrences of the name in its text, without
    /// walking the tree: for rules whose every finding is named by one of a few distinctive identifiers, one
    /// semantic-model callback per file replaces a callback on every node of a frequent kind (every member access,
    /// every invocation). A file whose text has a Unicode escape (<c>\u</c>, <c>\U</c>) may spell a name differently;
    /// there the caller walks the tree instead (<see cref="MayHideNames"/>).
    /// </summary>
    internal static class IdentifierSearch
    {
        /// <summary>True when an identifier in <paramref name="text"/> may be spelt with a Unicode escape.</summary>
        public static bool MayHideNames(string text)
        {
            // One character search (backslashes are rarer than letters), then a look at the character after each.
            for (int at = text.IndexOf('\\'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('\\', at + 1))
            {
                if (text[at + 1] == 'u' || text[at + 1] == 'U')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The identifier tokens whose value is <paramref name="name"/>, in text order (none in strings or comments).</summary>
        public static IEnumerable<SyntaxToken> Find(SyntaxNode root, string text, string name, CancellationToken cancellationToken)
        {
            for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                SyntaxToken token = root.FindToken(at);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(at) && token.ValueText == name)
                {
                    yield return token;
                }
            }
        }
    }
}
