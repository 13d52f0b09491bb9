using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM001: "Migrate the request to the Messages API". Changes the endpoint string to <c>/v1/messages</c> AND, in the
    /// same edit, rewrites every body sent to it with the CTM002 rewriter and updates an anthropic-version 2023-01-01
    /// header in reach (see <see cref="RequestMigration"/>). Offered only when every use of the endpoint is a request
    /// whose body is converted here or already is a Messages body; never the endpoint alone in front of a legacy body.
    /// Reading the answer (CTM005) is a fix of its own.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LegacyEndpointCodeFix)), Shared]
    public sealed class LegacyEndpointCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyEndpoint);

        protected override string Title => "Migrate the request to the Messages API";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            RequestMigration.Create(root, model, diagnostic, cancellationToken) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var endpoints = new HashSet<SyntaxNode>();
            var versions = new HashSet<SyntaxNode>();
            var rewrites = new List<BodyRewrite>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (!(RequestMigration.Create(editor.OriginalRoot, model, diagnostic, cancellationToken) is RequestMigration migration))
                {
                    continue;
                }

                if (endpoints.Add(migration.Endpoint))
                {
                    editor.ReplaceNode(migration.Endpoint, migration.EndpointReplacement);
                }

                rewrites.AddRange(migration.Rewrites);
                foreach ((var literal, var replacement) in migration.Versions)
                {
                    if (versions.Add(literal))
                    {
                        editor.ReplaceNode(literal, replacement);
                    }
                }
            }

            // The same edit as the CTM002 fix (each body once, a prompt local removed when all its uses were rewritten).
            BodyRewrite.Apply(editor, model, rewrites, cancellationToken);
        }
    }
}
