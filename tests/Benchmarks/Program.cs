using System;
using System.Linq;
using System.Threading.Tasks;
using Benchmarks.AnalyzerOverhead;
using Benchmarks.FixAll;
using BenchmarkDotNet.Running;

namespace Benchmarks
{
    /// <summary>
    /// <c>analyzers [options]</c>: analyzer overhead harness; <c>fixall [options]</c>: Fix All benchmark;
    /// <c>shim [BenchmarkDotNet args]</c> or any other arguments: the BenchmarkDotNet switcher (shim benchmarks).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string command = args.Length > 0 ? args[0] : string.Empty;
            string[] rest = args.Skip(1).ToArray();
            switch (command)
            {
                case "analyzers":
                    return await OverheadHarness.RunAsync(rest).ConfigureAwait(false);
                case "fixall":
                    return await FixAllBenchmark.RunAsync(rest).ConfigureAwait(false);
                case "generate":
                    return SyntheticCodeBase.Run(rest);
                case "shim":
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
                    return 0;
                case "-h":
                case "--help":
                case "help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                    return 0;
            }
        }

        internal const string Usage =
            "Usage (from the repository root):\n" +
            "  dotnet run -c Release --project tests/Benchmarks -- analyzers [--source <folder>] [--generate <lines>] [--runs <n>] [--warmup-files <n>] [--no-netanalyzers] [--exclude-netanalyzers <A,B>]\n" +
            "      analyzer overhead: compiler time, each CTM analyzer, NetAnalyzers per analyzer (default: generate 300,000 lines)\n" +
            "  dotnet run -c Release --project tests/Benchmarks -- analyzers --source <folder> --repeat <n> [--only CTM003,CTM004] [--baseline <CompletionsToMessages.Analyzers.dll>] [--callbacks]\n" +
            "      focused: CTM analyzers only, n passes on one parse, per-rule medians; --baseline alternates passes with another build; --callbacks times each callback\n" +
            "  dotnet run -c Release --project tests/Benchmarks -- fixall [--sites <n>] [--projects <n>] [--runs <n>] [--keep <folder>]\n" +
            "      dotnet format: Fix All of the CTM004/006/008/009/012 sites vs the no-fix run\n" +
            "  dotnet run -c Release --project tests/Benchmarks -- generate --out <folder> [--lines <n>]\n" +
            "      only write the synthetic code base\n" +
            "  dotnet run -c Release --project tests/Benchmarks -- shim [BenchmarkDotNet arguments]   (or BenchmarkDotNet arguments alone)\n" +
            "      the shim benchmarks (docs/shim.md)";
    }
}
