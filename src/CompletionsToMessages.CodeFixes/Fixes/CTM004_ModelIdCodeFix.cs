using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM004: replaces a retired or deprecated model id with its successor (from the model table or
    /// <c>completions_to_messages.model_successors</c>, carried in the diagnostic). Claude API ids only, as a whole
    /// literal or as the "model" value in JSON text; Bedrock/Vertex ids and SDK constants are left to the person.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(ModelIdCodeFix)), Shared]
    public sealed class ModelIdCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ModelId);

        protected override string Title => "Use the successor model";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            Rewrite(root, diagnostic) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (Rewrite(editor.OriginalRoot, diagnostic) is (LiteralExpressionSyntax literal, LiteralExpressionSyntax replacement))
                {
                    editor.ReplaceNode(literal, replacement);
                }
            }
        }

        private static (LiteralExpressionSyntax, LiteralExpressionSyntax)? Rewrite(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(ModelIdAnalyzer.ModelProperty, out string? written) || written is null
                || !diagnostic.Properties.TryGetValue(ModelIdAnalyzer.SuccessorProperty, out string? successor) || successor is null
                || !ModelCatalog.ToClaudeApiId(successor).StartsWith("claude-", System.StringComparison.Ordinal) // no known successor: the person decides
                || PlatformOf(written) != PlatformOf(successor)) // a Bedrock/Vertex id needs a successor of its platform, which only the user's model_successors gives
            {
                return null;
            }

            if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal))
            {
                return null;
            }

            bool whole = literal.Token.ValueText == written;
            LiteralExpressionSyntax? replacement = LiteralEdits.Replace(literal, written, successor, whole ? null : "model");
            return replacement is null ? null : (literal, replacement);
        }

        /// <summary>
        /// Where an id is used: the Claude API ("claude-2.1"), Amazon Bedrock ("anthropic.claude-v2", "us.anthropic.…")
        /// or Vertex AI ("claude-3-5-sonnet@20240620"). The shipped table only knows Claude API successors.
        /// </summary>
        private static string PlatformOf(string id) =>
            id.IndexOf('@') > 0 ? "vertex"
            : ModelCatalog.ToClaudeApiId(id) != id && id.IndexOf("anthropic.", System.StringComparison.Ordinal) >= 0 ? "bedrock"
            : "claude";
    }
}
