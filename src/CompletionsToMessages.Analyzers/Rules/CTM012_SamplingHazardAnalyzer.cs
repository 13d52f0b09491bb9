using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM012: sampling parameters the target model rejects: non-default temperature (≠ 1.0), top_p (&lt; 0.99)
    /// or any top_k on Claude 4.7 and later; temperature together with top_p on Sonnet 4.5, Haiku 4.5, Opus 4.1.
    /// Reported on the parameter; the fix removes it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SamplingHazardAnalyzer : CtmAnalyzer
    {
        /// <summary>Diagnostic property: the wire name of the parameter to remove.</summary>
        public const string ParameterProperty = "Parameter";

        private static readonly string[] SamplingNames =
        {
            LegacyWire.Normalize(LegacyWire.Temperature), LegacyWire.Normalize(LegacyWire.TopP), LegacyWire.Normalize(LegacyWire.TopK),
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM012_SamplingHazard);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // One callback per file on the creations that may be request bodies (BodyTrigger.Creations, a text search for
            // max_tokens), not a callback on every creation.
            context.RegisterSemanticModelAction(c =>
            {
                if (BodyTrigger.Creations(c.SemanticModel.SyntaxTree, c.CancellationToken) is IReadOnlyList<SyntaxNode> creations)
                {
                    AnalysisSite site = AnalysisSite.Of(c);
                    foreach (SyntaxNode creation in creations)
                    {
                        Analyze(creation, site, state);
                    }
                }
            });
        }

        private static void Analyze(SyntaxNode creation, AnalysisSite context, CompilationState state)
        {
            if (!BodyTrigger.MayHaveMember(creation, SamplingNames))
            {
                return;
            }

            List<BodyMember>? members = BodyTrigger.GetRequestMembers(creation, out bool isLegacy);
            if (members is null || !HasSampling(members))
            {
                return;
            }

            TargetModel? resolved = TargetModel.Resolve(members, isLegacy, state, creation.SyntaxTree, context.SemanticModel, context.CancellationToken);
            if (!(resolved is TargetModel target) || target.Restrictions == ModelRestrictions.None)
            {
                return;
            }

            bool hasTemperature = false;
            foreach (BodyMember member in members)
            {
                hasTemperature |= member.Is(LegacyWire.Temperature);
            }

            foreach (BodyMember member in members)
            {
                string? reason = null;
                if ((target.Restrictions & ModelRestrictions.RejectsNonDefaultSampling) != 0)
                {
                    if (member.Is(LegacyWire.Temperature) && !IsNumber(member.Value, context, v => v == 1.0))
                    {
                        reason = "is set to a non-default value";
                    }
                    else if (member.Is(LegacyWire.TopP) && !IsNumber(member.Value, context, v => v >= 0.99))
                    {
                        reason = "is set to a non-default value";
                    }
                    else if (member.Is(LegacyWire.TopK))
                    {
                        reason = "is set";
                    }
                }

                if (reason is null && (target.Restrictions & ModelRestrictions.RejectsTemperatureWithTopP) != 0 && hasTemperature && member.Is(LegacyWire.TopP))
                {
                    reason = "is set together with 'temperature'";
                }

                if (reason != null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CTM012_SamplingHazard,
                        member.KeyNode.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(ParameterProperty, member.Name),
                        member.Name,
                        reason,
                        target.Description));
                }
            }
        }

        private static bool HasSampling(List<BodyMember> members) =>
            RequestSyntax.Has(members, LegacyWire.Temperature) || RequestSyntax.Has(members, LegacyWire.TopP) || RequestSyntax.Has(members, LegacyWire.TopK);

        private static bool IsNumber(ExpressionSyntax? value, AnalysisSite context, System.Func<double, bool> predicate)
        {
            if (value is null)
            {
                return false;
            }

            Optional<object?> constant = context.SemanticModel.GetConstantValue(value, context.CancellationToken);
            if (!constant.HasValue || constant.Value is null || constant.Value is string || constant.Value is bool)
            {
                return false;
            }

            return predicate(System.Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture));
        }
    }
}
