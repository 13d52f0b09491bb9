using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

// TimedAnalyzer is a benchmark-only wrapper that forwards a real analyzer's own registrations (its concurrency and
// generated-code settings included); the analyzer-authoring rules below apply to the wrapped analyzers, not to it.
#pragma warning disable RS1001, RS1012, RS1025, RS1026

namespace Benchmarks.AnalyzerOverhead
{
    /// <summary>
    /// Focused mode of <c>analyzers</c> (<c>--repeat N</c>): CTM analyzers only, on one compilation parsed once, analyzed
    /// N times (each pass a fresh <see cref="CompilationWithAnalyzers"/>, so binding is redone and charged the same way
    /// every pass), per-rule medians from the driver's telemetry. For before/after comparisons on a shared machine:
    /// <c>--baseline &lt;CompletionsToMessages.Analyzers.dll&gt;</c> loads a second build of the analyzers into its own
    /// load context and alternates passes (baseline, current, baseline, current …) so that both see the same load.
    /// <c>--only CTM003,CTM004</c> keeps some rules; <c>--callbacks</c> also times every registered syntax-node
    /// callback (a wrapper around the rule's registrations; the rest of a rule's telemetry time is the driver's
    /// dispatch of nodes to it). The diagnostic count of every pass is printed: a change must leave it identical.
    /// </summary>
    internal static class FocusedHarness
    {
        public static async Task<int> RunAsync(Arguments command, string[] files, MetadataReference[] references)
        {
            int repeat = Math.Max(1, command.Int("--repeat", 5));
            string[] only = (command.Value("--only") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            bool callbacks = command.Flag("--callbacks");
            string? baselinePath = command.Value("--baseline");

            var arms = new List<Arm> { new Arm("current", Select(OverheadHarness.CtmAnalyzers(), only), callbacks) };
            if (baselinePath is not null)
            {
                Assembly baseline = new BaselineLoadContext(Path.GetFullPath(baselinePath)).LoadFromAssemblyPath(Path.GetFullPath(baselinePath));
                arms.Insert(0, new Arm("baseline", Select(AnalyzersOf(baseline), only), callbacks));
            }

            if (command.Flag("--micro"))
            {
                return MicroHarness.Run(arms.Select(a => (a.Name, a.Analyzers)).ToList(), files, references, repeat);
            }

            CSharpParseOptions parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
            var clock = Stopwatch.StartNew();
            var trees = new SyntaxTree[files.Length];
            for (int i = 0; i < files.Length; i++)
            {
                using FileStream stream = File.OpenRead(files[i]);
                trees[i] = CSharpSyntaxTree.ParseText(SourceText.From(stream), parseOptions, files[i]);
            }

            Console.WriteLine($"Parsed {files.Length:N0} files in {clock.Elapsed.TotalMilliseconds:N0} ms; {repeat} passes per arm ({string.Join(", ", arms.Select(a => a.Name))}), interleaved; rules: {string.Join(", ", arms[^1].Analyzers.Select(Id))}");
            CSharpCompilation compilation = CSharpCompilation.Create(
                "Measured",
                trees,
                references,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable,
                    optimizationLevel: OptimizationLevel.Release,
                    concurrentBuild: false));

            // Warm-up: JIT of both arms on a slice.
            var slice = (CSharpCompilation)compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees.Take(Math.Min(trees.Length, 100)));
            foreach (Arm arm in arms)
            {
                await PassAsync(slice, arm).ConfigureAwait(false);
                arm.Reset();
            }

