using System;
using System.Collections.Immutable;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM002: a Text Completions request body. The signature of every such body is the member
    /// <c>max_tokens_to_sample</c>, which no other API uses; it is reported where it is named: an anonymous
    /// member, a dictionary/JsonObject/JObject key, a DTO property (attribute or snake_case name), or JSON text.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyRequestBodyAnalyzer : CtmAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM002_LegacyRequestBody);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            context.RegisterSyntaxNodeAction(AnalyzeLiteral, SyntaxKind.StringLiteralExpression);
            context.RegisterSyntaxNodeAction(AnalyzeInterpolated, SyntaxKind.InterpolatedStringExpression);
            context.RegisterSyntaxNodeAction(AnalyzeAnonymousMember, SyntaxKind.AnonymousObjectMemberDeclarator);
            context.RegisterSyntaxNodeAction(AnalyzeProperty, SyntaxKind.PropertyDeclaration);
            context.RegisterSyntaxNodeAction(AnalyzeField, SyntaxKind.FieldDeclaration);
        }

        private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
        {
            var literal = (LiteralExpressionSyntax)context.Node;
            string value = literal.Token.ValueText;
            if (value == LegacyWire.MaxTokensToSample)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, literal.GetLocation(), DescribeKey(literal)));
            }
            else if (value.IndexOf(LegacyWire.QuotedMaxTokensToSample, StringComparison.Ordinal) >= 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, literal.GetLocation(), "JSON text"));
            }
        }

        private static void AnalyzeInterpolated(SyntaxNodeAnalysisContext context)
        {
            var interpolated = (InterpolatedStringExpressionSyntax)context.Node;
            if (StringSyntax.InterpolatedTextContains(interpolated, LegacyWire.QuotedMaxTokensToSample))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, interpolated.GetLocation(), "JSON text"));
            }
        }

        private static void AnalyzeAnonymousMember(SyntaxNodeAnalysisContext context)
        {
            var declarator = (AnonymousObjectMemberDeclaratorSyntax)context.Node;
            IdentifierNameSyntax? name = declarator.NameEquals?.Name;
            if (name != null && name.Identifier.ValueText == LegacyWire.MaxTokensToSample)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, name.GetLocation(), "anonymous object"));
            }
        }

        private static void AnalyzeProperty(SyntaxNodeAnalysisContext context)
        {
            var property = (PropertyDeclarationSyntax)context.Node;
            if (property.Identifier.ValueText == LegacyWire.MaxTokensToSample && !HasNameAttribute(property.AttributeLists))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, property.Identifier.GetLocation(), "DTO property"));
            }
        }

        private static void AnalyzeField(SyntaxNodeAnalysisContext context)
        {
            var field = (FieldDeclarationSyntax)context.Node;
            if (field.Modifiers.Any(SyntaxKind.ConstKeyword) || HasNameAttribute(field.AttributeLists))
            {
                return;
            }

            foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
            {
                if (variable.Identifier.ValueText == LegacyWire.MaxTokensToSample)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, variable.Identifier.GetLocation(), "DTO field"));
                }
            }
        }

        /// <summary>An attribute with a string argument names the wire member; the literal is reported instead.</summary>
        private static bool HasNameAttribute(SyntaxList<AttributeListSyntax> lists)
        {
            foreach (AttributeListSyntax list in lists)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    if (attribute.ArgumentList is null)
                    {
                        continue;
                    }

                    foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
                    {
                        if (argument.Expression.IsKind(SyntaxKind.StringLiteralExpression))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static string DescribeKey(LiteralExpressionSyntax literal)
        {
            for (SyntaxNode? node = literal.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case AttributeSyntax _:
                        return "DTO property";
                    case ObjectCreationExpressionSyntax creation:
                        string? type = RequestSyntax.LastName(creation.Type);
                        return type == "JProperty" || type == "JObject" ? "JObject" : type == "JsonObject" ? "JsonObject" : "dictionary";
                    case ImplicitObjectCreationExpressionSyntax _:
                        return "dictionary";
                    case StatementSyntax _:
                    case MemberDeclarationSyntax _:
                        return "request body";
                }
            }

            return "request body";
        }
    }
}
