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
    /// CTM004: a retired or deprecated model id as a whole string value (a literal, a JSON "model" value inside
    /// JSON text, also the text of an interpolated string, a Bedrock or Vertex id, or an SDK model constant such as <c>AnthropicModels.Claude_v2</c>).
    /// Never a substring of prose. Retired → warning; deprecated (configured) → information.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelIdAnalyzer : CtmAnalyzer
    {
        /// <summary>Diagnostic property: the successor model id (read by the code fix).</summary>
        public const string SuccessorProperty = "Successor";

        /// <summary>Diagnostic property: the model id as written.</summary>
        public const string ModelProperty = "Model";

        /// <summary>Community Anthropic.SDK (≤ 2.x) model constants and their values.</summary>
        internal static readonly Dictionary<string, string> SdkModelConstants = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Claude_v1"] = "claude-1",
            ["Claude_v1_3"] = "claude-1.3",
            ["Claude_v2"] = "claude-2",
            ["Claude_v2_0"] = "claude-2.0",
            ["Claude_v2_1"] = "claude-2.1",
            ["ClaudeInstant_v1"] = "claude-instant-1",
            ["ClaudeInstant_v1_2"] = "claude-instant-1.2",
        };

        private const string SdkModelsType = "AnthropicModels";

        private static readonly Regex JsonModel = new Regex("\"model\"\\s*:\\s*\"(?<id>[^\"]{1,80})\"", RegexOptions.CultureInvariant);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM004_ModelId);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // The "model" value in the text of an interpolated JSON string ($"{{\"model\": \"claude-2\", …}}", $$"""…""").
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var text = (InterpolatedStringTextSyntax)c.Node;
                    string value = text.TextToken.ValueText;
                    if (value.IndexOf("claude", StringComparison.Ordinal) < 0 || value.IndexOf("\"model\"", StringComparison.Ordinal) < 0)
                    {
                        return;
                    }

                    Match match = JsonModel.Match(value);
                    if (match.Success && state.OptionsFor(text.SyntaxTree).Models.Classify(match.Groups["id"].Value) is ModelFinding finding)
                    {
                        c.ReportDiagnostic(Create(finding, text.GetLocation()));
                    }
                },
                SyntaxKind.InterpolatedStringText);

            // Literals and SDK model constants (AnthropicModels.X): a callback on every string literal or member access
            // cost more than the rest of the rule, and only literals that hold "claude" and files that name the type can
            // be findings. So one callback per file: ordinal searches of its text, then a look only where they hit.
            context.RegisterSemanticModelAction(c =>
            {
                AnalyzeLiterals(c, state);
                AnalyzeSdkModelConstants(c, state);
            });
        }

        private static readonly string[] Words = { "claude" };

        private static void AnalyzeLiterals(SemanticModelAnalysisContext context, CompilationState state)
        {
            SyntaxTree tree = context.SemanticModel.SyntaxTree;
            if (!(LiteralSearch.Candidates(tree, Words, context.CancellationToken) is List<LiteralExpressionSyntax> literals))
            {
                return;
            }

            ModelTable models = state.OptionsFor(tree).Models;
            foreach (LiteralExpressionSyntax literal in literals)
            {
                string value = literal.Token.ValueText;
                if (value.IndexOf("claude", StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                ModelFinding? finding = models.Classify(value);
                if (finding is null && value.IndexOf("\"model\"", StringComparison.Ordinal) >= 0)
                {
                    Match match = JsonModel.Match(value);
                    finding = match.Success ? models.Classify(match.Groups["id"].Value) : null;
                }

                if (finding != null)
                {
                    context.ReportDiagnostic(Create(finding, literal.GetLocation()));
                }
            }
        }

        private static void AnalyzeSdkModelConstants(SemanticModelAnalysisContext context, CompilationState state)
        {
            SyntaxTree tree = context.SemanticModel.SyntaxTree;
            string text = LiteralSearch.TextOf(tree, context.CancellationToken);
            bool mayHideNames = IdentifierSearch.MayHideNames(text);
            if (text.IndexOf(SdkModelsType, StringComparison.Ordinal) < 0 && !mayHideNames)
            {
                return;
            }

            SyntaxNode root = tree.GetRoot(context.CancellationToken);
            if (mayHideNames)
            {
                foreach (SyntaxNode node in root.DescendantNodes())
                {
                    if (node is MemberAccessExpressionSyntax access && access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
                    {
                        AnalyzeSdkModelConstant(access, context, state);
                    }
                }

                return;
            }

            // Only the identifiers named AnthropicModels: AnthropicModels.X, or the right side of Anthropic.SDK.Constants.AnthropicModels.X.
            foreach (SyntaxToken token in IdentifierSearch.Find(root, text, SdkModelsType, context.CancellationToken))
            {
                if (!(token.Parent is SimpleNameSyntax type))
                {
                    continue;
                }

                if (type is IdentifierNameSyntax && type.Parent is MemberAccessExpressionSyntax direct && direct.Expression == type)
                {
                    AnalyzeSdkModelConstant(direct, context, state);
                }
                else if (type.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == type
                         && qualified.Parent is MemberAccessExpressionSyntax outer && outer.Expression == qualified)
                {
                    AnalyzeSdkModelConstant(outer, context, state);
                }
            }
        }

        private static void AnalyzeSdkModelConstant(MemberAccessExpressionSyntax access, SemanticModelAnalysisContext context, CompilationState state)
        {
            if (!access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
            {
                return;
            }

            // AnthropicModels.X, or qualified: Anthropic.SDK.Constants.AnthropicModels.X
            SimpleNameSyntax? type = access.Expression as IdentifierNameSyntax ?? (access.Expression as MemberAccessExpressionSyntax)?.Name;
            if (type is null || type.Identifier.ValueText != SdkModelsType)
            {
                return;
            }

            string? value = StringSyntax.GetConstant(access, context.SemanticModel, context.CancellationToken);
            if (value is null && !SdkModelConstants.TryGetValue(access.Name.Identifier.ValueText, out value))
            {
                return;
            }

            ModelFinding? finding = state.OptionsFor(access.SyntaxTree).Models.Classify(value);
            if (finding != null)
            {
                context.ReportDiagnostic(Create(finding, access.GetLocation()));
            }
        }

        private static Diagnostic Create(ModelFinding finding, Location location)
        {
            bool retired = finding.Status == ModelStatus.Retired;
            string status = retired
                ? "was retired on " + finding.RetiredOn + " and every request naming it fails with 404 not_found_error"
                : "is deprecated and will be retired";
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(SuccessorProperty, finding.Successor)
                .Add(ModelProperty, finding.Value);
            return Diagnostic.Create(
                Descriptors.CTM004_ModelId,
                location,
                retired ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: properties,
                finding.Value,
                status,
                finding.Successor,
                ModelCatalog.AsOf);
        }
    }
}
