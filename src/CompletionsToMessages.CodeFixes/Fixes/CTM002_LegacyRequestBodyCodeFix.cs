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
    /// <c>anthropic_version</c> for Bedrock. Not offered when the prompt is known only at run time, when the legacy API
    /// would have rejected it, or when the result might not compile or mean the same (see <see cref="BodyRewrite"/>).
    /// The endpoint is left alone.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LegacyRequestBodyCodeFix)), Shared]
    public sealed class LegacyRequestBodyCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyRequestBody);

        protected override string Title => "Rewrite to a Messages API body";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            BodyRewrite.Create(root, model, diagnostic, cancellationToken) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var rewrites = new List<BodyRewrite>();
            var seen = new HashSet<SyntaxNode>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (BodyRewrite.Create(editor.OriginalRoot, model, diagnostic, cancellationToken) is BodyRewrite rewrite && seen.Add(rewrite.Container))
                {
                    rewrites.Add(rewrite);
                }
            }

            foreach (BodyRewrite rewrite in rewrites)
            {
                editor.ReplaceNode(rewrite.Container, rewrite.Replacement);
            }

            // A prompt local goes when every use of it was a body rewritten here (so one by one and Fix All agree).
            foreach (IGrouping<ISymbol, BodyRewrite> group in rewrites.Where(r => r.Local != null).GroupBy(r => (ISymbol)r.Local!.Symbol, SymbolEqualityComparer.Default))
            {
                var fixedReferences = new HashSet<SyntaxNode>(group.Select(r => (SyntaxNode)r.Local!.Reference));
                PromptLocal local = group.First().Local!;
                if (local.References(model, cancellationToken).All(fixedReferences.Contains) && !local.Declarator.Parent!.Parent!.ContainsDirectives)
                {
                    local.RemoveDeclaration(editor);
                }
            }
        }
    }
}
