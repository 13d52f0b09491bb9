using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>Reading string values off syntax, cheaply (no semantic model unless one is passed).</summary>
    internal static class StringSyntax
    {
        /// <summary>The value of a (regular, verbatim or raw) string literal expression.</summary>
        public static bool TryGetLiteral(SyntaxNode? node, out string value)
        {
            if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                value = literal.Token.ValueText;
                return true;
            }

            value = string.Empty;
            return false;
        }

        /// <summary>A literal's value, or with a semantic model the constant value of any expression (const fields, nameof, "a" + "b").</summary>
        public static string? GetConstant(ExpressionSyntax? expression, SemanticModel? model, CancellationToken cancellationToken)
        {
            if (expression is null)
            {
                return null;
            }

            if (TryGetLiteral(expression, out string value))
            {
                return value;
            }

            if (model is null || expression.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            Optional<object?> constant = model.GetConstantValue(expression, cancellationToken);
            return constant.HasValue ? constant.Value as string : null;
        }

        /// <summary>True when any literal text part of the interpolated string contains <paramref name="needle"/>.</summary>
        public static bool InterpolatedTextContains(InterpolatedStringExpressionSyntax interpolated, string needle)
        {
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                if (content is InterpolatedStringTextSyntax text && text.TextToken.ValueText.IndexOf(needle, System.StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Skips parentheses and casts around a value: <c>(object)("x")</c> → <c>"x"</c>.</summary>
        public static ExpressionSyntax Unwrap(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        continue;
                    default:
                        return expression;
                }
            }
        }

        /// <summary>The expression a value sits in, skipping parentheses and casts upwards.</summary>
        public static ExpressionSyntax Outermost(ExpressionSyntax expression)
        {
            while (expression.Parent is ParenthesizedExpressionSyntax || expression.Parent is CastExpressionSyntax)
            {
                expression = (ExpressionSyntax)expression.Parent;
            }

            return expression;
        }
    }
}
