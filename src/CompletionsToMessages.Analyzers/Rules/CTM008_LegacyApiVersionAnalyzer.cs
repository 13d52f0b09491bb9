using System;
using System.Collections.Generic;
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
    /// CTM008: <c>anthropic-version: 2023-01-01</c>. Found as the value paired with an "anthropic-version" key
    /// (<c>Headers.Add(key, value)</c>, <c>TryAddWithoutValidation</c>, dictionary initialisers, <c>h[key] = value</c>),
    /// as the value of a constant/field/local named like AnthropicVersion, and inside raw header text.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyApiVersionAnalyzer : CtmAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM008_LegacyApiVersion);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // Every finding's literal holds "2023-01-01" or the header name: one search of each file, not a callback per literal.
            context.RegisterSemanticModelAction(c =>
            {
                if (!(LiteralSearch.Candidates(c.SemanticModel.SyntaxTree, Words, WordsIgnoringCase, c.CancellationToken) is List<LiteralExpressionSyntax> literals))
                {
                    return;
                }

                foreach (LiteralExpressionSyntax literal in literals)
                {
                    if (IsLegacyVersionSite(literal, c.SemanticModel, state.TreeMentionsAnthropic, c.CancellationToken))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM008_LegacyApiVersion, literal.GetLocation()));
                    }
                }
            });
        }

        private static readonly string[] Words = { LegacyWire.LegacyVersion };

        private static readonly string[] WordsIgnoringCase = { LegacyWire.VersionHeader };

        /// <summary>
        /// True when this literal is reported: a 2023-01-01 header value or version constant, raw header text with it, or
        /// the "anthropic-version" key paired with a 2023-01-01 constant declared elsewhere. Also used by CTM001's
        /// request migration, which updates the header sites in reach of the request it migrates.
        /// </summary>
        internal static bool IsLegacyVersionSite(LiteralExpressionSyntax literal, SemanticModel model, Func<SyntaxTree, bool> treeMentionsAnthropic, System.Threading.CancellationToken cancellationToken)
        {
            string value = literal.Token.ValueText;
            if (value.IndexOf(LegacyWire.LegacyVersion, StringComparison.Ordinal) < 0
                && !string.Equals(value, LegacyWire.VersionHeader, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (value == LegacyWire.LegacyVersion)
            {
                // const string AnthropicVersion = "2023-01-01"; (its uses are then not reported again)
                // A generic "ApiVersion" only counts in a file that mentions Anthropic or Claude: other services (Azure
                // Resource Manager, for one) have api versions that are 2023-01-01 dates too.
                bool versionVariable = StringSyntax.Outermost(literal).Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                                       && IsVersionName(declarator.Identifier.ValueText)
                                       && (IsAnthropicVersionName(declarator.Identifier.ValueText) || treeMentionsAnthropic(literal.SyntaxTree));
                return versionVariable || IsVersionHeaderKey(PairedKey(literal), model, cancellationToken);
            }

            if (value.Length > LegacyWire.VersionHeader.Length)
            {
                // Raw header text: "anthropic-version: 2023-01-01".
                int header = value.IndexOf(LegacyWire.VersionHeader, StringComparison.OrdinalIgnoreCase);
                if (header >= 0)
                {
                    string rest = value.Substring(header + LegacyWire.VersionHeader.Length).TrimStart(' ', ':', '=', '"');
                    return rest.StartsWith(LegacyWire.LegacyVersion, StringComparison.Ordinal);
                }

                return false;
            }

            // The "anthropic-version" key paired with a constant defined elsewhere (not a literal: that one reports
            // itself, above). Reported on the key, the node being analysed, so the diagnostic stays local.
            ExpressionSyntax? paired = PairedValue(literal);
            return paired != null && !paired.IsKind(SyntaxKind.StringLiteralExpression)
                && StringSyntax.GetConstant(paired, model, cancellationToken) == LegacyWire.LegacyVersion
                && !IsReportedAtDeclaration(paired, model, treeMentionsAnthropic, cancellationToken);
        }

        /// <summary>The key is "anthropic-version": a literal, or (semantic model, only reached for a 2023-01-01 value) a constant.</summary>
        private static bool IsVersionHeaderKey(ExpressionSyntax? key, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
            key != null && string.Equals(StringSyntax.GetConstant(key, model, cancellationToken), LegacyWire.VersionHeader, StringComparison.OrdinalIgnoreCase);

        /// <summary>The key paired with a value: the first argument, the first element of <c>{ k, v }</c>, or <c>h[k] = v</c>.</summary>
        private static ExpressionSyntax? PairedKey(LiteralExpressionSyntax value)
        {
            switch (value.Parent)
            {
                case ArgumentSyntax argument when argument.Parent is ArgumentListSyntax list && list.Arguments.Count >= 2 && list.Arguments[1] == argument:
                    return list.Arguments[0].Expression;
                case InitializerExpressionSyntax complex when complex.Expressions.Count == 2 && complex.Expressions[1] == value:
                    return complex.Expressions[0];
                case AssignmentExpressionSyntax assignment when assignment.Right == value:
                    return assignment.Left switch
                    {
                        ElementAccessExpressionSyntax element when element.ArgumentList.Arguments.Count == 1 => element.ArgumentList.Arguments[0].Expression,
                        ImplicitElementAccessSyntax implicitElement when implicitElement.ArgumentList.Arguments.Count == 1 => implicitElement.ArgumentList.Arguments[0].Expression,
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        private static ExpressionSyntax? PairedValue(LiteralExpressionSyntax key)
        {
            switch (key.Parent)
            {
                case ArgumentSyntax argument when argument.Parent is ArgumentListSyntax list && list.Arguments.Count >= 2 && list.Arguments[0] == argument:
                    return list.Arguments[1].Expression;
                case InitializerExpressionSyntax complex when complex.Expressions.Count == 2 && complex.Expressions[0] == key:
                    return complex.Expressions[1];
                case ArgumentSyntax argument when argument.Parent is BracketedArgumentListSyntax brackets
                                                  && brackets.Parent?.Parent is AssignmentExpressionSyntax assignment && assignment.Left == brackets.Parent:
                    return assignment.Right;
                default:
                    return null;
            }
        }

        /// <summary>
        /// True when the constant is reported at its own declaration: a version-named constant whose initializer is
        /// the literal itself (not another constant), in a file where the name counts (see <see cref="AnalyzeLiteral"/>).
        /// </summary>
        private static bool IsReportedAtDeclaration(ExpressionSyntax value, SemanticModel model, Func<SyntaxTree, bool> treeMentionsAnthropic, System.Threading.CancellationToken cancellationToken)
        {
            ISymbol? symbol = model.GetSymbolInfo(value, cancellationToken).Symbol;
            if (symbol is null || !IsVersionName(symbol.Name) || symbol.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            SyntaxNode declaration = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            return declaration is VariableDeclaratorSyntax { Initializer: { Value: ExpressionSyntax initial } }
                   && StringSyntax.TryGetLiteral(StringSyntax.Unwrap(initial), out string text) && text == LegacyWire.LegacyVersion
                   && (IsAnthropicVersionName(symbol.Name) || treeMentionsAnthropic(declaration.SyntaxTree));
        }

        private static bool IsVersionName(string name) => IsAnthropicVersionName(name) || LegacyWire.Normalize(name).IndexOf("apiversion", StringComparison.Ordinal) >= 0;

        private static bool IsAnthropicVersionName(string name) => LegacyWire.Normalize(name).IndexOf("anthropicversion", StringComparison.Ordinal) >= 0;

    }
}
