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
            // Every finding is named "max_tokens_to_sample" (a literal, JSON text, an anonymous member, a property, field
            // or record parameter): one search of each file's text, not a callback on every node of those kinds.
            context.RegisterSemanticModelAction(c => AnalyzeFile(AnalysisSite.Of(c), shim));
        }

        private static void AnalyzeFile(AnalysisSite site, bool shim)
        {
            SyntaxTree tree = site.SemanticModel.SyntaxTree;
            string text = LiteralSearch.TextOf(tree, site.CancellationToken);
            bool mayHideWords = IdentifierSearch.MayHideWords(text);
            if (!mayHideWords && text.IndexOf(LegacyWire.MaxTokensToSample, StringComparison.Ordinal) < 0)
            {
                return; // most files
            }

            SyntaxNode root = tree.GetRoot(site.CancellationToken);
            if (mayHideWords)
            {
                // An escape may spell the name in a literal, interpolated text or identifier: look at every node of the kinds.
                foreach (SyntaxNode node in root.DescendantNodes())
                {
                    Analyze(node, site, shim);
                }

                return;
            }

            List<InterpolatedStringExpressionSyntax>? interpolations = null;
            foreach (SyntaxToken token in IdentifierSearch.TokensContaining(root, text, LegacyWire.MaxTokensToSample, site.CancellationToken))
            {
                SyntaxNode? node = token.Parent;
                if (token.IsKind(SyntaxKind.InterpolatedStringTextToken))
                {
                    // One finding per interpolated string, however many of its text parts hold the name.
                    if (!(node?.Parent is InterpolatedStringExpressionSyntax interpolated) || (interpolations ??= new List<InterpolatedStringExpressionSyntax>()).Contains(interpolated))
                    {
                        continue;
                    }

                    interpolations.Add(interpolated);
                    node = interpolated;
                }
                else if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    AnalyzeDeclaredName(token, site, shim);
                    continue;
                }

                if (node != null)
                {
                    Analyze(node, site, shim);
                }
            }
        }

        /// <summary>
        /// An identifier named max_tokens_to_sample where it names a member: of an anonymous object (named, or projected
        /// from <c>x</c> or <c>o.x</c>), a property, a field or a positional record parameter. Each member is reached
        /// through its one name token, so it is reported once.
        /// </summary>
        private static void AnalyzeDeclaredName(SyntaxToken token, AnalysisSite site, bool shim)
        {
            switch (token.Parent)
            {
                case SimpleNameSyntax name:
                    SyntaxNode? parent = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access.Parent : name.Parent;
                    if (parent is NameEqualsSyntax equals && equals.Parent is AnonymousObjectMemberDeclaratorSyntax named)
                    {
                        AnalyzeAnonymousMember(named, site, shim);
                    }
                    else if (parent is AnonymousObjectMemberDeclaratorSyntax projected && projected.NameEquals is null)
                    {
                        AnalyzeAnonymousMember(projected, site, shim);
                    }

                    break;
                case PropertyDeclarationSyntax property:
                    AnalyzeProperty(property, site);
                    break;
                case VariableDeclaratorSyntax variable when variable.Parent?.Parent is FieldDeclarationSyntax field:
                    AnalyzeField(field, variable, site);
                    break;
                case ParameterSyntax parameter when parameter.Parent?.Parent is RecordDeclarationSyntax record && record.ParameterList == parameter.Parent:
                    AnalyzeRecordParameter(parameter, site);
                    break;
            }
        }

        /// <summary>
        /// The rule on one node of a kind that can name the legacy member (the walk of a file with escapes); other nodes
        /// are ignored.
        /// </summary>
        private static void Analyze(SyntaxNode node, AnalysisSite site, bool shim)
        {
            switch (node.Kind())
            {
                case SyntaxKind.StringLiteralExpression:
                    AnalyzeLiteral((LiteralExpressionSyntax)node, site.SemanticModel, site.ReportDiagnostic, shim, site.CancellationToken);
                    break;
                case SyntaxKind.InterpolatedStringExpression:
                    AnalyzeInterpolated((InterpolatedStringExpressionSyntax)node, site, shim);
                    break;
                case SyntaxKind.AnonymousObjectMemberDeclarator:
                    AnalyzeAnonymousMember((AnonymousObjectMemberDeclaratorSyntax)node, site, shim);
                    break;
                case SyntaxKind.PropertyDeclaration:
                    AnalyzeProperty((PropertyDeclarationSyntax)node, site);
                    break;
                case SyntaxKind.FieldDeclaration:
                    var field = (FieldDeclarationSyntax)node;
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        AnalyzeField(field, variable, site);
                    }

                    break;
                case SyntaxKind.RecordDeclaration:
                case SyntaxKind.RecordStructDeclaration:
                    foreach (ParameterSyntax parameter in ((RecordDeclarationSyntax)node).ParameterList?.Parameters ?? default)
                    {
                        AnalyzeRecordParameter(parameter, site);
                    }

                    break;
            }
        }

        /// <summary>Added to the body's description when its prompt is known only at run time and the shim is not referenced.</summary>
        internal const string RuntimePromptNote = ", prompt known only at run time: the code fix can convert it with LegacyPrompt.ToMessages when the project references CompletionsToMessages.Shim";

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

        private static void AnalyzeInterpolated(InterpolatedStringExpressionSyntax interpolated, AnalysisSite context, bool shim)
        {
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
        private static string HolesNote(InterpolatedStringExpressionSyntax interpolated, bool shim, AnalysisSite context)
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

        private static void AnalyzeAnonymousMember(AnonymousObjectMemberDeclaratorSyntax declarator, AnalysisSite context, bool shim)
        {
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
        private static void AnalyzeRecordParameter(ParameterSyntax parameter, AnalysisSite context)
        {
            if (parameter.Identifier.ValueText == LegacyWire.MaxTokensToSample && !HasNameAttribute(parameter.AttributeLists))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, parameter.Identifier.GetLocation(), "DTO property"));
            }
        }

        private static void AnalyzeProperty(PropertyDeclarationSyntax property, AnalysisSite context)
        {
            if (property.Identifier.ValueText == LegacyWire.MaxTokensToSample && !HasNameAttribute(property.AttributeLists))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, property.Identifier.GetLocation(), "DTO property"));
            }
        }

        private static void AnalyzeField(FieldDeclarationSyntax field, VariableDeclaratorSyntax variable, AnalysisSite context)
        {
            if (variable.Identifier.ValueText == LegacyWire.MaxTokensToSample && !field.Modifiers.Any(SyntaxKind.ConstKeyword) && !HasNameAttribute(field.AttributeLists))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM002_LegacyRequestBody, variable.Identifier.GetLocation(), "DTO field"));
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
