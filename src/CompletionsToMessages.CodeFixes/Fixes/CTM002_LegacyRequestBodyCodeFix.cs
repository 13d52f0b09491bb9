using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM002: rewrites a Text Completions body into a Messages API body of the same C# shape (anonymous object,
    /// <c>Dictionary&lt;string, object&gt;</c>, <c>JsonObject</c>, Newtonsoft <c>JObject</c>): <c>max_tokens</c>,
    /// <c>messages</c> and <c>system</c> from the prompt's syntax, "\n\nHuman:" out of <c>stop_sequences</c>,
    /// <c>anthropic_version</c> for Bedrock. A prompt known only at run time is converted at run time by the shim's
    /// <c>LegacyPrompt.ToMessages</c> when the compilation references CompletionsToMessages.Shim (see <see cref="RuntimePrompt"/>);
    /// without the shim it is not offered. Not offered either when the legacy API would have rejected the prompt, or when
    /// the result might not compile or mean the same (see <see cref="BodyRewrite"/>).
    /// The endpoint is left alone, except for a streamed body (<c>"stream": true</c>) whose request CTM001's migration can
    /// take whole with the shim's <c>LegacyEventStream</c> (see <see cref="LegacyStreamRead"/>): then this fix makes that
    /// migration (endpoint, body, stream read), so a legacy event parser never faces a Messages stream.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LegacyRequestBodyCodeFix)), Shared]
    public sealed class LegacyRequestBodyCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyRequestBody);

        protected override string Title => "Rewrite to a Messages API body";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            BodyRewrite.Create(root, model, diagnostic, cancellationToken) != null;

        protected override string? TitleIfFixable(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            !(BodyRewrite.Create(root, model, diagnostic, cancellationToken) is BodyRewrite rewrite) ? null
            : StreamedRequest(root, model, rewrite, cancellationToken) != null ? "Migrate the streamed request to the Messages API"
            : Title;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var rewrites = new List<BodyRewrite>();
            var migrations = new List<RequestMigration>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (BodyRewrite.Create(editor.OriginalRoot, model, diagnostic, cancellationToken) is BodyRewrite rewrite)
                {
                    if (StreamedRequest(editor.OriginalRoot, model, rewrite, cancellationToken) is RequestMigration migration)
                    {
                        migrations.Add(migration);
                    }
                    else
                    {
                        rewrites.Add(rewrite);
                    }
                }
            }

            RequestMigration.Apply(editor, model, migrations, rewrites, cancellationToken);
        }

        /// <summary>
        /// A streamed body whose request the CTM001 migration takes as a whole (shim referenced, the one stream read found):
        /// the endpoint, the body and the stream read change together, so the event parser keeps working at once.
        /// </summary>
        private static RequestMigration? StreamedRequest(SyntaxNode root, SemanticModel model, BodyRewrite rewrite, CancellationToken cancellationToken) =>
            RequestMigration.IsStreamed(rewrite.Container) ? RequestMigration.OfStreamedBody(root, model, rewrite.Container, cancellationToken) : null;
    }
}
