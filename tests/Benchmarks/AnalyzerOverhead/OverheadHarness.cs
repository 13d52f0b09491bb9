using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace Benchmarks.AnalyzerOverhead
{
    /// <summary>
    /// What the CTM analyzers cost on a code base, against the compiler and against the SDK's NetAnalyzers, in one
    /// process: each run parses the sources and emits (timed: the compiler), then runs the CTM analyzers and every
    /// NetAnalyzers analyzer (all rules switched on) over the same compilation with
    /// <see cref="CompilationWithAnalyzers"/>, sequentially and with execution-time logging, and reads each
    /// analyzer's time from its telemetry. One warm-up run, then the median of <c>--runs</c> runs.
    /// Compiler and analyzers both run on one thread, so the times are CPU times that add up.
    /// Nothing is asserted: the figures go into README ("Performance").
    /// </summary>
    internal static class OverheadHarness
    {
        private const double OverheadTargetPercent = 1.0;

        public static async Task<int> RunAsync(string[] args)
        {
            var command = new Arguments(args);
            int runs = Math.Max(1, command.Int("--runs", 3));
            string? source = command.Value("--source");
            if (source is null)
            {
                int lines = command.Int("--generate", 300_000);
                source = command.Value("--out") ?? Path.Combine(Path.GetTempPath(), "ctm-bench", "synthetic-" + lines.ToString(CultureInfo.InvariantCulture));
                var generation = Stopwatch.StartNew();
                (int generatedFiles, long generatedLines, int legacy) = SyntheticCodeBase.Generate(source, lines, command.Int("--legacy-every", 3));
                Console.WriteLine($"Generated {generatedFiles} files, {generatedLines:N0} lines ({legacy} classes with legacy sites) in {source} ({generation.Elapsed.TotalSeconds:N1} s)");
            }
            else if (command.Value("--generate") is not null)
            {
                Console.Error.WriteLine("--source and --generate are exclusive");
                return 2;
            }

            string[] files = SourceFiles(source);
            if (files.Length == 0)
            {
                Console.Error.WriteLine($"no .cs files under {source}");
                return 2;
            }

            DotNetSdk sdk = DotNetSdk.Locate();
            (string refFolder, MetadataReference[] references) = sdk.ReferenceAssemblies();
            if (command.Value("--repeat") is not null)
            {
                // Focused mode: CTM analyzers only, analyzed --repeat times on one parse (FocusedHarness).
                return await FocusedHarness.RunAsync(command, files, references).ConfigureAwait(false);
            }

            ImmutableArray<DiagnosticAnalyzer> ours = CtmAnalyzers();
            ImmutableArray<DiagnosticAnalyzer> net = command.Flag("--no-netanalyzers") ? ImmutableArray<DiagnosticAnalyzer>.Empty : NetAnalyzers(sdk);
            string[] excluded = (command.Value("--exclude-netanalyzers") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (excluded.Length > 0)
            {
                // For very large code bases on slow machines: leaving out the few dataflow analyzers that take
                // seconds each only lowers the NetAnalyzers median (a stricter bar for the CTM rules).
                net = net.Where(a => Array.IndexOf(excluded, a.GetType().Name) < 0).ToImmutableArray();
                Console.WriteLine($"Excluded NetAnalyzers: {string.Join(", ", excluded)}");
            }

            long totalLines = files.Sum(f => File.ReadLines(f).LongCount());

            Console.WriteLine($"Code base:   {source}: {files.Length:N0} files, {totalLines:N0} lines");
            Console.WriteLine($"Machine:     {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture}, {CpuName()}");
            Console.WriteLine($"Runtime:     .NET {Environment.Version}; SDK {sdk.Version}; Roslyn {typeof(Compilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]}");
            Console.WriteLine($"References:  {references.Length} assemblies from {refFolder}");
            // The analyzers' order in CompilationWithAnalyzers: CTM first unless --ctm-last. The order decides which
            // analyzer asks the shared semantic model about a method body first, and so pays for binding it.
            bool ctmLast = command.Flag("--ctm-last");
            Console.WriteLine($"Order:       {(ctmLast ? "NetAnalyzers first, CTM last (--ctm-last)" : "CTM first, then NetAnalyzers")}");
            Console.WriteLine($"Analyzers:   {ours.Length} CTM; {net.Length} NetAnalyzers analyzers ({net.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Count()} rules, all set to warning) from {sdk.NetAnalyzersFolder}");
            Console.WriteLine($"Runs:        1 warm-up + {runs} measured; medians reported; load average at start {LoadAverage()}");
            Console.WriteLine();

            ImmutableDictionary<string, ReportDiagnostic> allEnabled = AllEnabled(net);
            var parse = new List<double>();
            var emit = new List<double>();
            var analyzersWall = new List<double>();
            var ratios = new List<double>();
            var ourTimes = ours.ToDictionary(a => a, _ => new List<double>());
            var netTimes = net.ToDictionary(a => a, _ => new List<double>());
            // Warm-up (JIT, metadata, analyzer initialization): the whole pipeline once on a slice of the code base.
            int warmUpFiles = Math.Min(files.Length, Math.Max(1, command.Int("--warmup-files", 200)));
            Measurement warmUp = await MeasureOnceAsync(files.Take(warmUpFiles).ToArray(), references, allEnabled, ours, net, ctmLast).ConfigureAwait(false);
            Console.WriteLine($"warm-up ({warmUpFiles} files): compiler {warmUp.ParseMs + warmUp.EmitMs:N0} ms, analyzers {warmUp.AnalyzersMs:N0} ms");
            for (int run = 1; run <= runs; run++)
            {
                Measurement measurement = await MeasureOnceAsync(files, references, allEnabled, ours, net, ctmLast).ConfigureAwait(false);
                double ctmMs = ours.Sum(a => measurement.Times[a]);
                Console.WriteLine($"run {run}: compiler {measurement.ParseMs + measurement.EmitMs:N0} ms, CTM {ctmMs:N1} ms = {Percent(ctmMs, measurement.ParseMs + measurement.EmitMs):N2}% of it, all analyzers {measurement.AnalyzersMs:N0} ms; load average {LoadAverage()}");
                ratios.Add(Percent(ctmMs, measurement.ParseMs + measurement.EmitMs));
                if (run == 1)
                {
                    Report(measurement);
                }

                parse.Add(measurement.ParseMs);
                emit.Add(measurement.EmitMs);
                analyzersWall.Add(measurement.AnalyzersMs);
                foreach (KeyValuePair<DiagnosticAnalyzer, double> time in measurement.Times)
                {
                    (ourTimes.TryGetValue(time.Key, out List<double>? list) ? list : netTimes[time.Key]).Add(time.Value);
                }
            }

            PrintTables(Median(parse), Median(emit), Median(analyzersWall), ourTimes, netTimes);
            Console.WriteLine($"CTM share of compiler time per run (same-run ratio, robust to load changes between runs): {string.Join(", ", ratios.Select(r => r.ToString("N2", CultureInfo.InvariantCulture) + "%"))}; median {Median(ratios):N2}%");
            return 0;
        }

        private sealed record Measurement(double ParseMs, double EmitMs, double AnalyzersMs, Dictionary<DiagnosticAnalyzer, double> Times, ImmutableArray<Diagnostic> CompilerErrors, ImmutableArray<Diagnostic> AnalyzerDiagnostics);

        private static async Task<Measurement> MeasureOnceAsync(
            string[] files,
            MetadataReference[] references,
            ImmutableDictionary<string, ReportDiagnostic> allEnabled,
            ImmutableArray<DiagnosticAnalyzer> ours,
            ImmutableArray<DiagnosticAnalyzer> net,
            bool ctmLast)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            // The compiler: read + parse, then emit (declaration and method-body binding, all compiler diagnostics, IL).
            CSharpParseOptions parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
            var clock = Stopwatch.StartNew();
            var trees = new SyntaxTree[files.Length];
            for (int i = 0; i < files.Length; i++)
            {
                using FileStream stream = File.OpenRead(files[i]);
                trees[i] = CSharpSyntaxTree.ParseText(SourceText.From(stream), parseOptions, files[i]);
            }

            double parseMs = clock.Elapsed.TotalMilliseconds;
            CSharpCompilation compilation = CSharpCompilation.Create(
                "Measured",
                trees,
                references,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable,
                    optimizationLevel: OptimizationLevel.Release,
                    concurrentBuild: false,
                    specificDiagnosticOptions: allEnabled));
            clock.Restart();
            EmitResult result;
            using (var peStream = new MemoryStream())
            {
                result = compilation.Emit(peStream);
            }

            double emitMs = clock.Elapsed.TotalMilliseconds;

            // Start the analyzer pass with a clean heap, so that collecting the compiler's garbage is not charged to
            // whichever analyzer callback happens to trigger it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            // The analyzers, on the same compilation.
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => Console.Error.WriteLine($"AD0001 {analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            ImmutableArray<DiagnosticAnalyzer> all = ctmLast ? net.AddRange(ours) : ours.AddRange(net);
            var withAnalyzers = new CompilationWithAnalyzers(compilation, all, options);
            clock.Restart();
            ImmutableArray<Diagnostic> found = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            double analyzersMs = clock.Elapsed.TotalMilliseconds;

            var times = new Dictionary<DiagnosticAnalyzer, double>();
            foreach (DiagnosticAnalyzer analyzer in all)
            {
                AnalyzerTelemetryInfo info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                times[analyzer] = info.ExecutionTime.TotalMilliseconds;
            }

            return new Measurement(parseMs, emitMs, analyzersMs, times, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray(), found);
        }

        private static void Report(Measurement warmUp)
        {
            if (warmUp.CompilerErrors.Length > 0)
            {
                Console.WriteLine($"Compiler errors: {warmUp.CompilerErrors.Length} (first: {warmUp.CompilerErrors[0]})");
            }
            else
            {
                Console.WriteLine("Compiler errors: none");
            }

            var ctm = warmUp.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("CTM", StringComparison.Ordinal)).ToList();
            Console.WriteLine($"CTM diagnostics: {ctm.Count} ({string.Join(", ", ctm.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " ×" + g.Count()))})");
            Console.WriteLine($"Other analyzer diagnostics: {warmUp.AnalyzerDiagnostics.Length - ctm.Count:N0}");
            Console.WriteLine();
        }

        private static void PrintTables(
            double parseMs,
            double emitMs,
            double analyzersWallMs,
            Dictionary<DiagnosticAnalyzer, List<double>> ourTimes,
            Dictionary<DiagnosticAnalyzer, List<double>> netTimes)
        {
            double compilerMs = parseMs + emitMs;
            double oursMs = ourTimes.Values.Sum(Median);
            double[] net = netTimes.Values.Select(Median).OrderBy(x => x).ToArray();
            double netMedian = Percentile(net, 0.5);
            double netSum = net.Sum();

            Console.WriteLine();
            Console.WriteLine("Medians (ms)                                       ms    % of compiler");
            Console.WriteLine($"  compiler: parse                           {parseMs,10:N0}");
            Console.WriteLine($"  compiler: bind + diagnostics + emit       {emitMs,10:N0}");
            Console.WriteLine($"  compiler total                            {compilerMs,10:N0}    100.00%");
            Console.WriteLine($"  all CTM analyzers                         {oursMs,10:N1}    {Percent(oursMs, compilerMs),6:N2}%   (target <= {OverheadTargetPercent:N0}%: {(Percent(oursMs, compilerMs) <= OverheadTargetPercent ? "met" : "MISSED")})");
            if (net.Length > 0)
            {
                Console.WriteLine($"  all NetAnalyzers analyzers ({net.Length,3})         {netSum,10:N0}    {Percent(netSum, compilerMs),6:N2}%");
                Console.WriteLine($"  analyzer driver wall time (all, 1 thread) {analyzersWallMs,10:N0}");
                Console.WriteLine();
                Console.WriteLine("NetAnalyzers, per analyzer (ms):");
                Console.WriteLine($"  min {net[0]:N2}  p25 {Percentile(net, 0.25):N2}  median {netMedian:N2}  p75 {Percentile(net, 0.75):N2}  p90 {Percentile(net, 0.9):N2}  max {net[^1]:N2}");
                Console.WriteLine("  slowest: " + string.Join(", ", netTimes.OrderByDescending(e => Median(e.Value)).Take(5).Select(e => $"{e.Key.GetType().Name} {Median(e.Value):N0}")));
            }

            Console.WriteLine();
            Console.WriteLine("  rule    analyzer                               ms   % compiler  NetAnalyzers rank   vs median");
            foreach (KeyValuePair<DiagnosticAnalyzer, List<double>> entry in ourTimes.OrderBy(e => e.Key.SupportedDiagnostics[0].Id, StringComparer.Ordinal))
            {
                double ms = Median(entry.Value);
                string rank = net.Length == 0 ? "-" : $"p{100.0 * net.Count(x => x < ms) / net.Length:N0}";
                string verdict = net.Length == 0 ? "-" : ms < netMedian ? "below" : "ABOVE";
                Console.WriteLine($"  {entry.Key.SupportedDiagnostics[0].Id,-7} {entry.Key.GetType().Name,-34} {ms,8:N2}   {Percent(ms, compilerMs),7:N3}%   {rank,12}   {verdict}");
            }

            if (net.Length > 0)
            {
                int above = ourTimes.Values.Count(v => Median(v) >= netMedian);
                Console.WriteLine();
                Console.WriteLine($"Each CTM rule below the median NetAnalyzers analyzer ({netMedian:N2} ms): {(above == 0 ? "met" : $"MISSED by {above} rule(s)")}");
            }
        }

        private static double Percent(double part, double whole) => whole <= 0 ? double.NaN : 100.0 * part / whole;

        private static string[] SourceFiles(string folder)
        {
            string separator = Path.DirectorySeparatorChar.ToString();
            return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(separator + "obj" + separator, StringComparison.Ordinal) && !f.Contains(separator + "bin" + separator, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
        }

        private static double Median(List<double> values) => Percentile(values.OrderBy(x => x).ToArray(), 0.5);

        /// <summary>Nearest-rank percentile of sorted values; the median of an even count is the mean of the middle two.</summary>
        private static double Percentile(double[] sorted, double p)
        {
            if (sorted.Length == 0)
            {
                return double.NaN;
            }

            if (p == 0.5)
            {
                int middle = sorted.Length / 2;
                return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            }

            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }

        internal static ImmutableArray<DiagnosticAnalyzer> CtmAnalyzers() =>
            typeof(CtmAnalyzer).Assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        /// <summary>The C# NetAnalyzers that ship in the SDK (what every .NET build runs), loaded with AnalyzerFileReference.</summary>
        private static ImmutableArray<DiagnosticAnalyzer> NetAnalyzers(DotNetSdk sdk)
        {
            var loader = new DirectoryLoader();
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (string name in new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" })
            {
                string path = Path.Combine(sdk.NetAnalyzersFolder, name);
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine("missing " + path);
                    continue;
                }

                var reference = new AnalyzerFileReference(path, loader);
                reference.AnalyzerLoadFailed += (_, e) => Console.Error.WriteLine($"could not load an analyzer from {name}: {e.Message}");
                analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            }

            return analyzers.ToImmutable();
        }

        /// <summary>
        /// NetAnalyzers rules are mostly disabled by default (the SDK turns some on per AnalysisLevel/AnalysisMode):
        /// every rule is set to warning through the compilation's specific diagnostic options, the same effect as
        /// <c>dotnet_diagnostic.CAxxxx.severity = warning</c> for every rule. Their analyzers then all run.
        /// </summary>
        private static ImmutableDictionary<string, ReportDiagnostic> AllEnabled(ImmutableArray<DiagnosticAnalyzer> analyzers) =>
            analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct(StringComparer.Ordinal)
                .ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn);

        /// <summary>1/5/15-minute load averages: the machine may be shared, and wall-clock times grow with its load.</summary>
        internal static string LoadAverage()
        {
            try
            {
                return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
            }
            catch (IOException)
            {
                return "n/a";
            }
        }

        private static string CpuName()
        {
            try
            {
                string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
                return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line.Substring(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim();
            }
            catch (IOException)
            {
                return RuntimeInformation.ProcessArchitecture.ToString();
            }
        }

        /// <summary>Loads analyzer assemblies (and their dependencies, from the same folder) into the default context.</summary>
        private sealed class DirectoryLoader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
