using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>Is a literal the constant side of an equality test? (==, !=, Equals, case labels, patterns, StartsWith…)</summary>
    internal static class ComparisonSyntax
    {
        /// <summary>Returns the syntax of the comparison (the node a fix would rewrite), or null.</summary>
        public static SyntaxNode? GetComparison(ExpressionSyntax literal, bool includePrefixTests)
        {
            ExpressionSyntax outer = StringSyntax.Outermost(literal);
            switch (outer.Parent)
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    return binary;
                case CaseSwitchLabelSyntax label:
                    return label;
                case ConstantPatternSyntax pattern:
                    return pattern;
                case ArgumentSyntax argument when argument.Parent?.Parent is InvocationExpressionSyntax invocation:
                    string? name = (invocation.Expression as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText
                                   ?? (invocation.Expression as MemberBindingExpressionSyntax)?.Name.Identifier.ValueText
                                   ?? (invocation.Expression as IdentifierNameSyntax)?.Identifier.ValueText;
                    if (name == "Equals" || name == "Compare" || name == "CompareOrdinal")
                    {
                        return WithConditionalReceiver(invocation);
                    }

                    if (includePrefixTests && (name == "StartsWith" || name == "EndsWith" || name == "Contains"))
                    {
                        return WithConditionalReceiver(invocation);
                    }

                    return null;
                case MemberAccessExpressionSyntax access when access.Expression == outer && access.Parent is InvocationExpressionSyntax receiverCall
                                                             && access.Name.Identifier.ValueText == "Equals":
                    return receiverCall;
                default:
                    return null;
            }
        }

        /// <summary><c>x?.Equals("…")</c>: the whole conditional access, so the receiver is part of the reported comparison.</summary>
        private static SyntaxNode WithConditionalReceiver(InvocationExpressionSyntax invocation) =>
            invocation.Expression is MemberBindingExpressionSyntax && invocation.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == invocation
                ? conditional
                : (SyntaxNode)invocation;

        /// <summary>The statement or switch a comparison belongs to: where an "already migrated" check would sit too.</summary>
        public static SyntaxNode Scope(SyntaxNode comparison)
        {
            for (SyntaxNode? node = comparison; node != null; node = node.Parent)
            {
                if (node is SwitchStatementSyntax || node is SwitchExpressionSyntax)
                {
                    return node;
                }

                if (node is StatementSyntax && !(node is BlockSyntax))
                {
                    // For an if statement, only its condition, not the body.
                    return node is IfStatementSyntax ifStatement ? ifStatement.Condition : node;
                }

                if (node is MemberDeclarationSyntax)
                {
                    return node;
                }
            }

            return comparison;
        }

        public static bool ScopeContainsLiteral(SyntaxNode scope, string value)
        {
            foreach (SyntaxNode node in scope.DescendantNodesAndSelf())
            {
                if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText == value)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
