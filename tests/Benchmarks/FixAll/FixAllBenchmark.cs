using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Benchmarks.AnalyzerOverhead;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Benchmarks.FixAll
{
    /// <summary>
    /// Fix All through <c>dotnet format analyzers</c>: a generated solution (<c>--projects</c> class libraries) with
    /// <c>--sites</c> legacy sites, a fifth each of the shapes the one-node fixes handle (CTM004 model id, CTM006
    /// stop_reason comparison, CTM008 anthropic-version, CTM009 "\n\nHuman:" stop sequence, CTM012 sampling
    /// parameter), the built analyzer and code fix DLLs referenced as analyzers. Times, per round (interleaved, after
    /// one untimed warm-up round; medians reported):
    ///   verify  — <c>--verify-no-changes</c> on the legacy code: load, analyze, report (exit code 2: changes needed);
    ///   clean   — <c>--verify-no-changes</c> on the already fixed code: load and analyze, nothing to fix (exit 0);
    ///   fix     — the same command without <c>--verify-no-changes</c>: load, analyze, apply every fix, write files.
    /// Then checks, in process, that the fixed solution compiles and has none of those diagnostics left.
    /// </summary>
    internal static class FixAllBenchmark
    {
        private static readonly string[] Ids = { "CTM004", "CTM006", "CTM008", "CTM009", "CTM012" };

        public static async Task<int> RunAsync(string[] args)
        {
            var command = new Arguments(args);
            int sites = command.Int("--sites", 1000);
            int projects = Math.Max(1, command.Int("--projects", 10));
            int runs = Math.Max(1, command.Int("--runs", 3));
            string root = command.Value("--out") ?? Path.Combine(Path.GetTempPath(), "ctm-bench", "fixall-" + sites.ToString(CultureInfo.InvariantCulture));

            string analyzerDll = Path.Combine(AppContext.BaseDirectory, "CompletionsToMessages.Analyzers.dll");
            string codeFixDll = Path.Combine(AppContext.BaseDirectory, "CompletionsToMessages.CodeFixes.dll");
            if (!File.Exists(analyzerDll) || !File.Exists(codeFixDll))
            {
                Console.Error.WriteLine($"analyzer DLLs not found next to the harness ({AppContext.BaseDirectory}); build tests/Benchmarks first");
                return 2;
            }

            DotNetSdk sdk = DotNetSdk.Locate();
            string solution = WriteSolution(root, projects, analyzerDll, codeFixDll);
            Console.WriteLine($"Solution:  {solution}: {projects} projects, {sites} legacy sites ({sites / Ids.Length} each of {string.Join(", ", Ids)})");
            Console.WriteLine($"Machine:   {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}; SDK {sdk.Version}; dotnet format {DotNetSdk.Run("dotnet", "format --version").Trim().Split('+')[0]}");

            ResetSources(root, projects, sites);
            ProcessResult restore = Execute("dotnet", $"restore \"{solution}\" -v q", root);
            if (restore.ExitCode != 0)
            {
                Console.Error.WriteLine("restore failed:\n" + restore.Output);
                return 1;
            }

            (int errorsBefore, Dictionary<string, int> before) = await CountAsync(root, projects, sdk).ConfigureAwait(false);
            Console.WriteLine($"Before:    {Describe(before)}; compiler errors: {errorsBefore}");
            if (before.Values.Sum() != sites)
            {
                Console.WriteLine($"warning: expected {sites} diagnostics");
            }

            string ids = string.Join(' ', Ids);
            string verifyArgs = $"format analyzers \"{solution}\" --no-restore --verify-no-changes --diagnostics {ids} --severity info";
            string fixArgs = $"format analyzers \"{solution}\" --no-restore --diagnostics {ids} --severity info";
            var verify = new List<double>();
            var clean = new List<double>();
            var fix = new List<double>();
            string fixedSnapshot = Path.Combine(root, "fixed-snapshot");
            for (int round = 0; round <= runs; round++)
            {
                ResetSources(root, projects, sites);
                ProcessResult v = Execute("dotnet", verifyArgs, root);
                ProcessResult f = Execute("dotnet", fixArgs, root);
                ProcessResult c = Execute("dotnet", verifyArgs, root);
                string label = round == 0 ? "warm-up" : $"round {round}";
                Console.WriteLine($"{label,-9}  verify {v.Seconds,6:N2} s (exit {v.ExitCode})   fix {f.Seconds,6:N2} s (exit {f.ExitCode})   clean {c.Seconds,6:N2} s (exit {c.ExitCode})");
                if (f.ExitCode != 0 || v.ExitCode == 0 || c.ExitCode != 0)
                {
                    Console.WriteLine("unexpected exit code; fix output:\n" + f.Output + "\nclean output:\n" + c.Output);
                }

                if (round > 0)
                {
                    verify.Add(v.Seconds);
                    fix.Add(f.Seconds);
                    clean.Add(c.Seconds);
                }
            }

            (int errorsAfter, Dictionary<string, int> after) = await CountAsync(root, projects, sdk).ConfigureAwait(false);
            int remaining = after.Values.Sum();
            Console.WriteLine($"After fix: {Describe(after)}; compiler errors: {errorsAfter}  ->  {(remaining == 0 && errorsAfter == 0 ? "all sites fixed, code compiles" : "NOT all fixed")}");

            double verifyMedian = Median(verify);
            double fixMedian = Median(fix);
            double cleanMedian = Median(clean);
            Console.WriteLine();
            Console.WriteLine($"Medians of {runs} rounds:");
            Console.WriteLine($"  no-fix run, legacy code (--verify-no-changes)   {verifyMedian,7:N2} s");
            Console.WriteLine($"  no-fix run, fixed code  (--verify-no-changes)   {cleanMedian,7:N2} s");
            Console.WriteLine($"  Fix All of {sites} sites                        {fixMedian,7:N2} s");
            Console.WriteLine($"  ratio fix / no-fix (legacy code)                {fixMedian / verifyMedian,7:N2}x   (target <= 2x: {(fixMedian <= 2 * verifyMedian ? "met" : "MISSED")})");
            Console.WriteLine($"  ratio fix / no-fix (fixed code)                 {fixMedian / cleanMedian,7:N2}x   (target <= 2x: {(fixMedian <= 2 * cleanMedian ? "met" : "MISSED")})");
            return remaining == 0 && errorsAfter == 0 ? 0 : 1;
        }

        private static string Describe(Dictionary<string, int> counts) =>
            Ids.Sum(id => counts.GetValueOrDefault(id)) + " diagnostics (" + string.Join(", ", Ids.Select(id => $"{id} ×{counts.GetValueOrDefault(id)}")) + ")";

        private static string WriteSolution(string root, int projects, string analyzerDll, string codeFixDll)
        {
            Directory.CreateDirectory(root);

            // Stop MSBuild from importing anything above the folder.
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />\n");
            var sln = new StringBuilder();
            sln.Append("\r\nMicrosoft Visual Studio Solution File, Format Version 12.00\r\n# Visual Studio Version 17\r\nVisualStudioVersion = 17.0.31903.59\r\nMinimumVisualStudioVersion = 10.0.40219.1\r\n");
            var guids = new List<string>();
            for (int p = 0; p < projects; p++)
            {
                string name = ProjectName(p);
                string guid = new Guid(p + 1, 0, 0, new byte[8]).ToString("B").ToUpperInvariant();
                guids.Add(guid);
                Directory.CreateDirectory(Path.Combine(root, name));
                File.WriteAllText(Path.Combine(root, name, name + ".csproj"), $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFramework>net10.0</TargetFramework>
                        <Nullable>enable</Nullable>
                        <ImplicitUsings>disable</ImplicitUsings>
                        <LangVersion>latest</LangVersion>
                      </PropertyGroup>
                      <ItemGroup>
                        <Analyzer Include="{analyzerDll}" />
                        <Analyzer Include="{codeFixDll}" />
                      </ItemGroup>
                    </Project>

                    """);
                sln.Append($"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{name}\", \"{name}\\{name}.csproj\", \"{guid}\"\r\nEndProject\r\n");
            }

            sln.Append("Global\r\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\r\n\t\tDebug|Any CPU = Debug|Any CPU\r\n\t\tRelease|Any CPU = Release|Any CPU\r\n\tEndGlobalSection\r\n");
            sln.Append("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\r\n");
            foreach (string guid in guids)
            {
                foreach (string configuration in new[] { "Debug", "Release" })
                {
                    sln.Append($"\t\t{guid}.{configuration}|Any CPU.ActiveCfg = {configuration}|Any CPU\r\n\t\t{guid}.{configuration}|Any CPU.Build.0 = {configuration}|Any CPU\r\n");
                }
            }

            sln.Append("\tEndGlobalSection\r\nEndGlobal\r\n");
            string path = Path.Combine(root, "FixAll.sln");
            File.WriteAllText(path, sln.ToString());
            return path;
        }

        private static string ProjectName(int p) => "Legacy" + p.ToString("00", CultureInfo.InvariantCulture);

        /// <summary>(Re)writes every source file: <paramref name="sites"/> sites spread over the projects, 10 sites per class.</summary>
        private static void ResetSources(string root, int projects, int sites)
        {
            for (int p = 0; p < projects; p++)
            {
                foreach (string old in Directory.GetFiles(Path.Combine(root, ProjectName(p)), "*.cs"))
                {
                    File.Delete(old);
                }
            }

            const int SitesPerClass = 10;
            int classes = (sites + SitesPerClass - 1) / SitesPerClass;
            for (int c = 0; c < classes; c++)
            {
                int p = c % projects;
                var b = new StringBuilder();
                b.Append("using System.Collections.Generic;\nusing System.Net.Http;\n\n");
                b.Append($"namespace {ProjectName(p)}\n{{\n    public sealed class Client{c}\n    {{\n");
                for (int s = c * SitesPerClass; s < Math.Min(sites, (c + 1) * SitesPerClass); s++)
                {
                    AppendSite(b, s);
                }

                b.Append("    }\n}\n");
                File.WriteAllText(Path.Combine(root, ProjectName(p), $"Client{c:0000}.cs"), b.ToString());
            }
        }

        private static void AppendSite(StringBuilder b, int s)
        {
            switch (s % Ids.Length)
            {
                case 0: // CTM004: retired model id
                    b.Append($"        public const string Model{s} = \"claude-2.1\";\n\n");
                    break;
                case 1: // CTM006: legacy stop_reason meaning
                    b.Append($"        public static bool Finished{s}(string stopReason) => stopReason == \"stop_sequence\";\n\n");
                    break;
                case 2: // CTM008: legacy API version header
                    b.Append($"        public static void Configure{s}(HttpClient client) => client.DefaultRequestHeaders.Add(\"anthropic-version\", \"2023-01-01\");\n\n");
                    break;
                case 3: // CTM009: "\n\nHuman:" stop sequence
                    b.Append($"        public static object Body{s}(string model, string prompt) => new {{ model, prompt, max_tokens_to_sample = 300, stop_sequences = new[] {{ \"\\n\\nHuman:\", \"###\" }} }};\n\n");
                    break;
                default: // CTM012: sampling parameter the model rejects
                    b.Append($"        public static object Request{s}(object[] messages) => new {{ model = \"claude-opus-4-8\", max_tokens = 512, messages, temperature = 0.2 }};\n\n");
                    break;
            }
        }

        /// <summary>Compiles each project in process and counts the benchmark's CTM diagnostics and compiler errors.</summary>
        private static async Task<(int Errors, Dictionary<string, int> Counts)> CountAsync(string root, int projects, DotNetSdk sdk)
        {
            MetadataReference[] references = sdk.ReferenceAssemblies().References;
            ImmutableArray<DiagnosticAnalyzer> analyzers = OverheadHarness.CtmAnalyzers();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            int errors = 0;
            for (int p = 0; p < projects; p++)
            {
                SyntaxTree[] trees = Directory.GetFiles(Path.Combine(root, ProjectName(p)), "*.cs")
                    .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), f))
                    .ToArray();
                CSharpCompilation compilation = CSharpCompilation.Create(ProjectName(p), trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                errors += compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                ImmutableArray<Diagnostic> found = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
                foreach (Diagnostic diagnostic in found.Where(d => Ids.Contains(d.Id)))
                {
                    counts[diagnostic.Id] = counts.GetValueOrDefault(diagnostic.Id) + 1;
                }
            }

            return (errors, counts);
        }

        private static double Median(List<double> values)
        {
            double[] sorted = values.OrderBy(x => x).ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        private sealed record ProcessResult(int ExitCode, double Seconds, string Output);

        private static ProcessResult Execute(string fileName, string arguments, string workingDirectory)
        {
            var info = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            var clock = Stopwatch.StartNew();
            using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            double seconds = clock.Elapsed.TotalSeconds;
            return new ProcessResult(process.ExitCode, seconds, stdout.Result + stderr.Result);
        }
    }
}
