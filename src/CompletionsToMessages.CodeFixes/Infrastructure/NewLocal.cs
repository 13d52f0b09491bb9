using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// A local a fix declares in a statement of its own, inserted before the statement that needs it: the name it may take
    /// and the statement's text, indented like that statement.
    /// </summary>
    internal static class NewLocal
    {
        /// <summary>Every identifier written in <paramref name="scope"/> (a member): a new local must not reuse one.</summary>
        public static HashSet<string> NamesIn(SyntaxNode scope)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (SyntaxToken token in scope.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(token.ValueText);
                }
            }

            return names;
        }

        /// <summary><paramref name="name"/>, or name2, name3, … — the first that neither set holds.</summary>
        public static string Unique(string name, HashSet<string> namesInScope, HashSet<string>? taken = null)
        {
            string candidate = name;
            for (int i = 2; namesInScope.Contains(candidate) || (taken != null && taken.Contains(candidate)); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        /// <summary>The statement <paramref name="text"/>, indented like <paramref name="before"/> and ended with its line break.</summary>
        public static StatementSyntax Statement(string text, StatementSyntax before)
        {
            SyntaxTriviaList leading = before.GetLeadingTrivia();
            SyntaxTriviaList indent = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            SyntaxTrivia newLine = before.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is SyntaxTrivia eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
                ? eol
                : before.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is SyntaxTrivia trailing && trailing.IsKind(SyntaxKind.EndOfLineTrivia) ? trailing : SyntaxFactory.EndOfLine("\n");
            return SyntaxFactory.ParseStatement(text).WithLeadingTrivia(indent).WithTrailingTrivia(newLine);
        }
    }
}
