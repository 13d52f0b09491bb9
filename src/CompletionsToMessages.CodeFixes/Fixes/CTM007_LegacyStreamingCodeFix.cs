using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM007: "Migrate the streamed request to the Messages API". A hand-written Text Completions event parser keeps
    /// working when the response stream it reads comes through the shim's <c>LegacyEventStream.FromMessages</c>: this fix
    /// makes CTM001's whole-request migration (endpoint, body, anthropic-version) of the streamed request whose one
    /// stream read is in the same member as the reported test, and wraps that read. Offered only when the project
    /// references CompletionsToMessages.Shim and the read is unambiguous (see <see cref="LegacyStreamRead"/>); the parser
    /// itself is not changed (its tests now read the adapter's 2023-06-01 events, and CTM007 no longer reports them).
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LegacyStreamingCodeFix)), Shared]
    public sealed class LegacyStreamingCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyStreaming);

        protected override string Title => "Migrate the streamed request to the Messages API";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            Migration(root, model, diagnostic, cancellationToken) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var migrations = new List<RequestMigration>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (Migration(editor.OriginalRoot, model, diagnostic, cancellationToken) is RequestMigration migration)
                {
                    migrations.Add(migration);
                }
            }

            RequestMigration.Apply(editor, model, migrations, Enumerable.Empty<BodyRewrite>(), cancellationToken);
        }

        private static RequestMigration? Migration(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            RequestMigration.OfStreamParser(root, model, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), cancellationToken);
    }
}
