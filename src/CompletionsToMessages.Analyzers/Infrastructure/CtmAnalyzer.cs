using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// Base of every CTM analyzer. Seals the policy every rule must follow: generated code is skipped,
    /// execution is concurrent, and per-compilation knowledge comes from one shared <see cref="CompilationState"/>.
    /// Rules register syntax-node callbacks that start with an ordinal check on tokens, or one callback per file that
    /// starts with an ordinal search of the file's text (<see cref="LiteralSearch"/>, <see cref="IdentifierSearch"/>).
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