            for (int pass = 1; pass <= repeat; pass++)
            {
                foreach (Arm arm in arms)
                {
                    (double wall, int count, string perRule) = await PassAsync(compilation, arm).ConfigureAwait(false);
                    Console.WriteLine($"pass {pass} {arm.Name,-8}: {count:N0} diagnostics ({perRule}); CTM total {arm.LastTotal:N1} ms, driver wall {wall:N0} ms; load {OverheadHarness.LoadAverage()}");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"Per rule, ms (median of {repeat} / min / max){(arms.Count > 1 ? "; change = current median ÷ baseline median" : string.Empty)}");
            foreach (DiagnosticAnalyzer analyzer in arms[^1].Analyzers)
            {
                string id = Id(analyzer);
                var line = new System.Text.StringBuilder($"  {id}");
                double? first = null;
                foreach (Arm arm in arms)
                {
                    List<double> times = arm.Times[id];
                    double median = Median(times);
                    first ??= median;
                    line.Append(CultureInfo.InvariantCulture, $"   {arm.Name} {median,8:N1} ({times.Min(),7:N1} – {times.Max(),7:N1})");
                }

                if (arms.Count > 1)
                {
                    line.Append(CultureInfo.InvariantCulture, $"   change {Median(arms[^1].Times[id]) / first!.Value:P0}");
                }

                Console.WriteLine(line.ToString());
            }

            foreach (Arm arm in arms)
            {
                Console.WriteLine($"  all      {arm.Name} {Median(arm.Totals),8:N1} ({arm.Totals.Min():N1} – {arm.Totals.Max():N1})");
            }

            if (callbacks)
            {
                foreach (Arm arm in arms)
                {
                    Console.WriteLine();
                    Console.WriteLine($"Callbacks ({arm.Name}), summed over {repeat} passes ÷ {repeat}: ms, calls per pass, µs per call");
                    foreach (KeyValuePair<string, CallbackTime> entry in arm.Callbacks.OrderBy(e => e.Key, StringComparer.Ordinal))
                    {
                        double ms = entry.Value.Ticks * 1000.0 / Stopwatch.Frequency / repeat;
                        long calls = entry.Value.Calls / repeat;
                        Console.WriteLine($"  {entry.Key,-70} {ms,9:N1} {calls,10:N0} {(calls == 0 ? 0 : ms * 1000 / calls),8:N2}");
                    }
                }
            }

            return 0;
        }

        private static async Task<(double Wall, int Count, string PerRule)> PassAsync(CSharpCompilation compilation, Arm arm)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => Console.Error.WriteLine($"AD0001 {analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = new CompilationWithAnalyzers(compilation, arm.Registered, options);
            var clock = Stopwatch.StartNew();
            ImmutableArray<Diagnostic> found = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            double wall = clock.Elapsed.TotalMilliseconds;
            double total = 0;
            for (int i = 0; i < arm.Registered.Length; i++)
            {
                AnalyzerTelemetryInfo info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(arm.Registered[i], CancellationToken.None).ConfigureAwait(false);
                double ms = info.ExecutionTime.TotalMilliseconds;
                arm.Times[Id(arm.Analyzers[i])].Add(ms);
                total += ms;
            }

            arm.Totals.Add(total);
            arm.LastTotal = total;
            string perRule = string.Join(" ", found.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key.Substring(3) + "×" + g.Count()));
            return (wall, found.Length, perRule);
        }

        private static string Id(DiagnosticAnalyzer analyzer) => analyzer.SupportedDiagnostics[0].Id;

        private static ImmutableArray<DiagnosticAnalyzer> Select(ImmutableArray<DiagnosticAnalyzer> analyzers, string[] only) =>
            only.Length == 0 ? analyzers : analyzers.Where(a => Array.IndexOf(only, Id(a)) >= 0).ToImmutableArray();

