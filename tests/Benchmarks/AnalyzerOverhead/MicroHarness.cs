using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// The recording contexts below only capture a real analyzer's registrations to call them directly (benchmark only).
// The obsolete SyntaxNodeAnalysisContext constructor is exactly what calling a callback without a driver needs.
#pragma warning disable RS1012, CS0618

namespace Benchmarks.AnalyzerOverhead
{
    /// <summary>
    /// <c>analyzers --source &lt;folder&gt; --repeat N --micro</c>: the cost of each rule's own callbacks without the
    /// analyzer driver. Each rule's syntax-node callbacks are captured at registration and called directly on every
    /// node of their kinds, with one cached semantic model per tree (so binding is paid once, in the warm-up round,
    /// and never charged). The figure is the minimum over N rounds (on a shared machine the minimum is the round
    /// least disturbed by other processes), in ns per call; the driver's own per-callback cost comes on top.
    /// With <c>--baseline</c>, rounds alternate between the two builds. Diagnostics are counted per round.
    /// </summary>
    internal static class MicroHarness
    {
        public static int Run(List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> arms, string[] files, MetadataReference[] references, int repeat)
        {
            CSharpParseOptions parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f)), parseOptions, f)).ToArray();
            CSharpCompilation compilation = CSharpCompilation.Create(
                "Micro",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
            var models = trees.ToDictionary(t => t, t => compilation.GetSemanticModel(t));
            var nodesByKind = new Dictionary<SyntaxKind, List<SyntaxNode>>();
            foreach (SyntaxTree tree in trees)
            {
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodesAndSelf())
                {
                    SyntaxKind kind = node.Kind();
                    if (!nodesByKind.TryGetValue(kind, out List<SyntaxNode>? list))
                    {
                        nodesByKind[kind] = list = new List<SyntaxNode>();
                    }

                    list.Add(node);
                }
            }

            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            var callbacks = new List<(string Arm, string Key, Action<SyntaxNodeAnalysisContext> Action, List<SyntaxNode> Nodes)>();
            Action<Diagnostic>? currentReport = null;
            foreach ((string arm, ImmutableArray<DiagnosticAnalyzer> analyzers) in arms)
            {
                foreach (DiagnosticAnalyzer analyzer in analyzers)
                {
                    var recorder = new Recorder();
                    analyzer.Initialize(recorder);
                    var start = new StartRecorder(compilation, options);
                    foreach (Action<CompilationStartAnalysisContext> action in recorder.Starts)
                    {
                        action(start);
                    }

                    int index = 0;
                    foreach (Action<SemanticModelAnalysisContext> modelAction in start.ModelActions)
                    {
                        // Called once per file: represented as a "node" callback on each compilation unit.
                        callbacks.Add((arm, $"{analyzer.SupportedDiagnostics[0].Id} #{index++} SemanticModel (per file)", c => modelAction(new SemanticModelAnalysisContext(c.SemanticModel, options, currentReport!, _ => true, CancellationToken.None)), trees.Select(t => t.GetRoot()).ToList()));
                    }

                    foreach (Action<SyntaxTreeAnalysisContext> treeAction in start.TreeActions)
                    {
                        // Called once per file, like the semantic-model actions.
                        callbacks.Add((arm, $"{analyzer.SupportedDiagnostics[0].Id} #{index++} SyntaxTree (per file)", c => treeAction(new SyntaxTreeAnalysisContext(c.Node.SyntaxTree, options, currentReport!, _ => true, CancellationToken.None)), trees.Select(t => t.GetRoot()).ToList()));
                    }

                    foreach ((Action<SyntaxNodeAnalysisContext> action, ImmutableArray<SyntaxKind> kinds) in start.NodeActions)
                    {
                        var nodes = kinds.SelectMany(k => nodesByKind.TryGetValue(k, out List<SyntaxNode>? list) ? list : new List<SyntaxNode>()).OrderBy(n => n.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(n => n.SpanStart).ToList();
                        callbacks.Add((arm, $"{analyzer.SupportedDiagnostics[0].Id} #{index++} {string.Join("|", kinds)}", action, nodes));
                    }
                }
            }

            // The floor: an empty callback on the string literals (the cost of calling a callback at all here).
            callbacks.Add((arms[0].Name, "(empty) #0 StringLiteralExpression", _ => { }, nodesByKind.TryGetValue(SyntaxKind.StringLiteralExpression, out List<SyntaxNode>? literals) ? literals : new List<SyntaxNode>()));
            var best = new Dictionary<(string, string), double>();
            var found = new Dictionary<(string, string), int>();
            for (int round = 0; round <= repeat; round++)
            {
                // Round 0 is the warm-up: JIT, and the binding the callbacks ask for (cached in the models).
                foreach (string armName in arms.Select(a => a.Name))
                {
                    foreach ((string arm, string key, Action<SyntaxNodeAnalysisContext> action, List<SyntaxNode> nodes) in callbacks.Where(c => c.Arm == armName))
                    {
                        int count = 0;
                        Action<Diagnostic> report = _ => count++;
                        currentReport = report;
                        long startTicks = Stopwatch.GetTimestamp();
                        foreach (SyntaxNode node in nodes)
                        {
                            action(new SyntaxNodeAnalysisContext(node, models[node.SyntaxTree], options, report, _ => true, CancellationToken.None));
                        }

                        double ns = (Stopwatch.GetTimestamp() - startTicks) * 1e9 / Stopwatch.Frequency / Math.Max(1, nodes.Count);
                        if (round > 0)
                        {
                            best[(arm, key)] = best.TryGetValue((arm, key), out double previous) ? Math.Min(previous, ns) : ns;
                        }

                        found[(arm, key)] = count;
                    }
                }
            }

            Console.WriteLine($"Callbacks called directly (no driver), minimum of {repeat} rounds, ns per call; total ms per round = ns × calls");
            foreach (IGrouping<string, (string Arm, string Key, Action<SyntaxNodeAnalysisContext> Action, List<SyntaxNode> Nodes)> group in callbacks.GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                string line = $"  {group.Key,-60} {group.First().Nodes.Count,9:N0} calls";
                foreach (var c in group)
                {
                    double ns = best[(c.Arm, c.Key)];
                    line += $"   {c.Arm} {ns,8:N1} ns {ns * c.Nodes.Count / 1e6,7:N2} ms ({found[(c.Arm, c.Key)]} diag)";
                }

                Console.WriteLine(line);
            }

            foreach ((string arm, _) in arms)
            {
                foreach (IGrouping<string, (string Arm, string Key, Action<SyntaxNodeAnalysisContext> Action, List<SyntaxNode> Nodes)> rule in callbacks.Where(c => c.Arm == arm && c.Key[0] != '(').GroupBy(c => c.Key.Substring(0, 6)).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    Console.Write($"{rule.Key} {rule.Sum(c => best[(arm, c.Key)] * c.Nodes.Count / 1e6):N2}  ");
                }

                Console.WriteLine($"  ({arm}, ms per round, callbacks only)");
            }

            return 0;
        }

        private sealed class Recorder : AnalysisContext
        {
            public List<Action<CompilationStartAnalysisContext>> Starts { get; } = new List<Action<CompilationStartAnalysisContext>>();

            public override void EnableConcurrentExecution()
            {
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => Starts.Add(action);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
        }

        private sealed class StartRecorder : CompilationStartAnalysisContext
        {
            public StartRecorder(Compilation compilation, AnalyzerOptions options)
                : base(compilation, options, CancellationToken.None)
            {
            }

            public List<(Action<SyntaxNodeAnalysisContext> Action, ImmutableArray<SyntaxKind> Kinds)> NodeActions { get; } = new List<(Action<SyntaxNodeAnalysisContext>, ImmutableArray<SyntaxKind>)>();

            public List<Action<SemanticModelAnalysisContext>> ModelActions { get; } = new List<Action<SemanticModelAnalysisContext>>();

            public List<Action<SyntaxTreeAnalysisContext>> TreeActions { get; } = new List<Action<SyntaxTreeAnalysisContext>>();

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => ModelActions.Add(action);

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => TreeActions.Add(action);

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
                NodeActions.Add((action, syntaxKinds.Select(k => (SyntaxKind)(object)k).ToImmutableArray()));
        }
    }
}
