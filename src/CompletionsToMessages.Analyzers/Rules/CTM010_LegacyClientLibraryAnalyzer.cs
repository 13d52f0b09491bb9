using System;
using System.Collections.Immutable;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM010: Text Completions calls of community client libraries — Anthropic.SDK ≤ 2.x
    /// <c>Completions.GetClaudeCompletionAsync</c>/<c>StreamClaudeCompletionAsync</c> and <c>SamplingParameters</c>,
    /// tryAGI <c>TextCompletions.CompletePostAsync</c>. Recognised by name when the library is not referenced
    /// (the code no longer compiles against current versions), or by the symbol's Anthropic namespace.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyClientLibraryAnalyzer : CtmAnalyzer
    {
        private const string TghammSdk = "Anthropic.SDK (2.x and earlier)";
        private const string TryAgiSdk = "the tryAGI Anthropic SDK";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM010_LegacyClientLibrary);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            context.RegisterSyntaxNodeAction(AnalyzeInvocation, SyntaxKind.InvocationExpression);
            context.RegisterSyntaxNodeAction(AnalyzeCreation, SyntaxKind.ObjectCreationExpression);
        }

        private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (!(invocation.Expression is MemberAccessExpressionSyntax access))
            {
                return;
            }

            string method = access.Name.Identifier.ValueText;
            string? library;
            if (method == "GetClaudeCompletionAsync" || method == "StreamClaudeCompletionAsync")
            {
                library = TghammSdk;
            }
            else if (method == "CompletePostAsync" && LastName(access.Expression) == "TextCompletions")
            {
                library = TryAgiSdk;
            }
            else
            {
                return;
            }

            if (IsLegacyLibrarySymbol(context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM010_LegacyClientLibrary, access.Name.GetLocation(), method, library));
            }
        }

        private static void AnalyzeCreation(SyntaxNodeAnalysisContext context)
        {
            var creation = (ObjectCreationExpressionSyntax)context.Node;
            if (RequestSyntax.LastName(creation.Type) != "SamplingParameters")
            {
                return;
            }

            if (IsLegacyLibrarySymbol(context.SemanticModel.GetSymbolInfo(creation.Type, context.CancellationToken)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM010_LegacyClientLibrary, creation.Type.GetLocation(), "SamplingParameters", TghammSdk));
            }
        }

        /// <summary>Unresolved (the old library is gone) or declared in an Anthropic namespace.</summary>
        private static bool IsLegacyLibrarySymbol(SymbolInfo info)
        {
            ISymbol? symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
            if (symbol is null)
            {
                return true;
            }

            string? ns = symbol.ContainingNamespace?.ToDisplayString();
            return ns != null && (ns == "Anthropic" || ns.StartsWith("Anthropic.", StringComparison.Ordinal));
        }

        private static string? LastName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
