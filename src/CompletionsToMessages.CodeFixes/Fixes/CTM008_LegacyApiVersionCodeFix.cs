using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>CTM008: <c>"2023-01-01"</c> → <c>"2023-06-01"</c>, in a header value, a version constant or raw header text.</summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LegacyApiVersionCodeFix)), Shared]
    public sealed class LegacyApiVersionCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyApiVersion);

        protected override string Title => "Use anthropic-version 2023-06-01";

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
            // A constant used as the header value is fixed at its declaration (reported there); uses have no fix.
            if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal))
            {
                return null;
            }

            LiteralExpressionSyntax? replacement = Rewrite(literal);
            return replacement is null ? null : (literal, replacement);
        }

        /// <summary>The literal with 2023-06-01 in place of 2023-01-01 (also used by CTM001's request migration); null when there is none to change.</summary>
        internal static LiteralExpressionSyntax? Rewrite(LiteralExpressionSyntax literal)
        {
            string? after = literal.Token.ValueText == LegacyWire.LegacyVersion ? null : LegacyWire.VersionHeader;
            return LiteralEdits.Replace(literal, LegacyWire.LegacyVersion, LegacyWire.CurrentVersion, after);
        }
    }
}
