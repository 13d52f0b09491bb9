using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
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
                if (Rewrite(editor.OriginalRoot, diagnostic) is (SyntaxNode literal, SyntaxNode replacement))
                {
                    editor.ReplaceNode(literal, replacement);
                }
            }
        }

        private static (SyntaxNode, SyntaxNode)? Rewrite(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(ModelIdAnalyzer.ModelProperty, out string? written) || written is null
                || !diagnostic.Properties.TryGetValue(ModelIdAnalyzer.SuccessorProperty, out string? successor) || successor is null
                || !ModelCatalog.ToClaudeApiId(successor).StartsWith("claude-", System.StringComparison.Ordinal) // no known successor: the person decides
                || PlatformOf(written) != PlatformOf(successor)) // a Bedrock/Vertex id needs a successor of its platform, which only the user's model_successors gives
            {
                return null;
            }

            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is InterpolatedStringTextSyntax text)
            {
                return ReplaceInText(text, written, successor) is InterpolatedStringTextSyntax edited ? (text, edited) : ((SyntaxNode, SyntaxNode)?)null;
            }

            if (!(node is LiteralExpressionSyntax literal))
            {
                return null;
            }

            bool whole = literal.Token.ValueText == written;
            LiteralExpressionSyntax? replacement = LiteralEdits.Replace(literal, written, successor, whole ? null : "model");
            return replacement is null ? null : (literal, replacement);
        }

        /// <summary>
        /// The "model" id in the text of an interpolated string: the id occurs once in the text as written and once in its
        /// value, and both ids are plain (letters, digits, '.', '-', '_'), so no escaping of the string's kind is involved.
        /// </summary>
        private static InterpolatedStringTextSyntax? ReplaceInText(InterpolatedStringTextSyntax text, string written, string successor)
        {
            SyntaxToken token = text.TextToken;
            string source = token.Text;
            string value = token.ValueText;
            int at = source.IndexOf(written, System.StringComparison.Ordinal);
            int valueAt = value.IndexOf(written, System.StringComparison.Ordinal);
            if (!IsPlain(written) || !IsPlain(successor) || at < 0 || valueAt < 0
                || source.IndexOf(written, at + 1, System.StringComparison.Ordinal) >= 0 || value.IndexOf(written, valueAt + 1, System.StringComparison.Ordinal) >= 0)
            {
                return null;
            }

            SyntaxToken replaced = SyntaxFactory.Token(
                token.LeadingTrivia,
                SyntaxKind.InterpolatedStringTextToken,
                source.Substring(0, at) + successor + source.Substring(at + written.Length),
                value.Substring(0, valueAt) + successor + value.Substring(valueAt + written.Length),
                token.TrailingTrivia);
            return text.WithTextToken(replaced);
        }

        private static bool IsPlain(string id) =>
            id.Length > 0 && id.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_');

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
