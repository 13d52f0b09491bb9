using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM001: "Migrate the request to the Messages API". Changes the endpoint string to <c>/v1/messages</c> AND, in the
    /// same edit, rewrites every body sent to it with the CTM002 rewriter and updates an anthropic-version 2023-01-01
    /// header in reach (see <see cref="RequestMigration"/>). Offered only when every use of the endpoint is a request
    /// whose body is converted here or already is a Messages body; never the endpoint alone in front of a legacy body.
    /// Reading the answer (CTM005) is a fix of its own. A streamed request (<c>"stream": true</c>) read by a hand-written
    /// Text Completions event parser is migrated only when the project references CompletionsToMessages.Shim: its one
    /// stream read is then wrapped in <c>LegacyEventStream.FromMessages(…)</c>, which serves the parser 2023-06-01
    /// <c>completion</c> events made from the Messages stream (see <see cref="LegacyStreamRead"/>).
    /// <para>
    /// Where that is not possible and the project references CompletionsToMessages.Shim, a hand-written DTO client method
    /// (<c>PostAsJsonAsync(endpoint, requestDto)</c> … <c>ReadFromJsonAsync&lt;ResponseDto&gt;</c>) is routed through the
    /// shim's <c>CompletionsClient.CreateAsync</c> instead ("Use CompletionsToMessages.Shim", see <see cref="ShimRouting"/>).
    /// Same equivalence key, so one Fix All (and one <c>dotnet format</c> pass) applies both kinds.
    /// </para>
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LegacyEndpointCodeFix)), Shared]
    public sealed class LegacyEndpointCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyEndpoint);

        protected override string Title => "Migrate the request to the Messages API";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            RequestMigration.Create(root, model, diagnostic, cancellationToken) != null
            || ShimRouting.Create(root, model, diagnostic, cancellationToken) != null;

        protected override string? TitleIfFixable(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            RequestMigration.Create(root, model, diagnostic, cancellationToken) != null ? Title
            : ShimRouting.Create(root, model, diagnostic, cancellationToken) != null ? "Use CompletionsToMessages.Shim"
            : null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var migrations = new List<RequestMigration>();
            var routed = new HashSet<SyntaxNode>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (RequestMigration.Create(editor.OriginalRoot, model, diagnostic, cancellationToken) is RequestMigration migration)
                {
                    migrations.Add(migration);
                }
                else if (ShimRouting.Create(editor.OriginalRoot, model, diagnostic, cancellationToken) is ShimRouting routing)
                {
                    ApplyShimRouting(editor, routing, routed);
                }
            }

            // Endpoint, bodies (the CTM002 edit), anthropic-version and the stream reads of streamed requests, each once.
            RequestMigration.Apply(editor, model, migrations, Enumerable.Empty<BodyRewrite>(), cancellationToken);
        }

        /// <summary>New method bodies; the endpoint field removed (all its uses were those methods).</summary>
        private static void ApplyShimRouting(DocumentEditor editor, ShimRouting routing, HashSet<SyntaxNode> routed)
        {
            foreach ((MethodDeclarationSyntax method, BlockSyntax body) in routing.Methods)
            {
                if (routed.Add(method))
                {
                    editor.ReplaceNode(method, (current, _) => ((MethodDeclarationSyntax)current).WithBody(body));
                }
            }

            if (routing.EndpointMember is MemberDeclarationSyntax member && routed.Add(member))
            {
                // Removed with its own trivia; the next member loses the blank line that separated the two when the
                // removed one was not preceded by a blank line itself (e.g. the first member of the type).
                if (member.Parent is TypeDeclarationSyntax type && type.Members.IndexOf(member) is int index && index + 1 < type.Members.Count
                    && !member.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
                {
                    MemberDeclarationSyntax next = type.Members[index + 1];
                    editor.ReplaceNode(next, (current, _) => current.WithLeadingTrivia(current.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia)).Prepend(IndentOf(next))));
                }

                editor.RemoveNode(member, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }

        private static SyntaxTrivia IndentOf(MemberDeclarationSyntax member)
        {
            SyntaxTrivia last = member.GetLeadingTrivia().LastOrDefault();
            return last.IsKind(SyntaxKind.WhitespaceTrivia) ? last : SyntaxFactory.Whitespace(string.Empty);
        }
    }
}
