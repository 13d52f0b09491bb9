using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Base of every CTM analyzer. Seals the policy every rule must follow: generated code is skipped,
    /// execution is concurrent, and per-compilation knowledge comes from one shared <see cref="CompilationState"/>.
    /// Rules register only syntax-node callbacks that start with an ordinal check on tokens.
    /// </summary>
    public abstract class CtmAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => Register(start, CompilationState.Get(start.Compilation, start.Options)));
        }

        internal abstract void Register(CompilationStartAnalysisContext context, CompilationState state);
    }
}
