using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Infrastructure
{
    /// <summary>
    /// Base of every CTM code fix. One code action per diagnostic (dotnet format keeps only the first registered
    /// action), offered only when <see cref="CanFix"/> says the result compiles and keeps the request's meaning.
    /// Fix All (document, project, solution) applies all of a document's fixes through ONE <see cref="DocumentEditor"/>,
    /// so fixes touching the same request never drop each other's edits (the batch fixer's text merge would).
    /// Fixing one by one and fixing all produce the same code.
    /// </summary>
    public abstract class CtmCodeFixProvider : CodeFixProvider
    {
        /// <summary>The title of the code action; also its equivalence key, so Fix All groups by rule.</summary>
        protected abstract string Title { get; }

        /// <summary>
        /// The title of the fix offered for one diagnostic, or null when none is offered: by default <see cref="Title"/>
        /// when <see cref="CanFix"/> holds. A provider with more than one kind of rewrite answers both questions in one
        /// analysis here. The equivalence key stays the provider's.
        /// </summary>
        protected virtual string? TitleIfFixable(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            CanFix(root, model, diagnostic, cancellationToken) ? Title : null;

        public sealed override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create(
                async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false),
                ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution));

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (TitleIfFixable(root, model, diagnostic, context.CancellationToken) is string title)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: GetType().Name),
                        diagnostic);
                }
            }
        }

        /// <summary>True when this diagnostic can be fixed safely.</summary>
        protected abstract bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

        /// <summary>Records the edits for the fixable diagnostics of one document (all of them at once, in source order).</summary>
        protected abstract void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);

        private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            SemanticModel model = editor.SemanticModel;
            SyntaxNode root = editor.OriginalRoot;
            ImmutableArray<Diagnostic> fixable = diagnostics
                .Where(d => d.Location.IsInSource && d.Location.SourceTree == root.SyntaxTree && CanFix(root, model, d, cancellationToken))
                .OrderBy(d => d.Location.SourceSpan.Start)
                .ToImmutableArray();
            if (fixable.IsEmpty)
            {
                return document;
            }

            Fix(editor, model, fixable, cancellationToken);
            return editor.GetChangedDocument();
        }
    }
}
