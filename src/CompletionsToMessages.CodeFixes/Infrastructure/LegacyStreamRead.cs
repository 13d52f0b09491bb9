using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// The one read of a streamed request's response body, which the whole-request migration wraps in the shim's
    /// <c>LegacyEventStream.FromMessages(…)</c> so that the hand-written Text Completions event parser reading it keeps
    /// receiving 2023-06-01 <c>completion</c> events from <c>/v1/messages</c>.
    /// <para>
    /// Found only when it is unambiguous: the request is sent once in its method (<c>await http.SendAsync(request, …)</c>
    /// of the one <c>HttpRequestMessage</c> local, or the awaited <c>PostAsync</c>/<c>PostAsJsonAsync</c> itself) into one
    /// response local; that response is used only through its members; its content is read as a stream exactly once
    /// (<c>await response.Content.ReadAsStreamAsync(…)</c> or <c>response.Content.ReadAsStream(…)</c>), and otherwise only
    /// read as text/bytes inside <c>if (!response.IsSuccessStatusCode)</c> (an error body, which keeps its shape).
    /// The response passed to another method, its content read as text on the success path or twice: not found.
    /// </para>
    /// </summary>
    internal sealed class LegacyStreamRead
    {
        public const string AdapterType = ShimTypes.LegacyEventStream;

        private LegacyStreamRead(ExpressionSyntax read, ExpressionSyntax replacement, List<(SyntaxNode Container, string Namespace)> usings)
        {
            Read = read;
            Replacement = replacement;
            Usings = usings;
        }

        /// <summary>The <c>Stream</c>-valued read as written (<c>await response.Content.ReadAsStreamAsync()</c>).</summary>
        public ExpressionSyntax Read { get; }

        /// <summary><c>LegacyEventStream.FromMessages(&lt;read&gt;)</c>.</summary>
        public ExpressionSyntax Replacement { get; }

        /// <summary>The using directive the replacement needs, if any.</summary>
        public List<(SyntaxNode Container, string Namespace)> Usings { get; }

        /// <summary>True when the compilation references the shim's adapter (a public <c>LegacyEventStream</c>).</summary>
        public static bool AdapterIsReferenced(Compilation compilation) =>
            ShimTypes.Has(compilation, AdapterType);

        /// <summary>The stream read of the response to <paramref name="request"/> (a POST invocation or an <c>HttpRequestMessage</c> creation), or null.</summary>
        public static LegacyStreamRead? Find(SyntaxNode root, SemanticModel model, SyntaxNode request, CancellationToken cancellationToken)
        {
            if (!(ShimTypes.Find(model.Compilation, AdapterType) is INamedTypeSymbol adapter)
                || !(request.FirstAncestorOrSelf<MemberDeclarationSyntax>() is MemberDeclarationSyntax member))
            {
                return null;
            }

            ExpressionSyntax? send = request is InvocationExpressionSyntax post ? post : SendOf((ObjectCreationExpressionSyntax)request, member, model, cancellationToken);
            if (send is null || !(ResponseLocal(send, model, cancellationToken) is ILocalSymbol response))
            {
                return null;
            }

            ExpressionSyntax? read = null;
            foreach (IdentifierNameSyntax reference in References(member, response, model, cancellationToken))
            {
                if (!(reference.Parent is MemberAccessExpressionSyntax access) || access.Expression != reference || IsAssigned(access))
                {
                    return null; // passed on, returned, reassigned: its body may be read where this fix cannot see
                }

                if (access.Name.Identifier.ValueText != "Content")
                {
                    continue;
                }

                if (!(access.Parent is MemberAccessExpressionSyntax contentMember) || contentMember.Expression != access)
                {
                    return null; // the content itself handed on
                }

                switch (contentMember.Name.Identifier.ValueText)
                {
                    case "Headers":
                        continue;
                    case "ReadAsStreamAsync":
                    case "ReadAsStream":
                        if (read != null || !(contentMember.Parent is InvocationExpressionSyntax readCall) || !(StreamValue(readCall) is ExpressionSyntax value))
                        {
                            return null;
                        }

                        read = value;
                        continue;
                    case "ReadAsStringAsync":
                    case "ReadAsString":
                    case "ReadAsByteArrayAsync":
                    case "ReadAsByteArray":
                        if (!InFailureBranch(contentMember, response, model, cancellationToken))
                        {
                            return null;
                        }

                        continue;
                    default:
                        return null;
                }
            }

            if (read is null || read.ContainsDiagnostics)
            {
                return null;
            }

            // LegacyEventStream by its short name when that name finds the shim's type (the using is added when missing).
            var usings = new List<(SyntaxNode, string)>();
            string typeName = "LegacyEventStream";
            if (model.LookupNamespacesAndTypes(read.SpanStart, name: typeName).Any(s => !SymbolEqualityComparer.Default.Equals(s, adapter)))
            {
                typeName = "global::" + AdapterType;
            }
            else if (UsingDirectives.MissingIn(root, model, read.SpanStart, RuntimePrompt.ShimNamespace, cancellationToken) is SyntaxNode container)
            {
                usings.Add((container, RuntimePrompt.ShimNamespace));
            }

            ExpressionSyntax replacement = SyntaxFactory.ParseExpression(typeName + ".FromMessages(" + read.WithoutTrivia().ToFullString() + ")")
                .WithTriviaFrom(read);
            return replacement.ContainsDiagnostics ? null : new LegacyStreamRead(read, replacement, usings);
        }

        /// <summary>The one <c>SendAsync(request, …)</c>/<c>Send(request, …)</c> of an <c>HttpRequestMessage</c> local, the local used otherwise only through its members.</summary>
        private static ExpressionSyntax? SendOf(ObjectCreationExpressionSyntax creation, MemberDeclarationSyntax member, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!(Unwrap(creation).Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
                || !(model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local))
            {
                return null;
            }

            InvocationExpressionSyntax? send = null;
            foreach (IdentifierNameSyntax reference in References(member, local, model, cancellationToken))
            {
                if (reference.Parent is MemberAccessExpressionSyntax access && access.Expression == reference)
                {
                    continue; // request.Headers.Add(…), request.Content = …
                }

                if (send == null
                    && reference.Parent is ArgumentSyntax { NameColon: null, RefKindKeyword: { RawKind: 0 } } argument
                    && argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } list
                    && list.Arguments.IndexOf(argument) == 0
                    && invocation.Expression is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "SendAsync" or "Send" } } }
                    && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                    && method.ContainingType?.ContainingNamespace?.ToDisplayString() == "System.Net.Http")
                {
                    send = invocation;
                    continue;
                }

                return null;
            }

            return send;
        }

        /// <summary>The local the (awaited) send is stored in: <c>[using] var response = await send[.ConfigureAwait(…)];</c>.</summary>
        private static ILocalSymbol? ResponseLocal(ExpressionSyntax send, SemanticModel model, CancellationToken cancellationToken)
        {
            ExpressionSyntax value = ClimbAwait(send, out bool awaited);
            bool synchronous = send is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Send" } } } };
            if (awaited == synchronous)
            {
                return null;
            }

            return Unwrap(value).Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                   && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local
                   && local.Type?.ToDisplayString() == "System.Net.Http.HttpResponseMessage"
                ? local
                : null;
        }

        /// <summary>The <c>Stream</c> value of a read: the <c>await</c> of <c>ReadAsStreamAsync(…)[.ConfigureAwait(…)]</c>, or <c>ReadAsStream(…)</c> itself.</summary>
        private static ExpressionSyntax? StreamValue(InvocationExpressionSyntax readCall)
        {
            bool synchronous = readCall.Expression is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ReadAsStream" } } };
            ExpressionSyntax value = ClimbAwait(readCall, out bool awaited);
            return awaited != synchronous ? value : null;
        }

        private static ExpressionSyntax ClimbAwait(ExpressionSyntax call, out bool awaited)
        {
            ExpressionSyntax value = call;
            if (value.Parent is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ConfigureAwait" } } } configure && configure.Expression == value
                && configure.Parent is InvocationExpressionSyntax configured)
            {
                value = configured;
            }

            while (value.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                value = parenthesized;
            }

            awaited = value.Parent is AwaitExpressionSyntax;
            return awaited ? (ExpressionSyntax)value.Parent! : call;
        }

        private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
        {
            while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized;
            }

            return expression;
        }

        /// <summary>Inside the statement of <c>if (!response.IsSuccessStatusCode)</c> (not its else).</summary>
        private static bool InFailureBranch(SyntaxNode node, ILocalSymbol response, SemanticModel model, CancellationToken cancellationToken)
        {
            for (SyntaxNode? current = node; current != null && !(current is MemberDeclarationSyntax); current = current.Parent)
            {
                if (current.Parent is IfStatementSyntax ifStatement && ifStatement.Statement == current
                    && ifStatement.Condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "IsSuccessStatusCode" } } } check }
                    && check.Expression is IdentifierNameSyntax checkedResponse
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(checkedResponse, cancellationToken).Symbol, response))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAssigned(ExpressionSyntax access) => access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access;

        private static IEnumerable<IdentifierNameSyntax> References(SyntaxNode scope, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken) =>
            scope.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, symbol));
    }
}
