using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace CompletionsToMessages.Tests.Robustness
{
    /// <summary>
    /// "No analyzer throws on any input, including half-typed code": every sample file, cut off at many positions,
    /// is compiled with the sample's other files and analyzed by every analyzer of the assembly. Any analyzer
    /// exception (reported through <c>onAnalyzerException</c> or as AD0001) fails the test.
    /// </summary>
    /// <remarks>
    /// Every prefix: each file is cut at every position from 0 to its length (about 19,500 cuts over the six
    /// samples). A cut costs a compilation plus twelve analyzers, so the sample's other files are parsed once and
    /// shared, and the cuts run on all cores; measured on 2 cores, idle machine: a few minutes.
    /// </remarks>
    public sealed class TruncationTests
    {

        private readonly ITestOutputHelper _output;

        public TruncationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void AnalyzerAssembly_ProvidesEveryRule()
        {
            var ids = AnalyzerRun.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
            for (int i = 1; i <= 12; i++)
            {
                Assert.Contains($"CTM{i:000}", ids);
            }
        }

        [Fact]
        public async Task CompleteSamples_AreAnalyzed_AndProduceFindings()
        {
            // Guards the harness itself: if the analyzers did not run on these compilations, the truncation test
            // below would pass without proving anything.
            foreach (Sample sample in Sample.All())
            {
                CSharpCompilation compilation = AnalyzerRun.EmptyCompilation.AddSyntaxTrees(sample.Files.Select(f => AnalyzerRun.Parse(f.Text, f.Path)));
                AnalyzerRun.Outcome outcome = await AnalyzerRun.AnalyzeAsync(compilation, CancellationToken.None);
                Assert.Empty(outcome.Failures);
                Assert.True(outcome.CtmDiagnostics.Length > 0, $"No CTM diagnostic in the complete sample {sample.Name}.");
            }
        }

        [Fact]
        public async Task EveryPrefixOfEverySampleFile_AnalyzesWithoutAnalyzerExceptions()
        {
            var stopwatch = Stopwatch.StartNew();
            var work = new List<(Sample Sample, SampleFile File, int Length)>();
            foreach (Sample sample in Sample.All())
            {
                foreach (SampleFile file in sample.Files)
                {
                    for (int length = 0; length <= file.Text.Length; length++)
                    {
                        work.Add((sample, file, length));
                    }
                }
            }

            Assert.NotEmpty(work);
            var failures = new ConcurrentQueue<string>();
            var baseCompilations = new ConcurrentDictionary<(string, string), CSharpCompilation>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));

            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = timeout.Token },
                async (item, cancellationToken) =>
                {
                    // The sample's other files stay complete so that cross-file types (DTOs, clients) still bind.
                    CSharpCompilation others = baseCompilations.GetOrAdd(
                        (item.Sample.Name, item.File.Path),
                        _ => AnalyzerRun.EmptyCompilation.AddSyntaxTrees(item.Sample.Files.Where(f => f != item.File).Select(f => AnalyzerRun.Parse(f.Text, f.Path))));
                    CSharpCompilation compilation = others.AddSyntaxTrees(AnalyzerRun.Parse(item.File.Text.Substring(0, item.Length), item.File.Path));
                    AnalyzerRun.Outcome outcome = await AnalyzerRun.AnalyzeAsync(compilation, cancellationToken);
                    foreach (string failure in outcome.Failures)
                    {
                        failures.Enqueue($"{item.Sample.Name}/{Path.GetFileName(item.File.Path)} cut at {item.Length}: {failure}");
                    }
                });

            _output.WriteLine($"{work.Count} truncations of {work.Select(w => w.File.Path).Distinct().Count()} files analyzed by {AnalyzerRun.Analyzers.Length} analyzers in {stopwatch.Elapsed.TotalSeconds:F1} s");
            Assert.True(failures.IsEmpty, $"{failures.Count} analyzer failures; first ones:\n" + string.Join("\n\n", failures.Take(5)));
        }

        [Theory]
        [InlineData("Client.g.cs", "")]
        [InlineData("Client.designer.cs", "")]
        [InlineData("Client.cs", "// <auto-generated/>\n")]
        [InlineData("Client.cs", "// <auto-generated>\n//     This code was generated by a tool.\n// </auto-generated>\n")]
        public async Task GeneratedCode_ProducesNoCtmDiagnostics(string fileName, string header)
        {
            CSharpCompilation generated = AnalyzerRun.EmptyCompilation.AddSyntaxTrees(AnalyzerRun.Parse(header + LegacyClient, "/src/" + fileName));
            AnalyzerRun.Outcome outcome = await AnalyzerRun.AnalyzeAsync(generated, CancellationToken.None);
            Assert.Empty(outcome.Failures);
            Assert.Empty(outcome.CtmDiagnostics);

            // The same code in an ordinary file is reported, so the silence above is the generated-code rule at work.
            CSharpCompilation handWritten = AnalyzerRun.EmptyCompilation.AddSyntaxTrees(AnalyzerRun.Parse(LegacyClient, "/src/Client.cs"));
            Assert.True((await AnalyzerRun.AnalyzeAsync(handWritten, CancellationToken.None)).CtmDiagnostics.Length >= 4);
        }

        private const string LegacyClient = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;

            public static class LegacyClient
            {
                public static async Task<string?> AskAsync(HttpClient http, string question)
                {
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-01-01");
                    var body = new
                    {
                        model = "claude-2.1",
                        prompt = "\n\nHuman: " + question + "\n\nAssistant:",
                        max_tokens_to_sample = 300,
                    };
                    using HttpResponseMessage response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", body);
                    using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    return document.RootElement.GetProperty("completion").GetString();
                }
            }
            """;

        internal sealed record SampleFile(string Path, string Text);

        internal sealed record Sample(string Name, IReadOnlyList<SampleFile> Files)
        {
            public static IReadOnlyList<Sample> All()
            {
                string samples = Path.Combine(AnalyzerRun.RepositoryRoot(), "samples");
                var result = new List<Sample>();
                foreach (string directory in Directory.GetDirectories(samples).OrderBy(d => d, StringComparer.Ordinal))
                {
                    string[] files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
                        .Where(f => !IsBuildOutput(directory, f))
                        .OrderBy(f => f, StringComparer.Ordinal)
                        .ToArray();
                    if (files.Length > 0)
                    {
                        result.Add(new Sample(Path.GetFileName(directory), files.Select(f => new SampleFile(f, File.ReadAllText(f))).ToList()));
                    }
                }

                Assert.True(result.Count >= 6, $"Expected the six samples under {samples}, found {result.Count}.");
                return result;
            }

            private static bool IsBuildOutput(string sampleDirectory, string file)
            {
                string relative = Path.GetRelativePath(sampleDirectory, file).Replace('\\', '/');
                return relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal);
            }
        }
    }
}
