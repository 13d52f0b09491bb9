using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.CodeFixes.Infrastructure;
using CompletionsToMessages.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// Applies CTM fixes the way <c>dotnet format analyzers --diagnostics …</c> does (see
    /// shared/reference/dotnet-format.md): one pass per id in the given order; for each id the analyzers run on the
    /// code as the earlier ids left it, the first registered code action of the first diagnostic gives the equivalence
    /// key (null when that diagnostic has no fix — the tool goes on anyway), and Fix All runs at Solution scope.
    /// Nothing is recompiled in between, exactly like the tool.
    /// </summary>
    internal static class FixAllRunner
    {
        public static readonly ImmutableArray<CodeFixProvider> Providers = typeof(CtmCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>Every id some provider fixes, sorted.</summary>
        public static IReadOnlyList<string> FixableIds => Providers.SelectMany(p => p.FixableDiagnosticIds).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();

        /// <summary>Applies the fixes of <paramref name="ids"/> in order to the documents and returns their texts.</summary>
        public static async Task<IReadOnlyList<string>> ApplyAsync(IReadOnlyList<string> sources, IEnumerable<string> ids, CancellationToken cancellationToken = default, bool referenceShim = false)
        {
            using var workspace = new AdhocWorkspace();
            Solution solution = CreateSolution(workspace, sources, out ProjectId projectId, out IReadOnlyList<DocumentId> documentIds, referenceShim);

            foreach (string id in ids)
            {
                Project project = solution.GetProject(projectId)!;
                Compilation compilation = (await project.GetCompilationAsync(cancellationToken))!;
                AnalyzerRun.Outcome outcome = await AnalyzerRun.AnalyzeAsync(compilation, cancellationToken);
                if (outcome.Failures.Count > 0)
                {
                    throw new InvalidOperationException("Analyzer failure: " + outcome.Failures[0]);
                }

                ImmutableArray<Diagnostic> diagnostics = outcome.CtmDiagnostics.Where(d => d.Id == id).ToImmutableArray();
                if (diagnostics.IsEmpty)
                {
                    continue;
                }

                CodeFixProvider provider = Providers.Single(p => p.FixableDiagnosticIds.Contains(id));
                Diagnostic first = diagnostics.First();
                Document firstDocument = solution.GetDocument(first.Location.SourceTree)!;

                // The first registered action of the first diagnostic gives the equivalence key, as in dotnet format;
                // when that diagnostic has no fix, dotnet format still runs the Fix All with a null key.
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(firstDocument, first, (action, _) => actions.Add(action), cancellationToken);
                await provider.RegisterCodeFixesAsync(context);

                var fixAllContext = new FixAllContext(
                    firstDocument,
                    provider,
                    FixAllScope.Solution,
                    actions.Count > 0 ? actions[0].EquivalenceKey : null!,
                    new[] { id },
                    new FixedDiagnostics(diagnostics),
                    cancellationToken);
                CodeAction? fixAll = await provider.GetFixAllProvider()!.GetFixAsync(fixAllContext);
                if (fixAll is null)
                {
                    continue;
                }

                ImmutableArray<CodeActionOperation> operations = await fixAll.GetOperationsAsync(cancellationToken);
                solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            }

            var texts = new List<string>();
            foreach (DocumentId documentId in documentIds)
            {
                SourceText text = await solution.GetDocument(documentId)!.GetTextAsync(cancellationToken);
                texts.Add(text.ToString());
            }

            return texts;
        }

        /// <summary>
        /// The CTM diagnostics of the documents for which the rule's provider registers a code action — those a
        /// Fix All must remove. Diagnostics without a fix (a run-time prompt, a DTO, …) are expected to stay.
        /// </summary>
        public static async Task<IReadOnlyList<Diagnostic>> FixableDiagnosticsAsync(IReadOnlyList<string> sources, bool referenceShim = false)
        {
            using var workspace = new AdhocWorkspace();
            Solution solution = CreateSolution(workspace, sources, out ProjectId projectId, out _, referenceShim);
            Compilation compilation = (await solution.GetProject(projectId)!.GetCompilationAsync())!;
            var fixable = new List<Diagnostic>();
            foreach (Diagnostic diagnostic in (await AnalyzerRun.AnalyzeAsync(compilation, CancellationToken.None)).CtmDiagnostics)
            {
                CodeFixProvider? provider = Providers.FirstOrDefault(p => p.FixableDiagnosticIds.Contains(diagnostic.Id));
                if (provider is null)
                {
                    continue;
                }

                int actions = 0;
                Document document = solution.GetDocument(diagnostic.Location.SourceTree)!;
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (_, _) => actions++, CancellationToken.None));
                if (actions > 0)
                {
                    fixable.Add(diagnostic);
                }
            }

            return fixable;
        }

        /// <summary>The compiler errors of the documents compiled together.</summary>
        public static async Task<IReadOnlyList<Diagnostic>> CompilerErrorsAsync(IReadOnlyList<string> sources, bool referenceShim = false)
        {
            using var workspace = new AdhocWorkspace();
            Solution solution = CreateSolution(workspace, sources, out ProjectId projectId, out _, referenceShim);
            Compilation compilation = (await solution.GetProject(projectId)!.GetCompilationAsync())!;
            return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        }

        /// <summary>The CTM diagnostics of the documents compiled together.</summary>
        public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(IReadOnlyList<string> sources, bool referenceShim = false)
        {
            using var workspace = new AdhocWorkspace();
            Solution solution = CreateSolution(workspace, sources, out ProjectId projectId, out _, referenceShim);
            Compilation compilation = (await solution.GetProject(projectId)!.GetCompilationAsync())!;
            return (await AnalyzerRun.AnalyzeAsync(compilation, CancellationToken.None)).CtmDiagnostics;
        }

        /// <summary>
        /// A library project of the documents. <paramref name="referenceShim"/> adds CompletionsToMessages.Shim, as a project
        /// that references it (fixes such as CTM010's are offered only then).
        /// </summary>
        private static Solution CreateSolution(AdhocWorkspace workspace, IReadOnlyList<string> sources, out ProjectId projectId, out IReadOnlyList<DocumentId> documentIds, bool referenceShim = false)
        {
            projectId = ProjectId.CreateNewId();
            Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Legacy",
                "Legacy",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: AnalyzerRun.ParseOptions,
                metadataReferences: referenceShim
                    ? AnalyzerRun.References.Append(MetadataReference.CreateFromFile(typeof(CompletionsToMessages.Shim.CompletionsClient).Assembly.Location))
                    : AnalyzerRun.References));
            var ids = new List<DocumentId>();
            for (int i = 0; i < sources.Count; i++)
            {
                DocumentId documentId = DocumentId.CreateNewId(projectId);
                solution = solution.AddDocument(documentId, $"File{i}.cs", SourceText.From(sources[i]), filePath: $"/src/File{i}.cs");
                ids.Add(documentId);
            }

            documentIds = ids;
            return solution;
        }

        private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics)
            {
                _diagnostics = diagnostics;
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken);
                return _diagnostics.Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
        }
    }
}
