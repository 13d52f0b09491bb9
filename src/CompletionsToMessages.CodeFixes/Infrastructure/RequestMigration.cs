using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// CTM001's whole-request migration for one endpoint string (where the diagnostic points): the path
    /// <c>v1/complete</c> becomes <c>v1/messages</c> in the string as written, every request that sends to it has its
    /// body rewritten by the CTM002 rewriter (<see cref="BodyRewrite"/>) in the same edit, and an
    /// <c>anthropic-version: 2023-01-01</c> header in the type of a request becomes 2023-06-01 (the CTM008 edit).
    /// <para>
    /// Null (no fix) unless EVERY use of the endpoint is a request found here whose body is in reach and either converted
    /// by the rewriter or already a Messages body: the endpoint never changes without the body that makes it valid.
    /// In reach: the URL is the argument of <c>PostAsJsonAsync</c>/<c>PostAsync</c> or of a POST <c>HttpRequestMessage</c>,
    /// directly, through <c>new Uri(…)</c>, a concatenation or an interpolation, or through locals, fields and get-only
    /// properties of this document (a constant visible outside a library is not followed: its other uses are unknown);
    /// the body is written at the call or in a local of the same method, as an anonymous object, dictionary,
    /// <c>JsonObject</c>, <c>JObject</c> (also inside <c>JsonContent.Create</c>, <c>StringContent</c> of
    /// <c>JsonSerializer.Serialize</c>/<c>JsonConvert.SerializeObject</c>/<c>ToJsonString()</c>) or JSON text.
    /// </para>
    /// </summary>
    internal sealed class RequestMigration
    {
        private const int MaxDepth = 8;

        private readonly SyntaxNode root;
        private readonly SemanticModel model;
        private readonly CancellationToken cancellationToken;
        private readonly List<SyntaxNode> requests = new List<SyntaxNode>();
        private readonly List<ExpressionSyntax> bodies = new List<ExpressionSyntax>();
        private readonly HashSet<ISymbol> visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private RequestMigration(SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
        {
            this.root = root;
            this.model = model;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>The endpoint string as reported (a string literal or an interpolated string).</summary>
        public ExpressionSyntax Endpoint { get; private set; } = null!;

        public ExpressionSyntax EndpointReplacement { get; private set; } = null!;

        /// <summary>The body rewrites (none when every body already is a Messages body).</summary>
        public List<BodyRewrite> Rewrites { get; } = new List<BodyRewrite>();

        /// <summary>anthropic-version 2023-01-01 literals in reach, with their 2023-06-01 replacements.</summary>
        public List<(LiteralExpressionSyntax Literal, LiteralExpressionSyntax Replacement)> Versions { get; } = new List<(LiteralExpressionSyntax, LiteralExpressionSyntax)>();

        /// <summary>The stream reads wrapped in the shim's <c>LegacyEventStream.FromMessages</c> (streamed requests, see <see cref="LegacyStreamRead"/>).</summary>
        public List<LegacyStreamRead> StreamReads { get; } = new List<LegacyStreamRead>();

        public static RequestMigration? Create(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            CreateAt(root, model, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), cancellationToken);

        /// <summary>
        /// The migration of the streamed request that sends <paramref name="body"/> (the CTM002 fix of a streamed body does
        /// the whole request, so that the endpoint, the body and the stream read change together), or null.
        /// </summary>
        public static RequestMigration? OfStreamedBody(SyntaxNode root, SemanticModel model, ExpressionSyntax body, CancellationToken cancellationToken) =>
            InDocument(root, model, m => m.StreamReads.Count > 0 && m.bodies.Contains(body), cancellationToken);

        /// <summary>The migration of the streamed request whose stream is read in the member that holds <paramref name="parser"/> (CTM007), or null.</summary>
        public static RequestMigration? OfStreamParser(SyntaxNode root, SemanticModel model, SyntaxNode parser, CancellationToken cancellationToken)
        {
            MemberDeclarationSyntax? member = parser.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            return member is null ? null : InDocument(root, model, m => m.StreamReads.Any(r => r.Read.FirstAncestorOrSelf<MemberDeclarationSyntax>() == member), cancellationToken);
        }

        /// <summary>The first migration, of the endpoint strings of this document as CTM001 reports them, that <paramref name="accept"/> accepts.</summary>
        private static RequestMigration? InDocument(SyntaxNode root, SemanticModel model, Func<RequestMigration, bool> accept, CancellationToken cancellationToken)
        {
            if (!LegacyStreamRead.AdapterIsReferenced(model.Compilation))
            {
                return null;
            }

            foreach (SyntaxNode node in root.DescendantNodes())
            {
                bool endpoint = node switch
                {
                    LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.IndexOf(LegacyWire.LegacyPath, StringComparison.Ordinal) >= 0
                                                       && LegacyEndpointAnalyzer.IsLegacyEndpoint(literal.Token.ValueText),
                    InterpolatedStringExpressionSyntax interpolated => StringSyntax.InterpolatedTextContains(interpolated, LegacyWire.LegacyPath)
                                                                       && LegacyEndpointAnalyzer.IsLegacyEndpoint(LegacyEndpointAnalyzer.Shape(interpolated)),
                    _ => false,
                };
                if (endpoint && !LegacyEndpointAnalyzer.IsServerRoute((ExpressionSyntax)node)
                    && CreateAt(root, model, node, cancellationToken) is RequestMigration migration && accept(migration))
                {
                    return migration;
                }
            }

            return null;
        }

        private static RequestMigration? CreateAt(SyntaxNode root, SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            if (!(node is LiteralExpressionSyntax || node is InterpolatedStringExpressionSyntax) || node.ContainsDiagnostics || node.IsKind(SyntaxKind.CharacterLiteralExpression))
            {
                return null;
            }

            var endpoint = (ExpressionSyntax)node;
            ExpressionSyntax? replacement = ReplacePath(endpoint);
            if (replacement is null)
            {
                return null;
            }

            var migration = new RequestMigration(root, model, cancellationToken) { Endpoint = endpoint, EndpointReplacement = replacement };
            if (!migration.CollectUses(endpoint, 0) || migration.requests.Count == 0)
            {
                return null;
            }

            // A streamed answer is read by an event parser that the fix does not rewrite: moving such a request to
            // /v1/messages would leave that parser waiting for 'completion' events that never come (CTM007). With the shim
            // referenced, the one stream read of each such request is wrapped in LegacyEventStream.FromMessages, which
            // serves that parser the 2023-06-01 events it was written for; otherwise no fix.
            if (migration.bodies.Any(IsStreamed) && !HasMessagesStreamParser(root) && !migration.CollectStreamReads())
            {
                return null;
            }

            // Every body: converted by the CTM002 rewriter, or already a Messages body (a CTM002 fix ran first).
            var seen = new HashSet<SyntaxNode>();
            foreach (ExpressionSyntax body in migration.bodies)
            {
                if (!seen.Add(body))
                {
                    continue;
                }

                if (migration.RewriteOf(body) is BodyRewrite rewrite)
                {
                    migration.Rewrites.Add(rewrite);
                }
                else if (!migration.IsMessagesBody(body))
                {
                    return null;
                }
            }

            migration.CollectVersions();
            return migration;
        }

        // ------------------------------------------------------------------ the endpoint string

        /// <summary>The string with <c>v1/messages</c> in place of <c>v1/complete</c>, in its own form (literal kind, interpolation holes kept).</summary>
        private static ExpressionSyntax? ReplacePath(ExpressionSyntax endpoint)
        {
            if (endpoint is LiteralExpressionSyntax literal)
            {
                return literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.IndexOf(LegacyWire.LegacyPath, StringComparison.Ordinal) >= 0
                    ? LiteralEdits.Replace(literal, LegacyWire.LegacyPath, LegacyWire.MessagesPath, after: null)
                    : null;
            }

            var interpolated = (InterpolatedStringExpressionSyntax)endpoint;
            InterpolatedStringTextSyntax[] parts = interpolated.Contents.OfType<InterpolatedStringTextSyntax>()
                .Where(t => t.TextToken.Text.IndexOf(LegacyWire.LegacyPath, StringComparison.Ordinal) >= 0)
                .ToArray();
            if (parts.Length != 1)
            {
                return null;
            }

            string partText = parts[0].TextToken.Text;
            int index = partText.IndexOf(LegacyWire.LegacyPath, StringComparison.Ordinal);
            if (partText.IndexOf(LegacyWire.LegacyPath, index + 1, StringComparison.Ordinal) >= 0)
            {
                return null;
            }

            string whole = interpolated.ToString();
            int at = parts[0].TextToken.SpanStart - interpolated.SpanStart + index;
            string text = whole.Substring(0, at) + LegacyWire.MessagesPath + whole.Substring(at + LegacyWire.LegacyPath.Length);
            ExpressionSyntax parsed = SyntaxFactory.ParseExpression(text, 0, interpolated.SyntaxTree.Options as CSharpParseOptions);
            return parsed is InterpolatedStringExpressionSyntax && !parsed.ContainsDiagnostics && parsed.FullSpan.Length == text.Length
                ? parsed.WithTriviaFrom(interpolated)
                : null;
        }

        // ------------------------------------------------------------------ where the endpoint goes

        /// <summary>
        /// Follows a value holding the endpoint to the requests that send to it. False when one use is not such a
        /// request (or is out of reach): then the endpoint must not change.
        /// </summary>
        private bool CollectUses(ExpressionSyntax value, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            ExpressionSyntax url = Climb(value);
            switch (url.Parent)
            {
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return model.GetDeclaredSymbol(declarator, cancellationToken) switch
                    {
                        ILocalSymbol local => CollectLocalUses(local, depth),
                        IFieldSymbol field when field.IsConst || field.IsReadOnly => CollectMemberUses(field, depth),
                        _ => false,
                    };

                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    return model.GetDeclaredSymbol(property, cancellationToken) is IPropertySymbol initialized && IsGetOnly(initialized) && CollectMemberUses(initialized, depth);

                case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    return model.GetDeclaredSymbol(property, cancellationToken) is IPropertySymbol computed && IsGetOnly(computed) && CollectMemberUses(computed, depth);

                case ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } list } argument
                    when list.Arguments.IndexOf(argument) == 0:
                    return AddPost(invocation);

                case ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax creation } list } argument
                    when list.Arguments.Count == 2 && list.Arguments.IndexOf(argument) == 1 && IsRequestMessage(creation)
                         && IsPostMethod(list.Arguments[0].Expression):
                    return AddRequestMessage(creation);

                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier: { ValueText: "RequestUri" } }, Parent: InitializerExpressionSyntax { Parent: ObjectCreationExpressionSyntax creation } initializer } assignment
                    when assignment.Right == url && IsRequestMessage(creation) && creation.ArgumentList is null or { Arguments: { Count: 0 } }
                         && initializer.Expressions.OfType<AssignmentExpressionSyntax>().Any(a => a.Left is IdentifierNameSyntax { Identifier: { ValueText: "Method" } } && IsPostMethod(a.Right)):
                    return AddRequestMessage(creation);

                default:
                    return false;
            }
        }

        /// <summary>From a part of the URL to the whole URL value: parentheses, casts, <c>+</c>, interpolation holes, <c>new Uri(…)</c>.</summary>
        private static ExpressionSyntax Climb(ExpressionSyntax value)
        {
            while (true)
            {
                switch (value.Parent)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        value = parenthesized;
                        continue;
                    case CastExpressionSyntax cast:
                        value = cast;
                        continue;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        value = binary;
                        continue;
                    case InterpolationSyntax { Parent: InterpolatedStringExpressionSyntax interpolated }:
                        value = interpolated;
                        continue;
                    case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax creation } } when RequestSyntax.LastName(creation.Type) == "Uri":
                        value = creation;
                        continue;

                    // Either branch of `c ? new Uri(Endpoint) : new Uri(baseUri, path)`: both are the URL.
                    case ConditionalExpressionSyntax conditional when conditional.Condition != value:
                        value = conditional;
                        continue;

                    // The path of the endpoint `new Uri(Endpoint).AbsolutePath`, e.g. relative to another base address.
                    case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier: { ValueText: "AbsolutePath" or "PathAndQuery" or "AbsoluteUri" or "OriginalString" } } } access
                        when access.Expression == value && value is ObjectCreationExpressionSyntax uri && RequestSyntax.LastName(uri.Type) == "Uri":
                        value = access;
                        continue;
                    default:
                        return value;
                }
            }
        }

        private static bool IsGetOnly(IPropertySymbol property) => property.SetMethod is null && !property.IsVirtual && !property.IsAbstract && !property.IsOverride;

        private bool CollectLocalUses(ILocalSymbol local, int depth)
        {
            if (visited.Contains(local))
            {
                return true; // reached again (both branches of `c ? new Uri(E) : new Uri(b, new Uri(E).AbsolutePath)`): its uses are checked once
            }

            visited.Add(local);
            if (!(local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator)
                || !(declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is SyntaxNode scope))
            {
                return false;
            }

            foreach (IdentifierNameSyntax reference in References(scope, local))
            {
                if (IsWrite(reference) || !CollectUses(reference, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A field or property: every use must be in this document (the fix edits one document), and a member visible
        /// outside a library may have uses nobody here can see.
        /// </summary>
        private bool CollectMemberUses(ISymbol member, int depth)
        {
            if (visited.Contains(member))
            {
                return true; // its uses are checked by the first visit
            }

            visited.Add(member);
            if ((model.Compilation.Options.OutputKind == OutputKind.DynamicallyLinkedLibrary && IsVisibleOutside(member)))
            {
                return false;
            }

            foreach (SyntaxTree tree in model.Compilation.SyntaxTrees)
            {
                if (tree == root.SyntaxTree)
                {
                    continue;
                }

                SyntaxNode otherRoot = tree.GetRoot(cancellationToken);
                if (otherRoot.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == member.Name))
                {
                    SemanticModel otherModel = model.Compilation.GetSemanticModel(tree);
                    if (References(otherRoot, member, otherModel).Any())
                    {
                        return false;
                    }
                }
            }

            foreach (IdentifierNameSyntax reference in References(root, member))
            {
                if (IsWrite(reference) || !CollectUses(reference, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsVisibleOutside(ISymbol symbol)
        {
            for (ISymbol? current = symbol; current != null && !(current is INamespaceSymbol); current = current.ContainingSymbol)
            {
                switch (current.DeclaredAccessibility)
                {
                    case Accessibility.Public:
                    case Accessibility.Protected:
                    case Accessibility.ProtectedOrInternal:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }

        private IEnumerable<IdentifierNameSyntax> References(SyntaxNode scope, ISymbol symbol, SemanticModel? semanticModel = null)
        {
            semanticModel ??= model;
            return scope.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == symbol.Name
                            && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(n, cancellationToken).Symbol?.OriginalDefinition, symbol.OriginalDefinition));
        }

        private static bool IsWrite(ExpressionSyntax reference)
        {
            ExpressionSyntax outer = reference.Parent is MemberAccessExpressionSyntax access && access.Name == reference ? access : reference;
            return outer.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == outer,
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                PrefixUnaryExpressionSyntax _ => true,
                PostfixUnaryExpressionSyntax _ => true,
                _ => false,
            };
        }

        // ------------------------------------------------------------------ the request and its body

        /// <summary><c>http.PostAsJsonAsync(url, body, …)</c> or <c>http.PostAsync(url, content, …)</c> of System.Net.Http.</summary>
        private bool AddPost(InvocationExpressionSyntax invocation)
        {
            string? name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };
            ArgumentListSyntax list = invocation.ArgumentList;
            if ((name != "PostAsJsonAsync" && name != "PostAsync") || list.Arguments.Count < 2 || list.Arguments[1].NameColon != null
                || !(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method)
                || !(method.ContainingNamespace?.ToDisplayString() ?? string.Empty).StartsWith("System.Net.Http", StringComparison.Ordinal))
            {
                return false;
            }

            ExpressionSyntax? body = name == "PostAsJsonAsync" ? ObjectBody(list.Arguments[1].Expression) : ContentBody(list.Arguments[1].Expression);
            return Add(invocation, body);
        }

        /// <summary>A POST <c>HttpRequestMessage</c>: its one <c>Content</c>, set in the initializer or by <c>request.Content = …;</c> in the same block.</summary>
        private bool AddRequestMessage(ObjectCreationExpressionSyntax creation)
        {
            var contents = new List<ExpressionSyntax>();
            if (creation.Initializer != null)
            {
                contents.AddRange(creation.Initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                    .Where(a => a.Left is IdentifierNameSyntax { Identifier: { ValueText: "Content" } })
                    .Select(a => a.Right));
            }

            if (StringSyntax.Outermost(creation).Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local
                && declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is SyntaxNode scope)
            {
                foreach (IdentifierNameSyntax reference in References(scope, local))
                {
                    if (IsWrite(reference))
                    {
                        return false;
                    }

                    if (reference.Parent is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier: { ValueText: "Content" } } } access
                        && access.Expression == reference && IsWrite(access.Name))
                    {
                        if (!(access.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)))
                        {
                            return false;
                        }

                        contents.Add(assignment.Right);
                    }
                }
            }

            return contents.Count == 1 && Add(creation, ContentBody(contents[0]));
        }

        private bool Add(SyntaxNode request, ExpressionSyntax? body)
        {
            if (body is null)
            {
                return false;
            }

            requests.Add(request);
            bodies.Add(body);
            return true;
        }

        private static bool IsRequestMessage(ObjectCreationExpressionSyntax creation) => RequestSyntax.LastName(creation.Type) == "HttpRequestMessage";

        private bool IsPostMethod(ExpressionSyntax expression) =>
            model.GetSymbolInfo(expression, cancellationToken).Symbol is IPropertySymbol { Name: "Post" } property
            && property.ContainingType?.ToDisplayString() == "System.Net.Http.HttpMethod";

        /// <summary>The body serialised by <c>JsonContent.Create(body)</c> or sent as <c>new StringContent(json, …)</c>.</summary>
        private ExpressionSyntax? ContentBody(ExpressionSyntax content)
        {
            content = Follow(content);
            switch (content)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Create" } }, Expression: var type }, ArgumentList: { Arguments: { Count: >= 1 } arguments } }
                    when type is IdentifierNameSyntax { Identifier: { ValueText: "JsonContent" } } || (type is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "JsonContent" } } }):
                    return arguments[0].NameColon is null ? ObjectBody(arguments[0].Expression) : null;

                case ObjectCreationExpressionSyntax { ArgumentList: { Arguments: { Count: >= 1 } arguments } } creation when RequestSyntax.LastName(creation.Type) == "StringContent":
                    return arguments[0].NameColon is null ? JsonTextBody(arguments[0].Expression) : null;

                default:
                    return null;
            }
        }

        /// <summary>JSON text: a literal, or a serialised body (<c>JsonSerializer.Serialize</c>, <c>JsonConvert.SerializeObject</c>, <c>ToJsonString([options])</c>/<c>ToString([formatting])</c> of a JSON node).</summary>
        private ExpressionSyntax? JsonTextBody(ExpressionSyntax json)
        {
            json = Follow(json);
            if ((json is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)) || json is InterpolatedStringExpressionSyntax)
            {
                return json;
            }

            if (!(json is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation))
            {
                return null;
            }

            string name = access.Name.Identifier.ValueText;
            SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
            if ((name == "Serialize" || name == "SerializeObject") && arguments.Count >= 1 && arguments[0].NameColon is null
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol serializer
                && (serializer.ContainingType?.ToDisplayString() is "System.Text.Json.JsonSerializer" or "Newtonsoft.Json.JsonConvert"))
            {
                return ObjectBody(arguments[0].Expression);
            }

            // The optional argument (Newtonsoft's Formatting, System.Text.Json's JsonSerializerOptions) changes only the
            // layout of the text, never which members are sent.
            if ((name == "ToJsonString" || name == "ToString") && (arguments.Count == 0 || arguments.Count == 1 && arguments[0].NameColon is null)
                && ObjectBody(access.Expression) is ExpressionSyntax node
                && model.GetTypeInfo(node, cancellationToken).Type?.ToDisplayString() is "System.Text.Json.Nodes.JsonObject" or "Newtonsoft.Json.Linq.JObject")
            {
                return node;
            }

            return null;
        }

        /// <summary>An object written here (or in a local of the method) that is serialised as the body.</summary>
        private ExpressionSyntax? ObjectBody(ExpressionSyntax body)
        {
            body = Follow(body);
            return body is AnonymousObjectCreationExpressionSyntax || body is BaseObjectCreationExpressionSyntax ? body : null;
        }

        /// <summary>Through parentheses, casts and a local of the same method that is never assigned again, to its value.</summary>
        private ExpressionSyntax Follow(ExpressionSyntax expression)
        {
            for (int i = 0; i < MaxDepth; i++)
            {
                expression = StringSyntax.Unwrap(expression);
                if (!(expression is IdentifierNameSyntax identifier)
                    || !(model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local)
                    || local.DeclaringSyntaxReferences.Length != 1
                    || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { Value: ExpressionSyntax value } } declarator)
                    || declarator.SyntaxTree != root.SyntaxTree
                    || !(declarator.Parent?.Parent is LocalDeclarationStatementSyntax)
                    || !(declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is SyntaxNode scope)
                    || References(scope, local).Any(IsWrite))
                {
                    return expression;
                }

                expression = value;
            }

            return expression;
        }

        /// <summary>The CTM002 rewrite of this body (the same one the CTM002 fix makes at its diagnostic), or null.</summary>
        private BodyRewrite? RewriteOf(ExpressionSyntax body)
        {
            if (body is LiteralExpressionSyntax || body is InterpolatedStringExpressionSyntax)
            {
                return BodyRewrite.Create(root, model, body, cancellationToken) is BodyRewrite json && json.Container == body ? json : null;
            }

            foreach (SyntaxNode candidate in body.DescendantNodes())
            {
                bool key = candidate is IdentifierNameSyntax { Parent: NameEqualsSyntax } name && name.Identifier.ValueText == LegacyWire.MaxTokensToSample
                           || (candidate is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText == LegacyWire.MaxTokensToSample);
                if (key && BodyRewrite.Create(root, model, candidate, cancellationToken) is BodyRewrite rewrite && rewrite.Container == body)
                {
                    return rewrite;
                }
            }

            return null;
        }

        /// <summary>A body with the Messages API's <c>messages</c> and <c>max_tokens</c> and no Text Completions member, under its wire names.</summary>
        private bool IsMessagesBody(ExpressionSyntax body)
        {
            if (JsonText(body) is string json)
            {
                return HasJsonKey(json, LegacyWire.Messages) && HasJsonKey(json, LegacyWire.MaxTokens)
                       && !HasJsonKey(json, LegacyWire.Prompt) && !HasJsonKey(json, LegacyWire.MaxTokensToSample);
            }

            if (!BodyRewrite.IsWireNamedBody(body, model, cancellationToken))
            {
                return false;
            }

            List<BodyMember> members = RequestSyntax.GetMembers(RequestSyntax.Canonical(body) ?? body);
            bool Has(string name) => members.Any(m => m.Name == name);
            return Has(LegacyWire.Messages) && Has(LegacyWire.MaxTokens) && !Has(LegacyWire.Prompt) && !Has(LegacyWire.MaxTokensToSample);
        }

        /// <summary>
        /// A body that asks for a streamed answer: a <c>stream</c> member (any naming the body's shape uses) whose value
        /// is not the literal <c>false</c>, or <c>"stream":</c> in JSON text followed by anything but <c>false</c>.
        /// </summary>
        public static bool IsStreamed(ExpressionSyntax body)
        {
            if (JsonText(body) is string json)
            {
                string quoted = "\"" + LegacyWire.Stream + "\"";
                for (int index = json.IndexOf(quoted, StringComparison.Ordinal); index >= 0; index = json.IndexOf(quoted, index + 1, StringComparison.Ordinal))
                {
                    int next = index + quoted.Length;
                    while (next < json.Length && char.IsWhiteSpace(json[next]))
                    {
                        next++;
                    }

                    if (next < json.Length && json[next] == ':')
                    {
                        string rest = json.Substring(next + 1).TrimStart();
                        return !rest.StartsWith("false", StringComparison.Ordinal);
                    }
                }

                return false;
            }

            List<BodyMember> members = RequestSyntax.GetMembers(RequestSyntax.Canonical(body) ?? body);
            ExpressionSyntax? value = RequestSyntax.FindValue(members, LegacyWire.Stream);
            return value != null && !StringSyntax.Unwrap(value).IsKind(SyntaxKind.FalseLiteralExpression);
        }

        /// <summary>The JSON text of a literal, or of an interpolated string with one placeholder character per hole; null for other bodies.</summary>
        private static string? JsonText(ExpressionSyntax body) => body switch
        {
            LiteralExpressionSyntax literal => literal.Token.ValueText,
            InterpolatedStringExpressionSyntax interpolated => JsonTemplate.Create(interpolated)?.Text ?? string.Empty,
            _ => null,
        };

        /// <summary>
        /// Finds the stream read of every streamed request (<see cref="LegacyStreamRead"/>). False when one is not found, when
        /// a body's <c>stream</c> is not the constant true (the same code would also read a non-streamed answer, which the
        /// adapter cannot serve), or when the document's parser reads only the 2023-01-01 format (cumulative data-only
        /// events ending in <c>[DONE]</c>, with no <c>completion</c> event test), which the adapter does not produce.
        /// </summary>
        private bool CollectStreamReads()
        {
            if (!ParsesIncrementalEvents(root))
            {
                return false;
            }

            for (int i = 0; i < requests.Count; i++)
            {
                if (!IsStreamed(bodies[i]))
                {
                    continue;
                }

                if (!IsAlwaysStreamed(bodies[i]) || !(LegacyStreamRead.Find(root, model, requests[i], cancellationToken) is LegacyStreamRead read))
                {
                    return false;
                }

                if (!StreamReads.Any(r => r.Read == read.Read))
                {
                    StreamReads.Add(read);
                }
            }

            return StreamReads.Count > 0;
        }

        /// <summary><c>stream</c> is the constant <c>true</c> (<c>"stream": true</c> in JSON text).</summary>
        private static bool IsAlwaysStreamed(ExpressionSyntax body)
        {
            if (JsonText(body) is string json)
            {
                string quoted = "\"" + LegacyWire.Stream + "\"";
                int index = json.IndexOf(quoted, StringComparison.Ordinal);
                if (index < 0 || json.IndexOf(quoted, index + 1, StringComparison.Ordinal) >= 0)
                {
                    return false;
                }

                string rest = json.Substring(index + quoted.Length).TrimStart();
                return rest.StartsWith(":", StringComparison.Ordinal) && rest.Substring(1).TrimStart().StartsWith("true", StringComparison.Ordinal);
            }

            List<BodyMember> members = RequestSyntax.GetMembers(RequestSyntax.Canonical(body) ?? body);
            ExpressionSyntax? value = RequestSyntax.FindValue(members, LegacyWire.Stream);
            return value != null && StringSyntax.Unwrap(value).IsKind(SyntaxKind.TrueLiteralExpression);
        }

        /// <summary>
        /// The document's legacy parser takes 2023-06-01 events: it tests for the <c>completion</c> event (as CTM007 finds
        /// it), or it does not look for the 2023-01-01 <c>[DONE]</c> at all.
        /// </summary>
        private static bool ParsesIncrementalEvents(SyntaxNode root)
        {
            bool done = false;
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    switch (LegacyStreamingAnalyzer.Classify(literal.Token.ValueText))
                    {
                        case LegacyStreamingAnalyzer.CompletionEventShape when ComparisonSyntax.GetComparison(literal, includePrefixTests: true) != null:
                            return true;
                        case LegacyStreamingAnalyzer.DoneShape:
                            done = true;
                            break;
                    }
                }
            }

            return !done;
        }

        /// <summary>The document already reads the Messages event stream (its text-delta event type is named).</summary>
        private static bool HasMessagesStreamParser(SyntaxNode root)
        {
            foreach (SyntaxToken token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText.IndexOf("content_block_delta", StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasJsonKey(string json, string name)
        {
            string quoted = "\"" + name + "\"";
            for (int index = json.IndexOf(quoted, StringComparison.Ordinal); index >= 0; index = json.IndexOf(quoted, index + 1, StringComparison.Ordinal))
            {
                int next = index + quoted.Length;
                while (next < json.Length && char.IsWhiteSpace(json[next]))
                {
                    next++;
                }

                if (next < json.Length && json[next] == ':')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Records the edits of whole-request migrations (each endpoint, version literal and stream read once) together with
        /// further body rewrites (the CTM002 fix's body-only ones) in one edit: the same code whichever fix applies them.
        /// </summary>
        public static void Apply(Microsoft.CodeAnalysis.Editing.DocumentEditor editor, SemanticModel model, IEnumerable<RequestMigration> migrations, IEnumerable<BodyRewrite> otherRewrites, CancellationToken cancellationToken)
        {
            var endpoints = new HashSet<SyntaxNode>();
            var versions = new HashSet<SyntaxNode>();
            var reads = new HashSet<SyntaxNode>();
            var rewrites = new List<BodyRewrite>(otherRewrites);
            var usings = new List<(SyntaxNode Container, string Namespace)>();
            foreach (RequestMigration migration in migrations)
            {
                if (endpoints.Add(migration.Endpoint))
                {
                    editor.ReplaceNode(migration.Endpoint, migration.EndpointReplacement);
                }

                rewrites.AddRange(migration.Rewrites);
                foreach ((var literal, var replacement) in migration.Versions)
                {
                    if (versions.Add(literal))
                    {
                        editor.ReplaceNode(literal, replacement);
                    }
                }

                foreach (LegacyStreamRead read in migration.StreamReads)
                {
                    if (reads.Add(read.Read))
                    {
                        editor.ReplaceNode(read.Read, read.Replacement);
                        usings.AddRange(read.Usings.Where(u => !usings.Contains(u)));
                    }
                }
            }

            // The same edit as the CTM002 fix (each body once, a prompt local removed when all its uses were rewritten).
            BodyRewrite.Apply(editor, model, rewrites, cancellationToken, usings);
        }

        // ------------------------------------------------------------------ anthropic-version in reach

        /// <summary>
        /// The anthropic-version 2023-01-01 sites (as CTM008 reports them) in the type of each request and of the endpoint
        /// (the top-level statements when there is no type), changed as the CTM008 fix changes them.
        /// </summary>
        private void CollectVersions()
        {
            var scopes = new HashSet<SyntaxNode>();
            foreach (SyntaxNode node in requests.Append(Endpoint))
            {
                scopes.Add((SyntaxNode?)node.FirstAncestorOrSelf<TypeDeclarationSyntax>() ?? node.SyntaxTree.GetRoot(cancellationToken));
            }

            var seen = new HashSet<SyntaxNode>();
            foreach (SyntaxNode scope in scopes)
            {
                foreach (LiteralExpressionSyntax literal in scope.DescendantNodes().OfType<LiteralExpressionSyntax>())
                {
                    if (literal.IsKind(SyntaxKind.StringLiteralExpression) && !Rewrites.Any(r => r.Container.Span.Contains(literal.Span))
                        && LegacyApiVersionAnalyzer.IsLegacyVersionSite(literal, model, CompilationState.TextMentionsAnthropic, cancellationToken)
                        && LegacyApiVersionCodeFix.Rewrite(literal) is LiteralExpressionSyntax replacement && seen.Add(literal))
                    {
                        Versions.Add((literal, replacement));
                    }
                }
            }
        }
    }
}