        private static ImmutableArray<DiagnosticAnalyzer> AnalyzersOf(Assembly assembly) =>
            assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        private static double Median(List<double> values)
        {
            double[] sorted = values.OrderBy(x => x).ToArray();
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        private sealed class Arm
        {
            public Arm(string name, ImmutableArray<DiagnosticAnalyzer> analyzers, bool callbacks)
            {
                Name = name;
                Analyzers = analyzers;
                Registered = callbacks ? analyzers.Select(a => (DiagnosticAnalyzer)new TimedAnalyzer(a, Id(a), Callbacks)).ToImmutableArray() : analyzers;
                Reset();
            }

            public string Name { get; }

            public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

            public ImmutableArray<DiagnosticAnalyzer> Registered { get; }

            public Dictionary<string, List<double>> Times { get; } = new Dictionary<string, List<double>>(StringComparer.Ordinal);

            public List<double> Totals { get; } = new List<double>();

            public ConcurrentDictionary<string, CallbackTime> Callbacks { get; } = new ConcurrentDictionary<string, CallbackTime>(StringComparer.Ordinal);

            public double LastTotal { get; set; }

            public void Reset()
            {
                Totals.Clear();
                Callbacks.Clear();
                foreach (DiagnosticAnalyzer analyzer in Analyzers)
                {
                    Times[Id(analyzer)] = new List<double>();
                }
            }
        }

        private sealed class CallbackTime
        {
            public long Ticks;
            public long Calls;
        }

        /// <summary>Loads one build of the analyzer assembly in isolation; Roslyn and everything else come from the host.</summary>
        private sealed class BaselineLoadContext : AssemblyLoadContext
        {
            private readonly string _path;

            public BaselineLoadContext(string path)
                : base("ctm-baseline") => _path = path;

            protected override Assembly? Load(AssemblyName assemblyName) =>
                string.Equals(assemblyName.Name, Path.GetFileNameWithoutExtension(_path), StringComparison.Ordinal) ? LoadFromAssemblyPath(_path) : null;
        }

        /// <summary>Benchmark-only: times each syntax-node callback a rule registers (the shipped analyzers have no timing).</summary>
        private sealed class TimedAnalyzer : DiagnosticAnalyzer
        {
            private readonly DiagnosticAnalyzer _inner;
            private readonly string _id;
            private readonly ConcurrentDictionary<string, CallbackTime> _times;

            public TimedAnalyzer(DiagnosticAnalyzer inner, string id, ConcurrentDictionary<string, CallbackTime> times)
            {
                _inner = inner;
                _id = id;
                _times = times;
            }

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

            public override void Initialize(AnalysisContext context) => _inner.Initialize(new Context(context, this));

            private CallbackTime Slot(string name) => _times.GetOrAdd(_id + " " + name, _ => new CallbackTime());

            private sealed class Context : AnalysisContext
            {
                private readonly AnalysisContext _outer;
                private readonly TimedAnalyzer _owner;

                public Context(AnalysisContext outer, TimedAnalyzer owner)
                {
                    _outer = outer;
                    _owner = owner;
                }

                public override void EnableConcurrentExecution() => _outer.EnableConcurrentExecution();

                public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _outer.ConfigureGeneratedCodeAnalysis(analysisMode);

                public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
                    _outer.RegisterCompilationStartAction(start =>
                    {
                        int index = 0;
                        action(new StartContext(start, _owner, () => index++));
                    });

                public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _outer.RegisterCompilationAction(action);

                public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _outer.RegisterSemanticModelAction(action);

                public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _outer.RegisterSymbolAction(action, symbolKinds);

                public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _outer.RegisterCodeBlockStartAction(action);

                public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _outer.RegisterCodeBlockAction(action);

                public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _outer.RegisterSyntaxTreeAction(action);

                public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                    _outer.RegisterSyntaxNodeAction(action, syntaxKinds);
            }

            private sealed class StartContext : CompilationStartAnalysisContext
            {
                private readonly CompilationStartAnalysisContext _outer;
                private readonly TimedAnalyzer _owner;
                private readonly Func<int> _next;

                public StartContext(CompilationStartAnalysisContext outer, TimedAnalyzer owner, Func<int> next)
                    : base(outer.Compilation, outer.Options, outer.CancellationToken)
                {
                    _outer = outer;
                    _owner = owner;
                    _next = next;
                }

                public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _outer.RegisterCompilationEndAction(action);

                public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
                {
                    CallbackTime slot = _owner.Slot($"#{_next()} SemanticModel (per file)");
                    _outer.RegisterSemanticModelAction(
                        c =>
                        {
                            long start = Stopwatch.GetTimestamp();
                            try
                            {
                                action(c);
                            }
                            finally
                            {
                                Interlocked.Add(ref slot.Ticks, Stopwatch.GetTimestamp() - start);
                                Interlocked.Increment(ref slot.Calls);
                            }
                        });
                }

                public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _outer.RegisterSymbolAction(action, symbolKinds);

                public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _outer.RegisterCodeBlockStartAction(action);

                public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _outer.RegisterCodeBlockAction(action);

                public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
                {
                    CallbackTime slot = _owner.Slot($"#{_next()} SyntaxTree (per file)");
                    _outer.RegisterSyntaxTreeAction(
                        c =>
                        {
                            long start = Stopwatch.GetTimestamp();
                            try
                            {
                                action(c);
                            }
                            finally
                            {
                                Interlocked.Add(ref slot.Ticks, Stopwatch.GetTimestamp() - start);
                                Interlocked.Increment(ref slot.Calls);
                            }
                        });
                }

                public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
                {
                    CallbackTime slot = _owner.Slot($"#{_next()} {string.Join("|", syntaxKinds)}");
                    _outer.RegisterSyntaxNodeAction(
                        c =>
                        {
                            long start = Stopwatch.GetTimestamp();
                            try
                            {
                                action(c);
                            }
                            finally
                            {
                                Interlocked.Add(ref slot.Ticks, Stopwatch.GetTimestamp() - start);
                                Interlocked.Increment(ref slot.Calls);
                            }
                        },
                        syntaxKinds);
                }
            }
        }
    }
}
