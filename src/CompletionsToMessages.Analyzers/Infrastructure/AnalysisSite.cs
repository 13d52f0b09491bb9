using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// What a rule's analysis of one node needs from its context — the semantic model, cancellation, a way to report —
    /// whether the node came from a syntax-node callback or from a per-file search (<see cref="LiteralSearch"/>).
    /// </summary>
    internal readonly struct AnalysisSite
    {
        private readonly Action<Diagnostic> _report;

        public AnalysisSite(SemanticModel semanticModel, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            SemanticModel = semanticModel;
            _report = report;
            CancellationToken = cancellationToken;
        }

        public SemanticModel SemanticModel { get; }

        public CancellationToken CancellationToken { get; }

        public static AnalysisSite Of(SyntaxNodeAnalysisContext context) => new AnalysisSite(context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);

        public static AnalysisSite Of(SemanticModelAnalysisContext context) => new AnalysisSite(context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);

        public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic);
    }
}
