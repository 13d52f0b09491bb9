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
    /// CTM005: reading the legacy <c>completion</c> field of a response: <c>GetProperty("completion")</c>,
    /// <c>TryGetProperty</c>, <c>Value&lt;T&gt;</c>/<c>GetValue</c>/<c>SelectToken</c>, indexers on JSON types,
    /// <c>dynamic</c> member access, and response DTO members mapped to "completion". Only in compilations that
    /// mention Anthropic/Claude at all, and only on JSON-typed receivers.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyResponseReadAnalyzer : CtmAnalyzer
    {
        private static readonly ImmutableHashSet<string> JsonTypeNames = ImmutableHashSet.Create(
            "JsonElement", "JsonDocument", "JsonNode", "JsonObject", "JsonValue", "JObject", "JToken", "JContainer");

        private static readonly ImmutableHashSet<string> ReadMethods = ImmutableHashSet.Create(
            "GetProperty", "TryGetProperty", "GetValue", "TryGetValue", "Value", "SelectToken", "GetPropertyValue");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM005_LegacyResponseRead);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            context.RegisterSyntaxNodeAction(c => AnalyzeLiteral(c, state), SyntaxKind.StringLiteralExpression);
            context.RegisterSyntaxNodeAction(c => AnalyzeDynamicAccess(c, state), SyntaxKind.SimpleMemberAccessExpression);
            context.RegisterSyntaxNodeAction(c => AnalyzeProperty(c, state), SyntaxKind.PropertyDeclaration);
        }

        private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context, CompilationState state)
        {
            var literal = (LiteralExpressionSyntax)context.Node;
            if (literal.Token.ValueText != LegacyWire.Completion || !(literal.Parent is ArgumentSyntax argument))
            {
                return;
            }

            if (argument.Parent is AttributeArgumentListSyntax)
            {
                return; // Attributes have AttributeArgumentSyntax; kept for clarity.
            }

            ExpressionSyntax? receiver = null;
            string shape;
            if (argument.Parent is BracketedArgumentListSyntax brackets && brackets.Arguments.Count == 1 && brackets.Parent is ElementAccessExpressionSyntax element)
            {
                if (element.Parent is AssignmentExpressionSyntax assignment && assignment.Left == element)
                {
                    return; // Writing a "completion" member is building a response (an emulator, a test), not reading one.
                }

                receiver = element.Expression;
                shape = "[\"completion\"]";
            }
            else if (argument.Parent is ArgumentListSyntax list && list.Arguments[0] == argument
                     && list.Parent is InvocationExpressionSyntax invocation && invocation.Expression is MemberAccessExpressionSyntax access
                     && ReadMethods.Contains(access.Name.Identifier.ValueText))
            {
                receiver = access.Expression;
                shape = access.Name.Identifier.ValueText + "(\"completion\")";
            }
            else
            {
                return;
            }

            if (!state.MentionsAnthropic || !IsJsonOrDynamic(receiver, context))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM005_LegacyResponseRead, (argument.Parent.Parent ?? literal).GetLocation(), shape));
        }

        private static void AnalyzeDynamicAccess(SyntaxNodeAnalysisContext context, CompilationState state)
        {
            var access = (MemberAccessExpressionSyntax)context.Node;
            if (access.Name.Identifier.ValueText != LegacyWire.Completion || !state.MentionsAnthropic)
            {
                return;
            }

            if (access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access)
            {
                return;
            }

            ITypeSymbol? type = context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type;
            if (type?.TypeKind == TypeKind.Dynamic)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM005_LegacyResponseRead, access.GetLocation(), "dynamic '.completion'"));
            }
        }

        private static void AnalyzeProperty(SyntaxNodeAnalysisContext context, CompilationState state)
        {
            var property = (PropertyDeclarationSyntax)context.Node;
            SyntaxNode? location = null;
            foreach (AttributeListSyntax list in property.AttributeLists)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    if (attribute.ArgumentList is null)
                    {
                        continue;
                    }

                    foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
                    {
                        if (StringSyntax.TryGetLiteral(argument.Expression, out string name) && name == LegacyWire.Completion)
                        {
                            location = argument.Expression;
                        }
                    }
                }
            }

            if (location is null && property.Identifier.ValueText == LegacyWire.Completion && property.AttributeLists.Count == 0)
            {
                location = property;
            }

            if (location is null || !state.MentionsAnthropic || !HasStopReasonSibling(property))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CTM005_LegacyResponseRead,
                location is PropertyDeclarationSyntax ? property.Identifier.GetLocation() : location.GetLocation(),
                "response DTO member '" + property.Identifier.ValueText + "'"));
        }

        /// <summary>A legacy response DTO has "completion" and "stop_reason"; a lone "completion" member is something else.</summary>
        private static bool HasStopReasonSibling(PropertyDeclarationSyntax property)
        {
            if (!(property.Parent is TypeDeclarationSyntax type))
            {
                return false;
            }

            foreach (MemberDeclarationSyntax member in type.Members)
            {
                if (member is PropertyDeclarationSyntax sibling && LegacyWire.Normalize(sibling.Identifier.ValueText) == "stopreason")
                {
                    return true;
                }

                foreach (SyntaxNode node in member.DescendantNodes())
                {
                    if (node is AttributeArgumentSyntax argument && StringSyntax.TryGetLiteral(argument.Expression, out string name) && name == LegacyWire.StopReason)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsJsonOrDynamic(ExpressionSyntax receiver, SyntaxNodeAnalysisContext context)
        {
            ITypeSymbol? type = context.SemanticModel.GetTypeInfo(receiver, context.CancellationToken).Type;
            if (type is null)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Dynamic)
            {
                return true;
            }

            if (type is INamedTypeSymbol named && named.IsGenericType
                && (named.Name == "Dictionary" || named.Name == "IDictionary" || named.Name == "IReadOnlyDictionary")
                && named.TypeArguments.Length == 2 && named.TypeArguments[0].SpecialType == SpecialType.System_String)
            {
                return true;
            }

            for (ITypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (JsonTypeNames.Contains(current.Name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
