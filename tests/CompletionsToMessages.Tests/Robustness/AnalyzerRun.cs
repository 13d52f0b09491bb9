using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Tests.Robustness
{
    /// <summary>
    /// Runs every analyzer of the analyzer assembly over a compilation outside the verifier, collecting analyzer
    /// exceptions (the <c>onAnalyzerException</c> callback and AD0001) as failures. Compilations reference the
    /// shared framework the tests run on plus Newtonsoft.Json when the NuGet cache has it.
    /// </summary>
    internal static class AnalyzerRun
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(CtmAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        private static readonly Lazy<CSharpCompilation> Empty = new Lazy<CSharpCompilation>(CreateEmptyCompilation);

        /// <summary>A console-application compilation with references and no syntax trees.</summary>
        public static CSharpCompilation EmptyCompilation => Empty.Value;

        /// <summary>The references of <see cref="EmptyCompilation"/>, for workspaces.</summary>
        public static IEnumerable<MetadataReference> References => Empty.Value.References;

        public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

        public static async Task<Outcome> AnalyzeAsync(Compilation compilation, CancellationToken cancellationToken, bool concurrent = false)
        {
            var failures = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => failures.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = new CompilationWithAnalyzers(compilation, Analyzers, options);
            ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (diagnostic.Id == "AD0001")
                {
                    failures.Enqueue(diagnostic.ToString());
                }
            }

            return new Outcome(failures.ToList(), diagnostics.Where(d => d.Id.StartsWith("CTM", StringComparison.Ordinal)).ToImmutableArray());
        }

        /// <summary>The repository root (the folder holding Analyzers.sln).</summary>
        public static string RepositoryRoot()
        {
            for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
        }

        private static CSharpCompilation CreateEmptyCompilation()
        {
            // The shared framework the tests run on (implementation assemblies serve as references), plus
            // Microsoft.CSharp for 'dynamic' — all in the TPA list.
            string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                            || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll")
                .Where(IsManagedAssembly)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList();

            // Newtonsoft.Json when the NuGet cache has it; without it JObject is an error type, which is a valid
            // input for the robustness tests too.
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                              ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string newtonsoft = Path.Combine(packages, "newtonsoft.json", "13.0.3", "lib", "netstandard2.0", "Newtonsoft.Json.dll");
            if (File.Exists(newtonsoft))
            {
                references.Add(MetadataReference.CreateFromFile(newtonsoft));
            }

            return CSharpCompilation.Create(
                "Robustness",
                syntaxTrees: null,
                references,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        }

        private static bool IsManagedAssembly(string path)
        {
            try
            {
                AssemblyName.GetAssemblyName(path);
                return true;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }

        internal sealed record Outcome(IReadOnlyList<string> Failures, ImmutableArray<Diagnostic> CtmDiagnostics);
    }
}
