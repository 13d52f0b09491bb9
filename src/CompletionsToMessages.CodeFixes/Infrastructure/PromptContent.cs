using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// A legacy prompt read off the syntax of its expression and converted by the shared
    /// <see cref="LegacyPromptParser"/>: system text and turns whose content is literal text and holes (the
    /// expressions that are known only at run time). Renders each part back to C# source.
    /// </summary>
    internal sealed class PromptContent
    {
        private readonly SemanticModel model;
        private readonly CancellationToken cancellationToken;

        private readonly Dictionary<string, string> constants;

        private PromptContent(ParsedPrompt parsed, SemanticModel model, Dictionary<string, string> constants, CancellationToken cancellationToken)
        {
            Parsed = parsed;
            this.model = model;
            this.constants = constants;
            this.cancellationToken = cancellationToken;
        }

        public ParsedPrompt Parsed { get; }

        /// <summary>
        /// Converts <paramref name="pieces"/>; null when the prompt is not known at compile time (no turn marker in its
        /// text), when the legacy API would have rejected it, or when a part cannot be written back safely.
        /// </summary>
        /// <param name="pieces">The prompt read from <paramref name="source"/>.</param>
        /// <param name="source">The prompt expression as written; string constants named in it are kept by name when a whole part is their value.</param>
        /// <param name="position">Where the new parts go (names must mean the same there).</param>
        public static PromptContent? Create(List<PromptPiece> pieces, ExpressionSyntax source, int position, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!PromptSyntax.HasMarker(pieces))
            {
                return null; // Only known at run time.
            }

            ParsedPrompt parsed = LegacyPromptParser.Parse(pieces);
            if (!parsed.IsValid)
            {
                return null;
            }

            // A hole before the first Human turn may be a conversation history that holds earlier turns at run time;
            // only a value that names itself as system text is taken for system text.
            foreach (PromptPiece piece in parsed.System)
            {
                if (!piece.IsText && !NamesSystemText(piece.Hole!))
                {
                    return null;
                }
            }

            var content = new PromptContent(parsed, model, Constants(source, position, model, cancellationToken), cancellationToken);
            if (content.Render(parsed.System, false) is null && parsed.HasSystem)
            {
                return null;
            }

            for (int i = 0; i < parsed.Turns.Count; i++)
            {
                if (content.RenderTurn(i) is null)
                {
                    return null;
                }
            }

            return content;
        }

        /// <summary>The system text as a C# expression; null when there is none.</summary>
        public string? RenderSystem() => Parsed.HasSystem ? Render(Parsed.System, false) : null;

        /// <summary>The content of turn <paramref name="index"/> as a C# expression of type string.</summary>
        public string? RenderTurn(int index)
        {
            PromptTurn turn = Parsed.Turns[index];
            bool prefillEndingWithHole = index == Parsed.Turns.Count - 1 && Parsed.PrefillEndsWithHole;
            return Render(turn.Content, prefillEndingWithHole);
        }

        public static string RoleOf(PromptTurn turn) => turn.Role == PromptRole.User ? "user" : "assistant";

        /// <summary>
        /// A string literal when there are no holes; the hole itself when it is the whole content and a non-null string;
        /// otherwise an interpolated string. A prefill that ends with a hole is trimmed at run time, as the Messages API
        /// rejects a final assistant message ending in whitespace.
        /// </summary>
        private string? Render(IReadOnlyList<PromptPiece> pieces, bool trimEnd)
        {
            bool hasHole = false;
            foreach (PromptPiece piece in pieces)
            {
                hasHole |= !piece.IsText;
            }

            if (!hasHole)
            {
                string text = LegacyPromptParser.Render(pieces);
                return constants.TryGetValue(text, out string? name) ? name : SymbolDisplay.FormatLiteral(text, quote: true);
            }

            if (!trimEnd && pieces.Count == 1 && pieces[0].Hole is ExpressionSyntax single && IsNonNullString(single))
            {
                return single.WithoutTrivia().ToString();
            }

            var builder = new StringBuilder("$\"");
            foreach (PromptPiece piece in pieces)
            {
                if (piece.IsText)
                {
                    string escaped = SymbolDisplay.FormatLiteral(piece.Text!, quote: true);
                    builder.Append(escaped.Substring(1, escaped.Length - 2).Replace("{", "{{").Replace("}", "}}"));
                    continue;
                }

                string? hole = RenderHole(piece.Hole!);
                if (hole is null)
                {
                    return null;
                }

                builder.Append(hole);
            }

            builder.Append('"');
            if (trimEnd)
            {
                builder.Append(".TrimEnd()");
            }

            return builder.ToString();
        }

        private static string? RenderHole(object hole)
        {
            string text;
            switch (hole)
            {
                case InterpolationSyntax interpolation:
                    // Alignment and format are kept; a format written with escapes (verbatim/raw strings differ) is not.
                    if (interpolation.FormatClause is { } format && format.FormatStringToken.Text != format.FormatStringToken.ValueText)
                    {
                        return null;
                    }

                    string? inner = RenderHole(interpolation.Expression);
                    if (inner is null)
                    {
                        return null;
                    }

                    text = inner.Substring(0, inner.Length - 1)
                        + (interpolation.AlignmentClause?.WithoutTrivia().ToString() ?? string.Empty)
                        + (interpolation.FormatClause?.WithoutTrivia().ToString() ?? string.Empty)
                        + "}";
                    break;

                case ExpressionSyntax expression:
                    string source = expression.WithoutTrivia().ToString();
                    text = "{" + (NeedsParentheses(expression) ? "(" + source + ")" : source) + "}";
                    break;

                default:
                    return null;
            }

            // A hole spanning lines needs C# 11 in a regular interpolated string; keep it simple and refuse.
            return text.IndexOf('\n') >= 0 || text.IndexOf('\r') >= 0 ? null : text;
        }

        private static bool NeedsParentheses(ExpressionSyntax expression) => !(expression is IdentifierNameSyntax
            || expression is MemberAccessExpressionSyntax
            || expression is InvocationExpressionSyntax
            || expression is ElementAccessExpressionSyntax
            || expression is LiteralExpressionSyntax
            || expression is ParenthesizedExpressionSyntax
            || expression is ThisExpressionSyntax
            || expression is GenericNameSyntax
            || expression is InterpolatedStringExpressionSyntax);

        private bool IsNonNullString(ExpressionSyntax expression)
        {
            TypeInfo info = model.GetTypeInfo(expression, cancellationToken);
            return info.Type?.SpecialType == SpecialType.System_String && info.Nullability.FlowState != NullableFlowState.MaybeNull;
        }

        /// <summary>String constants named in the prompt (no markers in them) by value, when the name means the same at <paramref name="position"/>.</summary>
        private static Dictionary<string, string> Constants(ExpressionSyntax source, int position, SemanticModel model, CancellationToken cancellationToken)
        {
            var constants = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (SyntaxNode node in source.DescendantNodesAndSelf())
            {
                if (!(node is IdentifierNameSyntax || node is MemberAccessExpressionSyntax) || node.Parent is MemberAccessExpressionSyntax { Name: var name } && name == node)
                {
                    continue;
                }

                var expression = (ExpressionSyntax)node;
                if (!(model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string value })
                    || value.Length == 0 || LegacyPromptParser.ContainsMarker(value) || constants.ContainsKey(value))
                {
                    continue;
                }

                // The leftmost name must find the same symbol where the new code goes.
                ExpressionSyntax leftmost = expression;
                while (leftmost is MemberAccessExpressionSyntax access)
                {
                    leftmost = access.Expression;
                }

                if (leftmost is IdentifierNameSyntax identifier
                    && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ISymbol symbol
                    && model.LookupSymbols(position, name: identifier.Identifier.ValueText).Contains(symbol, SymbolEqualityComparer.Default))
                {
                    constants.Add(value, expression.WithoutTrivia().ToString());
                }
            }

            return constants;
        }

        private static bool NamesSystemText(object hole)
        {
            SyntaxNode node = hole is InterpolationSyntax interpolation ? interpolation.Expression : (SyntaxNode)hole;
            string? name = node switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            return name != null && (name.IndexOf("system", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("instruction", StringComparison.OrdinalIgnoreCase) >= 0);
        }
    }
}
