using System;
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

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM009_HumanStopSequence);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var literal = (LiteralExpressionSyntax)c.Node;
                    string value = literal.Token.ValueText;
                    if (value.TrimEnd() == LegacyWire.HumanMarker)
                    {
                        if (IsStopSequenceElement(literal))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM009_HumanStopSequence, literal.GetLocation()));
                        }
                    }
                    else if (value.IndexOf("\"stop_sequences\"", StringComparison.Ordinal) >= 0 && JsonStopHuman.IsMatch(value))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM009_HumanStopSequence, literal.GetLocation()));
                    }
                },
                SyntaxKind.StringLiteralExpression);

            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var name = (IdentifierNameSyntax)c.Node;
                    if (!LegacyWire.IsHumanMarkerConstantName(name.Identifier.ValueText))
                    {
                        return;
                    }

                    ExpressionSyntax element = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
                    if (IsStopSequenceElement(element))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM009_HumanStopSequence, element.GetLocation()));
                    }
                },
                SyntaxKind.IdentifierName);
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
