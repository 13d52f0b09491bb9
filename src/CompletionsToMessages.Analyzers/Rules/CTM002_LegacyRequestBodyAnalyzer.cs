using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
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
            // The code fix converts a prompt known only at run time through the shim, when the compilation references it.
            bool shim = ShimTypes.Has(context.Compilation, ShimTypes.LegacyPrompt);
            // Every literal finding holds "max_tokens_to_sample": one search of each file, not a callback per literal.
            context.RegisterSemanticModelAction(c =>
            {
                if (LiteralSearch.Candidates(c.SemanticModel.SyntaxTree, Words, c.CancellationToken) is List<LiteralExpressionSyntax> literals)
                {
                    foreach (LiteralExpressionSyntax literal in literals)
                    {
                        AnalyzeLiteral(literal, c.SemanticModel, c.ReportDiagnostic, shim, c.CancellationToken);
                    }
                }
            });
            context.RegisterSyntaxNodeAction(c => AnalyzeInterpolated(c, shim), SyntaxKind.InterpolatedStringExpression);
            context.RegisterSyntaxNodeAction(c => AnalyzeAnonymousMember(c, shim), SyntaxKind.AnonymousObjectMemberDeclarator);
            context.RegisterSyntaxNodeAction(AnalyzeProperty, SyntaxKind.PropertyDeclaration);
            context.RegisterSyntaxNodeAction(AnalyzeField, SyntaxKind.FieldDeclaration);
            context.RegisterSyntaxNodeAction(AnalyzeRecord, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
        }


        /// <summary>Added to the body's description when its prompt is known only at run time and the shim is not referenced.</summary>
        internal const string RuntimePromptNote = ", prompt known only at run time: the code fix can convert it with LegacyPrompt.ToMessages when the project references CompletionsToMessages.Shim";

        private static readonly string[] Words = { LegacyWire.MaxTokensToSample };

        private static void AnalyzeLiteral(LiteralExpressionSyntax literal, SemanticModel model, Action<Diagnostic> report, bool shim, CancellationToken cancellationToken)
        {
            string value = literal.Token.ValueText;
            if (value == LegacyWire.MaxTokensToSample)
            {
                string description = DescribeKey(literal);
                if (!shim && RequestSyntax.TryGetMemberOfKey(literal, out _, out SyntaxNode? container))
                {
                    description += RuntimeNote(container, model, cancellationToken);
                }

                report(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, literal.GetLocation(), description));
            }
            else if (ContainsJsonKey(value))
            {
                report(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, literal.GetLocation(), "JSON text"));
            }
        }

        private static void AnalyzeInterpolated(SyntaxNodeAnalysisContext context, bool shim)
        {
            var interpolated = (InterpolatedStringExpressionSyntax)context.Node;
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                if (content is InterpolatedStringTextSyntax text && ContainsJsonKey(text.TextToken.ValueText))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, interpolated.GetLocation(), "JSON text" + HolesNote(interpolated, shim, context)));
                    return;
                }
            }
        }

        /// <summary>Added to the description of JSON text with a hole that is not a JSON value.</summary>
        internal const string RawTextHoleNote = ", a hole splices raw text into the JSON: the code fix rewrites JSON text with holes only when every hole is a JSON value (JsonSerializer.Serialize(x), JsonConvert.SerializeObject(x), an integer)";

        /// <summary>
        /// Why JSON text with holes is not rewritten: a hole that is not a JSON value (<see cref="RawTextHoleNote"/>), or a
        /// serialized prompt known only at run time without the shim (<see cref="RuntimePromptNote"/>); otherwise empty.
        /// </summary>
        private static string HolesNote(InterpolatedStringExpressionSyntax interpolated, bool shim, SyntaxNodeAnalysisContext context)
        {
            bool hasHole = false;
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                hasHole |= content is InterpolationSyntax;
            }

            if (!hasHole || !(JsonTemplate.Create(interpolated) is JsonTemplate template))
            {
                return string.Empty;
            }

            if (!template.HolesAtValues)
            {
                return RawTextHoleNote;
            }

            if (template.Members is null)
            {
                return string.Empty; // not one JSON object: nothing to say about its holes
            }

            if (!template.AllHolesAreJsonValues(context.SemanticModel, context.CancellationToken))
            {
                return RawTextHoleNote;
            }

            if (shim)
            {
                return string.Empty;
            }

            foreach (JsonTemplate.TemplateMember member in template.Members!)
            {
                if (member.Key == LegacyWire.Prompt && template.HoleOf(member) is int index && index >= 0
                    && JsonTemplate.SerializerCall(StringSyntax.Unwrap(template.Holes[index].Expression), context.SemanticModel, context.CancellationToken) is ExpressionSyntax prompt)
                {
                    ExpressionSyntax source = prompt;
                    if (RequestSyntax.ResolveLocal(StringSyntax.Unwrap(prompt)) is VariableDeclaratorSyntax local && local.Initializer?.Value is ExpressionSyntax initializer)
                    {
                        source = initializer;
                    }

                    var pieces = PromptSyntax.GetPieces(source, context.SemanticModel, context.CancellationToken);
                    return PromptSyntax.HasMarker(pieces) || pieces.TrueForAll(p => p.IsText) ? string.Empty : RuntimePromptNote;
                }
            }

            return string.Empty;
        }

        /// <summary>
        /// True when <paramref name="text"/> holds "max_tokens_to_sample" as a JSON member name: quoted (double quotes,
        /// or single quotes, which Newtonsoft accepts) and followed by a colon. Prose that quotes the name is not JSON.
        /// </summary>
        internal static bool ContainsJsonKey(string text)
        {
            string name = LegacyWire.MaxTokensToSample;
            for (int index = text.IndexOf(name, StringComparison.Ordinal); index >= 0; index = text.IndexOf(name, index + 1, StringComparison.Ordinal))
            {
                int end = index + name.Length;
                if (index == 0 || end >= text.Length)
                {
                    continue;
                }

                char quote = text[index - 1];
                if ((quote != '"' && quote != '\'') || text[end] != quote)
                {
                    continue;
                }

                int next = end + 1;
                while (next < text.Length && char.IsWhiteSpace(text[next]))
                {
                    next++;
                }

                if (next < text.Length && text[next] == ':')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <see cref="RuntimePromptNote"/> when the body's own <c>prompt</c> shows no turn marker but has parts known only at
        /// run time (a parameter, a field, <c>sb.ToString()</c>, a call; a local is read through its initializer); otherwise empty.
        /// </summary>
        private static string RuntimeNote(SyntaxNode? container, SemanticModel model, CancellationToken cancellationToken)
        {
            if (container is VariableDeclaratorSyntax variable)
            {
                container = variable.Initializer?.Value is ExpressionSyntax initial ? StringSyntax.Unwrap(initial) : null;
            }

            if (container is null || !(RequestSyntax.FindValue(RequestSyntax.GetMembers(container), LegacyWire.Prompt) is ExpressionSyntax prompt))
            {
                return string.Empty;
            }

            ExpressionSyntax source = prompt;
            if (RequestSyntax.ResolveLocal(StringSyntax.Unwrap(prompt)) is VariableDeclaratorSyntax local && local.Initializer?.Value is ExpressionSyntax initializer)
            {
                source = initializer;
            }

            var pieces = PromptSyntax.GetPieces(source, model, cancellationToken);
            return PromptSyntax.HasMarker(pieces) || pieces.TrueForAll(p => p.IsText) ? string.Empty : RuntimePromptNote;
        }

        private static void AnalyzeAnonymousMember(SyntaxNodeAnalysisContext context, bool shim)
        {
            var declarator = (AnonymousObjectMemberDeclaratorSyntax)context.Node;
            // Named (max_tokens_to_sample = 300) or projected (max_tokens_to_sample, settings.max_tokens_to_sample).
            SimpleNameSyntax? name = declarator.NameEquals?.Name ?? declarator.Expression switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax access => access.Name,
                _ => null,
            };
            if (name != null && name.Identifier.ValueText == LegacyWire.MaxTokensToSample)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, name.GetLocation(), "anonymous object" + (shim ? string.Empty : RuntimeNote(declarator.Parent, context.SemanticModel, context.CancellationToken))));
            }
        }

        /// <summary>A positional record's parameters are its properties: <c>record R(string prompt, int max_tokens_to_sample)</c>.</summary>
        private static void AnalyzeRecord(SyntaxNodeAnalysisContext context)
        {
            var record = (TypeDeclarationSyntax)context.Node;
            if (record.ParameterList is null)
            {
                return;
            }

            foreach (ParameterSyntax parameter in record.ParameterList.Parameters)
            {
                if (parameter.Identifier.ValueText == LegacyWire.MaxTokensToSample && !HasNameAttribute(parameter.AttributeLists))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, parameter.Identifier.GetLocation(), "DTO property"));
                }
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

        /// <summary>
        /// A serializer naming attribute ([JsonPropertyName], [JsonProperty], [DataMember]) with a string argument names
        /// the wire member; that literal is reported instead (or nothing, when it names another member). Other attributes
        /// with strings ([Obsolete("…")], [Description("…")]) do not rename the member.
        /// </summary>
        private static bool HasNameAttribute(SyntaxList<AttributeListSyntax> lists)
        {
            foreach (AttributeListSyntax list in lists)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    if (attribute.ArgumentList is null || !IsNamingAttribute(RequestSyntax.LastName(attribute.Name)))
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

        private static bool IsNamingAttribute(string? name) =>
            name == "JsonPropertyName" || name == "JsonPropertyNameAttribute"
            || name == "JsonProperty" || name == "JsonPropertyAttribute"
            || name == "DataMember" || name == "DataMemberAttribute";

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
