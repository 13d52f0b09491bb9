using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM009: "\n\nHuman:" (a literal or a marker constant) as an element of a request's stop_sequences /
    /// StopSequences collection, or inside a JSON "stop_sequences" array.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HumanStopSequenceAnalyzer : CtmAnalyzer
    {
        private static readonly Regex JsonStopHuman = new Regex("\"stop_sequences\"\\s*:\\s*\\[[^\\]]*\"\\\\n\\\\nHuman:", RegexOptions.CultureInvariant);

        private static readonly string[] Words = { "Human:" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM009_HumanStopSequence);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // Every literal finding holds "Human:": one search of each file, not a callback per literal.
            context.RegisterSyntaxTreeAction(
                c =>
                {
                    if (!(LiteralSearch.Candidates(c.Tree, Words, c.CancellationToken) is List<LiteralExpressionSyntax> literals))
                    {
                        return;
                    }

                    foreach (LiteralExpressionSyntax literal in literals)
                    {
                        string value = literal.Token.ValueText;
                        if (IsHumanMarker(value) ? IsStopSequenceElement(literal) : value.IndexOf("\"stop_sequences\"", StringComparison.Ordinal) >= 0 && JsonStopHuman.IsMatch(value))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM009_HumanStopSequence, literal.GetLocation()));
                        }
                    }
                });

            // Marker constants (HUMAN_PROMPT, HumanSignal, …) as elements: visited from the collections that can hold
            // them, which are far rarer than identifiers (a callback on every IdentifierName cost more than the rest of
            // the rule). The elements checked are exactly those IsStopSequenceElement accepts.
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    foreach (ExpressionSyntax element in ((InitializerExpressionSyntax)c.Node).Expressions)
                    {
                        AnalyzeElement(c, element);
                    }
                },
                SyntaxKind.ArrayInitializerExpression,
                SyntaxKind.CollectionInitializerExpression,
                SyntaxKind.ObjectInitializerExpression,
                SyntaxKind.ComplexElementInitializerExpression,
                SyntaxKind.WithInitializerExpression);

            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var creation = (ObjectCreationExpressionSyntax)c.Node;
                    if (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0 || RequestSyntax.LastName(creation.Type) != "JArray")
                    {
                        return;
                    }

                    foreach (ArgumentSyntax argument in creation.ArgumentList.Arguments)
                    {
                        AnalyzeElement(c, argument.Expression);
                    }
                },
                SyntaxKind.ObjectCreationExpression);

            context.RegisterSyntaxNodeAction(
                c =>
                {
                    foreach (CollectionElementSyntax element in ((CollectionExpressionSyntax)c.Node).Elements)
                    {
                        if (element is ExpressionElementSyntax expressionElement)
                        {
                            AnalyzeElement(c, expressionElement.Expression);
                        }
                    }
                },
                SyntaxKind.CollectionExpression);
        }

        /// <summary><c>value.TrimEnd() == "\n\nHuman:"</c> without allocating.</summary>
        private static bool IsHumanMarker(string value)
        {
            if (!value.StartsWith(LegacyWire.HumanMarker, StringComparison.Ordinal))
            {
                return false;
            }

            for (int i = LegacyWire.HumanMarker.Length; i < value.Length; i++)
            {
                if (!char.IsWhiteSpace(value[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A marker constant, possibly parenthesized or cast, as a direct element: report when the collection is stop_sequences.</summary>
        private static void AnalyzeElement(SyntaxNodeAnalysisContext context, ExpressionSyntax expression)
        {
            while (true)
            {
                if (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }
                else if (expression is CastExpressionSyntax cast)
                {
                    expression = cast.Expression;
                }
                else
                {
                    break;
                }
            }

            IdentifierNameSyntax? name = expression switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax access => access.Name as IdentifierNameSyntax,
                _ => null,
            };
            if (name != null && LegacyWire.IsHumanMarkerConstantName(name.Identifier.ValueText) && IsStopSequenceElement(expression))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM009_HumanStopSequence, expression.GetLocation()));
            }
        }

        /// <summary>Is the expression an element of a collection that is the value of a stop_sequences member?</summary>
        internal static bool IsStopSequenceElement(ExpressionSyntax element)
        {
            SyntaxNode? parent = StringSyntax.Outermost(element).Parent;
            ExpressionSyntax? collection = null;
            if (parent is InitializerExpressionSyntax initializer)
            {
                collection = initializer.Parent as ExpressionSyntax; // new[] { … }, new List<string> { … }
            }
            else if (parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax array } }
                     && RequestSyntax.LastName(array.Type) is "JArray" or "JsonArray")
            {
                collection = array; // new JArray("…"), new JsonArray("…")
            }
            else if (parent is ExpressionElementSyntax)
            {
                collection = parent.Parent as ExpressionSyntax; // [ … ] collection expressions
            }

            return collection != null
                && RequestSyntax.TryGetMemberOfValue(collection, out BodyMember member, out _)
                && member.Is(LegacyWire.StopSequences);
        }
    }
}
