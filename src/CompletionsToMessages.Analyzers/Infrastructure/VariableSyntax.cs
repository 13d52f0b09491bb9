using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Syntactic proof that an expression cannot be a compile-time constant, to skip a semantic-model call in hot
    /// callbacks: a simple name that is a parameter or a non-const local in scope (locals and parameters hide
    /// members of the same name), or a member access on such a variable (constants are only reached through a type).
    /// Answers false whenever unsure (query range variables, pattern and out variables, switch sections, top-level
    /// statements…), so callers then ask the semantic model as before. Allocation-free.
    /// </summary>
    internal static class VariableSyntax
    {
        public static bool IsVariableOrInstanceAccess(ExpressionSyntax expression)
        {
            if (expression is IdentifierNameSyntax identifier)
            {
                return IsLocalOrParameter(identifier);
            }

            if (!(expression is MemberAccessExpressionSyntax access) || !access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
            {
                return false;
            }

            ExpressionSyntax receiver = access.Expression;
            while (receiver is MemberAccessExpressionSyntax inner && inner.IsKind(SyntaxKind.SimpleMemberAccessExpression))
            {
                receiver = inner.Expression;
            }

            // "Color Color": a variable named like its own type still reaches the type's constants. Such a variable
            // has a type-like (upper-case) name; lower-case variables are safe.
            return receiver is IdentifierNameSyntax variable
                   && variable.Identifier.ValueText.Length > 0
                   && (char.IsLower(variable.Identifier.ValueText[0]) || variable.Identifier.ValueText[0] == '_')
                   && IsLocalOrParameter(variable);
        }

        private static bool IsLocalOrParameter(IdentifierNameSyntax identifier)
        {
            string name = identifier.Identifier.ValueText;
            for (SyntaxNode? node = identifier.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case BlockSyntax block:
                        foreach (StatementSyntax statement in block.Statements)
                        {
                            if (statement is LocalDeclarationStatementSyntax local && Declares(local.Declaration, name))
                            {
                                // A const local may be the constant we are looking for.
                                return !local.IsConst;
                            }
                        }

                        break;
                    case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name && forEach.Statement.Span.Contains(identifier.Span):
                        return true;
                    case ForStatementSyntax forStatement when forStatement.Declaration != null && Declares(forStatement.Declaration, name):
                        return true;
                    case UsingStatementSyntax usingStatement when usingStatement.Declaration != null && Declares(usingStatement.Declaration, name):
                        return true;
                    case SimpleLambdaExpressionSyntax simple when simple.Parameter.Identifier.ValueText == name:
                        return true;
                    case ParenthesizedLambdaExpressionSyntax lambda when HasParameter(lambda.ParameterList, name):
                        return true;
                    case AnonymousMethodExpressionSyntax anonymous when HasParameter(anonymous.ParameterList, name):
                        return true;
                    case LocalFunctionStatementSyntax function when HasParameter(function.ParameterList, name):
                        return true;
                    case BaseMethodDeclarationSyntax method:
                        return HasParameter(method.ParameterList, name);
                    case IndexerDeclarationSyntax indexer:
                        return HasParameter(indexer.ParameterList, name);
                    case AccessorDeclarationSyntax accessor when name == "value"
                                                                && (accessor.IsKind(SyntaxKind.SetAccessorDeclaration) || accessor.IsKind(SyntaxKind.InitAccessorDeclaration)
                                                                    || accessor.IsKind(SyntaxKind.AddAccessorDeclaration) || accessor.IsKind(SyntaxKind.RemoveAccessorDeclaration)):
                        return true;
                    case QueryExpressionSyntax _:
                    case SwitchSectionSyntax _:
                    case BaseTypeDeclarationSyntax _:
                    case GlobalStatementSyntax _:
                        return false;
                }
            }

            return false;
        }

        private static bool Declares(VariableDeclarationSyntax declaration, string name)
        {
            foreach (VariableDeclaratorSyntax variable in declaration.Variables)
            {
                if (variable.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasParameter(BaseParameterListSyntax? parameters, string name)
        {
            if (parameters is null)
            {
                return false;
            }

            foreach (ParameterSyntax parameter in parameters.Parameters)
            {
                if (parameter.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
