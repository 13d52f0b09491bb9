using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM006: makes a "finished normally" check also accept "end_turn":
    /// <c>r == "stop_sequence"</c> → <c>r is "stop_sequence" or "end_turn"</c> (C# 9+, string operand; otherwise
    /// <c>(r == "stop_sequence" || r == "end_turn")</c> when <c>r</c> is a plain variable or member),
    /// <c>!=</c> likewise with <c>is not (…)</c> / <c>&amp;&amp;</c>, patterns get <c>or "end_turn"</c>, and a
    /// <c>case "stop_sequence":</c> label gets a <c>case "end_turn":</c> label beside it.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LegacyStopReasonCodeFix)), Shared]
    public sealed class LegacyStopReasonCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyStopReason);

        protected override string Title => "Also accept \"end_turn\"";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            Plan(root, model, diagnostic, cancellationToken) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (!(Plan(editor.OriginalRoot, model, diagnostic, cancellationToken) is (SyntaxNode original, SyntaxNode replacement, bool insertAfter)))
                {
                    continue;
                }

                if (insertAfter)
                {
                    editor.InsertAfter(original, replacement);
                }
                else
                {
                    editor.ReplaceNode(original, replacement);
                }
            }
        }

        private static (SyntaxNode Original, SyntaxNode Replacement, bool InsertAfter)? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is LiteralExpressionSyntax && node.Parent is ConstantPatternSyntax sharedSpan && sharedSpan.Span == node.Span)
            {
                node = sharedSpan; // the pattern and its literal share a span
            }

            bool patterns = ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp9;
            LiteralExpressionSyntax endTurn = LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(LegacyWire.StopReasonEndTurn));

            switch (node)
            {
                case CaseSwitchLabelSyntax label:
                    return (label, CaseSwitchLabel(endTurn).WithTriviaFrom(label), true);

                case ConstantPatternSyntax constant when patterns:
                    PatternSyntax either = BinaryPattern(SyntaxKind.OrPattern, constant.WithoutTrivia(), ConstantPattern(endTurn));
                    if (constant.Parent is PatternSyntax)
                    {
                        either = ParenthesizedPattern(either);
                    }

                    return (constant, either.WithTriviaFrom(constant), false);

                case BinaryExpressionSyntax binary:
                    ExpressionSyntax operand = IsStopSequence(binary.Right) ? binary.Left : binary.Right;
                    bool equals = binary.IsKind(SyntaxKind.EqualsExpression);
                    ITypeSymbol? type = model.GetTypeInfo(operand, cancellationToken).Type;
                    if (patterns && type?.SpecialType == SpecialType.System_String)
                    {
                        PatternSyntax both = BinaryPattern(SyntaxKind.OrPattern, ConstantPattern(StopSequenceLiteral()), ConstantPattern(endTurn));
                        PatternSyntax pattern = equals ? both : UnaryPattern(ParenthesizedPattern(both));
                        ExpressionSyntax isPattern = IsPatternExpression(operand.WithoutTrivia(), pattern);
                        return (binary, Wrap(binary, isPattern), false);
                    }

                    if (!IsPlainRead(operand))
                    {
                        return null; // Evaluating the operand twice might not be the same program.
                    }

                    ExpressionSyntax second = BinaryExpression(binary.Kind(), operand.WithoutTrivia(), endTurn);
                    ExpressionSyntax combined = ParenthesizedExpression(BinaryExpression(
                        equals ? SyntaxKind.LogicalOrExpression : SyntaxKind.LogicalAndExpression, binary.WithoutTrivia(), second));
                    return (binary, combined.WithTriviaFrom(binary), false);

                default:
                    return null; // Equals(...) calls: the person decides.
            }
        }

        private static ExpressionSyntax Wrap(BinaryExpressionSyntax original, ExpressionSyntax replacement)
        {
            // `is` binds tighter than == and && but looser than +: parenthesise unless the comparison stood alone.
            bool alone = original.Parent is ParenthesizedExpressionSyntax || original.Parent is ArgumentSyntax
                         || original.Parent is IfStatementSyntax || original.Parent is EqualsValueClauseSyntax
                         || original.Parent is ReturnStatementSyntax || original.Parent is ArrowExpressionClauseSyntax
                         || original.Parent is WhileStatementSyntax || original.Parent is AssignmentExpressionSyntax
                         || (original.Parent is BinaryExpressionSyntax logical && (logical.IsKind(SyntaxKind.LogicalAndExpression) || logical.IsKind(SyntaxKind.LogicalOrExpression)));
            return (alone ? replacement : ParenthesizedExpression(replacement)).WithTriviaFrom(original);
        }

        private static LiteralExpressionSyntax StopSequenceLiteral() =>
            LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(LegacyWire.StopReasonStopSequence));

        private static bool IsStopSequence(ExpressionSyntax expression) =>
            expression is LiteralExpressionSyntax literal && literal.Token.ValueText == LegacyWire.StopReasonStopSequence;

        private static bool IsPlainRead(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax _ => true,
            MemberAccessExpressionSyntax access => IsPlainRead(access.Expression) || access.Expression is ThisExpressionSyntax,
            ParenthesizedExpressionSyntax parenthesized => IsPlainRead(parenthesized.Expression),
            _ => false,
        };
    }
}
