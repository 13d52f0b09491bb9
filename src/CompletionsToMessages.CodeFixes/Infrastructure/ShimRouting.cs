using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// CTM001 "Use CompletionsToMessages.Shim" for hand-written DTO clients: a method that posts a request DTO to
    /// <c>v1/complete</c> with <c>PostAsJsonAsync</c>, throws its own exception on a non-success status and returns
    /// <c>ReadFromJsonAsync&lt;ResponseDto&gt;</c>. Its body becomes a call of the shim's
    /// <c>CompletionsClient.CreateAsync</c> over the same <see cref="System.Net.Http.HttpClient"/> (the shim takes its
    /// <c>BaseAddress</c> and <c>x-api-key</c> default header), each DTO member mapped by its JSON wire name to the shim
    /// request, the shim response mapped back into the user's response DTO, and the shim's <c>AnthropicApiException</c>
    /// translated into the exception the method threw before. Signature and DTO types stay, so callers compile.
    /// <para>
    /// Null (no fix) unless the compilation references the shim, every use of the endpoint is such a method (a private
    /// constant/readonly field of this document, or the literal at the call), every serialized request member has a shim
    /// counterpart of a convertible type, and every deserialized response member does too.
    /// </para>
    /// </summary>
    internal sealed class ShimRouting
    {
        private const string ShimNamespace = ShimTypes.Namespace;

        /// <summary>Legacy request wire name → shim <c>CompletionRequest</c> property.</summary>
        private static readonly Dictionary<string, string> RequestMembers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LegacyWire.Model] = "Model",
            [LegacyWire.Prompt] = "Prompt",
            [LegacyWire.MaxTokensToSample] = "MaxTokensToSample",
            [LegacyWire.StopSequences] = "StopSequences",
            [LegacyWire.Temperature] = "Temperature",
            [LegacyWire.TopP] = "TopP",
            [LegacyWire.TopK] = "TopK",
        };

        /// <summary>Legacy response wire name (lower case; reading is case-insensitive) → shim <c>CompletionResponse</c> property.</summary>
        private static readonly Dictionary<string, string> ResponseMembers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = "Id",
            ["type"] = "Type",
            [LegacyWire.Completion] = "Completion",
            [LegacyWire.Model] = "Model",
            [LegacyWire.StopReason] = "StopReason",
            ["stop"] = "Stop",
        };

        private readonly SemanticModel model;
        private readonly CancellationToken cancellationToken;

        private ShimRouting(SemanticModel model, CancellationToken cancellationToken)
        {
            this.model = model;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>The member declaration holding the endpoint (removed: all its uses are rewritten), or null when the literal was at the call.</summary>
        public MemberDeclarationSyntax? EndpointMember { get; private set; }

        /// <summary>The methods and their new bodies.</summary>
        public List<(MethodDeclarationSyntax Method, BlockSyntax Body)> Methods { get; } = new List<(MethodDeclarationSyntax, BlockSyntax)>();

        public static ShimRouting? Create(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            try
            {
                if (!ShimTypes.Has(model.Compilation, ShimTypes.CompletionsClient))
                {
                    return null;
                }

                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal)
                    || !literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.ContainsDiagnostics
                    || !(BaseUrlOf(literal.Token.ValueText) is string baseUrl))
                {
                    return null;
                }

                if (!(((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp8))
                {
                    return null;
                }

                var routing = new ShimRouting(model, cancellationToken);
                return routing.CollectUses(literal, baseUrl, root) ? routing : null;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                return null;
            }
        }

        /// <summary>
        /// "" for the relative path <c>v1/complete</c> (the HttpClient's BaseAddress is the root, as in the shim),
        /// the root for an absolute <c>http(s)://…/v1/complete</c>; null otherwise (a leading slash, a query).
        /// </summary>
        private static string? BaseUrlOf(string url)
        {
            if (url == LegacyWire.LegacyPath)
            {
                return string.Empty;
            }

            if ((url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                && url.EndsWith("/" + LegacyWire.LegacyPath, StringComparison.Ordinal)
                && url.IndexOfAny(new[] { '?', '#', ' ' }) < 0)
            {
                string root = url.Substring(0, url.Length - LegacyWire.LegacyPath.Length - 1);
                return root.IndexOf("://", StringComparison.Ordinal) + 3 < root.Length ? root : null;
            }

            return null;
        }

        private bool CollectUses(LiteralExpressionSyntax literal, string baseUrl, SyntaxNode root)
        {
            switch (literal.Parent)
            {
                case ArgumentSyntax argument:
                    return AddMethod(argument, baseUrl);

                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables: { Count: 1 }, Parent: FieldDeclarationSyntax field } } declarator }:
                    if (!(model.GetDeclaredSymbol(declarator, cancellationToken) is IFieldSymbol symbol)
                        || !(symbol.IsConst || symbol.IsReadOnly) || symbol.DeclaredAccessibility != Accessibility.Private
                        || symbol.ContainingType.DeclaringSyntaxReferences.Length != 1)
                    {
                        return false;
                    }

                    var references = field.Parent!.DescendantNodes()
                        .OfType<IdentifierNameSyntax>()
                        .Where(n => n.Identifier.ValueText == symbol.Name
                                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, symbol))
                        .ToList();
                    if (references.Count == 0)
                    {
                        return false;
                    }

                    foreach (IdentifierNameSyntax reference in references)
                    {
                        if (!(reference.Parent is ArgumentSyntax use) || !AddMethod(use, baseUrl))
                        {
                            return false;
                        }
                    }

                    EndpointMember = field;
                    return true;

                default:
                    return false;
            }
        }

        // ------------------------------------------------------------------ the method shape

        /// <summary>The URL argument of <c>PostAsJsonAsync</c>, in a method of exactly the recognised shape.</summary>
        private bool AddMethod(ArgumentSyntax urlArgument, string baseUrl)
        {
            if (!(urlArgument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax post } list) || list.Arguments.IndexOf(urlArgument) != 0
                || !(post.Expression is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "PostAsJsonAsync" } } } postAccess)
                || list.Arguments.Any(a => a.NameColon != null || !a.RefKindKeyword.IsKind(SyntaxKind.None))
                || (list.Arguments.Count != 2 && list.Arguments.Count != 3))
            {
                return false;
            }

            // await http.PostAsJsonAsync(…)[.ConfigureAwait(false)] as the initializer of the only local of the first statement.
            bool configureAwait = false;
            ExpressionSyntax awaited = post;
            if (post.Parent is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ConfigureAwait" } } } configure
                && configure.Parent is InvocationExpressionSyntax { ArgumentList: { Arguments: { Count: 1 } configureArguments } } configured
                && configureArguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                configureAwait = true;
                awaited = configured;
            }

            if (!(awaited.Parent is AwaitExpressionSyntax await)
                || !(await.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax responseDeclarator })
                || !(responseDeclarator.Parent is VariableDeclarationSyntax { Variables: { Count: 1 } } && responseDeclarator.Parent.Parent is LocalDeclarationStatementSyntax postStatement)
                || !(postStatement.Parent is BlockSyntax body) || !(body.Parent is MethodDeclarationSyntax method)
                || !method.Modifiers.Any(SyntaxKind.AsyncKeyword) || body.Statements.IndexOf(postStatement) != 0
                || Methods.Any(m => m.Method == method))
            {
                return false;
            }

            // System.Net.Http.Json's PostAsJsonAsync<TValue>(HttpClient, string, TValue[, CancellationToken]): web defaults, TValue serialized.
            if (!(model.GetSymbolInfo(post, cancellationToken).Symbol is IMethodSymbol postMethod)
                || postMethod.ContainingType?.ToDisplayString() != "System.Net.Http.Json.HttpClientJsonExtensions"
                || postMethod.TypeArguments.Length != 1 || !(postMethod.TypeArguments[0] is INamedTypeSymbol requestType)
                || requestType.TypeKind != TypeKind.Class || requestType.SpecialType == SpecialType.System_Object
                || !ArgumentsAre(postMethod, list.Arguments.Count, "System.String", null, "System.Threading.CancellationToken")
                || !IsSimpleValue(postAccess.Expression) || !IsSimpleValue(list.Arguments[1].Expression))
            {
                return false;
            }

            ILocalSymbol? responseLocal = model.GetDeclaredSymbol(responseDeclarator, cancellationToken) as ILocalSymbol;
            if (responseLocal is null)
            {
                return false;
            }

            // Then: if (!response.IsSuccessStatusCode) { [string body = await response.Content.ReadAsStringAsync(…);] throw new E(…); }
            //       return await response.Content.ReadFromJsonAsync<TResponse>([ct]) [?? throw …];
            if (body.Statements.Count != 3
                || !(body.Statements[1] is IfStatementSyntax { Else: null } check)
                || !(check.Condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "IsSuccessStatusCode" } } } success })
                || !IsLocal(success.Expression, responseLocal)
                || !(ErrorTranslation(check.Statement, responseLocal) is ThrowStatementSyntax translatedThrow)
                || !(body.Statements[2] is ReturnStatementSyntax { Expression: ExpressionSyntax returned })
                || !(ReadOf(returned, responseLocal) is (INamedTypeSymbol responseType, var readToken)))
            {
                return false;
            }

            if (!(RequestMapping(requestType, list.Arguments[1].Expression.ToString()) is List<string> requestAssignments)
                || !(ResponseMapping(responseType) is List<(string Member, string ShimMember)> responseAssignments))
            {
                return false;
            }

            ExpressionSyntax? token = list.Arguments.Count == 3 ? list.Arguments[2].Expression : readToken;
            if (token != null && !IsSimpleValue(token))
            {
                return false;
            }

            BlockSyntax? newBody = Build(
                method, body, responseLocal.Name, postAccess.Expression.ToString(), baseUrl, requestAssignments, token?.ToString(), configureAwait,
                translatedThrow, responseType, responseAssignments);
            if (newBody is null)
            {
                return false;
            }

            Methods.Add((method, newBody));
            return true;
        }

        /// <summary>
        /// The positional arguments of an extension call (the method as called: <c>this</c> not among its parameters) go to
        /// parameters of these types (null: any); none goes to a <c>JsonSerializerOptions</c> (web defaults assumed).
        /// </summary>
        private static bool ArgumentsAre(IMethodSymbol method, int count, params string?[] types)
        {
            if (method.ReducedFrom is null || count > types.Length || count > method.Parameters.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (types[i] is string type && MetadataNameOf(method.Parameters[i].Type) != type)
                {
                    return false;
                }
            }

            return true;
        }

        private static string MetadataNameOf(ITypeSymbol type) => type.ContainingNamespace?.ToDisplayString() + "." + type.MetadataName;

        /// <summary>A name, <c>this.name</c> or a member of one: evaluating it twice or later changes nothing observable.</summary>
        private static bool IsSimpleValue(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax _ => true,
            ThisExpressionSyntax _ => true,
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access => IsSimpleValue(access.Expression),
            _ => false,
        };

        private bool IsLocal(ExpressionSyntax expression, ILocalSymbol local) =>
            expression is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local);

        /// <summary>
        /// The throw of the status check, rewritten for a catch of the shim's exception named <c>error</c>:
        /// <c>(int)response.StatusCode</c> → <c>error.StatusCode</c>, <c>response.StatusCode</c> →
        /// <c>(System.Net.HttpStatusCode)error.StatusCode</c>, the error body read before → <c>error.Message</c>.
        /// Null when the block does anything else or uses the response otherwise.
        /// </summary>
        private ThrowStatementSyntax? ErrorTranslation(StatementSyntax statement, ILocalSymbol responseLocal)
        {
            SyntaxList<StatementSyntax> statements = statement is BlockSyntax block ? block.Statements : new SyntaxList<StatementSyntax>(statement);
            ILocalSymbol? bodyLocal = null;
            if (statements.Count == 2)
            {
                if (!(statements[0] is LocalDeclarationStatementSyntax { Declaration: { Variables: { Count: 1 } variables } } bodyDeclaration)
                    || bodyDeclaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
                    || !(variables[0].Initializer?.Value is AwaitExpressionSyntax bodyAwait)
                    || !IsReadAsString(bodyAwait.Expression, responseLocal))
                {
                    return null;
                }

                bodyLocal = model.GetDeclaredSymbol(variables[0], cancellationToken) as ILocalSymbol;
                if (bodyLocal is null)
                {
                    return null;
                }
            }
            else if (statements.Count != 1)
            {
                return null;
            }

            if (!(statements[statements.Count - 1] is ThrowStatementSyntax { Expression: ExpressionSyntax thrown } throwStatement))
            {
                return null;
            }

            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (IdentifierNameSyntax name in thrown.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (IsLocal(name, responseLocal))
                {
                    if (!(name.Parent is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "StatusCode" } } } status) || status.Expression != name)
                    {
                        return null;
                    }

                    if (status.Parent is CastExpressionSyntax cast && model.GetTypeInfo(cast, cancellationToken).Type?.SpecialType == SpecialType.System_Int32)
                    {
                        replacements[cast] = SyntaxFactory.ParseExpression("error.StatusCode").WithTriviaFrom(cast);
                    }
                    else
                    {
                        replacements[status] = SyntaxFactory.ParseExpression("(System.Net.HttpStatusCode)error.StatusCode").WithTriviaFrom(status);
                    }
                }
                else if (bodyLocal != null && IsLocal(name, bodyLocal))
                {
                    replacements[name] = SyntaxFactory.ParseExpression("error.Message").WithTriviaFrom(name);
                }
                else if (name.Identifier.ValueText == "error")
                {
                    return null; // would be shadowed by the catch variable
                }
            }

            return throwStatement.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        }

        private bool IsReadAsString(ExpressionSyntax expression, ILocalSymbol responseLocal)
        {
            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ConfigureAwait" } } } configure })
            {
                expression = configure.Expression;
            }

            return expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ReadAsStringAsync" } } } read } invocation
                   && invocation.ArgumentList.Arguments.All(a => IsSimpleValue(a.Expression))
                   && read.Expression is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Content" } } } content
                   && IsLocal(content.Expression, responseLocal);
        }

        /// <summary><c>await response.Content.ReadFromJsonAsync&lt;T&gt;([ct])</c>, optionally <c>?? throw …</c> or <c>(…)!</c>: T and the token.</summary>
        private (INamedTypeSymbol Type, ExpressionSyntax? Token)? ReadOf(ExpressionSyntax returned, ILocalSymbol responseLocal)
        {
            if (returned is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax _ } coalesce)
            {
                returned = coalesce.Left;
            }

            if (returned is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
            {
                returned = suppressed.Operand;
            }

            while (returned is ParenthesizedExpressionSyntax parenthesized)
            {
                returned = parenthesized.Expression;
            }

            if (!(returned is AwaitExpressionSyntax { Expression: ExpressionSyntax read }))
            {
                return null;
            }

            if (read is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ConfigureAwait" } } } configure })
            {
                read = configure.Expression;
            }

            if (!(read is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier: { ValueText: "ReadFromJsonAsync" } }, Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Content" } } } content } } invocation)
                || !IsLocal(content.Expression, responseLocal) || invocation.ArgumentList.Arguments.Count > 1
                || !(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol readMethod)
                || readMethod.ContainingType?.ToDisplayString() != "System.Net.Http.Json.HttpContentJsonExtensions"
                || readMethod.TypeArguments.Length != 1 || !(readMethod.TypeArguments[0] is INamedTypeSymbol type) || type.TypeKind != TypeKind.Class
                || !ArgumentsAre(readMethod, invocation.ArgumentList.Arguments.Count, "System.Threading.CancellationToken"))
            {
                return null;
            }

            return (type, invocation.ArgumentList.Arguments.Count == 1 ? invocation.ArgumentList.Arguments[0].Expression : null);
        }

        // ------------------------------------------------------------------ DTO members by wire name

        /// <summary>The shim request's initializer lines (<c>Model = request.Model</c>), or null when a member has no counterpart.</summary>
        private List<string>? RequestMapping(INamedTypeSymbol requestType, string requestExpression)
        {
            INamedTypeSymbol? shimRequest = ShimTypes.Find(model.Compilation, ShimTypes.CompletionRequest);
            if (shimRequest is null || HasAttribute(requestType, "JsonConverterAttribute"))
            {
                return null;
            }

            var assignments = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (IPropertySymbol property in SerializedProperties(requestType))
            {
                if (!(IgnoreOf(property) is bool ignored))
                {
                    return null;
                }

                if (ignored)
                {
                    continue;
                }

                if (property.GetMethod is null || property.GetMethod.DeclaredAccessibility != Accessibility.Public
                    || HasAttribute(property, "JsonConverterAttribute") || HasAttribute(property, "JsonExtensionDataAttribute"))
                {
                    if (property.GetMethod is null || property.GetMethod.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue; // not serialized
                    }

                    return null;
                }

                string wire = JsonPropertyNameOf(property) ?? CamelCase(property.Name);
                if (!RequestMembers.TryGetValue(wire, out string? shimName) || !seen.Add(wire)
                    || !(shimRequest.GetMembers(shimName).OfType<IPropertySymbol>().FirstOrDefault() is IPropertySymbol shimProperty)
                    || !model.Compilation.ClassifyConversion(property.Type, shimProperty.Type).IsImplicit)
                {
                    return null;
                }

                bool suppress = property.Type.IsReferenceType && property.NullableAnnotation == NullableAnnotation.Annotated
                                && shimProperty.NullableAnnotation == NullableAnnotation.NotAnnotated;
                assignments.Add($"{shimName} = {requestExpression}.{Escape(property.Name)}{(suppress ? "!" : string.Empty)},");
            }

            // A Text Completions body: without these the request was never one.
            return seen.Contains(LegacyWire.Model) && seen.Contains(LegacyWire.Prompt) && seen.Contains(LegacyWire.MaxTokensToSample) ? assignments : null;
        }

        /// <summary>The user's response DTO members set from the shim response, or null when one has no counterpart.</summary>
        private List<(string Member, string ShimMember)>? ResponseMapping(INamedTypeSymbol responseType)
        {
            INamedTypeSymbol? shimResponse = ShimTypes.Find(model.Compilation, ShimTypes.CompletionResponse);
            if (shimResponse is null || responseType.IsAbstract || HasAttribute(responseType, "JsonConverterAttribute")
                || !responseType.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
                || responseType.InstanceConstructors.Any(c => HasAttribute(c, "JsonConstructorAttribute")))
            {
                return null;
            }

            var assignments = new List<(string, string)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (IPropertySymbol property in SerializedProperties(responseType))
            {
                if (!(IgnoreOf(property) is bool ignored))
                {
                    return null;
                }

                if (ignored || property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public)
                {
                    continue; // not deserialized
                }

                if (HasAttribute(property, "JsonConverterAttribute") || HasAttribute(property, "JsonExtensionDataAttribute"))
                {
                    return null;
                }

                string wire = JsonPropertyNameOf(property) ?? property.Name;
                if (!ResponseMembers.TryGetValue(wire, out string? shimName) || !seen.Add(wire)
                    || !(shimResponse.GetMembers(shimName).OfType<IPropertySymbol>().FirstOrDefault() is IPropertySymbol shimProperty)
                    || !model.Compilation.ClassifyConversion(shimProperty.Type, property.Type).IsImplicit)
                {
                    return null;
                }

                bool suppress = shimProperty.NullableAnnotation == NullableAnnotation.Annotated && property.Type.IsReferenceType
                                && property.NullableAnnotation == NullableAnnotation.NotAnnotated;
                assignments.Add((Escape(property.Name), shimName + (suppress ? "!" : string.Empty)));
            }

            return assignments;
        }

        /// <summary>Public instance properties of the type and its bases (System.Text.Json serializes properties, not fields, by default).</summary>
        private static IEnumerable<IPropertySymbol> SerializedProperties(INamedTypeSymbol type)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (IPropertySymbol property in current.GetMembers().OfType<IPropertySymbol>())
                {
                    if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public && names.Add(property.Name))
                    {
                        yield return property;
                    }
                }
            }
        }

        /// <summary>True: never serialized; false: serialized (or omitted only when null); null: omitted when default (no shim equivalent).</summary>
        private static bool? IgnoreOf(IPropertySymbol property)
        {
            AttributeData? ignore = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonIgnoreAttribute");
            if (ignore is null)
            {
                return false;
            }

            KeyValuePair<string, TypedConstant> condition = ignore.NamedArguments.FirstOrDefault(a => a.Key == "Condition");
            int value = condition.Key is null ? 1 : condition.Value.Value is int number ? number : -1;
            return value switch
            {
                0 => false, // Never
                1 => true, // Always
                3 => false, // WhenWritingNull: the shim omits null members too
                _ => null, // WhenWritingDefault, WhenReading, WhenWriting…
            };
        }

        private static string? JsonPropertyNameOf(IPropertySymbol property)
        {
            AttributeData? name = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute");
            return name?.ConstructorArguments.Length == 1 ? name.ConstructorArguments[0].Value as string : null;
        }

        private static bool HasAttribute(ISymbol symbol, string name) => symbol.GetAttributes().Any(a => a.AttributeClass?.Name == name);

        /// <summary><c>JsonNamingPolicy.CamelCase</c> (the web defaults of <c>PostAsJsonAsync</c>).</summary>
        private static string CamelCase(string name)
        {
            if (name.Length == 0 || !char.IsUpper(name[0]))
            {
                return name;
            }

            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (i == 1 && !char.IsUpper(chars[i]))
                {
                    break;
                }

                bool hasNext = i + 1 < chars.Length;
                if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
                {
                    if (chars[i + 1] == ' ')
                    {
                        chars[i] = char.ToLowerInvariant(chars[i]);
                    }

                    break;
                }

                chars[i] = char.ToLowerInvariant(chars[i]);
            }

            return new string(chars);
        }

        private static string Escape(string identifier) => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

        // ------------------------------------------------------------------ the new body

        private BlockSyntax? Build(
            MethodDeclarationSyntax method,
            BlockSyntax body,
            string answerName,
            string httpClient,
            string baseUrl,
            List<string> requestAssignments,
            string? token,
            bool configureAwait,
            ThrowStatementSyntax translatedThrow,
            INamedTypeSymbol responseType,
            List<(string Member, string ShimMember)> responseAssignments)
        {
            SourceText text = body.SyntaxTree.GetText(cancellationToken);
            string braceIndent = IndentOf(text, body.OpenBraceToken.SpanStart);
            string statementIndent = IndentOf(text, body.Statements[0].SpanStart);
            string unit = statementIndent.Length > braceIndent.Length && statementIndent.StartsWith(braceIndent, StringComparison.Ordinal)
                ? statementIndent.Substring(braceIndent.Length)
                : "    ";
            string eol = text.ToString().IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";

            // Names not taken by anything the method can see.
            var taken = new HashSet<string>(method.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText), StringComparer.Ordinal);
            foreach (ISymbol symbol in model.LookupSymbols(body.Statements[0].SpanStart))
            {
                taken.Add(symbol.Name);
            }

            taken.Remove(answerName); // the old response local goes away with the statements
            string clientName = Unique("completions", taken);
            string responseTypeName = responseType.ToMinimalDisplayString(model, body.SpanStart);

            string i1 = braceIndent + unit;
            string i2 = i1 + unit;
            string i3 = i2 + unit;
            string configure = configureAwait ? ".ConfigureAwait(false)" : string.Empty;
            var b = new StringBuilder();
            b.Append('{').Append(eol);
            b.Append(i1).Append("using var ").Append(clientName).Append(" = new CompletionsToMessages.Shim.CompletionsClient(").Append(httpClient);
            if (baseUrl.Length > 0)
            {
                b.Append(", new CompletionsToMessages.Shim.CompletionsClientOptions { BaseUrl = ").Append(SymbolDisplay.FormatLiteral(baseUrl, quote: true)).Append(" }");
            }

            b.Append(");").Append(eol);
            b.Append(i1).Append("CompletionsToMessages.Shim.CompletionResponse ").Append(answerName).Append(';').Append(eol);
            b.Append(i1).Append("try").Append(eol);
            b.Append(i1).Append('{').Append(eol);
            b.Append(i2).Append(answerName).Append(" = await ").Append(clientName).Append(".CreateAsync(new CompletionsToMessages.Shim.CompletionRequest").Append(eol);
            b.Append(i2).Append('{').Append(eol);
            foreach (string assignment in requestAssignments)
            {
                b.Append(i3).Append(assignment).Append(eol);
            }

            b.Append(i2).Append('}').Append(token is null ? string.Empty : ", " + token).Append(')').Append(configure).Append(';').Append(eol);
            b.Append(i1).Append('}').Append(eol);
            b.Append(i1).Append("catch (CompletionsToMessages.Shim.AnthropicApiException error)").Append(eol);
            b.Append(i1).Append('{').Append(eol);
            b.Append(i2).Append(translatedThrow.WithoutTrivia().ToString()).Append(eol);
            b.Append(i1).Append('}').Append(eol);
            b.Append(eol);
            if (responseAssignments.Count == 0)
            {
                b.Append(i1).Append("return new ").Append(responseTypeName).Append("();").Append(eol);
            }
            else
            {
                b.Append(i1).Append("return new ").Append(responseTypeName).Append(eol);
                b.Append(i1).Append('{').Append(eol);
                foreach ((string member, string shimMember) in responseAssignments)
                {
                    b.Append(i2).Append(member).Append(" = ").Append(answerName).Append('.').Append(shimMember).Append(',').Append(eol);
                }

                b.Append(i1).Append("};").Append(eol);
            }

            b.Append(braceIndent).Append('}');

            if (translatedThrow.ToString().IndexOf('\n') >= 0 || taken.Contains("error"))
            {
                return null; // a multi-line throw would need re-indenting; a visible "error" would be shadowed
            }

            if (!(SyntaxFactory.ParseStatement(b.ToString(), 0, body.SyntaxTree.Options as CSharpParseOptions) is BlockSyntax block) || block.ContainsDiagnostics)
            {
                return null;
            }

            return block.WithLeadingTrivia(body.GetLeadingTrivia()).WithTrailingTrivia(body.GetTrailingTrivia());
        }

        private static string IndentOf(SourceText text, int position)
        {
            TextLine line = text.Lines.GetLineFromPosition(position);
            int end = line.Start;
            while (end < line.End && (text[end] == ' ' || text[end] == '\t'))
            {
                end++;
            }

            return text.ToString(TextSpan.FromBounds(line.Start, end));
        }

        private static string Unique(string name, HashSet<string> taken)
        {
            string candidate = name;
            for (int i = 1; taken.Contains(candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
