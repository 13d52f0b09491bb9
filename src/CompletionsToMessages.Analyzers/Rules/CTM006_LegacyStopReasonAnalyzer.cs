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
    /// CTM006: a comparison with "stop_sequence" (==, !=, Equals, case label, pattern) in a compilation that uses the
    /// Text Completions API, unless the same condition or switch already accepts "end_turn".
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyStopReasonAnalyzer : CtmAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM006_LegacyStopReason);

        private static readonly string[] Words = { LegacyWire.StopReasonStopSequence };

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // A finding's literal is "stop_sequence": one search of each file, not a callback per literal.
            context.RegisterSyntaxTreeAction(
                c =>
                {
                    if (!(LiteralSearch.Candidates(c.Tree, Words, c.CancellationToken) is List<LiteralExpressionSyntax> literals))
                    {
                        return;
                    }

                    foreach (LiteralExpressionSyntax literal in literals)
                    {
                        if (literal.Token.ValueText != LegacyWire.StopReasonStopSequence)
                        {
                            continue;
                        }

                        SyntaxNode? comparison = ComparisonSyntax.GetComparison(literal, includePrefixTests: false);
                        if (comparison is null
                            || ComparisonSyntax.ScopeContainsLiteral(ComparisonSyntax.Scope(comparison), LegacyWire.StopReasonEndTurn)
                            || !state.MentionsLegacyApi)
                        {
                            continue;
                        }

                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM006_LegacyStopReason, comparison.GetLocation()));
                    }
                });
        }
    }
}
