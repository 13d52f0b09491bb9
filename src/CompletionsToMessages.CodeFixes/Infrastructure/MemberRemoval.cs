using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// Finds the node that holds one named member of a request body, so removing that node removes the member:
    /// an anonymous-object declarator, an initializer assignment or element, a <c>new JProperty(…)</c> argument,
    /// or a <c>body["k"] = v;</c> / <c>body.Add("k", v);</c> statement.
    /// </summary>
    internal static class MemberRemoval
    {
        /// <summary>From the node naming the member (an identifier or a string-literal key).</summary>
        public static SyntaxNode? FromKey(SyntaxNode key)
        {
            switch (key.Parent)
            {
                case NameEqualsSyntax nameEquals when nameEquals.Parent is AnonymousObjectMemberDeclaratorSyntax declarator:
                    return declarator;
                case AnonymousObjectMemberDeclaratorSyntax inferred:
                    return inferred;
                case AssignmentExpressionSyntax assignment when assignment.Left == key && assignment.Parent is InitializerExpressionSyntax:
                    return assignment;
                case InitializerExpressionSyntax complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                    return complex;
                case ArgumentSyntax argument:
                    return FromKeyArgument(argument);
                default:
                    return null;
            }
        }

        /// <summary>From the member's value expression.</summary>
        public static SyntaxNode? FromValue(ExpressionSyntax value)
        {
            switch (value.Parent)
            {
                case AnonymousObjectMemberDeclaratorSyntax declarator:
                    return declarator;
                case AssignmentExpressionSyntax assignment when assignment.Right == value:
                    return assignment.Parent is InitializerExpressionSyntax ? assignment
                        : assignment.Parent is ExpressionStatementSyntax statement ? statement
                        : null;
                case InitializerExpressionSyntax complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression) && complex.Expressions.Count == 2:
                    return complex;
                case ArgumentSyntax argument when argument.Parent is ArgumentListSyntax list && list.Arguments.Count == 2:
                    return FromKeyArgument(list.Arguments[0]);
                default:
                    return null;
            }
        }

        private static SyntaxNode? FromKeyArgument(ArgumentSyntax argument)
        {
            // ["k"] = v in an object initializer.
            if (argument.Parent is BracketedArgumentListSyntax brackets)
            {
                SyntaxNode? access = brackets.Parent;
                if (access?.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access)
                {
                    return assignment.Parent is InitializerExpressionSyntax ? assignment
                        : assignment.Parent is ExpressionStatementSyntax statement ? statement
                        : null;
                }

                return null;
            }

            if (!(argument.Parent is ArgumentListSyntax list) || list.Arguments.Count != 2 || list.Arguments[0] != argument)
            {
                return null;
            }

            switch (list.Parent)
            {
                case ObjectCreationExpressionSyntax property when property.Parent is ArgumentSyntax outer && outer.Parent is ArgumentListSyntax:
                    return outer; // new JObject(new JProperty("k", v), …)
                case InvocationExpressionSyntax invocation when invocation.Parent is ExpressionStatementSyntax statement:
                    return statement; // body.Add("k", v);
                default:
                    return null;
            }
        }

        /// <summary>
        /// Removing a member of an anonymous type changes the type: refuse when the object is stored in a local and
        /// the member is read through it in the same block.
        /// </summary>
        public static bool IsReadLater(SyntaxNode member, string name)
        {
            if (!(member is AnonymousObjectMemberDeclaratorSyntax) || !(member.Parent is AnonymousObjectCreationExpressionSyntax creation))
            {
                return false;
            }

            SyntaxNode? outer = creation.Parent;
            while (outer is ParenthesizedExpressionSyntax || outer is CastExpressionSyntax)
            {
                outer = outer.Parent;
            }

            if (!(outer is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax local }))
            {
                return false;
            }

            SyntaxNode? scope = local.FirstAncestorOrSelf<BlockSyntax>();
            if (scope is null)
            {
                return false;
            }

            foreach (SyntaxNode node in scope.DescendantNodes())
            {
                if (node is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == name
                    && access.Expression is IdentifierNameSyntax target && target.Identifier.ValueText == local.Identifier.ValueText)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
