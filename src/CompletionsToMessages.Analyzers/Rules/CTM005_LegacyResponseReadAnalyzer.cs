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
using Microsoft.CodeAnalysis.Text;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM005: reading the legacy <c>completion</c> field of a response: <c>GetProperty("completion")</c>,
    /// <c>TryGetProperty</c>, <c>Value&lt;T&gt;</c>/<c>GetValue</c>/<c>SelectToken</c>, indexers on JSON types,
    /// <c>dynamic</c> member access, and response DTO members mapped to "completion". Only in compilations that
    /// mention Anthropic/Claude at all, and only on JSON-typed, dynamic or response-like dictionary receivers.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyResponseReadAnalyzer : CtmAnalyzer
    {
        private static readonly ImmutableHashSet<string> JsonTypeNames = ImmutableHashSet.Create(
            "JsonElement", "JsonDocument", "JsonNode", "JsonObject", "JsonValue", "JObject", "JToken", "JContainer");

        private static readonly ImmutableHashSet<string> ReadMethods = ImmutableHashSet.Create(
            "GetProperty", "TryGetProperty", "TryGetPropertyValue", "GetValue", "TryGetValue", "Value", "SelectToken", "GetPropertyValue");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM005_LegacyResponseRead);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // ["completion"], dynamic '.completion' and DTO members mapped to "completion": a callback on every string
            // literal, member access or type declaration cost more than the rest of the rule, and only files that contain
            // the word can hold one. So one callback per file: ordinal searches of its text, then a look at the literals,
            // member accesses and types where the word occurs.
            context.RegisterSemanticModelAction(c =>
            {
                string text = LiteralSearch.TextOf(c.SemanticModel.SyntaxTree, c.CancellationToken);
                bool mayHideWords = IdentifierSearch.MayHideWords(text);
                if (!mayHideWords && text.IndexOf(LegacyWire.Completion, StringComparison.Ordinal) < 0)
                {
                    return; // most files: no word, and no escape that could spell it
                }

                if (LiteralSearch.Candidates(c.SemanticModel.SyntaxTree, Words, c.CancellationToken) is List<LiteralExpressionSyntax> literals)
                {
                    foreach (LiteralExpressionSyntax literal in literals)
                    {
                        AnalyzeLiteral(literal, c.SemanticModel, c.ReportDiagnostic, state, c.CancellationToken);
                    }
                }

                AnalyzeDynamicAccesses(c, state);
                AnalyzeTypes(c, state, text, mayHideWords);
            });
        }

        private static readonly string[] Words = { LegacyWire.Completion };

        private static void AnalyzeLiteral(LiteralExpressionSyntax literal, SemanticModel model, Action<Diagnostic> report, CompilationState state, CancellationToken cancellationToken)
        {
            if (literal.Token.ValueText != LegacyWire.Completion || !(literal.Parent is ArgumentSyntax argument))
            {
                return;
            }

            ExpressionSyntax? receiver;
            ExpressionSyntax read;
            string? method = null;
            if (argument.Parent is BracketedArgumentListSyntax brackets && brackets.Arguments.Count == 1
                && (brackets.Parent is ElementAccessExpressionSyntax || brackets.Parent is ElementBindingExpressionSyntax))
            {
                read = (ExpressionSyntax)brackets.Parent;
                if (IsAssigned(read))
                {
                    return; // Writing a "completion" member is building a response (an emulator, a test), not reading one.
                }

                receiver = read is ElementAccessExpressionSyntax element ? element.Expression : ConditionalReceiver(read, out _);
            }
            else if (argument.Parent is ArgumentListSyntax list && list.Arguments[0] == argument && list.Parent is InvocationExpressionSyntax invocation)
            {
                method = ((invocation.Expression as MemberAccessExpressionSyntax)?.Name ?? (invocation.Expression as MemberBindingExpressionSyntax)?.Name)?.Identifier.ValueText;
                if (method is null || !ReadMethods.Contains(method))
                {
                    return;
                }

                read = invocation;
                receiver = invocation.Expression is MemberAccessExpressionSyntax access ? access.Expression : ConditionalReceiver(invocation.Expression, out _);
            }
            else
            {
                return;
            }

            if (receiver is null || !state.MentionsAnthropic || ReadsAdapterEvents(read, state) || !IsJsonOrDynamic(receiver, model, cancellationToken))
            {
                return;
            }

            string shape = method is null ? "[\"completion\"]" : method + "(\"completion\")";
            report(Diagnostic.Create(Descriptors.CTM005_LegacyResponseRead, ReadLocation(read), shape));
        }

        private static void AnalyzeDynamicAccesses(SemanticModelAnalysisContext context, CompilationState state)
        {
            SyntaxTree tree = context.SemanticModel.SyntaxTree;
            string text = LiteralSearch.TextOf(tree, context.CancellationToken);
            bool mayHideNames = IdentifierSearch.MayHideNames(text);
            if (text.IndexOf(LegacyWire.Completion, StringComparison.Ordinal) < 0 && !mayHideNames)
            {
                return;
            }

            SyntaxNode root = tree.GetRoot(context.CancellationToken);
            if (mayHideNames)
            {
                foreach (SyntaxNode node in root.DescendantNodes())
                {
                    if (node.IsKind(SyntaxKind.SimpleMemberAccessExpression) || node.IsKind(SyntaxKind.MemberBindingExpression))
                    {
                        AnalyzeDynamicAccess((ExpressionSyntax)node, context.SemanticModel, state, context.ReportDiagnostic, context.CancellationToken);
                    }
                }

                return;
            }

            // Only the identifiers named "completion": the name of a member access or binding is the read.
            foreach (SyntaxToken token in IdentifierSearch.Find(root, text, LegacyWire.Completion, context.CancellationToken))
            {
                if (token.Parent is SimpleNameSyntax name
                    && (name.Parent is MemberAccessExpressionSyntax access && access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && access.Name == name
                        || name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name))
                {
                    AnalyzeDynamicAccess((ExpressionSyntax)name.Parent, context.SemanticModel, state, context.ReportDiagnostic, context.CancellationToken);
                }
            }
        }

        private static void AnalyzeDynamicAccess(ExpressionSyntax access, SemanticModel model, CompilationState state, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            SimpleNameSyntax name = access is MemberAccessExpressionSyntax memberAccess ? memberAccess.Name : ((MemberBindingExpressionSyntax)access).Name;
            if (name.Identifier.ValueText != LegacyWire.Completion || IsAssigned(access) || !state.MentionsAnthropic)
            {
                return;
            }

            ExpressionSyntax? receiver = access is MemberAccessExpressionSyntax member ? member.Expression : ConditionalReceiver(access, out _);
            if (receiver is null)
            {
                return;
            }

            ITypeSymbol? type = model.GetTypeInfo(receiver, cancellationToken).Type;
            if (type?.TypeKind == TypeKind.Dynamic && !ReadsAdapterEvents(access, state))
            {
                report(Diagnostic.Create(Descriptors.CTM005_LegacyResponseRead, ReadLocation(access), "dynamic '.completion'"));
            }
        }

        /// <summary>
        /// A read of a legacy event's "completion" in a member that parses a stream, in a file that reads the shim's
        /// LegacyEventStream (what the streaming fix leaves): the events are the adapter's, so the field is there.
        /// Ordinal file test first (cached per file); the member scan runs only in such files.
        /// </summary>
        private static bool ReadsAdapterEvents(SyntaxNode read, CompilationState state) =>
            StreamSyntax.ReadsAdapterEvents(read, state) && StreamSyntax.Member(read) is SyntaxNode member && StreamSyntax.ParsesAStream(member);

        private static bool IsAssigned(ExpressionSyntax read) =>
            read.Parent is AssignmentExpressionSyntax assignment && assignment.Left == read;

        /// <summary>
        /// The receiver of a member or element binding (<c>x?.Value("completion")</c>, <c>x?["completion"]</c>): the expression
        /// of the conditional access whose WhenNotNull part holds the binding.
        /// </summary>
        private static ExpressionSyntax? ConditionalReceiver(ExpressionSyntax binding, out int chainStart)
        {
            chainStart = binding.SpanStart;
            SyntaxNode child = binding;
            for (SyntaxNode? parent = binding.Parent; parent != null && !(parent is StatementSyntax) && !(parent is MemberDeclarationSyntax); child = parent, parent = parent.Parent)
            {
                if (parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == child)
                {
                    ConditionalAccessExpressionSyntax outermost = conditional;
                    while (outermost.Parent is ConditionalAccessExpressionSyntax outer && outer.WhenNotNull == outermost)
                    {
                        outermost = outer;
                    }

                    chainStart = outermost.SpanStart;
                    return conditional.Expression;
                }
            }

            return null;
        }

        /// <summary>The reported span: the read itself, from the start of its null-conditional chain when it has one.</summary>
        private static Location ReadLocation(ExpressionSyntax read)
        {
            ExpressionSyntax binding = read is InvocationExpressionSyntax invocation ? invocation.Expression : read;
            if (!(binding is MemberBindingExpressionSyntax) && !(binding is ElementBindingExpressionSyntax))
            {
                return read.GetLocation();
            }

            ConditionalReceiver(binding, out int start);
            return Location.Create(read.SyntaxTree, TextSpan.FromBounds(start, read.Span.End));
        }

        /// <summary>
        /// The types of the file that may declare a member mapped to "completion" (see <see cref="AnalyzeType"/>): the type
        /// declarations around the occurrences of the word — a member's name or its attribute's literal — or, when an escape
        /// may spell the word, every type declaration of the file. Called for files that hold the word or such an escape.
        /// </summary>
        private static void AnalyzeTypes(SemanticModelAnalysisContext context, CompilationState state, string text, bool mayHideWords)
        {
            SyntaxTree tree = context.SemanticModel.SyntaxTree;
            SyntaxNode root = tree.GetRoot(context.CancellationToken);
            if (mayHideWords)
            {
                foreach (SyntaxNode node in root.DescendantNodes())
                {
                    if (IsDtoKind(node))
                    {
                        AnalyzeType((TypeDeclarationSyntax)node, context, state);
                    }
                }

                return;
            }

            List<TypeDeclarationSyntax>? analyzed = null;
            foreach (SyntaxToken token in IdentifierSearch.TokensContaining(root, text, LegacyWire.Completion, context.CancellationToken))
            {
                // A member's type is the nearest type declaration around its name or attribute (the rule reads only a
                // type's own members, so a nested type is analysed on its own and an interface not at all).
                TypeDeclarationSyntax? type = token.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                if (type != null && IsDtoKind(type) && !(analyzed ??= new List<TypeDeclarationSyntax>()).Contains(type))
                {
                    analyzed.Add(type);
                    AnalyzeType(type, context, state);
                }
            }
        }

        private static bool IsDtoKind(SyntaxNode node) =>
            node.IsKind(SyntaxKind.ClassDeclaration) || node.IsKind(SyntaxKind.StructDeclaration)
            || node.IsKind(SyntaxKind.RecordDeclaration) || node.IsKind(SyntaxKind.RecordStructDeclaration);

        /// <summary>
        /// Response DTOs: a member (property, field, positional record parameter) mapped to "completion" — by
        /// [JsonPropertyName]/[JsonProperty]/[DataMember(Name)] or, without such an attribute, by its name — in a type that
        /// also has a member mapped to "stop_reason". A lone "completion" member is something else.
        /// </summary>
        private static void AnalyzeType(TypeDeclarationSyntax type, SemanticModelAnalysisContext context, CompilationState state)
        {
            var scan = default(DtoScan);
            if (type is RecordDeclarationSyntax record && record.ParameterList != null)
            {
                foreach (ParameterSyntax parameter in record.ParameterList.Parameters)
                {
                    scan.Visit(parameter.AttributeLists, parameter.Identifier);
                }
            }

            foreach (MemberDeclarationSyntax member in type.Members)
            {
                if (member is PropertyDeclarationSyntax property)
                {
                    scan.Visit(property.AttributeLists, property.Identifier);
                }
                else if (member is FieldDeclarationSyntax field)
                {
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        scan.Visit(field.AttributeLists, variable.Identifier);
                    }
                }
            }

            if (scan.Completion is null || !scan.HasStopReason || !state.MentionsAnthropic)
            {
                return;
            }

            foreach ((SyntaxNodeOrToken where, string name) in scan.Completion)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CTM005_LegacyResponseRead,
                    where.GetLocation(),
                    "response DTO member '" + name + "'"));
            }
        }

        private struct DtoScan
        {
            public List<(SyntaxNodeOrToken Where, string Name)>? Completion;
            public bool HasStopReason;

            public void Visit(SyntaxList<AttributeListSyntax> attributes, SyntaxToken identifier)
            {
                LiteralExpressionSyntax? mapped = MappedName(attributes);
                if (mapped != null)
                {
                    string wire = mapped.Token.ValueText;
                    if (wire == LegacyWire.Completion)
                    {
                        (Completion ??= new List<(SyntaxNodeOrToken, string)>()).Add((mapped, identifier.ValueText));
                    }
                    else if (wire == LegacyWire.StopReason)
                    {
                        HasStopReason = true;
                    }
                }
                else if (identifier.ValueText == LegacyWire.Completion)
                {
                    (Completion ??= new List<(SyntaxNodeOrToken, string)>()).Add((identifier, identifier.ValueText));
                }
                else if (IsStopReasonName(identifier.ValueText))
                {
                    HasStopReason = true;
                }
            }
        }

        /// <summary>The literal of a name-mapping attribute ([JsonPropertyName("x")], [JsonProperty("x")], [DataMember(Name = "x")]).</summary>
        private static LiteralExpressionSyntax? MappedName(SyntaxList<AttributeListSyntax> attributes)
        {
            foreach (AttributeListSyntax list in attributes)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    if (attribute.ArgumentList is null || !IsNameMappingAttribute(attribute.Name))
                    {
                        continue;
                    }

                    foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
                    {
                        string? named = argument.NameEquals?.Name.Identifier.ValueText;
                        if ((named is null || named == "Name" || named == "PropertyName")
                            && argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                        {
                            return literal;
                        }
                    }
                }
            }

            return null;
        }

        private static bool IsNameMappingAttribute(NameSyntax name)
        {
            SimpleNameSyntax? simple = name is QualifiedNameSyntax qualified ? qualified.Right
                : name is AliasQualifiedNameSyntax alias ? alias.Name
                : name as SimpleNameSyntax;
            switch (simple?.Identifier.ValueText)
            {
                case "JsonPropertyName":
                case "JsonPropertyNameAttribute":
                case "JsonProperty":
                case "JsonPropertyAttribute":
                case "DataMember":
                case "DataMemberAttribute":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>"stop_reason", "StopReason", "stopReason" (case-insensitive, underscores ignored), without allocating.</summary>
        private static bool IsStopReasonName(string name)
        {
            const string Target = "stopreason";
            int matched = 0;
            foreach (char c in name)
            {
                if (c == '_')
                {
                    continue;
                }

                if (matched == Target.Length || char.ToLowerInvariant(c) != Target[matched])
                {
                    return false;
                }

                matched++;
            }

            return matched == Target.Length;
        }

        private static bool IsJsonOrDynamic(ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken)
        {
            ITypeSymbol? type = model.GetTypeInfo(receiver, cancellationToken).Type;
            if (type is null)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Dynamic)
            {
                return true;
            }

            if (type is INamedTypeSymbol named && named.IsGenericType
                && (named.Name == "Dictionary" || named.Name == "IDictionary" || named.Name == "IReadOnlyDictionary")
                && named.TypeArguments.Length == 2 && named.TypeArguments[0].SpecialType == SpecialType.System_String)
            {
                // A deserialized response has object, string, dynamic or JSON values; Dictionary<string, int> of token
                // counts keyed "prompt"/"completion" is not a response.
                ITypeSymbol value = named.TypeArguments[1];
                return value.SpecialType == SpecialType.System_Object || value.SpecialType == SpecialType.System_String
                       || value.TypeKind == TypeKind.Dynamic || IsJsonType(value);
            }

            return IsJsonType(type);
        }

        private static bool IsJsonType(ITypeSymbol type)
        {
            for (ITypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (JsonTypeNames.Contains(current.Name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
