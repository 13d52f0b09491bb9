using System.Collections.Generic;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>One named member of a request body as written in code.</summary>
    internal readonly struct BodyMember
    {
        public BodyMember(string name, SyntaxNode keyNode, ExpressionSyntax? value)
        {
            Name = name;
            NormalizedName = LegacyWire.Normalize(name);
            KeyNode = keyNode;
            Value = value;
        }

        /// <summary>The name as written: "max_tokens_to_sample", "MaxTokensToSample", …</summary>
        public string Name { get; }

        /// <summary>The name for comparison (see <see cref="LegacyWire.Normalize"/>).</summary>
        public string NormalizedName { get; }

        /// <summary>The node that names the member: an identifier token's parent, or a string literal key.</summary>
        public SyntaxNode KeyNode { get; }

        public ExpressionSyntax? Value { get; }

        public bool Is(string wireName) => NormalizedName == LegacyWire.Normalize(wireName);
    }

    /// <summary>
    /// The one recogniser of "a request body" in code, used by every rule that looks at bodies. A body is a
    /// container of named members: an anonymous object, an object/collection initializer (dictionary,
    /// JsonObject, JObject, typed DTO), a JObject built from JProperty arguments, or a local variable that
    /// holds one and gets more members by <c>x["key"] = v</c> or <c>x.Add("key", v)</c> in the same block.
    /// Purely syntactic: no semantic model.
    /// </summary>
    internal static class RequestSyntax
    {
        /// <summary>
        /// If <paramref name="value"/> is the value of a named member of a body, returns the member and the
        /// body's container node (an object creation, or the local variable's declarator when members are added later).
        /// </summary>
        public static bool TryGetMemberOfValue(ExpressionSyntax value, out BodyMember member, out SyntaxNode? container)
        {
            bool found = TryGetMemberOfValueCore(value, out member, out container);
            container = Canonical(container);
            return found;
        }

        /// <summary>
        /// One node per body: a creation stored in a local is represented by the local's declarator, so members
        /// from its initializer and members added later agree on their container.
        /// </summary>
        public static SyntaxNode? Canonical(SyntaxNode? container)
        {
            if (container is BaseObjectCreationExpressionSyntax creation
                && StringSyntax.Outermost(creation).Parent is EqualsValueClauseSyntax equals
                && equals.Parent is VariableDeclaratorSyntax declarator)
            {
                return declarator;
            }

            return container;
        }

        private static bool TryGetMemberOfValueCore(ExpressionSyntax value, out BodyMember member, out SyntaxNode? container)
        {
            value = StringSyntax.Outermost(value);
            member = default;
            container = null;
            switch (value.Parent)
            {
                case AnonymousObjectMemberDeclaratorSyntax declarator when declarator.Expression == value:
                    string? name = declarator.NameEquals?.Name.Identifier.ValueText ?? InferredName(value);
                    if (string.IsNullOrEmpty(name))
                    {
                        return false;
                    }

                    member = new BodyMember(name!, (SyntaxNode?)declarator.NameEquals?.Name ?? value, value);
                    container = declarator.Parent;
                    return true;

                case AssignmentExpressionSyntax assignment when assignment.Right == value && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    return TryGetAssignedMember(assignment, out member, out container);

                case InitializerExpressionSyntax complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression)
                                                             && complex.Expressions.Count == 2 && complex.Expressions[1] == value:
                    if (!StringSyntax.TryGetLiteral(complex.Expressions[0], out string key))
                    {
                        return false;
                    }

                    member = new BodyMember(key, complex.Expressions[0], value);
                    container = complex.Parent?.Parent;
                    return container != null;

                case ArgumentSyntax argument:
                    return TryGetKeyedArgumentMember(argument, out member, out container);

                default:
                    return false;
            }
        }

        /// <summary>If <paramref name="key"/> (a string literal) names a body member, returns the member and its container.</summary>
        public static bool TryGetMemberOfKey(ExpressionSyntax key, out BodyMember member, out SyntaxNode? container)
        {
            member = default;
            container = null;
            SyntaxNode? parent = key.Parent;
            switch (parent)
            {
                case InitializerExpressionSyntax complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression)
                                                             && complex.Expressions.Count == 2 && complex.Expressions[0] == key:
                    return TryGetMemberOfValue(complex.Expressions[1], out member, out container);

                case ArgumentSyntax argument when argument.Parent is BracketedArgumentListSyntax brackets && brackets.Arguments.Count == 1:
                    if (brackets.Parent?.Parent is AssignmentExpressionSyntax assignment && assignment.Left == brackets.Parent)
                    {
                        return TryGetMemberOfValue(assignment.Right, out member, out container);
                    }

                    return false;

                case ArgumentSyntax argument when argument.Parent is ArgumentListSyntax list && list.Arguments.Count == 2 && list.Arguments[0] == argument:
                    return TryGetMemberOfValue(list.Arguments[1].Expression, out member, out container);

                default:
                    return false;
            }
        }

        /// <summary>All members of a body container (see <see cref="TryGetMemberOfValue"/>), in source order.</summary>
        public static List<BodyMember> GetMembers(SyntaxNode container)
        {
            var members = new List<BodyMember>();
            switch (container)
            {
                case AnonymousObjectCreationExpressionSyntax anonymous:
                    foreach (AnonymousObjectMemberDeclaratorSyntax declarator in anonymous.Initializers)
                    {
                        string? name = declarator.NameEquals?.Name.Identifier.ValueText ?? InferredName(declarator.Expression);
                        if (!string.IsNullOrEmpty(name))
                        {
                            members.Add(new BodyMember(name!, (SyntaxNode?)declarator.NameEquals?.Name ?? declarator.Expression, declarator.Expression));
                        }
                    }

                    break;

                case BaseObjectCreationExpressionSyntax creation:
                    AddCreationMembers(creation, members);
                    break;

                case VariableDeclaratorSyntax variable:
                    if (variable.Initializer?.Value is ExpressionSyntax initial && StringSyntax.Unwrap(initial) is BaseObjectCreationExpressionSyntax initialCreation)
                    {
                        AddCreationMembers(initialCreation, members);
                    }

                    AddLaterMembers(variable, members);
                    break;
            }

            return members;
        }

        /// <summary>Finds a member by wire name ("max_tokens_to_sample" also matches MaxTokensToSample).</summary>
        public static ExpressionSyntax? FindValue(List<BodyMember> members, string wireName)
        {
            string normalized = LegacyWire.Normalize(wireName);
            foreach (BodyMember member in members)
            {
                if (member.NormalizedName == normalized)
                {
                    return member.Value;
                }
            }

            return null;
        }

        public static bool Has(List<BodyMember> members, string wireName)
        {
            string normalized = LegacyWire.Normalize(wireName);
            foreach (BodyMember member in members)
            {
                if (member.NormalizedName == normalized)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TryGetAssignedMember(AssignmentExpressionSyntax assignment, out BodyMember member, out SyntaxNode? container)
        {
            member = default;
            container = null;
            ExpressionSyntax left = assignment.Left;
            if (assignment.Parent is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.ObjectInitializerExpression))
            {
                container = initializer.Parent;
                switch (left)
                {
                    case IdentifierNameSyntax identifier:
                        member = new BodyMember(identifier.Identifier.ValueText, identifier, assignment.Right);
                        return container != null;
                    case ImplicitElementAccessSyntax implicitAccess when implicitAccess.ArgumentList.Arguments.Count == 1
                                                                     && StringSyntax.TryGetLiteral(implicitAccess.ArgumentList.Arguments[0].Expression, out string key):
                        member = new BodyMember(key, implicitAccess.ArgumentList.Arguments[0].Expression, assignment.Right);
                        return container != null;
                    default:
                        return false;
                }
            }

            if (assignment.Parent is ExpressionStatementSyntax
                && left is ElementAccessExpressionSyntax elementAccess
                && elementAccess.ArgumentList.Arguments.Count == 1
                && StringSyntax.TryGetLiteral(elementAccess.ArgumentList.Arguments[0].Expression, out string elementKey))
            {
                member = new BodyMember(elementKey, elementAccess.ArgumentList.Arguments[0].Expression, assignment.Right);
                container = ResolveLocal(elementAccess.Expression) ?? (SyntaxNode)elementAccess.Expression;
                return true;
            }

            return false;
        }

        private static bool TryGetKeyedArgumentMember(ArgumentSyntax argument, out BodyMember member, out SyntaxNode? container)
        {
            member = default;
            container = null;
            if (!(argument.Parent is ArgumentListSyntax list) || list.Arguments.Count != 2 || list.Arguments[1] != argument
                || !StringSyntax.TryGetLiteral(list.Arguments[0].Expression, out string key))
            {
                return false;
            }

            switch (list.Parent)
            {
                // new JProperty("key", value) inside new JObject(...): the JObject is the container.
                case ObjectCreationExpressionSyntax creation when LastName(creation.Type) == "JProperty":
                    member = new BodyMember(key, list.Arguments[0].Expression, argument.Expression);
                    container = creation.Parent is ArgumentSyntax outer && outer.Parent?.Parent is BaseObjectCreationExpressionSyntax owner ? owner : (SyntaxNode)creation;
                    return true;

                // x.Add("key", value) as a statement.
                case InvocationExpressionSyntax invocation when invocation.Expression is MemberAccessExpressionSyntax access
                                                              && (access.Name.Identifier.ValueText == "Add" || access.Name.Identifier.ValueText == "TryAdd")
                                                              && invocation.Parent is ExpressionStatementSyntax:
                    member = new BodyMember(key, list.Arguments[0].Expression, argument.Expression);
                    container = ResolveLocal(access.Expression) ?? (SyntaxNode)access.Expression;
                    return true;

                default:
                    return false;
            }
        }

        private static void AddCreationMembers(BaseObjectCreationExpressionSyntax creation, List<BodyMember> members)
        {
            if (creation.ArgumentList != null)
            {
                foreach (ArgumentSyntax argument in creation.ArgumentList.Arguments)
                {
                    if (argument.Expression is ObjectCreationExpressionSyntax property && LastName(property.Type) == "JProperty"
                        && property.ArgumentList is { Arguments: { Count: 2 } arguments }
                        && StringSyntax.TryGetLiteral(arguments[0].Expression, out string propertyName))
                    {
                        members.Add(new BodyMember(propertyName, arguments[0].Expression, arguments[1].Expression));
                    }
                }
            }

            if (creation.Initializer is null)
            {
                return;
            }

            foreach (ExpressionSyntax expression in creation.Initializer.Expressions)
            {
                switch (expression)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left is IdentifierNameSyntax identifier:
                        members.Add(new BodyMember(identifier.Identifier.ValueText, identifier, assignment.Right));
                        break;
                    case AssignmentExpressionSyntax assignment when assignment.Left is ImplicitElementAccessSyntax access
                                                                  && access.ArgumentList.Arguments.Count == 1
                                                                  && StringSyntax.TryGetLiteral(access.ArgumentList.Arguments[0].Expression, out string key):
                        members.Add(new BodyMember(key, access.ArgumentList.Arguments[0].Expression, assignment.Right));
                        break;
                    case InitializerExpressionSyntax complex when complex.Expressions.Count == 2
                                                                && StringSyntax.TryGetLiteral(complex.Expressions[0], out string elementKey):
                        members.Add(new BodyMember(elementKey, complex.Expressions[0], complex.Expressions[1]));
                        break;
                }
            }
        }

        /// <summary>Members added after the declaration, in the same block: <c>x["k"] = v;</c> and <c>x.Add("k", v);</c>.</summary>
        private static void AddLaterMembers(VariableDeclaratorSyntax variable, List<BodyMember> members)
        {
            if (!(variable.Parent?.Parent?.Parent is BlockSyntax block))
            {
                return;
            }

            string name = variable.Identifier.ValueText;
            foreach (StatementSyntax statement in block.Statements)
            {
                if (!(statement is ExpressionStatementSyntax expressionStatement) || statement.SpanStart < variable.SpanStart)
                {
                    continue;
                }

                switch (expressionStatement.Expression)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left is ElementAccessExpressionSyntax access
                                                                  && access.Expression is IdentifierNameSyntax target && target.Identifier.ValueText == name
                                                                  && access.ArgumentList.Arguments.Count == 1
                                                                  && StringSyntax.TryGetLiteral(access.ArgumentList.Arguments[0].Expression, out string key):
                        members.Add(new BodyMember(key, access.ArgumentList.Arguments[0].Expression, assignment.Right));
                        break;
                    case InvocationExpressionSyntax invocation when invocation.Expression is MemberAccessExpressionSyntax memberAccess
                                                                  && memberAccess.Expression is IdentifierNameSyntax addTarget && addTarget.Identifier.ValueText == name
                                                                  && memberAccess.Name.Identifier.ValueText == "Add"
                                                                  && invocation.ArgumentList.Arguments.Count == 2
                                                                  && StringSyntax.TryGetLiteral(invocation.ArgumentList.Arguments[0].Expression, out string addKey):
                        members.Add(new BodyMember(addKey, invocation.ArgumentList.Arguments[0].Expression, invocation.ArgumentList.Arguments[1].Expression));
                        break;
                }
            }
        }

        /// <summary>The declarator of a local named by <paramref name="expression"/>, searched in the enclosing blocks.</summary>
        public static VariableDeclaratorSyntax? ResolveLocal(ExpressionSyntax expression)
        {
            if (!(expression is IdentifierNameSyntax identifier))
            {
                return null;
            }

            string name = identifier.Identifier.ValueText;
            for (SyntaxNode? node = identifier.Parent; node != null && !(node is MemberDeclarationSyntax); node = node.Parent)
            {
                if (!(node is BlockSyntax block))
                {
                    continue;
                }

                foreach (StatementSyntax statement in block.Statements)
                {
                    if (statement.SpanStart > identifier.SpanStart)
                    {
                        break;
                    }

                    if (statement is LocalDeclarationStatementSyntax local)
                    {
                        foreach (VariableDeclaratorSyntax declarator in local.Declaration.Variables)
                        {
                            if (declarator.Identifier.ValueText == name)
                            {
                                return declarator;
                            }
                        }
                    }
                }
            }

            return null;
        }

        private static string? InferredName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };

        public static string? LastName(TypeSyntax? type) => type switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            QualifiedNameSyntax qualified => LastName(qualified.Right),
            AliasQualifiedNameSyntax alias => LastName(alias.Name),
            _ => null,
        };
    }
}
