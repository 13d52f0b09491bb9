using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM010 "Use CompletionsToMessages.Shim" for Anthropic.SDK 2.x:
    /// <c>await sdk.Completions.GetClaudeCompletionAsync(new SamplingParameters { … })</c> becomes
    /// <c>await new CompletionsClient().CreateAsync(new CompletionRequest { … })</c>.
    /// <para>
    /// Null (no fix) unless the shim is referenced; the SDK client is <c>new AnthropicClient()</c> without arguments
    /// (it read ANTHROPIC_API_KEY, as the shim's parameterless client does) at the call or in a local of the method;
    /// the parameters are an object initializer at the call (or in a local used only there) setting only members the
    /// shim's <c>CompletionRequest</c> has (Model, Prompt, MaxTokensToSample required); SDK constants
    /// (<c>AnthropicModels.*</c>, <c>AnthropicSignals.HumanSignal/AssistantSignal</c>) are known and become the strings
    /// they stood for; and the result is read only through <c>Completion</c>, <c>StopReason</c> or <c>Model</c>.
    /// </para>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LegacyClientLibraryCodeFix)), Shared]
    public sealed class LegacyClientLibraryCodeFix : CtmCodeFixProvider
    {
        private const string ShimNamespace = ShimTypes.Namespace;

        private const string ClientLocalName = "completionsClient";

        private static readonly HashSet<string> RequestMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "Model", "Prompt", "MaxTokensToSample", "StopSequences", "Temperature", "TopP", "TopK",
        };

        private static readonly HashSet<string> ResponseMembers = new HashSet<string>(StringComparer.Ordinal) { "Completion", "StopReason", "Model" };

        private static readonly Dictionary<string, string> Signals = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HumanSignal"] = "\n\nHuman:",
            ["AssistantSignal"] = "\n\nAssistant:",
        };

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LegacyClientLibrary);

        protected override string Title => "Use CompletionsToMessages.Shim";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            PlanFor(root, model, diagnostic, cancellationToken) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            SyntaxNode root = editor.OriginalRoot;
            var plans = new Dictionary<InvocationExpressionSyntax, Plan>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (PlanFor(root, model, diagnostic, cancellationToken) is Plan plan && !plans.ContainsKey(plan.Call))
                {
                    plans.Add(plan.Call, plan);
                }
            }

            if (plans.Count == 0)
            {
                return;
            }

            string prefix = plans.Values.Any(p => p.Qualify) ? ShimNamespace + "." : string.Empty;

            // In document order, so that the client locals get the names fixing one call at a time would give them.
            var namesByScope = new Dictionary<SyntaxNode, HashSet<string>>();
            foreach (Plan plan in plans.Values.OrderBy(p => p.Call.SpanStart))
            {
                string client = "new " + prefix + "CompletionsClient()";
                if (ClientLocalSite(plan.Call) is (StatementSyntax statement, SyntaxNode scope))
                {
                    if (!namesByScope.TryGetValue(scope, out HashSet<string>? names))
                    {
                        namesByScope[scope] = names = NewLocal.NamesIn(scope);
                    }

                    string name = NewLocal.Unique(ClientLocalName, names);
                    names.Add(name);
                    StatementSyntax declaration = NewLocal.Statement("using var " + name + " = " + client + ";", statement);
                    if (statement.Parent is GlobalStatementSyntax global)
                    {
                        editor.InsertBefore(global, SyntaxFactory.GlobalStatement(declaration));
                    }
                    else
                    {
                        editor.InsertBefore(statement, declaration);
                    }

                    client = name;
                }

                ExpressionSyntax request = SyntaxFactory.ParseExpression(RequestText(plan, prefix));
                if (plan.Local is null)
                {
                    editor.ReplaceNode(plan.Call, SyntaxFactory.ParseExpression(client + ".CreateAsync(" + request.ToFullString() + ")")
                        .WithTriviaFrom(plan.Call));
                }
                else
                {
                    editor.ReplaceNode(plan.Creation, request.WithTriviaFrom(plan.Creation));
                    if (!plan.Local.Type.IsVar)
                    {
                        editor.ReplaceNode(plan.Local.Type, SyntaxFactory.ParseTypeName(prefix + "CompletionRequest").WithTriviaFrom(plan.Local.Type));
                    }

                    editor.ReplaceNode(plan.Call.Expression, SyntaxFactory.ParseExpression(client + ".CreateAsync").WithTriviaFrom(plan.Call.Expression));
                }
            }

            if (prefix.Length == 0 && UsingDirectives.MissingIn(root, model, diagnostics[0].Location.SourceSpan.Start, ShimNamespace, cancellationToken) is SyntaxNode container)
            {
                UsingDirectives.Add(editor, container, ShimNamespace);
            }
        }

        /// <summary>
        /// Where the shim client can be a <c>using var</c> local disposed with its block: the statement holding the call
        /// (directly in a block or at top level, the call not inside a lambda or local function of it, C# 8 or later, no
        /// <c>goto</c> in the member that could jump past the declaration) and the member whose names the local must avoid.
        /// Null otherwise: the call then creates its client in place, as the SDK call created its client.
        /// </summary>
        private static (StatementSyntax Statement, SyntaxNode Scope)? ClientLocalSite(InvocationExpressionSyntax call)
        {
            if (!(call.SyntaxTree.Options is CSharpParseOptions options) || options.LanguageVersion < LanguageVersion.CSharp8)
            {
                return null;
            }

            StatementSyntax? statement = null;
            for (SyntaxNode? node = call.Parent; node != null; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax)
                {
                    return null;
                }

                if (node is StatementSyntax found)
                {
                    statement = found;
                    break;
                }
            }

            if (statement is null || statement.ContainsDirectives || !(statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax))
            {
                return null;
            }

            SyntaxNode scope = statement.Parent is GlobalStatementSyntax global
                ? global.Parent!
                : (SyntaxNode?)statement.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? statement.SyntaxTree.GetRoot();
            if (scope.DescendantNodes().Any(n => n is GotoStatementSyntax))
            {
                return null;
            }

            return (statement, scope);
        }

        private sealed class Plan
        {
            public Plan(InvocationExpressionSyntax call, ObjectCreationExpressionSyntax creation, VariableDeclarationSyntax? local, List<(string Name, string Value)> members, bool qualify)
            {
                Call = call;
                Creation = creation;
                Local = local;
                Members = members;
                Qualify = qualify;
            }

            public InvocationExpressionSyntax Call { get; }

            public ObjectCreationExpressionSyntax Creation { get; }

            public VariableDeclarationSyntax? Local { get; }

            public List<(string Name, string Value)> Members { get; }

            public bool Qualify { get; }
        }

        private static string RequestText(Plan plan, string prefix)
        {
            InitializerExpressionSyntax initializer = plan.Creation.Initializer!;
            string text = plan.Creation.SyntaxTree.GetText().ToString();
            bool multiLine = initializer.OpenBraceToken.GetPreviousToken().GetLocation().GetLineSpan().EndLinePosition.Line
                             != initializer.OpenBraceToken.GetLocation().GetLineSpan().StartLinePosition.Line;
            string eol = text.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
            var b = new StringBuilder("new ").Append(prefix).Append("CompletionRequest");
            if (multiLine)
            {
                string braceIndent = IndentOfLine(text, initializer.OpenBraceToken.SpanStart);
                string memberIndent = plan.Members.Count > 0 && initializer.Expressions.Count > 0 ? IndentOfLine(text, initializer.Expressions[0].SpanStart) : braceIndent + "    ";
                b.Append(eol).Append(braceIndent).Append('{').Append(eol);
                foreach ((string name, string value) in plan.Members)
                {
                    b.Append(memberIndent).Append(name).Append(" = ").Append(value).Append(',').Append(eol);
                }

                b.Append(braceIndent).Append('}');
            }
            else
            {
                b.Append(" { ").Append(string.Join(", ", plan.Members.Select(m => m.Name + " = " + m.Value))).Append(" }");
            }

            return b.ToString();
        }

        private static string IndentOfLine(string text, int position)
        {
            int lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
            int end = lineStart;
            while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
            {
                end++;
            }

            return text.Substring(lineStart, end - lineStart);
        }

        // ------------------------------------------------------------------ recognition

        private static Plan? PlanFor(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            try
            {
                if (!ShimTypes.Has(model.Compilation, ShimTypes.CompletionsClient))
                {
                    return null;
                }

                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                InvocationExpressionSyntax? call = null;
                if (node is SimpleNameSyntax { Identifier: { ValueText: "GetClaudeCompletionAsync" } } name
                    && name.Parent is MemberAccessExpressionSyntax access && access.Name == name && access.Parent is InvocationExpressionSyntax invocation)
                {
                    call = invocation;
                }
                else if (node.Parent is ObjectCreationExpressionSyntax creation && creation.Type == node)
                {
                    call = CallUsing(creation, model, cancellationToken);
                }

                return call is null ? null : PlanForCall(call, model, cancellationToken);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                return null;
            }
        }

        /// <summary>The call a <c>new SamplingParameters { … }</c> is passed to (directly or through its local).</summary>
        private static InvocationExpressionSyntax? CallUsing(ObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (creation.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax direct } })
            {
                return direct;
            }

            if (creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local)
            {
                List<IdentifierNameSyntax> uses = UsesOf(local, declarator, model, cancellationToken);
                if (uses.Count == 1 && uses[0].Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax viaLocal } })
                {
                    return viaLocal;
                }
            }

            return null;
        }

        private static Plan? PlanForCall(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
        {
            // Cheap syntax first: await X.Completions.GetClaudeCompletionAsync(oneArgument)
            if (!(call.Expression is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "GetClaudeCompletionAsync" } } } access)
                || !(access.Expression is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Completions" } } } completions)
                || call.ArgumentList.Arguments.Count != 1
                || call.ArgumentList.Arguments[0].NameColon != null || !call.ArgumentList.Arguments[0].RefKindKeyword.IsKind(SyntaxKind.None)
                || !(call.Parent is AwaitExpressionSyntax await))
            {
                return null;
            }

            if (!(model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method) || !IsAnthropic(method.ContainingType))
            {
                return null;
            }

            if (!IsDefaultClient(completions.Expression, model, cancellationToken) || !ResultReadOnlyThroughShimMembers(await, model, cancellationToken))
            {
                return null;
            }

            // The parameters: new SamplingParameters { … } at the call or in a local used only there.
            ExpressionSyntax argument = call.ArgumentList.Arguments[0].Expression;
            VariableDeclarationSyntax? localDeclaration = null;
            ObjectCreationExpressionSyntax? creation = argument as ObjectCreationExpressionSyntax;
            if (argument is IdentifierNameSyntax identifier)
            {
                if (!(model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local)
                    || local.DeclaringSyntaxReferences.Length != 1
                    || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator)
                    || !(declarator.Parent is VariableDeclarationSyntax { Variables: { Count: 1 } } declaration)
                    || !(declaration.Parent is LocalDeclarationStatementSyntax statement) || statement.Modifiers.Count > 0
                    || !(declarator.Initializer?.Value is ObjectCreationExpressionSyntax localCreation))
                {
                    return null;
                }

                List<IdentifierNameSyntax> uses = UsesOf(local, declarator, model, cancellationToken);
                if (uses.Count != 1 || uses[0] != identifier)
                {
                    return null;
                }

                creation = localCreation;
                localDeclaration = declaration;
            }

            if (creation is null || creation.Initializer is null || !creation.Initializer.IsKind(SyntaxKind.ObjectInitializerExpression)
                || (creation.ArgumentList != null && creation.ArgumentList.Arguments.Count > 0)
                || !(model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol parametersType)
                || parametersType.Name != "SamplingParameters" || !IsAnthropic(parametersType))
            {
                return null;
            }

            if (!(ShimTypes.Find(model.Compilation, ShimTypes.CompletionRequest) is INamedTypeSymbol shimRequest))
            {
                return null;
            }

            var members = new List<(string, string)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (ExpressionSyntax expression in creation.Initializer.Expressions)
            {
                if (!(expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment) || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    || !RequestMembers.Contains(left.Identifier.ValueText) || !seen.Add(left.Identifier.ValueText)
                    || !(shimRequest.GetMembers(left.Identifier.ValueText).OfType<IPropertySymbol>().FirstOrDefault() is IPropertySymbol shimProperty)
                    || !model.ClassifyConversion(assignment.Right, shimProperty.Type).IsImplicit
                    || !(ValueText(assignment.Right, model, cancellationToken) is string value))
                {
                    return null;
                }

                members.Add((left.Identifier.ValueText, value));
            }

            if (!seen.Contains("Model") || !seen.Contains("Prompt") || !seen.Contains("MaxTokensToSample"))
            {
                return null;
            }

            bool qualify = !BindsToShim("CompletionsClient", call.SpanStart, model) || !BindsToShim("CompletionRequest", creation.SpanStart, model);
            return new Plan(call, creation, localDeclaration, members, qualify);
        }

        private static bool BindsToShim(string name, int position, SemanticModel model) =>
            model.LookupNamespacesAndTypes(position, name: name).All(s => s.ContainingNamespace?.ToDisplayString() == ShimNamespace);

        private static bool IsAnthropic(ISymbol? symbol)
        {
            string? ns = symbol?.ContainingNamespace?.ToDisplayString();
            return ns != null && (ns == "Anthropic" || ns.StartsWith("Anthropic.", StringComparison.Ordinal));
        }

        /// <summary><c>new AnthropicClient()</c> at the call, or a local of the method initialised so (the key came from ANTHROPIC_API_KEY).</summary>
        private static bool IsDefaultClient(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            if (expression is IdentifierNameSyntax identifier)
            {
                if (!(model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local) || local.DeclaringSyntaxReferences.Length != 1
                    || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator)
                    || !(declarator.Initializer?.Value is ExpressionSyntax initial))
                {
                    return false;
                }

                // Never reassigned.
                foreach (IdentifierNameSyntax use in UsesOf(local, declarator, model, cancellationToken))
                {
                    if (use.Parent is AssignmentExpressionSyntax reassigned && reassigned.Left == use
                        || use.Parent is ArgumentSyntax byRef && !byRef.RefKindKeyword.IsKind(SyntaxKind.None))
                    {
                        return false;
                    }
                }

                expression = initial;
            }

            return expression is ObjectCreationExpressionSyntax creation
                   && creation.Initializer is null && (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0)
                   && model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol type && type.Name == "AnthropicClient" && IsAnthropic(type);
        }

        /// <summary>The awaited result is read only as <c>(await …).Completion</c> or through a <c>var</c> local read only so.</summary>
        private static bool ResultReadOnlyThroughShimMembers(AwaitExpressionSyntax await, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode parent = await.Parent!;
            if (parent is ParenthesizedExpressionSyntax parenthesized)
            {
                return IsShimMemberRead(parenthesized);
            }

            if (parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && declarator.Parent is VariableDeclarationSyntax { Variables: { Count: 1 } } declaration && declaration.Type.IsVar
                && declaration.Parent is LocalDeclarationStatementSyntax
                && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local)
            {
                return UsesOf(local, declarator, model, cancellationToken).All(IsShimMemberRead);
            }

            return false;
        }

        private static bool IsShimMemberRead(ExpressionSyntax expression) =>
            expression.Parent is MemberAccessExpressionSyntax read && read.Expression == expression && read.IsKind(SyntaxKind.SimpleMemberAccessExpression)
            && ResponseMembers.Contains(read.Name.Identifier.ValueText) && !(read.Name is GenericNameSyntax)
            && !(read.Parent is AssignmentExpressionSyntax assignment && assignment.Left == read)
            && !(read.Parent is InvocationExpressionSyntax invoked && invoked.Expression == read)
            && !(read.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            && !(read.Parent is PrefixUnaryExpressionSyntax || read.Parent is PostfixUnaryExpressionSyntax);

        private static List<IdentifierNameSyntax> UsesOf(ILocalSymbol local, VariableDeclaratorSyntax declarator, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode scope = declarator.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax || n is LocalFunctionStatementSyntax
                                                                          || n is AnonymousFunctionExpressionSyntax || n is AccessorDeclarationSyntax
                                                                          || n is GlobalStatementSyntax)
                               ?? declarator.SyntaxTree.GetRoot(cancellationToken);
            if (scope is GlobalStatementSyntax)
            {
                scope = scope.Parent!;
            }

            return scope.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, local))
                .ToList();
        }

        // ------------------------------------------------------------------ values

        /// <summary>The value's text with SDK constants replaced by the strings they stood for; null when something of the SDK is left.</summary>
        private static string? ValueText(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken)
        {
            var replacements = new Dictionary<SyntaxNode, string>();
            foreach (SyntaxNode node in value.DescendantNodesAndSelf())
            {
                if (node is MemberAccessExpressionSyntax constant && ConstantValue(constant, model, cancellationToken) is string text)
                {
                    if (constant.Parent is InterpolationSyntax { AlignmentClause: null, FormatClause: null } interpolation
                        && interpolation.Parent is InterpolatedStringExpressionSyntax interpolated
                        && interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken))
                    {
                        string escaped = SymbolDisplay.FormatLiteral(text, quote: false).Replace("{", "{{").Replace("}", "}}");
                        replacements[interpolation] = escaped;
                    }
                    else
                    {
                        replacements[constant] = SymbolDisplay.FormatLiteral(text, quote: true);
                    }
                }
            }

            // Anything else of the SDK (another constant, an SDK type) has no shim counterpart.
            foreach (SyntaxNode node in value.DescendantNodesAndSelf())
            {
                if (replacements.Keys.Any(r => r.Span.Contains(node.Span)))
                {
                    continue;
                }

                if (node is SimpleNameSyntax simple && IsAnthropic(model.GetSymbolInfo(simple, cancellationToken).Symbol))
                {
                    return null;
                }
            }

            if (replacements.Count == 0)
            {
                return value.WithoutTrivia().ToString();
            }

            int start = value.SpanStart;
            string original = value.ToString();
            var b = new StringBuilder();
            int at = 0;
            foreach (KeyValuePair<SyntaxNode, string> replacement in replacements.OrderBy(r => r.Key.SpanStart))
            {
                int from = replacement.Key.SpanStart - start;
                b.Append(original, at, from - at).Append(replacement.Value);
                at = from + replacement.Key.Span.Length;
            }

            b.Append(original, at, original.Length - at);
            string result = b.ToString();
            ExpressionSyntax parsed = SyntaxFactory.ParseExpression(result);
            return parsed.ContainsDiagnostics ? null : result;
        }

        /// <summary>The string an <c>AnthropicModels.X</c> or <c>AnthropicSignals.HumanSignal/AssistantSignal</c> of the SDK stood for.</summary>
        private static string? ConstantValue(MemberAccessExpressionSyntax access, SemanticModel model, CancellationToken cancellationToken)
        {
            string type = access.Expression switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => string.Empty,
            };
            string name = access.Name.Identifier.ValueText;
            string? value = type == "AnthropicModels" && ModelIdAnalyzer.SdkModelConstants.TryGetValue(name, out string? id2) ? id2
                : type == "AnthropicSignals" && Signals.TryGetValue(name, out string? signal) ? signal
                : null;
            return value != null && IsAnthropic(model.GetSymbolInfo(access, cancellationToken).Symbol) ? value : null;
        }
    }
}
