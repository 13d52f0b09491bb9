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
    /// CTM007: parsing the legacy stream — tests for the "completion" event ("event: completion", an event
    /// name compared with "completion") and for the "[DONE]" end of the cumulative 2023-01-01 stream. OpenAI
    /// streams also end in [DONE], so only files that mention Anthropic/Claude in a compilation that uses the
    /// Text Completions API are considered.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyStreamingAnalyzer : CtmAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM007_LegacyStreaming);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // Every finding's literal holds "completion" or "[DONE]": one search of each file, not a callback per literal.
            context.RegisterSyntaxTreeAction(
                c =>
                {
                    if (!(LiteralSearch.Candidates(c.Tree, Words, c.CancellationToken) is List<LiteralExpressionSyntax> literals))
                    {
                        return;
                    }

                    foreach (LiteralExpressionSyntax literal in literals)
                    {
                        Analyze(literal, state, c.ReportDiagnostic);
                    }
                });
        }

        private static readonly string[] Words = { LegacyWire.Completion, LegacyWire.StreamDone };

        private static void Analyze(LiteralExpressionSyntax literal, CompilationState state, Action<Diagnostic> report)
        {
            string value = literal.Token.ValueText;
            string? what = Classify(value);
            if (what is null)
            {
                return;
            }

            SyntaxNode? comparison = ComparisonSyntax.GetComparison(literal, includePrefixTests: true);
            if (comparison is null || !state.TreeMentionsAnthropic(literal.SyntaxTree) || !state.MentionsLegacyApi
                || StreamSyntax.ReadsAdapterEvents(literal, state))
            {
                // The last test: a parser of the shim's LegacyEventStream (what the fix leaves) reads 2023-06-01
                // events that the adapter makes from the Messages stream, which is correct.
                return;
            }

            report(Diagnostic.Create(Descriptors.CTM007_LegacyStreaming, comparison.GetLocation(), what));
        }

        /// <summary>What <see cref="Classify"/> calls a test for the 2023-06-01 <c>completion</c> event.</summary>
        internal const string CompletionEventShape = "The 'completion' event";

        /// <summary>What <see cref="Classify"/> calls a test for the end of the 2023-01-01 stream.</summary>
        internal const string DoneShape = "'[DONE]' (end of the cumulative 2023-01-01 stream)";

        /// <summary>The shape a string compared in a stream parser stands for (<see cref="CompletionEventShape"/>, <see cref="DoneShape"/>), or null.</summary>
        internal static string? Classify(string value)
        {
            if (value == LegacyWire.Completion || IsCompletionEventLine(value))
            {
                return CompletionEventShape;
            }

            if (value.EndsWith(LegacyWire.StreamDone, StringComparison.Ordinal) && (value.Length == LegacyWire.StreamDone.Length || value.StartsWith("data:", StringComparison.Ordinal)))
            {
                return DoneShape;
            }

            return null;
        }

        /// <summary>"event: completion" (or "event:completion"), alone or followed by whitespace — not "event: completions".</summary>
        private static bool IsCompletionEventLine(string value)
        {
            int length;
            if (value.StartsWith(LegacyWire.CompletionEvent, StringComparison.Ordinal))
            {
                length = LegacyWire.CompletionEvent.Length;
            }
            else if (value.StartsWith("event:completion", StringComparison.Ordinal))
            {
                length = "event:completion".Length;
            }
            else
            {
                return false;
            }

            return value.Length == length || char.IsWhiteSpace(value[length]);
        }
    }
}
