using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM005: "Read the text blocks of content". Rewrites a read of the legacy <c>completion</c> string into the
    /// concatenated <c>text</c> of the <c>type: "text"</c> blocks of <c>content</c>, in the JSON library the code uses,
    /// as a <c>string</c> expression (see <see cref="ResponseTextRead"/> for the shapes and the refusals).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LegacyResponseReadCodeFix)), Shared]
    public sealed class LegacyResponseReadCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyResponseRead);

        protected override string Title => "Read the text blocks of content";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            ResponseTextRead.Plan(root, model, diagnostic.Location.SourceSpan, cancellationToken) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var usings = new System.Collections.Generic.List<(SyntaxNode Container, string Namespace)>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                ResponseTextRead.Rewrite? rewrite = ResponseTextRead.Plan(editor.OriginalRoot, model, diagnostic.Location.SourceSpan, cancellationToken);
                if (rewrite is null)
                {
                    continue;
                }

                editor.ReplaceNode(rewrite.Target, rewrite.Replacement);
                foreach (string ns in rewrite.Namespaces)
                {
                    SyntaxNode? container = UsingDirectives.MissingIn(editor.OriginalRoot, model, rewrite.Target.SpanStart, ns, cancellationToken);
                    if (container != null && !usings.Contains((container, ns)))
                    {
                        usings.Add((container, ns));
                    }
                }
            }

            // After the reads: the using edit replaces the container that holds them.
            foreach ((SyntaxNode container, string ns) in usings.OrderBy(u => u.Namespace, StringComparer.Ordinal))
            {
                UsingDirectives.Add(editor, container, ns);
            }
        }
    }
}
