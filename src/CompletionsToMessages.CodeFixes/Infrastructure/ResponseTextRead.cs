using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// Rewrites a read of the legacy <c>completion</c> string into the concatenated <c>text</c> of the
    /// <c>type: "text"</c> blocks of a Messages response's <c>content</c>, in the same JSON library, as a <c>string</c>:
    /// <list type="bullet">
    /// <item>System.Text.Json: <c>R.GetProperty("completion").GetString()</c> and <c>dict["completion"].GetString()</c>
    /// (<c>Dictionary&lt;string, JsonElement&gt;</c>);</item>
    /// <item><c>JsonNode</c>/<c>JsonObject</c>: <c>R["completion"]</c> followed by <c>.GetValue&lt;string&gt;()</c>,
    /// <c>.ToString()</c> (also <c>?.</c> and <c>!.</c>) or cast to <c>string</c>;</item>
    /// <item>Newtonsoft: <c>R["completion"]</c> followed by <c>.ToString()</c>, <c>.Value&lt;string&gt;()</c> (also
    /// <c>?.</c>/<c>!.</c>) or cast to <c>string</c>, and <c>R.Value&lt;string&gt;("completion")</c>;</item>
    /// <item><c>dynamic</c> from Newtonsoft (<c>JsonConvert.DeserializeObject</c>, <c>JObject.Parse</c>):
    /// <c>R.completion</c> cast or converted to <c>string</c>.</item>
    /// </list>
    /// Only when the receiver is a response root in reach: a parse/deserialize call, or a local (never reassigned)
    /// initialized from one, possibly through <c>.RootElement</c>, <c>await</c>, <c>!</c>, <c>??</c> or a cast. Refused:
    /// nested objects (<c>root.GetProperty("data").GetProperty("completion")</c>), parameters and fields (their origin is
    /// out of reach), null-conditional receivers, reads whose value is used as a JSON value, and members that parse a
    /// stream (their "completion" is an event's, not a response's). The receiver is evaluated once, as before.
    /// Shared with the whole-request migration (CTM001), which calls <see cref="Plan"/> for the reads it owns.
    /// </summary>
    internal static class ResponseTextRead
    {
        private const string Placeholder = "__ctm_receiver__";
        private const string LinqNamespace = "System.Linq";
        private const int MaxOriginDepth = 6;

        private static readonly ImmutableHashSet<string> RootMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "Parse", "ParseAsync", "ParseValue", "Deserialize", "DeserializeAsync", "DeserializeObject",
            "ReadFromJsonAsync", "GetFromJsonAsync", "Load", "LoadAsync", "ReadFrom", "ReadFromAsync");

        /// <summary>One planned rewrite: replace <see cref="Target"/> by <see cref="Replacement"/>; import <see cref="Namespaces"/>.</summary>
        internal sealed class Rewrite
        {
            public Rewrite(ExpressionSyntax target, ExpressionSyntax replacement, ImmutableArray<string> namespaces)
            {
                Target = target;
                Replacement = replacement;
                Namespaces = namespaces;
            }

            public ExpressionSyntax Target { get; }

            public ExpressionSyntax Replacement { get; }

            public ImmutableArray<string> Namespaces { get; }
        }

        private enum Library
        {
            JsonElement,
            JsonElementDictionary,
            JsonNode,
            Newtonsoft,
            NewtonsoftDynamic,
        }

        /// <summary>The rewrite of the CTM005 read at <paramref name="span"/>, or null when it is not a supported, safe shape.</summary>
        public static Rewrite? Plan(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
        {
            SyntaxNode node = root.FindNode(span, getInnermostNodeForTie: true);
            if (node is ConditionalAccessExpressionSyntax chain && node.SpanStart == span.Start && node.Span != span)
            {
                return PlanConditional(chain, span, model, cancellationToken);
            }

            if (node.Span != span || !(node is ExpressionSyntax read))
            {
                return null; // other null-conditional receivers (the span starts at the chain) and DTO members
            }

            ExpressionSyntax? receiver;
            Library library;
            ExpressionSyntax? target;
            switch (read)
            {
                case InvocationExpressionSyntax invocation when invocation.Expression is MemberAccessExpressionSyntax access
                                                                && IsCompletionArgument(invocation.ArgumentList):
                    receiver = access.Expression;
                    ITypeSymbol? invocationReceiverType = model.GetTypeInfo(receiver, cancellationToken).Type;
                    if (access.Name.Identifier.ValueText == "GetProperty" && access.Name is IdentifierNameSyntax && IsJsonElement(invocationReceiverType))
                    {
                        library = Library.JsonElement;
                        target = Suffix(read, model, cancellationToken) is (ExpressionSyntax outer, string how) && how == "GetString" ? outer : null;
                    }
                    else if (access.Name is GenericNameSyntax generic && generic.Identifier.ValueText == "Value" && IsStringTypeArgument(generic, model, cancellationToken)
                             && Is(invocationReceiverType, "Newtonsoft.Json.Linq", "JToken"))
                    {
                        library = Library.Newtonsoft;
                        target = read;
                    }
                    else
                    {
                        return null;
                    }

                    break;

                case ElementAccessExpressionSyntax element when IsCompletionArgument(element.ArgumentList):
                    receiver = element.Expression;
                    ITypeSymbol? type = model.GetTypeInfo(receiver, cancellationToken).Type;
                    (ExpressionSyntax Outer, string How)? suffix = Suffix(read, model, cancellationToken);
                    if (Is(type, "System.Text.Json.Nodes", "JsonNode") && !Is(type, "System.Text.Json.Nodes", "JsonArray") && !Is(type, "System.Text.Json.Nodes", "JsonValue"))
                    {
                        library = Library.JsonNode;
                        target = suffix is (ExpressionSyntax outer, string how) && (how == "GetValue<string>" || how == "ToString" || how == "(string)") ? outer : null;
                    }
                    else if (Is(type, "Newtonsoft.Json.Linq", "JToken") && !Is(type, "Newtonsoft.Json.Linq", "JArray") && !Is(type, "Newtonsoft.Json.Linq", "JValue"))
                    {
                        library = Library.Newtonsoft;
                        target = suffix is (ExpressionSyntax outer, string how) && (how == "Value<string>" || how == "ToString" || how == "(string)") ? outer : null;
                    }
                    else if (IsJsonElementDictionary(type))
                    {
                        library = Library.JsonElementDictionary;
                        target = suffix is (ExpressionSyntax outer, string how) && how == "GetString" ? outer : null;
                    }
                    else
                    {
                        return null;
                    }

                    break;

                case MemberAccessExpressionSyntax member when member.Name is IdentifierNameSyntax name && name.Identifier.ValueText == LegacyWire.Completion:
                    receiver = member.Expression;
                    if (model.GetTypeInfo(receiver, cancellationToken).Type?.TypeKind != TypeKind.Dynamic)
                    {
                        return null;
                    }

                    library = Library.NewtonsoftDynamic;
                    if (Suffix(read, model, cancellationToken) is (ExpressionSyntax cast, "(string)"))
                    {
                        target = cast;
                    }
                    else
                    {
                        target = model.GetTypeInfo(read, cancellationToken).ConvertedType?.SpecialType == SpecialType.System_String ? read : null;
                    }

                    break;

                default:
                    return null;
            }

            if (target is null
                || receiver.DescendantTokens().Any(t => t.IsKind(SyntaxKind.StringLiteralToken) && t.ValueText == LegacyWire.Completion)
                || !(Scope(read) is SyntaxNode scope)
                || ParsesAStream(scope)
                || !IsResponseRoot(receiver, library == Library.NewtonsoftDynamic, model, scope, 0, cancellationToken))
            {
                return null;
            }

            ExpressionSyntax? replacement = Build(library, receiver, target, model);
            return replacement is null ? null : new Rewrite(target, replacement.WithTriviaFrom(target), ImmutableArray.Create(LinqNamespace));
        }

        /// <summary>
        /// <c>R?["completion"]?.GetValue&lt;string&gt;()</c> (or <c>?.ToString()</c>) on a <c>JsonNode</c> response root, the
        /// whole chain: <c>R?["content"]?.AsArray().Where(…).Select(…).Aggregate(string.Empty, …)</c>, null where the
        /// original was null (no response, no <c>content</c>).
        /// </summary>
        private static Rewrite? PlanConditional(ConditionalAccessExpressionSyntax chain, TextSpan span, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!(chain.WhenNotNull is ConditionalAccessExpressionSyntax { Expression: ElementBindingExpressionSyntax element, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding, ArgumentList: { Arguments: { Count: 0 } } } } inner)
                || span.End != element.Span.End || !IsCompletionArgument(element.ArgumentList)
                || (chain.Parent is ConditionalAccessExpressionSyntax outer && outer.WhenNotNull == chain)
                || !(Describe(binding.Name, model, cancellationToken) is "GetValue<string>" or "ToString"))
            {
                return null;
            }

            ExpressionSyntax receiver = chain.Expression;
            ITypeSymbol? type = model.GetTypeInfo(receiver, cancellationToken).Type;
            if (!Is(type, "System.Text.Json.Nodes", "JsonNode") || Is(type, "System.Text.Json.Nodes", "JsonArray") || Is(type, "System.Text.Json.Nodes", "JsonValue")
                || !(Scope(chain) is SyntaxNode scope) || ParsesAStream(scope)
                || !IsResponseRoot(receiver, false, model, scope, 0, cancellationToken))
            {
                return null;
            }

            int position = chain.SpanStart;
            NullableContext nullable = model.GetNullableContext(position);
            string q = nullable.AnnotationsEnabled() ? "?" : "";
            string bang = nullable.WarningsEnabled() ? "!" : "";
            string b = FreeName(model, position, "block");
            string text = FreeName(model, position, "text");
            string part = FreeName(model, position, "part");
            string r = Placeholder;
            string code = $"{r}?[\"content\"]?.AsArray().Where({b} => (string{q}){b}{bang}[\"type\"] == \"text\").Select({b} => (string{q}){b}{bang}[\"text\"]).Aggregate(string.Empty, ({text}, {part}) => {text} + {part})";
            ExpressionSyntax template = SyntaxFactory.ParseExpression(code);
            if (template.ContainsDiagnostics)
            {
                return null;
            }

            IdentifierNameSyntax placeholder = template.DescendantNodes().OfType<IdentifierNameSyntax>().Single(n => n.Identifier.ValueText == Placeholder);
            ExpressionSyntax replacement = template.ReplaceNode(placeholder, receiver.WithoutTrivia());
            return new Rewrite(chain, replacement.WithTriviaFrom(chain), ImmutableArray.Create(LinqNamespace));
        }

        private static ExpressionSyntax? Build(Library library, ExpressionSyntax receiver, ExpressionSyntax target, SemanticModel model)
        {
            int position = target.SpanStart;
            NullableContext nullable = model.GetNullableContext(position);
            string q = nullable.AnnotationsEnabled() ? "?" : "";
            string bang = nullable.WarningsEnabled() ? "!" : "";
            string b = FreeName(model, position, "block");
            string r = Placeholder;
            string text;
            switch (library)
            {
                case Library.JsonElement:
                case Library.JsonElementDictionary:
                    string content = library == Library.JsonElement ? $"{r}.GetProperty(\"content\")" : $"{r}[\"content\"]";
                    text = $"string.Concat({content}.EnumerateArray().Where({b} => {b}.GetProperty(\"type\").GetString() == \"text\").Select({b} => {b}.GetProperty(\"text\").GetString()))";
                    break;
                case Library.JsonNode:
                    text = $"string.Concat({r}[\"content\"]{bang}.AsArray().Where({b} => (string{q}){b}{bang}[\"type\"] == \"text\").Select({b} => (string{q}){b}{bang}[\"text\"]))";
                    break;
                case Library.Newtonsoft:
                    text = $"string.Concat({r}[\"content\"]{bang}.Where({b} => (string{q}){b}[\"type\"] == \"text\").Select({b} => (string{q}){b}[\"text\"]))";
                    break;
                default:
                    string jarray = model.LookupNamespacesAndTypes(position, name: "JArray").Any(s => Is(s as ITypeSymbol, "Newtonsoft.Json.Linq", "JArray"))
                        ? "JArray"
                        : "Newtonsoft.Json.Linq.JArray";
                    text = $"string.Concat((({jarray}){r}.content).Where({b} => (string{q}){b}[\"type\"] == \"text\").Select({b} => (string{q}){b}[\"text\"]))";
                    break;
            }

            ExpressionSyntax template = SyntaxFactory.ParseExpression(text);
            if (template.ContainsDiagnostics)
            {
                return null;
            }

            IdentifierNameSyntax placeholder = template.DescendantNodes().OfType<IdentifierNameSyntax>().Single(n => n.Identifier.ValueText == Placeholder);
            return template.ReplaceNode(placeholder, receiver.WithoutTrivia());
        }

        /// <summary>
        /// What the read's value becomes: a call without arguments on it (<c>.GetString()</c>, <c>?.ToString()</c>,
        /// <c>!.GetValue&lt;string&gt;()</c>, …) or a cast to string, with the expression to replace.
        /// </summary>
        private static (ExpressionSyntax Outer, string How)? Suffix(ExpressionSyntax read, SemanticModel model, CancellationToken cancellationToken)
        {
            ExpressionSyntax value = read;
            while (value.Parent is ParenthesizedExpressionSyntax || value.Parent.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                value = (ExpressionSyntax)value.Parent!;
            }

            switch (value.Parent)
            {
                case CastExpressionSyntax cast when cast.Expression == value:
                    return model.GetTypeInfo(cast.Type, cancellationToken).Type?.SpecialType == SpecialType.System_String ? (cast, "(string)") : null;

                case MemberAccessExpressionSyntax access when access.Expression == value && access.IsKind(SyntaxKind.SimpleMemberAccessExpression)
                                                              && access.Parent is InvocationExpressionSyntax call && call.Expression == access
                                                              && call.ArgumentList.Arguments.Count == 0:
                    return Describe(access.Name, model, cancellationToken) is string how ? (call, how) : null;

                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == value
                                                                       && conditional.WhenNotNull is InvocationExpressionSyntax call
                                                                       && call.Expression is MemberBindingExpressionSyntax binding
                                                                       && call.ArgumentList.Arguments.Count == 0:
                    return Describe(binding.Name, model, cancellationToken) is string bound ? (conditional, bound) : null;

                default:
                    return null;
            }
        }

        private static string? Describe(SimpleNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
        {
            if (name is IdentifierNameSyntax)
            {
                return name.Identifier.ValueText;
            }

            return name is GenericNameSyntax generic && IsStringTypeArgument(generic, model, cancellationToken) ? generic.Identifier.ValueText + "<string>" : null;
        }

        private static bool IsStringTypeArgument(GenericNameSyntax generic, SemanticModel model, CancellationToken cancellationToken) =>
            generic.TypeArgumentList.Arguments.Count == 1
            && model.GetTypeInfo(generic.TypeArgumentList.Arguments[0], cancellationToken).Type?.SpecialType == SpecialType.System_String;

        private static bool IsCompletionArgument(BaseArgumentListSyntax list) =>
            list.Arguments.Count == 1 && list.Arguments[0].RefKindKeyword.IsKind(SyntaxKind.None)
            && list.Arguments[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && literal.Token.ValueText == LegacyWire.Completion;

        /// <summary>
        /// True when <paramref name="expression"/> is the whole parsed response: a parse/deserialize call (Newtonsoft
        /// only, for <c>dynamic</c>, whose objects are then <c>JObject</c>s), or a local initialized from one and never
        /// assigned again, through <c>.RootElement</c>, <c>await</c>, <c>.ConfigureAwait</c>, <c>!</c>, <c>??</c>, casts.
        /// </summary>
        private static bool IsResponseRoot(ExpressionSyntax expression, bool dynamicNewtonsoft, SemanticModel model, SyntaxNode scope, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxOriginDepth)
            {
                return false;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsResponseRoot(parenthesized.Expression, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    return IsResponseRoot(suppressed.Operand, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                case AwaitExpressionSyntax awaited:
                    return IsResponseRoot(awaited.Expression, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                case CastExpressionSyntax cast:
                    return IsResponseRoot(cast.Expression, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.CoalesceExpression) || binary.IsKind(SyntaxKind.AsExpression):
                    return IsResponseRoot(binary.Left, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                case MemberAccessExpressionSyntax access when !dynamicNewtonsoft && access.Name.Identifier.ValueText == "RootElement":
                    return Is(model.GetTypeInfo(access.Expression, cancellationToken).Type, "System.Text.Json", "JsonDocument")
                           && IsResponseRoot(access.Expression, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                case IdentifierNameSyntax identifier:
                    return model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                           && Initializer(local, identifier, scope, model, cancellationToken) is ExpressionSyntax initializer
                           && IsResponseRoot(initializer, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                case InvocationExpressionSyntax invocation:
                    if (!(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method))
                    {
                        return false;
                    }

                    if ((method.Name == "ConfigureAwait" || (!dynamicNewtonsoft && (method.Name == "Clone" || method.Name == "AsObject")))
                        && invocation.Expression is MemberAccessExpressionSyntax wrapped)
                    {
                        return IsResponseRoot(wrapped.Expression, dynamicNewtonsoft, model, scope, depth + 1, cancellationToken);
                    }

                    string ns = method.ContainingNamespace?.ToDisplayString() ?? "";
                    return dynamicNewtonsoft ? IsNewtonsoftDynamicSource(method, invocation) : RootMethods.Contains(method.Name) && (ns.StartsWith("System.Text.Json", StringComparison.Ordinal)
                        || ns.StartsWith("Newtonsoft.Json", StringComparison.Ordinal) || ns == "System.Net.Http.Json");
                default:
                    return false;
            }
        }

        /// <summary>Calls that give a <c>JObject</c> behind <c>dynamic</c>: <c>JsonConvert.DeserializeObject(text)</c>
        /// (or with type argument <c>dynamic</c>/<c>object</c>/<c>JObject</c>), <c>JObject.Parse</c>, <c>JToken.Parse</c>.</summary>
        private static bool IsNewtonsoftDynamicSource(IMethodSymbol method, InvocationExpressionSyntax invocation)
        {
            if (invocation.ArgumentList.Arguments.Count != 1)
            {
                return false;
            }

            if (method.Name == "DeserializeObject" && Is(method.ContainingType, "Newtonsoft.Json", "JsonConvert"))
            {
                if (method.TypeArguments.Length == 0)
                {
                    return true;
                }

                ITypeSymbol argument = method.TypeArguments[0];
                return argument.TypeKind == TypeKind.Dynamic || argument.SpecialType == SpecialType.System_Object || Is(argument, "Newtonsoft.Json.Linq", "JObject");
            }

            return method.Name == "Parse" && (Is(method.ContainingType, "Newtonsoft.Json.Linq", "JObject") || Is(method.ContainingType, "Newtonsoft.Json.Linq", "JToken"));
        }

        /// <summary>The initializer of a local declared by a declaration (or <c>using</c>) statement and never assigned again in <paramref name="scope"/>.</summary>
        private static ExpressionSyntax? Initializer(ILocalSymbol local, IdentifierNameSyntax reference, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator)
                || declarator.SyntaxTree != reference.SyntaxTree
                || !(declarator.Initializer?.Value is ExpressionSyntax initializer)
                || !(declarator.Parent?.Parent is LocalDeclarationStatementSyntax || declarator.Parent?.Parent is UsingStatementSyntax))
            {
                return null;
            }

            foreach (IdentifierNameSyntax use in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (use.Identifier.ValueText != local.Name || use == reference)
                {
                    continue;
                }

                SyntaxNode written = use;
                while (written.Parent is ParenthesizedExpressionSyntax)
                {
                    written = written.Parent;
                }

                bool assigned = (written.Parent is AssignmentExpressionSyntax assignment && assignment.Left == written)
                                || (written.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                                || written.Parent.IsKind(SyntaxKind.AddressOfExpression) || written.Parent is RefExpressionSyntax;
                if (assigned && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(use, cancellationToken).Symbol, local))
                {
                    return null;
                }
            }

            return initializer;
        }

        /// <summary>The member whose code is searched for the read's origin: a member declaration, or the file's top-level statements.</summary>
        private static SyntaxNode? Scope(SyntaxNode read)
        {
            MemberDeclarationSyntax? member = read.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            return member is GlobalStatementSyntax ? member.Parent : member;
        }

        private static bool ParsesAStream(SyntaxNode scope) => Analyzers.Infrastructure.StreamSyntax.ParsesAStream(scope);

        /// <summary>A lambda parameter name no local, parameter or range variable in scope at <paramref name="position"/> uses.</summary>
        private static string FreeName(SemanticModel model, int position, string name)
        {
            for (int i = 1; ; i++)
            {
                string candidate = i == 1 ? name : name + i;
                if (!model.LookupSymbols(position, name: candidate).Any(s => s is ILocalSymbol || s is IParameterSymbol || s is IRangeVariableSymbol))
                {
                    return candidate;
                }
            }
        }

        private static bool IsJsonElement(ITypeSymbol? type) => Is(type, "System.Text.Json", "JsonElement");

        private static bool IsJsonElementDictionary(ITypeSymbol? type) =>
            type is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 2
            && (named.Name == "Dictionary" || named.Name == "IDictionary" || named.Name == "IReadOnlyDictionary")
            && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
            && named.TypeArguments[0].SpecialType == SpecialType.System_String && IsJsonElement(named.TypeArguments[1]);

        /// <summary>True when <paramref name="type"/> is, or derives from, <paramref name="ns"/>.<paramref name="name"/>.</summary>
        private static bool Is(ITypeSymbol? type, string ns, string name)
        {
            for (ITypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == ns)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
