using System;
using System.Collections.Immutable;
using System.Threading;
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

        /// <summary>Every name the rule reports on: the files without any of them are skipped (see <see cref="AnalyzeFile"/>).</summary>
        private static readonly string[] Names = { "GetClaudeCompletionAsync", "StreamClaudeCompletionAsync", "CompletePostAsync", "SamplingParameters" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM010_LegacyClientLibrary);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // The calls and types this rule knows have four distinctive names; a callback on every invocation and creation
            // cost far more than finding them. So one callback per file: an ordinal search of its text for the names, then
            // a walk of its invocations and creations only where one occurs.
            context.RegisterSemanticModelAction(AnalyzeFile);
        }

        private static void AnalyzeFile(SemanticModelAnalysisContext context)
        {
            SyntaxTree tree = context.SemanticModel.SyntaxTree;
            string text = LiteralSearch.TextOf(tree, context.CancellationToken);
            SyntaxNode? root = null;
            if (IdentifierSearch.MayHideNames(text))
            {
                root = tree.GetRoot(context.CancellationToken);
                foreach (SyntaxNode node in root.DescendantNodes())
                {
                    Analyze(node, context);
                }

                return;
            }

            // "Complet" is in three of the four names: two searches of the whole text decide for most files.
            if (text.IndexOf("Complet", StringComparison.Ordinal) < 0 && text.IndexOf("SamplingParameters", StringComparison.Ordinal) < 0)
            {
                return;
            }

            foreach (string name in Names)
            {
                if (text.IndexOf(name, StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                root ??= tree.GetRoot(context.CancellationToken);
                foreach (SyntaxToken token in IdentifierSearch.Find(root, text, name, context.CancellationToken))
                {
                    // x.Method(…): the name of a member access that is invoked; new [Qualified.]SamplingParameters(…).
                    SyntaxNode? node = token.Parent;
                    if (node?.Parent is MemberAccessExpressionSyntax access && access.Name == node && access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access)
                    {
                        Analyze(invocation, context);
                        continue;
                    }

                    while (node?.Parent is QualifiedNameSyntax qualified && qualified.Right == node || node?.Parent is AliasQualifiedNameSyntax alias && alias.Name == node)
                    {
                        node = node.Parent;
                    }

                    if (node?.Parent is ObjectCreationExpressionSyntax creation && creation.Type == node)
                    {
                        Analyze(creation, context);
                    }
                }
            }
        }

        private static void Analyze(SyntaxNode node, SemanticModelAnalysisContext context)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    AnalyzeInvocation(invocation, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);
                    break;
                case ObjectCreationExpressionSyntax creation:
                    AnalyzeCreation(creation, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);
                    break;
            }
        }

        private static void AnalyzeInvocation(InvocationExpressionSyntax invocation, SemanticModel model, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
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

            if (IsLegacyLibrarySymbol(model.GetSymbolInfo(invocation, cancellationToken)))
            {
                report(Diagnostic.Create(Descriptors.CTM010_LegacyClientLibrary, access.Name.GetLocation(), method, library));
            }
        }

        private static void AnalyzeCreation(ObjectCreationExpressionSyntax creation, SemanticModel model, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (RequestSyntax.LastName(creation.Type) != "SamplingParameters")
            {
                return;
            }

            if (IsLegacyLibrarySymbol(model.GetSymbolInfo(creation.Type, cancellationToken)))
            {
                report(Diagnostic.Create(Descriptors.CTM010_LegacyClientLibrary, creation.Type.GetLocation(), "SamplingParameters", TghammSdk));
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
