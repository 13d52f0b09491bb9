using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Syntactic proof that an expression cannot be a compile-time constant, to skip a semantic-model call in hot
    /// callbacks: a simple name that is a parameter or a non-const local in scope (locals and parameters hide
    /// members of the same name; deconstructing <c>foreach</c> variables included), or, with no such local, a
    /// property, non-const field, event or method that the innermost enclosing type declares under that name (or a
    /// parameter of its primary constructor or record parameter list): members of the type itself hide inherited
    /// and outer ones, and none of these is a constant. Also a member access on such a name (constants are only
    /// reached through a type). Answers false whenever unsure (query range variables, pattern and out variables,
    /// switch sections, top-level statements, a const field or nested type of that name, a name the type does not
    /// declare…), so callers then ask the semantic model as before. Allocation-free.
    /// </summary>
    internal static class VariableSyntax
    {
        public static bool IsVariableOrInstanceAccess(ExpressionSyntax expression)
        {
            if (expression is IdentifierNameSyntax identifier)
            {
                return IsNonConstantName(identifier);
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
                   && IsNonConstantName(variable);
        }

        private static bool IsNonConstantName(IdentifierNameSyntax identifier)
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
                    case ForEachVariableStatementSyntax forEachVariable when forEachVariable.Statement.Span.Contains(identifier.Span) && Designates(forEachVariable.Variable, name):
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
                    case BaseMethodDeclarationSyntax method when HasParameter(method.ParameterList, name):
                        return true;
                    case IndexerDeclarationSyntax indexer when HasParameter(indexer.ParameterList, name):
                        return true;
                    case AccessorDeclarationSyntax accessor when name == "value"
                                                                && (accessor.IsKind(SyntaxKind.SetAccessorDeclaration) || accessor.IsKind(SyntaxKind.InitAccessorDeclaration)
                                                                    || accessor.IsKind(SyntaxKind.AddAccessorDeclaration) || accessor.IsKind(SyntaxKind.RemoveAccessorDeclaration)):
                        return true;
                    case TypeDeclarationSyntax type:
                        return DeclaresNonConstantMember(type, name);
                    case QueryExpressionSyntax _:
                    case SwitchSectionSyntax _:
                    case BaseTypeDeclarationSyntax _:
                    case GlobalStatementSyntax _:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="type"/> itself declares <paramref name="name"/> as a property, non-const field, event,
        /// method or primary-constructor/record parameter, and not as a const field or a nested type (through which a
        /// constant could be reached). A simple name inside the type that is not a local binds to that member.
        /// </summary>
        private static bool DeclaresNonConstantMember(TypeDeclarationSyntax type, string name)
        {
            bool nonConstant = type.ParameterList != null && HasParameter(type.ParameterList, name);
            foreach (MemberDeclarationSyntax member in type.Members)
            {
                switch (member)
                {
                    case BaseFieldDeclarationSyntax field when Declares(field.Declaration, name):
                        if (field.Modifiers.Any(SyntaxKind.ConstKeyword))
                        {
                            return false;
                        }

                        nonConstant = true;
                        break;
                    case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    case EventDeclarationSyntax @event when @event.Identifier.ValueText == name:
                    case MethodDeclarationSyntax method when method.Identifier.ValueText == name:
                        nonConstant = true;
                        break;
                    case BaseTypeDeclarationSyntax nested when nested.Identifier.ValueText == name:
                        return false;
                    case DelegateDeclarationSyntax @delegate when @delegate.Identifier.ValueText == name:
                        return false;
                }
            }

            return nonConstant;
        }

        /// <summary>Whether a deconstruction target (<c>var (a, b)</c>, <c>(string a, int b)</c>) declares <paramref name="name"/>.</summary>
        private static bool Designates(SyntaxNode node, string name)
        {
            switch (node)
            {
                case SingleVariableDesignationSyntax single:
                    return single.Identifier.ValueText == name;
                case ParenthesizedVariableDesignationSyntax parenthesized:
                    foreach (VariableDesignationSyntax variable in parenthesized.Variables)
                    {
                        if (Designates(variable, name))
                        {
                            return true;
                        }
                    }

                    return false;
                case DeclarationExpressionSyntax declaration:
                    return Designates(declaration.Designation, name);
                case TupleExpressionSyntax tuple:
                    foreach (ArgumentSyntax argument in tuple.Arguments)
                    {
                        if (Designates(argument.Expression, name))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
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
