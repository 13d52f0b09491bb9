using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// A body's prompt named by a local of the same method (<c>var prompt = $"…"; … new { prompt, … }</c>). The
    /// initializer is read instead of the name when moving it to the body cannot change its value: the local is never
    /// written again, and the holes of its initializer are plain names (no calls) that are never written in the method.
    /// </summary>
    internal sealed class PromptLocal
    {
        private PromptLocal(ILocalSymbol symbol, IdentifierNameSyntax reference, VariableDeclaratorSyntax declarator, ExpressionSyntax initializer, SyntaxNode scope)
        {
            Symbol = symbol;
            Reference = reference;
            Declarator = declarator;
            Initializer = initializer;
            Scope = scope;
        }

        public ILocalSymbol Symbol { get; }

        /// <summary>The name of the local in the body.</summary>
        public IdentifierNameSyntax Reference { get; }

        public VariableDeclaratorSyntax Declarator { get; }

        public ExpressionSyntax Initializer { get; }

        /// <summary>The member (method, accessor, …) that declares the local.</summary>
        public SyntaxNode Scope { get; }

        public static PromptLocal? Follow(ILocalSymbol symbol, IdentifierNameSyntax reference, SemanticModel model, CancellationToken cancellationToken)
        {
            if (symbol.DeclaringSyntaxReferences.Length != 1
                || !(symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator)
                || declarator.SyntaxTree != reference.SyntaxTree
                || !(declarator.Initializer?.Value is ExpressionSyntax initializer)
                || !(declarator.Parent?.Parent is LocalDeclarationStatementSyntax)
                || declarator.SpanStart > reference.SpanStart
                || !(declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is MemberDeclarationSyntax scope)
                || !scope.Span.Contains(reference.Span))
            {
                return null;
            }

            var names = new HashSet<string> { symbol.Name };
            if (!symbol.IsConst)
            {
                foreach (PromptPiece piece in PromptSyntax.GetPieces(initializer, model, cancellationToken))
                {
                    if (piece.IsText)
                    {
                        continue;
                    }

                    ExpressionSyntax hole = piece.Hole is InterpolationSyntax interpolation ? interpolation.Expression : (ExpressionSyntax)piece.Hole!;
                    if (!IsPlain(hole) || Root(hole) is not string root)
                    {
                        return null;
                    }

                    names.Add(root);
                }
            }

            return IsWritten(scope, names) ? null : new PromptLocal(symbol, reference, declarator, initializer, scope);
        }

        /// <summary>Every use of the local in its method.</summary>
        public IEnumerable<IdentifierNameSyntax> References(SemanticModel model, CancellationToken cancellationToken) =>
            Scope.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == Symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, Symbol));

        /// <summary>Removes the declaration (the local is no longer used); a comment above it stays with the next statement.</summary>
        public void RemoveDeclaration(DocumentEditor editor)
        {
            var statement = (LocalDeclarationStatementSyntax)Declarator.Parent!.Parent!;
            if (statement.Declaration.Variables.Count > 1)
            {
                editor.RemoveNode(Declarator, SyntaxRemoveOptions.KeepNoTrivia);
                return;
            }

            SyntaxTriviaList leading = statement.GetLeadingTrivia();
            int lastLine = -1;
            bool comment = false;
            for (int i = 0; i < leading.Count; i++)
            {
                comment |= leading[i].IsKind(SyntaxKind.SingleLineCommentTrivia) || leading[i].IsKind(SyntaxKind.MultiLineCommentTrivia);
                if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    lastLine = i;
                }
            }

            if (comment && lastLine >= 0 && statement.Parent is BlockSyntax block && block.Statements.IndexOf(statement) is int index
                && index + 1 < block.Statements.Count)
            {
                SyntaxTriviaList kept = SyntaxFactory.TriviaList(leading.Take(lastLine + 1));
                editor.ReplaceNode(block.Statements[index + 1], (current, _) => current.WithLeadingTrivia(kept.AddRange(current.GetLeadingTrivia())));
            }
            else if (!comment && lastLine < 0 && statement.Parent is BlockSyntax parentBlock && parentBlock.Statements.IndexOf(statement) is int position
                     && position + 1 < parentBlock.Statements.Count
                     && parentBlock.Statements[position + 1].GetLeadingTrivia().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia)).Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                // No blank line before the declaration (the first statement of its block, say) but one after it: the blank
                // line goes with the declaration, so the next statement does not start its block with an empty line.
                editor.ReplaceNode(parentBlock.Statements[position + 1], (current, _) =>
                {
                    SyntaxTriviaList trivia = current.GetLeadingTrivia();
                    int lastBreak = -1;
                    for (int i = 0; i < trivia.Count && (trivia[i].IsKind(SyntaxKind.WhitespaceTrivia) || trivia[i].IsKind(SyntaxKind.EndOfLineTrivia)); i++)
                    {
                        if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
                        {
                            lastBreak = i;
                        }
                    }

                    return current.WithLeadingTrivia(trivia.Skip(lastBreak + 1));
                });
            }

            editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
        }

        /// <summary>A value that reads the same later as now unless a name in it is written: names, member reads, literals.</summary>
        private static bool IsPlain(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax _ => true,
            LiteralExpressionSyntax _ => true,
            ThisExpressionSyntax _ => true,
            ParenthesizedExpressionSyntax parenthesized => IsPlain(parenthesized.Expression),
            MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && (IsPlain(access.Expression) || access.Expression is PredefinedTypeSyntax),
            ElementAccessExpressionSyntax element => IsPlain(element.Expression) && element.ArgumentList.Arguments.All(a => a.Expression is LiteralExpressionSyntax || a.Expression is IdentifierNameSyntax),
            _ => false,
        };

        /// <summary>The variable a value or an assignment target starts from: <c>a</c> in <c>a.b[0].c</c>, <c>x</c> in <c>this.x</c>.</summary>
        private static string? Root(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
            MemberAccessExpressionSyntax access => Root(access.Expression) ?? access.Name.Identifier.ValueText,
            ElementAccessExpressionSyntax element => Root(element.Expression),
            ParenthesizedExpressionSyntax parenthesized => Root(parenthesized.Expression),
            LiteralExpressionSyntax _ => string.Empty,
            _ => null,
        };

        /// <summary>True when assigning to <paramref name="target"/> may write one of <paramref name="names"/> (unknown targets count).</summary>
        private static bool Writes(ExpressionSyntax target, HashSet<string> names) => target switch
        {
            DeclarationExpressionSyntax _ => false, // out var x: a new variable
            TupleExpressionSyntax tuple => tuple.Arguments.Any(a => Writes(a.Expression, names)),
            _ => !(Root(target) is string root) || names.Contains(root),
        };

        private static bool IsWritten(SyntaxNode scope, HashSet<string> names)
        {
            var declared = new HashSet<string>();
            foreach (SyntaxNode node in scope.DescendantNodes())
            {
                ExpressionSyntax? target = node switch
                {
                    // A member set in an object/dictionary initializer (["model"] = …, Name = …) belongs to the new object, not a variable.
                    AssignmentExpressionSyntax assignment when !(assignment.Parent is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.ObjectInitializerExpression)) => assignment.Left,
                    PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
                    PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression) => postfix.Operand,
                    ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) => argument.Expression,
                    _ => null,
                };
                if (target != null && Writes(target, names))
                {
                    return true;
                }

                // A name declared twice (in sibling scopes) might not mean the same variable at the body: not followed.
                string? name = node switch
                {
                    VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
                    SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
                    ForEachStatementSyntax forEach => forEach.Identifier.ValueText,
                    ParameterSyntax parameter => parameter.Identifier.ValueText,
                    _ => null,
                };
                if (name != null && names.Contains(name) && !declared.Add(name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
