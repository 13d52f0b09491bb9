using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// A body's prompt known only at run time (a parameter, a field, <c>sb.ToString()</c>, a call), converted at run time
    /// by the shim: <c>var converted = LegacyPrompt.ToMessages(&lt;prompt&gt;);</c> goes before the statement that builds
    /// the body, and the body reads <c>converted.System</c> and <c>converted.Messages</c>. Offered only when the compilation
    /// references <c>CompletionsToMessages.Shim</c> and moving the prompt expression before the statement evaluates it
    /// once, at the same point relative to everything else with an effect: the statement is in a block, nothing between
    /// the body and the statement evaluates conditionally or later (lambda, <c>?:</c>, <c>??</c>, <c>?.</c>), and nothing the
    /// statement evaluates before the prompt has an effect (a call, an assignment, <c>await</c>, <c>++</c>).
    /// </summary>
    internal sealed class RuntimePrompt
    {
        public const string ShimNamespace = ShimTypes.Namespace;

        public const string LegacyPromptType = ShimTypes.LegacyPrompt;

        private const string LinqNamespace = "System.Linq";

        private readonly HashSet<string> namesInScope;

        private RuntimePrompt(StatementSyntax statement, ExpressionSyntax expression, SyntaxNode scope, HashSet<string> namesInScope, string typeName, List<(SyntaxNode Container, string Namespace)> usings)
        {
            Statement = statement;
            Expression = expression;
            Scope = scope;
            this.namesInScope = namesInScope;
            TypeName = typeName;
            Usings = usings;
            Name = Unique("converted", null);
            LambdaName = UniqueLambdaName(scope);
        }

        /// <summary>The statement the conversion local goes before.</summary>
        public StatementSyntax Statement { get; }

        /// <summary>The prompt expression as written (moved into the conversion call).</summary>
        public ExpressionSyntax Expression { get; }

        /// <summary>The member whose names the new local must not collide with.</summary>
        public SyntaxNode Scope { get; }

        /// <summary><c>LegacyPrompt</c>, or its full name when that name means something else here.</summary>
        public string TypeName { get; }

        /// <summary>The using directives the new code needs (where they go, which namespace).</summary>
        public List<(SyntaxNode Container, string Namespace)> Usings { get; }

        public string Name { get; private set; }

        public string LambdaName { get; }

        /// <summary>The run-time conversion of <paramref name="prompt"/>, the prompt value of the body <paramref name="container"/>; null when not offered.</summary>
        public static RuntimePrompt? Create(SyntaxNode root, ExpressionSyntax container, ExpressionSyntax prompt, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!(ShimTypes.Find(model.Compilation, LegacyPromptType) is INamedTypeSymbol legacyPrompt))
            {
                return null;
            }

            // The statement that evaluates the body, reached only through nodes that evaluate their parts at once, in order.
            StatementSyntax? statement = null;
            for (SyntaxNode? node = container.Parent; node != null; node = node.Parent)
            {
                if (node is StatementSyntax found)
                {
                    statement = found;
                    break;
                }

                if (!EvaluatesAtOnce(node))
                {
                    return null;
                }
            }

            if (statement is null || !(statement.Parent is BlockSyntax) || statement.ContainsDirectives
                || !(statement is ExpressionStatementSyntax || statement is LocalDeclarationStatementSyntax { IsConst: false } || statement is ReturnStatementSyntax))
            {
                return null;
            }

            // Nothing with an effect is evaluated before the prompt (the prompt moves before all of it).
            foreach (SyntaxNode node in statement.DescendantNodes(n => n.SpanStart < prompt.SpanStart))
            {
                if (node.Span.End <= prompt.SpanStart && HasEffect(node))
                {
                    return null;
                }
            }

            if (!(statement.FirstAncestorOrSelf<MemberDeclarationSyntax>() is MemberDeclarationSyntax scope))
            {
                return null;
            }

            HashSet<string> names = NewLocal.NamesIn(scope);

            // LegacyPrompt by its short name when that name finds the shim's type (the using is added when missing).
            var usings = new List<(SyntaxNode, string)>();
            string typeName = "LegacyPrompt";
            if (model.LookupNamespacesAndTypes(statement.SpanStart, name: typeName).Any(s => !SymbolEqualityComparer.Default.Equals(s, legacyPrompt)))
            {
                typeName = "global::" + LegacyPromptType;
            }
            else if (UsingDirectives.MissingIn(root, model, statement.SpanStart, ShimNamespace, cancellationToken) is SyntaxNode shimUsings)
            {
                usings.Add((shimUsings, ShimNamespace));
            }

            if (UsingDirectives.MissingIn(root, model, statement.SpanStart, LinqNamespace, cancellationToken) is SyntaxNode linqUsings)
            {
                usings.Add((linqUsings, LinqNamespace));
            }

            return new RuntimePrompt(statement, prompt, scope, names, typeName, usings);
        }

        /// <summary>Another name for the local when <paramref name="taken"/> (names given by other fixes of the same edit) holds it.</summary>
        public void Rename(HashSet<string> taken) => Name = Unique("converted", taken);

        /// <summary><c>var converted = LegacyPrompt.ToMessages(&lt;prompt&gt;);</c>, indented like the statement it goes before.</summary>
        public StatementSyntax Declaration() =>
            NewLocal.Statement("var " + Name + " = " + TypeName + ".ToMessages(" + Expression.WithoutTrivia().ToFullString() + ");", Statement);

        public void Apply(SyntaxEditor editor)
        {
            editor.InsertBefore(Statement, Declaration());
        }

        private string Unique(string name, HashSet<string>? taken) => NewLocal.Unique(name, namesInScope, taken);

        /// <summary>
        /// The lambda parameter: a name no local or parameter of the member declares (a parameter of another lambda, for
        /// example of an earlier conversion, may share it, so fixing one by one and Fix All agree).
        /// </summary>
        private static string UniqueLambdaName(SyntaxNode scope)
        {
            var declared = new HashSet<string>(StringComparer.Ordinal);
            foreach (SyntaxNode node in scope.DescendantNodes())
            {
                string? name = node switch
                {
                    VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
                    SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
                    ForEachStatementSyntax forEach => forEach.Identifier.ValueText,
                    ParameterSyntax parameter when !(parameter.Parent is SimpleLambdaExpressionSyntax) && !(parameter.Parent?.Parent is ParenthesizedLambdaExpressionSyntax) => parameter.Identifier.ValueText,
                    LocalFunctionStatementSyntax function => function.Identifier.ValueText,
                    _ => null,
                };
                if (name != null)
                {
                    declared.Add(name);
                }
            }

            string candidate = "m";
            for (int i = 2; declared.Contains(candidate); i++)
            {
                candidate = "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        /// <summary>Nodes between the body and its statement that evaluate the body at once and exactly once.</summary>
        private static bool EvaluatesAtOnce(SyntaxNode node) => node switch
        {
            ArgumentSyntax _ => true,
            ArgumentListSyntax _ => true,
            InvocationExpressionSyntax _ => true,
            BaseObjectCreationExpressionSyntax _ => true,
            EqualsValueClauseSyntax _ => true,
            VariableDeclaratorSyntax _ => true,
            VariableDeclarationSyntax _ => true,
            AwaitExpressionSyntax _ => true,
            ParenthesizedExpressionSyntax _ => true,
            CastExpressionSyntax _ => true,
            BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.AsExpression),
            AssignmentExpressionSyntax assignment => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression),
            _ => false,
        };

        /// <summary>An expression whose evaluation may have an effect (or throw) that the prompt must not overtake.</summary>
        private static bool HasEffect(SyntaxNode node) => node switch
        {
            InvocationExpressionSyntax _ => true,
            AwaitExpressionSyntax _ => true,
            AssignmentExpressionSyntax assignment => !(assignment.Parent is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.ObjectInitializerExpression)),
            PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
            PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
            ObjectCreationExpressionSyntax creation => creation.ArgumentList != null && creation.ArgumentList.Arguments.Count > 0
                                                       && !(Analyzers.Infrastructure.RequestSyntax.LastName(creation.Type) is "JProperty" or "JObject" or "JArray" or "JValue" or "JsonObject" or "JsonArray"),
            ImplicitObjectCreationExpressionSyntax creation => creation.ArgumentList.Arguments.Count > 0,
            ElementAccessExpressionSyntax _ => true,
            DeclarationExpressionSyntax _ => true,
            _ => false,
        };
    }
}
