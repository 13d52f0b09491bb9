using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM009: removes "\n\nHuman:" from a stop_sequences collection; when nothing else is left, removes the
    /// stop_sequences member itself. JSON text is left to the body rewrite.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(HumanStopSequenceCodeFix)), Shared]
    public sealed class HumanStopSequenceCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HumanStopSequence);

        protected override string Title => "Remove \"\\n\\nHuman:\" from stop_sequences";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!(Locate(root, diagnostic) is (ExpressionSyntax element, Collection collection)))
            {
                return false;
            }

            return collection.Elements.Count > 1 || collection.RemovableMember() != null;
        }

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var byCollection = new Dictionary<SyntaxNode, (Collection Collection, List<SyntaxNode> Elements)>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (Locate(editor.OriginalRoot, diagnostic) is (ExpressionSyntax element, Collection collection))
                {
                    if (!byCollection.TryGetValue(collection.Value, out var entry))
                    {
                        entry = (collection, new List<SyntaxNode>());
                        byCollection.Add(collection.Value, entry);
                    }

                    entry.Elements.Add(collection.ElementNode(element));
                }
            }

            foreach ((Collection collection, List<SyntaxNode> elements) in byCollection.Values)
            {
                SyntaxNode? member = elements.Count == collection.Elements.Count ? collection.RemovableMember() : null;
                if (member != null)
                {
                    editor.RemoveNode(member, SyntaxRemoveOptions.KeepNoTrivia);
                    continue;
                }

                // Keep at least one element when the member cannot go (an implicit array cannot be empty).
                IEnumerable<SyntaxNode> removable = elements.Count == collection.Elements.Count ? elements.Skip(1) : elements;
                foreach (SyntaxNode node in removable)
                {
                    editor.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia);
                }
            }
        }

        private static (ExpressionSyntax, Collection)? Locate(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax element))
            {
                return null;
            }

            if (element is LiteralExpressionSyntax literal && literal.Token.ValueText.TrimEnd() != "\n\nHuman:")
            {
                return null; // JSON text.
            }

            Collection? collection = Collection.Of(element);
            return collection is null ? null : (element, collection);
        }

        /// <summary>A stop_sequences collection as written: array/collection initializer, JArray arguments, or [ … ].</summary>
        private sealed class Collection
        {
            private Collection(ExpressionSyntax value, IReadOnlyList<SyntaxNode> elements, bool elementsAreArguments)
            {
                Value = value;
                Elements = elements;
                ElementsAreArguments = elementsAreArguments;
            }

            /// <summary>The expression that is the member's value (array creation, list creation, collection expression).</summary>
            public ExpressionSyntax Value { get; }

            public IReadOnlyList<SyntaxNode> Elements { get; }

            private bool ElementsAreArguments { get; }

            public static Collection? Of(ExpressionSyntax element)
            {
                switch (element.Parent)
                {
                    case InitializerExpressionSyntax initializer when initializer.Parent is ExpressionSyntax owner:
                        return new Collection(owner, initializer.Expressions.ToList(), false);
                    case ArgumentSyntax argument when argument.Parent is ArgumentListSyntax list && list.Parent is ObjectCreationExpressionSyntax array:
                        return new Collection(array, list.Arguments.ToList(), true);
                    case ExpressionElementSyntax expressionElement when expressionElement.Parent is CollectionExpressionSyntax collection:
                        return new Collection(collection, collection.Elements.ToList(), true);
                    default:
                        return null;
                }
            }

            public SyntaxNode ElementNode(ExpressionSyntax element) => ElementsAreArguments ? element.Parent! : element;

            public SyntaxNode? RemovableMember()
            {
                SyntaxNode? member = MemberRemoval.FromValue(Value);
                return member is null || MemberRemoval.IsReadLater(member, "stop_sequences") ? null : member;
            }
        }
    }
}
