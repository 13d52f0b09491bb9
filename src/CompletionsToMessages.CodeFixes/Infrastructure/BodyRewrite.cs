using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// The rewrite of one Text Completions body (the container of its members, where the CTM002 diagnostic points)
    /// into a Messages API body of the same C# shape: <c>max_tokens_to_sample</c> → <c>max_tokens</c>, <c>prompt</c> →
    /// <c>system</c> + <c>messages</c> (through the shared <see cref="LegacyPromptParser"/>), "\n\nHuman:" out of
    /// <c>stop_sequences</c>, and <c>anthropic_version</c> for Bedrock. Everything else is kept as written.
    /// The new container is produced as text from the old one (members, trivia and separators kept) and parsed back.
    /// </summary>
    internal sealed class BodyRewrite
    {
        private BodyRewrite(ExpressionSyntax container, ExpressionSyntax replacement, PromptLocal? local, RuntimePrompt? runtime = null, Func<ExpressionSyntax?>? render = null)
        {
            Container = container;
            Replacement = replacement;
            Local = local;
            Runtime = runtime;
            this.render = render;
        }

        private readonly Func<ExpressionSyntax?>? render;

        /// <summary>The run-time conversion through the shim, when the prompt is known only at run time.</summary>
        public RuntimePrompt? Runtime { get; }

        /// <summary>The body's creation expression, replaced as a whole.</summary>
        public ExpressionSyntax Container { get; }

        public ExpressionSyntax Replacement { get; }

        /// <summary>The local the prompt was read from, when the body names one (its declaration may go).</summary>
        public PromptLocal? Local { get; }

        private enum BodyKind
        {
            Anonymous,
            Dictionary,
            JsonObject,
            JObject,
        }

        private enum ElementForm
        {
            Other,
            Anonymous,
            IndexAssignment,
            ComplexElement,
            JProperty,
        }

        public static BodyRewrite? Create(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            Create(root, model, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), cancellationToken);

        /// <summary>
        /// The rewrite of the body whose CTM002 site is <paramref name="key"/> (the <c>max_tokens_to_sample</c> name or key
        /// the diagnostic points at, or the JSON text literal); null when the fix is not offered there.
        /// </summary>
        public static BodyRewrite? Create(SyntaxNode root, SemanticModel model, SyntaxNode key, CancellationToken cancellationToken)
        {
            if (key is LiteralExpressionSyntax jsonText && jsonText.IsKind(SyntaxKind.StringLiteralExpression) && jsonText.Token.ValueText != LegacyWire.MaxTokensToSample)
            {
                return JsonBodyRewrite.Create(root, jsonText) is (LiteralExpressionSyntax literal, ExpressionSyntax json) ? new BodyRewrite(literal, json, null) : null;
            }

            if (key is InterpolatedStringExpressionSyntax jsonWithHoles)
            {
                return InterpolatedJsonRewrite.Create(root, model, jsonWithHoles, cancellationToken);
            }

            ExpressionSyntax? container = LocateContainer(key);
            if (container is null || container.ContainsDiagnostics || container.ContainsDirectives)
            {
                return null;
            }

            BodyKind? kind = KindOf(container, model, cancellationToken);
            if (kind is null || !TryGetList(container, key, out SyntaxNodeOrTokenList items, out SyntaxToken open, out SyntaxToken close))
            {
                return null;
            }

            var elements = new List<Element>();
            foreach (SyntaxNodeOrToken item in items)
            {
                if (item.IsNode)
                {
                    elements.Add(Element.Of(item.AsNode()!));
                }
            }

            Element? prompt = Single(elements, LegacyWire.Prompt, out bool promptAmbiguous);
            Element? maxTokens = Single(elements, LegacyWire.MaxTokensToSample, out bool maxAmbiguous);
            Element? stop = Single(elements, LegacyWire.StopSequences, out bool stopAmbiguous);
            if (prompt?.Value is null || maxTokens?.Key is null || promptAmbiguous || maxAmbiguous || stopAmbiguous
                || prompt.Form == ElementForm.Other || maxTokens.Form == ElementForm.Other)
            {
                return null;
            }

            // Members elsewhere (body["k"] = v; later in the block) count as well.
            var names = new HashSet<string>(elements.Where(e => e.Name != null).Select(e => e.Name!), StringComparer.Ordinal);
            if (RequestSyntax.Canonical(container) is VariableDeclaratorSyntax declarator)
            {
                foreach (BodyMember member in RequestSyntax.GetMembers(declarator))
                {
                    if (!container.Span.Contains(member.KeyNode.Span))
                    {
                        if (member.Name == LegacyWire.Prompt || member.Name == LegacyWire.MaxTokensToSample)
                        {
                            return null;
                        }

                        names.Add(member.Name);
                    }
                }
            }

            if (names.Contains(LegacyWire.MaxTokens) || names.Contains(LegacyWire.Messages) || names.Contains(LegacyWire.System))
            {
                return null;
            }

            // No model in the body: a Bedrock InvokeModel body (the model is in the call), when the file says so.
            bool bedrock = !names.Contains(LegacyWire.Model);
            if (bedrock && !MentionsBedrock(root))
            {
                return null;
            }

            // Prompt → system + messages: from its syntax, or at run time through the shim when its turns are not in the code.
            if (!TryConvertPrompt(root, container, prompt.Value, model, cancellationToken, out PromptLocal? local, out PromptContent? content, out RuntimePrompt? runtime))
            {
                return null;
            }

            // An anonymous type whose renamed or removed members are read later would not compile.
            ExpressionSyntax? stopValue = null;
            bool removeStop = false;
            if (stop?.Value != null && stop.Form != ElementForm.Other)
            {
                stopValue = WithoutHumanStop(stop.Value, model, cancellationToken, out removeStop);
            }

            if (kind == BodyKind.Anonymous && MustKeepItsType(container))
            {
                return null;
            }

            if (kind == BodyKind.Anonymous
                && (MemberRemoval.IsReadLater(prompt.Node, LegacyWire.Prompt)
                    || MemberRemoval.IsReadLater(maxTokens.Node, LegacyWire.MaxTokensToSample)
                    || (removeStop && MemberRemoval.IsReadLater(stop!.Node, LegacyWire.StopSequences))))
            {
                return null;
            }

            var writer = new Writer(kind.Value, prompt, container, model, open, close, Layout.Of(container, open, close, prompt.Node));
            // The members, rendered again when Fix All renames the conversion local.
            ExpressionSyntax? Render()
            {
                var actions = new Dictionary<SyntaxNode, string?>();
                actions[maxTokens.Node] = maxTokens.Node.ReplaceNode(maxTokens.Key, Rename(maxTokens.Key, LegacyWire.MaxTokens)).ToFullString();
                if (removeStop)
                {
                    actions[stop!.Node] = null;
                }
                else if (stopValue != null)
                {
                    actions[stop!.Node] = stop.Node.ReplaceNode(stop.Value!, stopValue).ToFullString();
                }

                var replacementMembers = new List<string>();
                if (bedrock && !names.Contains(LegacyWire.AnthropicVersion))
                {
                    replacementMembers.Add(writer.Member(LegacyWire.AnthropicVersion, "\"" + LegacyWire.BedrockAnthropicVersion + "\""));
                }

                if (runtime != null)
                {
                    replacementMembers.Add(writer.Member(LegacyWire.System, writer.RuntimeSystem(runtime.Name)));
                    replacementMembers.Add(writer.Member(LegacyWire.Messages, writer.RuntimeMessages(runtime.Name, runtime.LambdaName)));
                }
                else
                {
                    if (content!.RenderSystem() is string system)
                    {
                        replacementMembers.Add(writer.Member(LegacyWire.System, system));
                    }

                    replacementMembers.Add(writer.Member(LegacyWire.Messages, writer.Messages(content)));
                }

                actions[prompt.Node] = writer.Expand(prompt.Node, replacementMembers);

                string text = Writer.Rebuild(container, items, actions);
                ExpressionSyntax replacement = SyntaxFactory.ParseExpression(text, 0, root.SyntaxTree.Options as CSharpParseOptions);
                if (replacement.ContainsDiagnostics || replacement.FullSpan.Length != text.Length)
                {
                    return null;
                }

                return replacement.WithTriviaFrom(container);
            }

            return Render() is ExpressionSyntax rendered ? new BodyRewrite(container, rendered, local, runtime, Render) : null;
        }

        /// <summary>A rewrite of JSON text made elsewhere (<see cref="InterpolatedJsonRewrite"/>), applied like the others.</summary>
        internal static BodyRewrite OfText(ExpressionSyntax container, ExpressionSyntax replacement, PromptLocal? local, RuntimePrompt? runtime, Func<ExpressionSyntax?>? render) =>
            new BodyRewrite(container, replacement, local, runtime, render);

        /// <summary>
        /// The prompt's conversion, shared by every body rewrite: its turns from the syntax (through a local of the method it
        /// names: <paramref name="local"/>, <paramref name="content"/>), or converted at run time by the shim when its turns
        /// are not in the code (<paramref name="runtime"/>). False when neither: the whole prompt is in the code and the
        /// legacy API rejected it, or it is known only at run time and the shim is not referenced (or cannot be used here).
        /// </summary>
        internal static bool TryConvertPrompt(
            SyntaxNode root,
            ExpressionSyntax container,
            ExpressionSyntax promptValue,
            SemanticModel model,
            CancellationToken cancellationToken,
            out PromptLocal? local,
            out PromptContent? content,
            out RuntimePrompt? runtime)
        {
            local = null;
            content = null;
            runtime = null;
            ExpressionSyntax promptSource = promptValue;
            bool followed = true;
            if (StringSyntax.Unwrap(promptValue) is IdentifierNameSyntax reference
                && model.GetSymbolInfo(reference, cancellationToken).Symbol is ILocalSymbol localSymbol)
            {
                local = PromptLocal.Follow(localSymbol, reference, model, cancellationToken);
                followed = local != null;
                if (local != null && !localSymbol.IsConst)
                {
                    promptSource = local.Initializer;
                }
            }

            if (followed)
            {
                List<PromptPiece> pieces = PromptSyntax.GetPieces(promptSource, model, cancellationToken);
                content = PromptContent.Create(pieces, promptSource, container.SpanStart, model, cancellationToken);
                if (content is null && (pieces.All(p => p.IsText) || (PromptSyntax.HasMarker(pieces) && !LegacyPromptParser.Parse(pieces).IsValid)))
                {
                    return false; // The whole prompt is in the code and the legacy API rejected it.
                }
            }

            if (content is null)
            {
                local = null;
                runtime = RuntimePrompt.Create(root, container, promptValue, model, cancellationToken);
                return runtime != null;
            }

            return true;
        }

        /// <summary>The creation expression whose member list holds the reported <c>max_tokens_to_sample</c>.</summary>
        private static ExpressionSyntax? LocateContainer(SyntaxNode key)
        {
            switch (key)
            {
                case IdentifierNameSyntax name when name.Parent is NameEqualsSyntax equals && equals.Parent is AnonymousObjectMemberDeclaratorSyntax declarator:
                    return declarator.Parent as AnonymousObjectCreationExpressionSyntax;

                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText == LegacyWire.MaxTokensToSample:
                    switch (literal.Parent)
                    {
                        // ["max_tokens_to_sample"] = v
                        case ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ImplicitElementAccessSyntax access } } when
                            access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access
                            && assignment.Parent is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.ObjectInitializerExpression):
                            return initializer.Parent as BaseObjectCreationExpressionSyntax;

                        // { "max_tokens_to_sample", v }
                        case InitializerExpressionSyntax complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression)
                                                                     && complex.Expressions.Count == 2 && complex.Expressions[0] == literal
                                                                     && complex.Parent is InitializerExpressionSyntax collection
                                                                     && collection.IsKind(SyntaxKind.CollectionInitializerExpression):
                            return collection.Parent as BaseObjectCreationExpressionSyntax;

                        // new JObject(new JProperty("max_tokens_to_sample", v), …)
                        case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments: { Count: 2 } arguments, Parent: ObjectCreationExpressionSyntax property } } when
                            arguments[0].Expression == literal && RequestSyntax.LastName(property.Type) == "JProperty"
                            && property.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax owner } }:
                            return owner;
                    }

                    return null;

                default:
                    return null;
            }
        }

        /// <summary>True for the body shapes whose member names are the wire names: anonymous object, string-to-object dictionary, JsonObject, JObject.</summary>
        public static bool IsWireNamedBody(ExpressionSyntax container, SemanticModel model, CancellationToken cancellationToken) =>
            KindOf(container, model, cancellationToken) != null;

        /// <summary>
        /// Applies the rewrites of one document (each container once), then removes a prompt local when every use of it was
        /// a body rewritten here, so fixing one by one and Fix All agree. Shared by the CTM002 fix and CTM001's migration.
        /// </summary>
        public static void Apply(Microsoft.CodeAnalysis.Editing.DocumentEditor editor, SemanticModel model, IEnumerable<BodyRewrite> rewrites, CancellationToken cancellationToken, IEnumerable<(SyntaxNode Container, string Namespace)>? otherUsings = null)
        {
            var applied = new List<BodyRewrite>();
            var seen = new HashSet<SyntaxNode>();
            var runtimeNames = new Dictionary<SyntaxNode, HashSet<string>>();
            var usings = new List<(SyntaxNode Container, string Namespace)>(otherUsings ?? Enumerable.Empty<(SyntaxNode, string)>());
            foreach (BodyRewrite rewrite in rewrites.OrderBy(r => r.Container.SpanStart))
            {
                if (!seen.Add(rewrite.Container))
                {
                    continue;
                }

                ExpressionSyntax replacement = rewrite.Replacement;
                if (rewrite.Runtime is RuntimePrompt runtime)
                {
                    // Each conversion local of one edit gets its own name (as when fixing one by one).
                    if (!runtimeNames.TryGetValue(runtime.Scope, out HashSet<string>? taken))
                    {
                        runtimeNames[runtime.Scope] = taken = new HashSet<string>(StringComparer.Ordinal);
                    }

                    if (taken.Contains(runtime.Name))
                    {
                        runtime.Rename(taken);
                        if (!(rewrite.render?.Invoke() is ExpressionSyntax renamed))
                        {
                            continue;
                        }

                        replacement = renamed;
                    }

                    taken.Add(runtime.Name);
                    runtime.Apply(editor);
                    usings.AddRange(runtime.Usings.Where(u => !usings.Contains(u)));
                }

                editor.ReplaceNode(rewrite.Container, replacement);
                applied.Add(rewrite);
            }

            foreach (IGrouping<ISymbol, BodyRewrite> group in applied.Where(r => r.Local != null).GroupBy(r => (ISymbol)r.Local!.Symbol, SymbolEqualityComparer.Default))
            {
                var fixedReferences = new HashSet<SyntaxNode>(group.Select(r => (SyntaxNode)r.Local!.Reference));
                PromptLocal local = group.First().Local!;
                if (local.References(model, cancellationToken).All(fixedReferences.Contains) && !local.Declarator.Parent!.Parent!.ContainsDirectives)
                {
                    local.RemoveDeclaration(editor);
                }
            }

            // Last: a using edit replaces the node that holds everything above.
            foreach ((SyntaxNode container, string ns) in usings.OrderBy(u => u.Namespace, StringComparer.Ordinal))
            {
                UsingDirectives.Add(editor, container, ns);
            }
        }

        private static BodyKind? KindOf(ExpressionSyntax container, SemanticModel model, CancellationToken cancellationToken)
        {
            if (container is AnonymousObjectCreationExpressionSyntax)
            {
                return BodyKind.Anonymous;
            }

            if (!(model.GetTypeInfo(container, cancellationToken).Type is INamedTypeSymbol type))
            {
                return null;
            }

            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (type.Name == "JsonObject" && ns == "System.Text.Json.Nodes")
            {
                return BodyKind.JsonObject;
            }

            if (type.Name == "JObject" && ns == "Newtonsoft.Json.Linq")
            {
                return BodyKind.JObject;
            }

            // Any dictionary from string to object: the new values (arrays of dictionaries) must fit in it.
            if (type.TypeArguments.Length == 2 && type.TypeArguments[0].SpecialType == SpecialType.System_String
                && type.TypeArguments[1].SpecialType == SpecialType.System_Object
                && type.AllInterfaces.Any(i => i.Name == "IDictionary" && i.TypeArguments.Length == 2))
            {
                return BodyKind.Dictionary;
            }

            return null;
        }

        private static bool TryGetList(ExpressionSyntax container, SyntaxNode key, out SyntaxNodeOrTokenList items, out SyntaxToken open, out SyntaxToken close)
        {
            switch (container)
            {
                case AnonymousObjectCreationExpressionSyntax anonymous:
                    items = anonymous.Initializers.GetWithSeparators();
                    open = anonymous.OpenBraceToken;
                    close = anonymous.CloseBraceToken;
                    return true;
                case BaseObjectCreationExpressionSyntax creation when creation.Initializer != null && creation.Initializer.Span.Contains(key.Span):
                    items = creation.Initializer.Expressions.GetWithSeparators();
                    open = creation.Initializer.OpenBraceToken;
                    close = creation.Initializer.CloseBraceToken;
                    return true;
                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList != null && creation.ArgumentList.Span.Contains(key.Span)
                                                                     && creation.Initializer is null:
                    items = creation.ArgumentList.Arguments.GetWithSeparators();
                    open = creation.ArgumentList.OpenParenToken;
                    close = creation.ArgumentList.CloseParenToken;
                    return true;
                default:
                    items = default;
                    open = default;
                    close = default;
                    return false;
            }
        }

        private static Element? Single(List<Element> elements, string name, out bool ambiguous)
        {
            Element? found = null;
            ambiguous = false;
            foreach (Element element in elements)
            {
                if (element.Name == name)
                {
                    ambiguous |= found != null;
                    found = element;
                }
            }

            return found;
        }

        private static SyntaxNode Rename(SyntaxNode key, string name) => key is IdentifierNameSyntax
            ? SyntaxFactory.IdentifierName(name).WithTriviaFrom(key)
            : SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)).WithTriviaFrom(key);

        /// <summary>
        /// The stop sequences without "\n\nHuman:"; null when there is none to remove or the value is not a collection
        /// written here. <paramref name="removeMember"/> when nothing else is left (the member goes).
        /// </summary>
        private static ExpressionSyntax? WithoutHumanStop(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken, out bool removeMember)
        {
            removeMember = false;
            List<SyntaxNode> elements;
            switch (StringSyntax.Unwrap(value))
            {
                case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    elements = initializer.Expressions.Cast<SyntaxNode>().ToList();
                    break;
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    elements = implicitArray.Initializer.Expressions.Cast<SyntaxNode>().ToList();
                    break;
                case BaseObjectCreationExpressionSyntax { Initializer: { } initializer } when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                    elements = initializer.Expressions.Cast<SyntaxNode>().ToList();
                    break;
                case ObjectCreationExpressionSyntax { Initializer: null, ArgumentList: { } arguments } array
                    when RequestSyntax.LastName(array.Type) is "JArray" or "JsonArray":
                    elements = arguments.Arguments.Cast<SyntaxNode>().ToList();
                    break;
                case CollectionExpressionSyntax collection:
                    elements = collection.Elements.Cast<SyntaxNode>().ToList();
                    break;
                default:
                    return null;
            }

            var human = new List<SyntaxNode>();
            foreach (SyntaxNode element in elements)
            {
                ExpressionSyntax? expression = element switch
                {
                    ExpressionSyntax e => e,
                    ArgumentSyntax a => a.Expression,
                    ExpressionElementSyntax e => e.Expression,
                    _ => null,
                };
                if (StringSyntax.GetConstant(expression, model, cancellationToken)?.TrimEnd() == LegacyWire.HumanMarker)
                {
                    human.Add(element);
                }
            }

            if (human.Count == 0)
            {
                return null;
            }

            if (human.Count == elements.Count)
            {
                removeMember = true;
                return null;
            }

            return value.RemoveNodes(human, SyntaxRemoveOptions.KeepNoTrivia);
        }

        /// <summary>
        /// An anonymous object whose type must stay the same as another's: an array or collection element, a branch of
        /// <c>?:</c>/<c>??</c>/<c>switch</c>, or the value of a local that is assigned again (a new anonymous type breaks them).
        /// </summary>
        private static bool MustKeepItsType(ExpressionSyntax container)
        {
            ExpressionSyntax outer = StringSyntax.Outermost(container);
            switch (outer.Parent)
            {
                case InitializerExpressionSyntax _:
                case ConditionalExpressionSyntax _:
                case BinaryExpressionSyntax _:
                case SwitchExpressionArmSyntax _:
                case AssignmentExpressionSyntax _:
                case CollectionElementSyntax _:
                    return true;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax local }:
                    SyntaxNode? scope = local.FirstAncestorOrSelf<BlockSyntax>();
                    return scope != null && scope.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                        .Any(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == local.Identifier.ValueText);
                default:
                    return false;
            }
        }

        /// <summary>A body without <c>model</c> is taken for a Bedrock body only when the file mentions Bedrock.</summary>
        internal static bool MentionsBedrock(SyntaxNode root)
        {
            string text = root.ToFullString();
            return text.IndexOf("bedrock", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("anthropic.claude", StringComparison.Ordinal) >= 0
                || text.IndexOf("InvokeModel", StringComparison.Ordinal) >= 0;
        }

        /// <summary>One entry of the member list: an anonymous member, an initializer entry or a JProperty argument.</summary>
        private sealed class Element
        {
            private Element(SyntaxNode node, ElementForm form, string? name, SyntaxNode? key, ExpressionSyntax? value)
            {
                Node = node;
                Form = form;
                Name = name;
                Key = key;
                Value = value;
            }

            public SyntaxNode Node { get; }

            public ElementForm Form { get; }

            public string? Name { get; }

            /// <summary>The identifier or string literal naming the member.</summary>
            public SyntaxNode? Key { get; }

            public ExpressionSyntax? Value { get; }

            /// <summary>The type written for <c>new JProperty(…)</c>, when the element is one.</summary>
            public TypeSyntax? PropertyType => Node is ArgumentSyntax { Expression: ObjectCreationExpressionSyntax creation } ? creation.Type : null;

            public static Element Of(SyntaxNode node)
            {
                switch (node)
                {
                    case AnonymousObjectMemberDeclaratorSyntax declarator:
                        if (declarator.NameEquals != null)
                        {
                            return new Element(node, ElementForm.Anonymous, declarator.NameEquals.Name.Identifier.ValueText, declarator.NameEquals.Name, declarator.Expression);
                        }

                        // Inferred name: `new { prompt }`; no key node to rename, but the member can be replaced.
                        string? inferred = declarator.Expression switch
                        {
                            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                            _ => null,
                        };
                        return new Element(node, ElementForm.Anonymous, inferred, null, declarator.Expression);

                    case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax access } assignment
                        when access.ArgumentList.Arguments.Count == 1 && StringSyntax.TryGetLiteral(access.ArgumentList.Arguments[0].Expression, out string indexKey):
                        return new Element(node, ElementForm.IndexAssignment, indexKey, access.ArgumentList.Arguments[0].Expression, assignment.Right);

                    case InitializerExpressionSyntax complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression) && complex.Expressions.Count == 2
                                                                 && StringSyntax.TryGetLiteral(complex.Expressions[0], out string elementKey):
                        return new Element(node, ElementForm.ComplexElement, elementKey, complex.Expressions[0], complex.Expressions[1]);

                    case ArgumentSyntax { Expression: ObjectCreationExpressionSyntax property } when RequestSyntax.LastName(property.Type) == "JProperty"
                                                                                                   && property.Initializer is null
                                                                                                   && property.ArgumentList is { Arguments: { Count: 2 } arguments }
                                                                                                   && StringSyntax.TryGetLiteral(arguments[0].Expression, out string propertyKey):
                        return new Element(node, ElementForm.JProperty, propertyKey, arguments[0].Expression, arguments[1].Expression);

                    default:
                        return new Element(node, ElementForm.Other, null, null, null);
                }
            }
        }

        /// <summary>How the member list is laid out: one member per line or all on one line.</summary>
        private sealed class Layout
        {
            private Layout(bool multiLine, string newLine, string indent, string unit)
            {
                MultiLine = multiLine;
                NewLine = newLine;
                Indent = indent;
                Unit = unit;
            }

            public bool MultiLine { get; }

            public string NewLine { get; }

            /// <summary>The indentation of the member being replaced.</summary>
            public string Indent { get; }

            public string Unit { get; }

            public static Layout Of(ExpressionSyntax container, SyntaxToken open, SyntaxToken close, SyntaxNode member)
            {
                string inside = container.SyntaxTree.GetText().ToString(TextSpanBetween(open, close));
                bool multiLine = inside.IndexOf('\n') >= 0;
                string newLine = inside.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
                string indent = string.Empty;
                SyntaxTriviaList leading = member.GetLeadingTrivia();
                if (leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    indent = leading[leading.Count - 1].ToString();
                }

                return new Layout(multiLine, newLine, indent, indent.IndexOf('\t') >= 0 ? "\t" : "    ");
            }

            private static Microsoft.CodeAnalysis.Text.TextSpan TextSpanBetween(SyntaxToken open, SyntaxToken close) =>
                Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(open.Span.End, Math.Max(open.Span.End, close.SpanStart));
        }

        /// <summary>Writes members and messages in the shape of the body.</summary>
        private sealed class Writer
        {
            private readonly BodyKind kind;
            private readonly Element prompt;
            private readonly Layout layout;
            private readonly string objectType;
            private readonly string arrayType;

            public Writer(BodyKind kind, Element prompt, ExpressionSyntax container, SemanticModel model, SyntaxToken open, SyntaxToken close, Layout layout)
            {
                this.kind = kind;
                this.prompt = prompt;
                this.layout = layout;
                objectType = string.Empty;
                arrayType = string.Empty;
                if (kind == BodyKind.Anonymous)
                {
                    return;
                }

                // The container's own type as written (or as it is named here, for `new()`), and its array type.
                objectType = container is ObjectCreationExpressionSyntax explicitCreation
                    ? explicitCreation.Type.WithoutTrivia().ToString()
                    : model.GetTypeInfo(container).Type?.ToMinimalDisplayString(model, container.SpanStart, TypeFormat) ?? string.Empty;
                string? arrayName = kind == BodyKind.JsonObject ? "System.Text.Json.Nodes.JsonArray" : kind == BodyKind.JObject ? "Newtonsoft.Json.Linq.JArray" : null;
                if (arrayName != null)
                {
                    arrayType = model.Compilation.GetTypeByMetadataName(arrayName)?.ToMinimalDisplayString(model, container.SpanStart, TypeFormat) ?? string.Empty;
                }
            }

            private static SymbolDisplayFormat TypeFormat { get; } = SymbolDisplayFormat.MinimallyQualifiedFormat
                .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

            /// <summary>A member in the form the prompt member was written in.</summary>
            public string Member(string name, string value) => Entry(prompt.Form, name, value, prompt.PropertyType?.ToString() ?? "JProperty");

            public string Messages(PromptContent content)
            {
                var messages = new List<string>();
                for (int i = 0; i < content.Parsed.Turns.Count; i++)
                {
                    string role = "\"" + PromptContent.RoleOf(content.Parsed.Turns[i]) + "\"";
                    string text = content.RenderTurn(i)!;
                    messages.Add(kind == BodyKind.Anonymous
                        ? "new { role = " + role + ", content = " + text + " }"
                        : prompt.Form == ElementForm.JProperty
                            ? "new " + objectType + "(" + Entry(ElementForm.JProperty, LegacyWire.Role, role, prompt.PropertyType!.ToString()) + ", "
                              + Entry(ElementForm.JProperty, LegacyWire.Content, text, prompt.PropertyType!.ToString()) + ")"
                            : "new " + objectType + " { " + Entry(prompt.Form, LegacyWire.Role, role, null) + ", " + Entry(prompt.Form, LegacyWire.Content, text, null) + " }");
                }

                bool array = kind == BodyKind.Anonymous || kind == BodyKind.Dictionary;
                if (!layout.MultiLine || messages.Count == 1)
                {
                    return array ? "new[] { " + string.Join(", ", messages) + " }" : "new " + arrayType + "(" + string.Join(", ", messages) + ")";
                }

                string inner = layout.Indent + layout.Unit;
                var builder = new StringBuilder();
                if (array)
                {
                    builder.Append("new[]").Append(layout.NewLine).Append(layout.Indent).Append('{').Append(layout.NewLine);
                    foreach (string message in messages)
                    {
                        builder.Append(inner).Append(message).Append(',').Append(layout.NewLine);
                    }

                    builder.Append(layout.Indent).Append('}');
                }
                else
                {
                    builder.Append("new ").Append(arrayType).Append('(');
                    for (int i = 0; i < messages.Count; i++)
                    {
                        builder.Append(layout.NewLine).Append(inner).Append(messages[i]).Append(i < messages.Count - 1 ? "," : ")");
                    }
                }

                return builder.ToString();
            }

            /// <summary>The system text converted at run time, as text blocks: none when the prompt has no system text (no <c>"system": null</c>).</summary>
            public string RuntimeSystem(string converted)
            {
                string block = Object(("type", "\"text\""), ("text", converted + ".System"));
                return converted + ".System is null ? " + (kind == BodyKind.Anonymous || kind == BodyKind.Dictionary
                    ? "new object[0] : new object[] { " + block + " }"
                    : "new " + arrayType + "() : new " + arrayType + "(" + block + ")");
            }

            /// <summary>The turns converted at run time, with lowercase "role" and "content" in the body's own shape.</summary>
            public string RuntimeMessages(string converted, string m)
            {
                string select = converted + ".Messages.Select(" + m + " => " + Object((LegacyWire.Role, m + ".Role"), (LegacyWire.Content, m + ".Content")) + ")";
                return kind == BodyKind.Anonymous || kind == BodyKind.Dictionary ? select + ".ToArray()"
                    : kind == BodyKind.JsonObject ? "new " + arrayType + "(" + select + ".ToArray())"
                    : "new " + arrayType + "(" + select + ")";
            }

            /// <summary>An object in the body's shape.</summary>
            private string Object(params (string Name, string Value)[] members) => kind == BodyKind.Anonymous
                ? "new { " + string.Join(", ", members.Select(p => p.Name + " = " + p.Value)) + " }"
                : prompt.Form == ElementForm.JProperty
                    ? "new " + objectType + "(" + string.Join(", ", members.Select(p => Entry(ElementForm.JProperty, p.Name, p.Value, prompt.PropertyType!.ToString()))) + ")"
                    : "new " + objectType + " { " + string.Join(", ", members.Select(p => Entry(prompt.Form, p.Name, p.Value, null))) + " }";

            /// <summary>The text of several members in place of <paramref name="node"/>: its leading trivia, its trailing trivia.</summary>
            public string Expand(SyntaxNode node, List<string> members)
            {
                string between = layout.MultiLine ? "," + layout.NewLine + layout.Indent : ", ";
                return node.GetLeadingTrivia().ToFullString() + string.Join(between, members) + node.GetTrailingTrivia().ToFullString();
            }

            /// <summary>The new text of the container: members replaced (text), removed (null) or kept.</summary>
            public static string Rebuild(ExpressionSyntax container, SyntaxNodeOrTokenList items, Dictionary<SyntaxNode, string?> actions)
            {
                string whole = container.ToString();
                int offset = container.SpanStart;
                var builder = new StringBuilder();
                builder.Append(whole, 0, items[0].FullSpan.Start - offset);
                int lastSeparator = -1;
                for (int i = 0; i < items.Count; i++)
                {
                    SyntaxNodeOrToken item = items[i];
                    if (item.IsToken)
                    {
                        lastSeparator = builder.Length + (item.Span.Start - item.FullSpan.Start);
                        builder.Append(item.ToFullString());
                        continue;
                    }

                    SyntaxNode node = item.AsNode()!;

                    if (!actions.TryGetValue(node, out string? text))
                    {
                        builder.Append(item.ToFullString());
                    }
                    else if (text != null)
                    {
                        builder.Append(text);
                    }
                    else if (i + 1 < items.Count)
                    {
                        i++; // Removed with its separator.
                    }
                    else if (lastSeparator >= 0)
                    {
                        // The last member goes, and the comma before it; what followed the member (a line break before a
                        // brace, nothing before a parenthesis) follows the new last member.
                        builder.Length = lastSeparator;
                        builder.Append(node.GetTrailingTrivia().ToFullString());
                    }
                }

                int end = items[items.Count - 1].FullSpan.End - offset;
                builder.Append(whole, end, whole.Length - end);
                return builder.ToString();
            }

            private static string Entry(ElementForm form, string name, string value, string? propertyType) => form switch
            {
                ElementForm.Anonymous => name + " = " + value,
                ElementForm.IndexAssignment => "[\"" + name + "\"] = " + value,
                ElementForm.ComplexElement => "{ \"" + name + "\", " + value + " }",
                _ => "new " + propertyType + "(\"" + name + "\", " + value + ")",
            };
        }
    }
}
