using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace CompletionsToMessages.CodeFixes.Fixes
{
    /// <summary>
    /// CTM012: removes the sampling parameter the target model rejects (the anonymous member, initializer entry,
    /// JProperty, or <c>body["k"] = v;</c> statement). Not offered when the parameter of an anonymous object is read
    /// later through the same local (removing it would not compile).
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(SamplingHazardCodeFix)), Shared]
    public sealed class SamplingHazardCodeFix : CtmCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SamplingHazard);

        protected override string Title => "Remove the rejected sampling parameter";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            MemberToRemove(root, diagnostic) != null;

        protected override void Fix(DocumentEditor editor, SemanticModel model, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (MemberToRemove(editor.OriginalRoot, diagnostic) is SyntaxNode member)
                {
                    editor.RemoveNode(member, SyntaxRemoveOptions.KeepNoTrivia);
                }
            }
        }

        private static SyntaxNode? MemberToRemove(SyntaxNode root, Diagnostic diagnostic)
        {
            SyntaxNode key = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            SyntaxNode? member = MemberRemoval.FromKey(key);
            diagnostic.Properties.TryGetValue(SamplingHazardAnalyzer.ParameterProperty, out string? name);
            return member is null || (name != null && MemberRemoval.IsReadLater(member, name)) ? null : member;
        }
    }
}
