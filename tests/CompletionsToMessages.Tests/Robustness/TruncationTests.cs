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
    /// Which prefixes (see <see cref="CutPositions"/>): every position was the first plan for files under 4 KB, but
    /// one cut costs 10-25 ms (a compilation plus twelve analyzers) and the samples hold ~19,500 characters, i.e.
    /// several minutes on two cores. So the cuts are chosen where the syntax changes: at the start, one character
    /// into and at the end of every token (a missing, a half-typed and a complete token); every second position
    /// inside and within <see cref="LiteralMargin"/> characters of every string literal, interpolated or raw
    /// string (every third in files of <see cref="EveryPositionLimit"/> characters or more) — cuts there leave
    /// unterminated strings, half markers, open holes and JSON text, the inputs the analyzers inspect most
    /// closely; and every <see cref="SparseStride"/>th position elsewhere (whitespace, comments). Compilations
    /// reuse one set of references (the running shared framework, plus Newtonsoft.Json when it is in the NuGet
    /// cache) and run on all cores.
    /// </remarks>
    public sealed class TruncationTests
    {
        private const int EveryPositionLimit = 4 * 1024;
        private const int SparseStride = 32;
        private const int LiteralMargin = 2;

        private readonly ITestOutputHelper _output;

        public TruncationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void CutPositions_CoverBoundariesAndStrings()
        {
            string text = "class C { string s = \"\\n\\nHuman: hi\"; }";
            SortedSet<int> positions = CutPositions(text);
            int literalStart = text.IndexOf('"');
            int literalEnd = text.LastIndexOf('"') + 1;
            Assert.Contains(0, positions);
            Assert.Contains(text.Length, positions);
            Assert.All(Enumerable.Range(0, (literalEnd - literalStart) / 2 + 1).Select(i => literalStart + (2 * i)), i => Assert.Contains(i, positions));
            Assert.Contains(literalEnd, positions);
            _output.WriteLine("sample cut counts: " + string.Join(", ", Sample.All().SelectMany(s => s.Files).Select(f => $"{Path.GetFileName(Path.GetDirectoryName(f.Path))}/{Path.GetFileName(f.Path)} {f.Text.Length} chars -> {CutPositions(f.Text).Count}")));
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
                    foreach (int length in CutPositions(file.Text))
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

        /// <summary>The lengths at which a file is cut (see the class remarks).</summary>
        internal static SortedSet<int> CutPositions(string text)
        {
            var positions = new SortedSet<int> { 0, text.Length };
            SyntaxNode root = CSharpSyntaxTree.ParseText(text, AnalyzerRun.ParseOptions).GetRoot();

            // Everywhere: just before, just inside and just after every token (a missing, a half-typed and a
            // complete token), and a sparse sample of the rest (identifier interiors, whitespace, comments).
            foreach (SyntaxToken token in root.DescendantTokens(descendIntoTrivia: true))
            {
                positions.Add(token.SpanStart);
                positions.Add(token.Span.End);
                if (token.Span.Length > 2)
                {
                    positions.Add(token.SpanStart + 1);
                }
            }

            for (int i = 0; i <= text.Length; i += SparseStride)
            {
                positions.Add(i);
            }

            // Strings (plain, verbatim, raw, interpolated, UTF-8): every second position inside and around them in
            // files under EveryPositionLimit, every third one in larger files.
            int step = text.Length < EveryPositionLimit ? 2 : 3;
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                if (node is LiteralExpressionSyntax literal && (literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression))
                    || node is InterpolatedStringExpressionSyntax)
                {
                    for (int i = Math.Max(0, node.SpanStart - LiteralMargin); i <= Math.Min(text.Length, node.Span.End + LiteralMargin); i += step)
                    {
                        positions.Add(i);
                    }
                }
            }

            return positions;
        }

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
