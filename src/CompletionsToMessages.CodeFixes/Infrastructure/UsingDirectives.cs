using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// Adds a <c>using</c> directive only when the namespace is not already imported where the new code goes
    /// (file, namespace or global usings, or <c>using static</c> of a type in it).
    /// </summary>
    internal static class UsingDirectives
    {
        /// <summary>
        /// The node whose usings should receive <paramref name="ns"/> (the compilation unit, or the namespace declaration
        /// that holds the file's usings), or null when <paramref name="ns"/> is already imported at <paramref name="position"/>.
        /// </summary>
        public static SyntaxNode? MissingIn(SyntaxNode root, SemanticModel model, int position, string ns, CancellationToken cancellationToken)
        {
            foreach (IImportScope scope in model.GetImportScopes(position, cancellationToken))
            {
                foreach (ImportedNamespaceOrType import in scope.Imports)
                {
                    INamespaceOrTypeSymbol imported = import.NamespaceOrType;
                    string name = imported.ToDisplayString();
                    if (name == ns || (imported is ITypeSymbol && imported.ContainingNamespace?.ToDisplayString() == ns))
                    {
                        return null;
                    }
                }
            }

            if (!(root is CompilationUnitSyntax unit))
            {
                return null;
            }

            if (unit.Usings.Count == 0)
            {
                // The file's usings may live in its namespace declaration.
                SyntaxToken token = root.FindToken(position);
                BaseNamespaceDeclarationSyntax? withUsings = token.Parent?.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().LastOrDefault(n => n.Usings.Count > 0);
                if (withUsings != null)
                {
                    return withUsings;
                }
            }

            return unit;
        }

        /// <summary>Adds <c>using <paramref name="ns"/>;</c> to the container's usings, in order (System directives first).</summary>
        public static void Add(SyntaxEditor editor, SyntaxNode container, string ns)
        {
            editor.ReplaceNode(container, (current, _) => current switch
            {
                CompilationUnitSyntax unit => unit.WithUsings(Insert(unit.Usings, ns, unit)),
                BaseNamespaceDeclarationSyntax declaration => declaration.WithUsings(Insert(declaration.Usings, ns, declaration)),
                _ => current,
            });
        }

        private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, string ns, SyntaxNode container)
        {
            SyntaxTrivia newLine = EndOfLine(container);
            UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(newLine);

            if (usings.Count == 0)
            {
                // A file without usings: the directive and a blank line go first (a header or doc comment stays on its code).
                return SyntaxFactory.SingletonList(directive.WithTrailingTrivia(newLine, newLine));
            }

            // Among plain usings, System directives first: after the last System directive that sorts before it, else
            // before the first System directive, else before the first plain using, else after all (global, static, alias).
            int insertAt = -1;
            int firstSystem = -1;
            int firstPlain = -1;
            for (int i = 0; i < usings.Count; i++)
            {
                UsingDirectiveSyntax existing = usings[i];
                if (existing.Alias != null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || !existing.GlobalKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
                {
                    continue;
                }

                firstPlain = firstPlain < 0 ? i : firstPlain;
                string name = existing.Name.ToString();
                if (name == "System" || name.StartsWith("System.", StringComparison.Ordinal))
                {
                    firstSystem = firstSystem < 0 ? i : firstSystem;
                    if (string.CompareOrdinal(name, ns) < 0)
                    {
                        insertAt = i + 1;
                    }
                }
            }

            if (!(ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
            {
                // Another namespace: after the System directives, in order among the others.
                insertAt = -1;
                for (int i = 0; i < usings.Count; i++)
                {
                    UsingDirectiveSyntax existing = usings[i];
                    if (existing.Alias != null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || !existing.GlobalKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
                    {
                        continue;
                    }

                    string name = existing.Name.ToString();
                    if (name == "System" || name.StartsWith("System.", StringComparison.Ordinal) || string.CompareOrdinal(name, ns) < 0)
                    {
                        insertAt = i + 1;
                    }
                }

                if (insertAt < 0)
                {
                    insertAt = firstPlain >= 0 ? firstPlain : usings.Count;
                }
            }
            else if (insertAt < 0)
            {
                insertAt = firstSystem >= 0 ? firstSystem : firstPlain >= 0 ? firstPlain : usings.Count;
            }

            if (insertAt == 0)
            {
                // Before the first directive: it keeps nothing of the file header; the header moves to the new first line.
                UsingDirectiveSyntax first = usings[0];
                directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
                usings = usings.Replace(first, first.WithoutLeadingTrivia());
            }

            else
            {
                // Indented like its neighbour (usings inside a namespace are indented).
                UsingDirectiveSyntax neighbour = usings[Math.Min(insertAt, usings.Count - 1)];
                SyntaxTriviaList leading = neighbour.GetLeadingTrivia();
                directive = directive.WithLeadingTrivia(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            }

            return usings.Insert(insertAt, directive);
        }

        private static SyntaxTrivia EndOfLine(SyntaxNode container)
        {
            foreach (SyntaxTrivia trivia in container.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.EndOfLine("\n");
        }
    }
}
