using System.Collections.Generic;
using System.Collections.Immutable;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM011: a request that ends with an assistant prefill — a legacy prompt with text after the last
    /// "\n\nAssistant:", or a Messages body whose last message has role "assistant" — while the target model
    /// (see <see cref="TargetModel"/>) rejects prefill (Claude 4.6 and later). No automatic fix.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PrefillHazardAnalyzer : CtmAnalyzer
    {
        private static readonly string[] PromptOrMessages = { LegacyWire.Normalize(LegacyWire.Prompt), LegacyWire.Normalize(LegacyWire.Messages) };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM011_PrefillHazard);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // One callback per file: the creations that may be request bodies (BodyTrigger.Creations, a text search for
            // max_tokens) and the interpolated strings whose text holds "prompt", not a callback on every creation and
            // every interpolated string.
            context.RegisterSemanticModelAction(c =>
            {
                AnalysisSite site = AnalysisSite.Of(c);
                if (BodyTrigger.Creations(c.SemanticModel.SyntaxTree, c.CancellationToken) is IReadOnlyList<SyntaxNode> creations)
                {
                    foreach (SyntaxNode creation in creations)
                    {
                        Analyze(creation, site, state);
                    }
                }

                AnalyzeJsonTexts(site, state);
            });
        }

        /// <summary>The interpolated strings with a text part that may hold "prompt" (<see cref="AnalyzeJsonText"/> needs the key <c>"prompt"</c> in one).</summary>
        private static void AnalyzeJsonTexts(AnalysisSite site, CompilationState state)
        {
            if (IdentifierSearch.InterpolatedStrings(site.SemanticModel.SyntaxTree, PromptWord, site.CancellationToken) is List<InterpolatedStringExpressionSyntax> interpolations)
            {
                foreach (InterpolatedStringExpressionSyntax interpolated in interpolations)
                {
                    AnalyzeJsonText(interpolated, site, state);
                }
            }
        }

        private static readonly string[] PromptWord = { LegacyWire.Prompt };

        /// <summary>
        /// JSON text with holes, <c>$$"""{ "model": "claude-2.0", "prompt": {{JsonSerializer.Serialize(prompt)}}, … }"""</c>:
        /// the serialized prompt (or the prompt local it names) ends with a prefill, and the model written in the text (or
        /// the configured target model) rejects it. Reported on the prompt's hole.
        /// </summary>
        private static void AnalyzeJsonText(InterpolatedStringExpressionSyntax interpolated, AnalysisSite context, CompilationState state)
        {
            if (!MentionsPromptKey(interpolated) || !(JsonTemplate.Create(interpolated) is JsonTemplate template) || template.Members is null)
            {
                return;
            }

            JsonTemplate.TemplateMember? promptMember = null;
            JsonTemplate.TemplateMember? modelMember = null;
            foreach (JsonTemplate.TemplateMember member in template.Members)
            {
                if (member.Key == LegacyWire.Prompt)
                {
                    promptMember = member;
                }
                else if (member.Key == LegacyWire.Model)
                {
                    modelMember = member;
                }
            }

            int hole = promptMember is null ? -1 : template.HoleOf(promptMember);
            if (hole < 0 || !(JsonTemplate.SerializerCall(StringSyntax.Unwrap(template.Holes[hole].Expression), context.SemanticModel, context.CancellationToken) is ExpressionSyntax prompt)
                || !HasPrefill(prompt, context))
            {
                return;
            }

            TargetModel? target = TargetModel.ForWritten(modelMember is null ? null : JsonStringValue(template.Text, modelMember), state.OptionsFor(interpolated.SyntaxTree));
            if (target is TargetModel model && (model.Restrictions & ModelRestrictions.RejectsPrefill) != 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM011_PrefillHazard, template.Holes[hole].GetLocation(), model.Description));
            }
        }

        /// <summary>Cheap pre-check without allocating more than the token values: a text part holds <c>"prompt"</c>.</summary>
        private static bool MentionsPromptKey(InterpolatedStringExpressionSyntax interpolated)
        {
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                if (content is InterpolatedStringTextSyntax text && text.TextToken.ValueText.IndexOf("\"prompt\"", System.StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value of a member written as a plain JSON string without escapes or holes; otherwise null.</summary>
        private static string? JsonStringValue(string text, JsonTemplate.TemplateMember member)
        {
            int start = member.ValueStart;
            int end = member.ValueEnd;
            if (end - start < 2 || text[start] != '"' || text[end - 1] != '"')
            {
                return null;
            }

            for (int i = start + 1; i < end - 1; i++)
            {
                if (text[i] == '"' || text[i] == '\\' || JsonTemplate.IsHole(text[i]))
                {
                    return null;
                }
            }

            return text.Substring(start + 1, end - start - 2);
        }

        private static void Analyze(SyntaxNode creation, AnalysisSite context, CompilationState state)
        {
            if (!BodyTrigger.MayHaveMember(creation, PromptOrMessages))
            {
                return;
            }

            List<BodyMember>? members = BodyTrigger.GetRequestMembers(creation, out bool isLegacy);
            if (members is null)
            {
                return;
            }

            SyntaxNode? prefill = isLegacy ? LegacyPrefill(members, context) : MessagesPrefill(members);
            if (prefill is null)
            {
                return;
            }

            TargetModel? target = TargetModel.Resolve(members, isLegacy, state, creation.SyntaxTree, context.SemanticModel, context.CancellationToken);
            if (target is TargetModel model && (model.Restrictions & ModelRestrictions.RejectsPrefill) != 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM011_PrefillHazard, prefill.GetLocation(), model.Description));
            }
        }

        private static SyntaxNode? LegacyPrefill(List<BodyMember> members, AnalysisSite context)
        {
            ExpressionSyntax? prompt = RequestSyntax.FindValue(members, LegacyWire.Prompt);
            if (prompt is null)
            {
                return null;
            }

            return HasPrefill(prompt, context) ? prompt : null;
        }

        /// <summary>The prompt (or the initializer of the local it names) is a legacy prompt ending with assistant text.</summary>
        private static bool HasPrefill(ExpressionSyntax prompt, AnalysisSite context)
        {
            ExpressionSyntax source = prompt;
            if (RequestSyntax.ResolveLocal(StringSyntax.Unwrap(prompt)) is VariableDeclaratorSyntax local && local.Initializer != null)
            {
                source = local.Initializer.Value;
            }

            List<PromptPiece> pieces = PromptSyntax.GetPieces(source, context.SemanticModel, context.CancellationToken);
            if (!PromptSyntax.HasMarker(pieces))
            {
                return false;
            }

            ParsedPrompt parsed = LegacyPromptParser.Parse(pieces);
            return parsed.IsValid && parsed.HasPrefill;
        }

        private static SyntaxNode? MessagesPrefill(List<BodyMember> members)
        {
            ExpressionSyntax? messages = RequestSyntax.FindValue(members, LegacyWire.Messages);
            ExpressionSyntax? last = messages is null ? null : LastElement(StringSyntax.Unwrap(messages));
            if (last is null)
            {
                return null;
            }

            last = StringSyntax.Unwrap(last);
            SyntaxNode? container = last is AnonymousObjectCreationExpressionSyntax || last is BaseObjectCreationExpressionSyntax ? last : null;
            if (container is null)
            {
                return null;
            }

            ExpressionSyntax? role = RequestSyntax.FindValue(RequestSyntax.GetMembers(container), LegacyWire.Role);
            return StringSyntax.TryGetLiteral(role, out string roleName) && roleName == LegacyWire.Assistant ? last : null;
        }

        /// <summary>The last element of an array, collection initializer or collection expression (<c>[ … ]</c>).</summary>
        private static ExpressionSyntax? LastElement(ExpressionSyntax collection)
        {
            if (collection is CollectionExpressionSyntax expression)
            {
                return expression.Elements.Count > 0 && expression.Elements[expression.Elements.Count - 1] is ExpressionElementSyntax element ? element.Expression : null;
            }

            InitializerExpressionSyntax? initializer = collection switch
            {
                ArrayCreationExpressionSyntax array => array.Initializer,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer,
                BaseObjectCreationExpressionSyntax list => list.Initializer,
                _ => null,
            };
            return initializer is null || initializer.Expressions.Count == 0 ? null : initializer.Expressions[initializer.Expressions.Count - 1];
        }
    }
}
