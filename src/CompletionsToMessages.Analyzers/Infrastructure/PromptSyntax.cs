using System.Collections.Generic;
using System.Threading;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Reads a prompt expression (literal, interpolation, <c>+</c>, <c>string.Concat</c>, <c>string.Format</c>,
    /// marker constants) as <see cref="PromptPiece"/>s: literal text, and holes for everything known only at run
    /// time. The holes are the <see cref="ExpressionSyntax"/> nodes themselves, so a fix can move them into messages.
    /// </summary>
    internal static class PromptSyntax
    {
        private const int MaxDepth = 64;

        /// <summary>
        /// Reads <paramref name="expression"/> into pieces. <paramref name="model"/> is optional: without it,
        /// marker constants are recognised by name only (HUMAN_PROMPT, AI_PROMPT, HumanSignal, AssistantSignal).
        /// </summary>
        public static List<PromptPiece> GetPieces(ExpressionSyntax expression, SemanticModel? model, CancellationToken cancellationToken)
        {
            var pieces = new List<PromptPiece>();
            Add(expression, model, pieces, 0, cancellationToken);
            return pieces;
        }

        /// <summary>True when some text piece holds a turn marker.</summary>
        public static bool HasMarker(List<PromptPiece> pieces)
        {
            foreach (PromptPiece piece in pieces)
            {
                if (piece.IsText && LegacyPromptParser.ContainsMarker(piece.Text!))
                {
                    return true;
                }
            }

            // A marker can be split across adjacent pieces ("\n\n" + "Human:").
            return LegacyPromptParser.ContainsMarker(LegacyPromptParser.Render(pieces, _ => "\u0001"));
        }

        /// <summary>The marker text a well-known constant name stands for, or null.</summary>
        public static string? MarkerForName(string name)
        {
            if (LegacyWire.IsHumanMarkerConstantName(name))
            {
                return LegacyWire.HumanMarker;
            }

            return LegacyWire.IsAssistantMarkerConstantName(name) ? LegacyWire.AssistantMarker : null;
        }

        private static void Add(ExpressionSyntax expression, SemanticModel? model, List<PromptPiece> pieces, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                pieces.Add(PromptPiece.FromHole(expression));
                return;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    Add(parenthesized.Expression, model, pieces, depth + 1, cancellationToken);
                    return;

                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    pieces.Add(PromptPiece.FromText(literal.Token.ValueText));
                    return;

                case InterpolatedStringExpressionSyntax interpolated:
                    foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax text)
                        {
                            pieces.Add(PromptPiece.FromText(TextOf(interpolated, text)));
                        }
                        else if (content is InterpolationSyntax hole)
                        {
                            if (hole.AlignmentClause is null && hole.FormatClause is null)
                            {
                                Add(hole.Expression, model, pieces, depth + 1, cancellationToken);
                            }
                            else
                            {
                                pieces.Add(PromptPiece.FromHole(hole));
                            }
                        }
                    }

                    return;

                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) && IsStringy(binary):
                    Add(binary.Left, model, pieces, depth + 1, cancellationToken);
                    Add(binary.Right, model, pieces, depth + 1, cancellationToken);
                    return;

                case InvocationExpressionSyntax invocation when IsStringMethod(invocation, "Concat"):
                    foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
                    {
                        Add(argument.Expression, model, pieces, depth + 1, cancellationToken);
                    }

                    return;

                case InvocationExpressionSyntax invocation when IsStringMethod(invocation, "Format") && TryAddFormat(invocation, model, pieces, depth, cancellationToken):
                    return;
            }

            string? constant = Constant(expression, model, cancellationToken);
            pieces.Add(constant != null ? PromptPiece.FromText(constant) : PromptPiece.FromHole(expression));
        }

        /// <summary>
        /// The text of an interpolated string part. Roslyn's ValueText undoes escapes like <c>\"</c> but keeps the doubled
        /// braces of regular and verbatim interpolated strings (<c>{{</c> is one <c>{</c>); raw strings have none.
        /// </summary>
        private static string TextOf(InterpolatedStringExpressionSyntax interpolated, InterpolatedStringTextSyntax text)
        {
            string value = text.TextToken.ValueText;
            return interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) || interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken)
                ? value.Replace("{{", "{").Replace("}}", "}")
                : value;
        }

        private static string? Constant(ExpressionSyntax expression, SemanticModel? model, CancellationToken cancellationToken)
        {
            string? name = expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is null)
            {
                return null;
            }

            string? value = StringSyntax.GetConstant(expression, model, cancellationToken);
            return value ?? MarkerForName(name);
        }

        private static bool TryAddFormat(InvocationExpressionSyntax invocation, SemanticModel? model, List<PromptPiece> pieces, int depth, CancellationToken cancellationToken)
        {
            SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
            if (arguments.Count == 0 || !StringSyntax.TryGetLiteral(arguments[0].Expression, out string format))
            {
                return false;
            }

            // Only the simple "{0}" placeholders; anything fancier is left to run time.
            var parts = new List<PromptPiece>();
            int start = 0;
            for (int i = 0; i < format.Length; i++)
            {
                char c = format[i];
                if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
                {
                    parts.Add(PromptPiece.FromText(format.Substring(start, i - start + 1)));
                    i++;
                    start = i + 1;
                    continue;
                }

                if (c != '{')
                {
                    continue;
                }

                int close = format.IndexOf('}', i);
                if (close < 0 || !int.TryParse(format.Substring(i + 1, close - i - 1), out int index) || index < 0 || index + 1 >= arguments.Count)
                {
                    return false;
                }

                parts.Add(PromptPiece.FromText(format.Substring(start, i - start)));
                var hole = new List<PromptPiece>();
                Add(arguments[index + 1].Expression, model, hole, depth + 1, cancellationToken);
                parts.AddRange(hole);
                start = close + 1;
                i = close;
            }

            parts.Add(PromptPiece.FromText(format.Substring(start)));
            pieces.AddRange(parts);
            return true;
        }

        private static bool IsStringy(BinaryExpressionSyntax binary)
        {
            // Syntactic: a '+' chain counts as string concatenation when a string literal, an interpolated string
            // or a marker constant is somewhere in it.
            for (ExpressionSyntax? side = binary; side != null;)
            {
                if (side is BinaryExpressionSyntax b && b.IsKind(SyntaxKind.AddExpression))
                {
                    if (IsStringLeaf(b.Right))
                    {
                        return true;
                    }

                    side = b.Left;
                    continue;
                }

                return IsStringLeaf(side);
            }

            return false;
        }

        private static bool IsStringLeaf(ExpressionSyntax expression)
        {
            expression = StringSyntax.Unwrap(expression);
            return expression.IsKind(SyntaxKind.StringLiteralExpression)
                || expression is InterpolatedStringExpressionSyntax
                || (expression is IdentifierNameSyntax identifier && MarkerForName(identifier.Identifier.ValueText) != null)
                || (expression is MemberAccessExpressionSyntax access && MarkerForName(access.Name.Identifier.ValueText) != null)
                || (expression is BinaryExpressionSyntax inner && inner.IsKind(SyntaxKind.AddExpression) && IsStringy(inner));
        }

        private static bool IsStringMethod(InvocationExpressionSyntax invocation, string name) =>
            invocation.Expression is MemberAccessExpressionSyntax access
            && access.Name.Identifier.ValueText == name
            && (access.Expression is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.StringKeyword)
                || access.Expression is IdentifierNameSyntax type && type.Identifier.ValueText == "String");
    }
}
