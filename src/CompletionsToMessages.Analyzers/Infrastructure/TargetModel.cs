using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// The model a request body will be answered by, for the hazard rules: the body's constant "model" (a
    /// retired id stands for its configured successor, since that is what the migrated request will send), or
    /// <c>completions_to_messages.target_model</c> when the model is not a constant.
    /// </summary>
    internal readonly struct TargetModel
    {
        private TargetModel(string id, string description, bool fromOptions)
        {
            Id = id;
            Description = description;
            FromOptions = fromOptions;
        }

        public string Id { get; }

        /// <summary>True when the code's model is not a constant and the id comes from <c>completions_to_messages.target_model</c>.</summary>
        public bool FromOptions { get; }

        /// <summary>For messages: "claude-opus-4-8" or "claude-opus-4-8 (successor of claude-2)".</summary>
        public string Description { get; }

        public ModelRestrictions Restrictions => ModelCatalog.RestrictionsOf(Id);

        /// <summary>
        /// A Messages-shaped body (<c>model</c>, <c>max_tokens</c>, <c>messages</c>) is also what other vendors' chat APIs
        /// take; when its model is not a constant, the configured target model is applied only in a file that mentions
        /// Anthropic or Claude (<paramref name="isLegacy"/> bodies, with <c>max_tokens_to_sample</c>, are Anthropic's own).
        /// </summary>
        public static TargetModel? Resolve(List<BodyMember> members, bool isLegacy, CompilationState state, SyntaxTree tree, SemanticModel model, CancellationToken cancellationToken)
        {
            TargetModel? target = Resolve(members, state.OptionsFor(tree), model, cancellationToken);
            return target is TargetModel { FromOptions: true } && !isLegacy && !state.TreeMentionsAnthropic(tree) ? null : target;
        }

        public static TargetModel? Resolve(List<BodyMember> members, CtmOptions options, SemanticModel model, CancellationToken cancellationToken)
        {
            ExpressionSyntax? value = RequestSyntax.FindValue(members, LegacyWire.Model);
            return ForWritten(StringSyntax.GetConstant(value, model, cancellationToken), options);
        }

        /// <summary>The target for a body whose model is <paramref name="written"/> (null: not a constant).</summary>
        public static TargetModel? ForWritten(string? written, CtmOptions options)
        {
            if (written is null)
            {
                return options.TargetModel is null ? (TargetModel?)null : new TargetModel(options.TargetModel, options.TargetModel + " (completions_to_messages.target_model)", fromOptions: true);
            }

            string effective = options.Models.EffectiveModel(written);
            string description = effective == ModelCatalog.ToClaudeApiId(written) ? effective : effective + " (the successor of " + written + ")";
            return new TargetModel(effective, description, fromOptions: false);
        }
    }

    /// <summary>Shared trigger of the body-level rules: a creation whose members make it a legacy or Messages request.</summary>
    internal static class BodyTrigger
    {
        /// <summary>
        /// The object creations of a file that may be request bodies, from a search of its text instead of a callback on
        /// every creation. A body (<see cref="GetRequestMembers"/>) has a member named <c>max_tokens</c> or
        /// <c>max_tokens_to_sample</c>, spelt in this file as an identifier or a string literal; without escapes that
        /// name is in the text as m, a, x, t, o, k, e, n, s in order (any case, <c>_</c> <c>-</c> <c>@</c> between;
        /// see <see cref="LegacyWire.Normalize"/>), and the body's creation lies in the same member declaration as the
        /// name (its initializer, its JProperty arguments, or a later <c>x["k"] = v</c> of the same block). So the
        /// creations returned are those of the member declarations around such names — or of the whole file when an
        /// escape (<c>\u</c>, <c>\U</c>, <c>\x</c>) may spell a name. Each creation once; null for most files.
        /// </summary>
        public static IReadOnlyList<SyntaxNode>? Creations(SyntaxTree tree, CancellationToken cancellationToken)
        {
            // CTM011 and CTM012 both ask for every file: the search runs once per tree and its answer is shared (read only).
            if (!CreationsByTree.TryGetValue(tree, out List<SyntaxNode>? creations))
            {
                List<SyntaxNode> made = FindCreations(tree, cancellationToken);
                creations = CreationsByTree.GetValue(tree, _ => made);
            }

            return creations.Count == 0 ? null : creations;
        }

        private static readonly ConditionalWeakTable<SyntaxTree, List<SyntaxNode>> CreationsByTree = new ConditionalWeakTable<SyntaxTree, List<SyntaxNode>>();

        /// <summary>The shared answer for the files without a body name (never changed).</summary>
        private static readonly List<SyntaxNode> NoCreations = new List<SyntaxNode>();

        private static List<SyntaxNode> FindCreations(SyntaxTree tree, CancellationToken cancellationToken)
        {
            string text = LiteralSearch.TextOf(tree, cancellationToken);
            SyntaxNode? root = null;
            List<SyntaxNode>? scopes = null;
            if (IdentifierSearch.MayHideWords(text))
            {
                scopes = new List<SyntaxNode> { tree.GetRoot(cancellationToken) };
            }
            else
            {
                for (int at = NextMaxTokens(text, 0); at >= 0; at = NextMaxTokens(text, at + 1))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    SyntaxToken token = (root ??= tree.GetRoot(cancellationToken)).FindToken(at);
                    if (!token.Span.Contains(at))
                    {
                        continue; // a comment
                    }

                    SyntaxNode scope = (SyntaxNode?)token.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? root;
                    if (!(scopes ??= new List<SyntaxNode>()).Contains(scope))
                    {
                        scopes.Add(scope);
                    }
                }

                if (scopes is null)
                {
                    return NoCreations; // most files
                }
            }

            // A scope may hold another (a type and one of its methods): collect each creation once.
            var creations = new List<SyntaxNode>();
            var seen = new HashSet<SyntaxNode>();
            foreach (SyntaxNode scope in scopes)
            {
                foreach (SyntaxNode node in scope.DescendantNodesAndSelf())
                {
                    if ((node.IsKind(SyntaxKind.AnonymousObjectCreationExpression) || node.IsKind(SyntaxKind.ObjectCreationExpression) || node.IsKind(SyntaxKind.ImplicitObjectCreationExpression))
                        && seen.Add(node))
                    {
                        creations.Add(node);
                    }
                }
            }

            return creations;
        }

        /// <summary>
        /// The position of the next 'x' at or after <paramref name="start"/> that is the x of "maxtokens" as
        /// <see cref="LegacyWire.Normalize"/> reads names (case-insensitive, <c>_</c> <c>-</c> <c>@</c> ignored); -1 if none.
        /// </summary>
        internal static int NextMaxTokens(string text, int start)
        {
            for (int at = start < text.Length ? text.IndexOfAny(Xs, start) : -1; at >= 0; at = at + 1 < text.Length ? text.IndexOfAny(Xs, at + 1) : -1)
            {
                if (Spelled(text, at - 1, "am", -1) && Spelled(text, at + 1, "tokens", +1))
                {
                    return at;
                }
            }

            return -1;
        }

        private static readonly char[] Xs = { 'x', 'X' };

        /// <summary>Do the characters from <paramref name="from"/> in <paramref name="step"/> direction spell <paramref name="letters"/>, skipping _ - @?</summary>
        private static bool Spelled(string text, int from, string letters, int step)
        {
            int i = from;
            foreach (char letter in letters)
            {
                while (i >= 0 && i < text.Length && (text[i] == '_' || text[i] == '-' || text[i] == '@'))
                {
                    i += step;
                }

                if (i < 0 || i >= text.Length || char.ToLowerInvariant(text[i]) != letter)
                {
                    return false;
                }

                i += step;
            }

            return true;
        }

        /// <summary>
        /// Cheap pre-check, before <see cref="GetRequestMembers"/>, without allocating: does the body created here name
        /// one of <paramref name="normalizedNames"/> (see <see cref="LegacyWire.Normalize"/>) — in its initializer, its
        /// <c>JProperty</c> arguments, or, for a local, in a later <c>x["k"] = v;</c> / <c>x.Add("k", v);</c> of the
        /// same block? Reads the same places as <see cref="RequestSyntax.GetMembers"/>, so it never rejects a body
        /// that has such a member.
        /// </summary>
        public static bool MayHaveMember(SyntaxNode creation, string[] normalizedNames)
        {
            switch (creation)
            {
                case AnonymousObjectCreationExpressionSyntax anonymous:
                    foreach (AnonymousObjectMemberDeclaratorSyntax declarator in anonymous.Initializers)
                    {
                        SyntaxToken name = declarator.NameEquals?.Name.Identifier ?? declarator.Expression switch
                        {
                            IdentifierNameSyntax identifier => identifier.Identifier,
                            MemberAccessExpressionSyntax access => access.Name.Identifier,
                            _ => default,
                        };
                        if (Matches(name, normalizedNames))
                        {
                            return true;
                        }
                    }

                    return false;

                case BaseObjectCreationExpressionSyntax objectCreation:
                    if (objectCreation.Initializer is null && (objectCreation.ArgumentList is null || objectCreation.ArgumentList.Arguments.Count == 0))
                    {
                        // GetRequestMembers rejects a creation with neither arguments nor initializer (new StringBuilder(),
                        // new List<T>()): no need to scan the rest of its block for later members.
                        return false;
                    }

                    if (objectCreation.ArgumentList != null)
                    {
                        foreach (ArgumentSyntax argument in objectCreation.ArgumentList.Arguments)
                        {
                            if (argument.Expression is ObjectCreationExpressionSyntax { ArgumentList: { Arguments: { Count: 2 } arguments } }
                                && Matches(LiteralToken(arguments[0].Expression), normalizedNames))
                            {
                                return true;
                            }
                        }
                    }

                    if (objectCreation.Initializer != null)
                    {
                        foreach (ExpressionSyntax expression in objectCreation.Initializer.Expressions)
                        {
                            SyntaxToken key = expression switch
                            {
                                AssignmentExpressionSyntax { Left: IdentifierNameSyntax identifier } => identifier.Identifier,
                                AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList: { Arguments: { Count: 1 } keys } } } => LiteralToken(keys[0].Expression),
                                InitializerExpressionSyntax { Expressions: { Count: 2 } pair } => LiteralToken(pair[0]),
                                _ => default,
                            };
                            if (Matches(key, normalizedNames))
                            {
                                return true;
                            }
                        }
                    }

                    return RequestSyntax.Canonical(objectCreation) is VariableDeclaratorSyntax variable && LaterMemberMatches(variable, normalizedNames);

                default:
                    return false;
            }
        }

        private static bool LaterMemberMatches(VariableDeclaratorSyntax variable, string[] normalizedNames)
        {
            if (!(variable.Parent?.Parent?.Parent is BlockSyntax block))
            {
                return false;
            }

            string name = variable.Identifier.ValueText;
            foreach (StatementSyntax statement in block.Statements)
            {
                if (statement.SpanStart < variable.SpanStart || !(statement is ExpressionStatementSyntax expressionStatement))
                {
                    continue;
                }

                SyntaxToken key = expressionStatement.Expression switch
                {
                    AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax target, ArgumentList: { Arguments: { Count: 1 } keys } } }
                        when target.Identifier.ValueText == name => LiteralToken(keys[0].Expression),
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target }, ArgumentList: { Arguments: { Count: 2 } arguments } }
                        when target.Identifier.ValueText == name => LiteralToken(arguments[0].Expression),
                    _ => default,
                };
                if (Matches(key, normalizedNames))
                {
                    return true;
                }
            }

            return false;
        }

        private static SyntaxToken LiteralToken(ExpressionSyntax expression) =>
            expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token : default;

        /// <summary>Compares a name with normalized names as <see cref="LegacyWire.Normalize"/> would, without allocating.</summary>
        private static bool Matches(SyntaxToken token, string[] normalizedNames)
        {
            if (token.RawKind == 0)
            {
                return false;
            }

            string name = token.ValueText;
            foreach (string normalized in normalizedNames)
            {
                int j = 0;
                bool equal = true;
                foreach (char c in name)
                {
                    if (c == '_' || c == '-' || c == '@')
                    {
                        continue;
                    }

                    if (j >= normalized.Length || char.ToLowerInvariant(c) != normalized[j])
                    {
                        equal = false;
                        break;
                    }

                    j++;
                }

                if (equal && j == normalized.Length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Returns the members of the body created here, or null when this is not a request body.</summary>
        public static List<BodyMember>? GetRequestMembers(SyntaxNode creation, out bool isLegacy)
        {
            isLegacy = false;
            if (creation is BaseObjectCreationExpressionSyntax objectCreation && objectCreation.Initializer is null && objectCreation.ArgumentList?.Arguments.Count is null or 0)
            {
                return null;
            }

            SyntaxNode container = RequestSyntax.Canonical(creation) ?? creation;
            List<BodyMember> members = RequestSyntax.GetMembers(container);
            if (members.Count < 2)
            {
                return null;
            }

            isLegacy = RequestSyntax.Has(members, LegacyWire.MaxTokensToSample);
            bool isMessages = RequestSyntax.Has(members, LegacyWire.MaxTokens) && RequestSyntax.Has(members, LegacyWire.Messages);
            return isLegacy || isMessages ? members : null;
        }
    }
}
