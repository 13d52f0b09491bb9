using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Tests.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace CompletionsToMessages.Tests.Robustness
{
    /// <summary>
    /// Inputs real code bases contain and analyzers tend to choke on: megabyte string literals, deeply nested
    /// interpolations and concatenations, broken syntax, and many documents analyzed concurrently. Any analyzer
    /// exception or AD0001 fails; where the input is still legacy usage, the finding must still be there.
    /// </summary>
    public class StressInputTests
    {
        private const int OneMegabyte = 1024 * 1024;
        private const int Depth = 500;

        [Fact]
        public async Task MegabytePromptLiteral_IsAnalyzed()
        {
            string filler = new string('x', OneMegabyte);
            string source = $$"""
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;

                static class Big
                {
                    public static Task<HttpResponseMessage> Send(HttpClient http) => http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = "claude-2.1",
                        prompt = "\n\nHuman: {{filler}}\n\nAssistant:",
                        max_tokens_to_sample = 300,
                    });
                }
                """;

            ImmutableArray<Diagnostic> found = await AnalyzeCleanlyAsync(source);
            Assert.Contains(found, d => d.Id == "CTM001");
            Assert.Contains(found, d => d.Id == "CTM002");
            Assert.Contains(found, d => d.Id == "CTM003");
        }

        [Fact]
        public async Task MegabyteJsonAndRawLiterals_AreAnalyzed()
        {
            string filler = new string('y', OneMegabyte);
            string source = $$""""
                static class Big
                {
                    public const string Json = "{\"model\": \"claude-2\", \"prompt\": \"\\n\\nHuman: {{filler}}\\n\\nAssistant:\", \"max_tokens_to_sample\": 10}";
                    public const string Raw = """
                        {"model": "claude-instant-1.2", "max_tokens_to_sample": 5, "prompt": "{{filler}}"}
                        """;
                    public const string Plain = "{{filler}}";
                }
                """";

            ImmutableArray<Diagnostic> found = await AnalyzeCleanlyAsync(source);
            Assert.Contains(found, d => d.Id == "CTM002");
        }

        /// <remarks>
        /// Roslyn's own binder is exponential in interpolated-string nesting (measured on this machine: depth 20 binds
        /// in 4 s, 22 in 15 s, 24 in 55 s), so no compiler — and so no analyzer driver — finishes a depth-500 nesting.
        /// The full analyzer run therefore uses a depth the compiler binds quickly; the depth-500 case exercises the
        /// analyzers' own recursive reading of interpolations (the prompt reader, and the outermost-expression walk from every level)
        /// directly on the syntax, which is where a stack overflow or exception of ours would come from.
        /// </remarks>
        [Fact]
        public async Task NestedInterpolations_AreAnalyzed()
        {
            string source = "static class Deep { static string P(string name) => $\"\\n\\nHuman: {" + NestedInterpolation(12) + "}\\n\\nAssistant:\"; }";
            ImmutableArray<Diagnostic> found = await AnalyzeCleanlyAsync(source);
            Assert.Contains(found, d => d.Id == "CTM003");
        }

        [Fact]
        public void InterpolationsNested500Deep_AreReadWithoutOverflow()
        {
            string source = "static class Deep { static string P(string name) => $\"\\n\\nHuman: {" + NestedInterpolation(Depth) + "}\\n\\nAssistant:\"; }";
            SyntaxNode root = AnalyzerRun.Parse(source, "/src/Deep.cs").GetRoot();
            var interpolations = root.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>().ToList();
            Assert.Equal(Depth + 1, interpolations.Count);

            var pieces = PromptSyntax.GetPieces(interpolations[0], model: null, CancellationToken.None);
            Assert.True(PromptSyntax.HasMarker(pieces));
            foreach (InterpolatedStringExpressionSyntax inner in interpolations)
            {
                StringSyntax.Outermost(inner);
                PromptSyntax.GetPieces(inner, model: null, CancellationToken.None);
            }
        }

        /// <summary><c>$"a{$"a{ … name … }"}"</c>, <paramref name="depth"/> levels.</summary>
        private static string NestedInterpolation(int depth)
        {
            var builder = new StringBuilder();
            builder.Insert(0, "$\"a{", depth);
            builder.Append("name");
            for (int i = 0; i < depth; i++)
            {
                builder.Append("}\"");
            }

            return builder.ToString();
        }

        [Fact]
        public async Task DeepConcatenations_AreAnalyzed()
        {
            // Left-deep: "\n\nHuman: " + a + "x" + a + "x" … (Depth operators) + "\n\nAssistant:".
            var flat = new StringBuilder("\"\\n\\nHuman: \"");
            for (int i = 0; i < Depth; i++)
            {
                flat.Append(i % 2 == 0 ? " + a" : " + \"x\"");
            }

            flat.Append(" + \"\\n\\nAssistant:\"");

            // Right-deep through parentheses: "\n\nHuman: " + (a + (a + ( … ))) + "\n\nAssistant:".
            var nested = new StringBuilder("\"\\n\\nHuman: \" + ");
            for (int i = 0; i < Depth; i++)
            {
                nested.Append("(a + ");
            }

            nested.Append("a").Append(')', Depth).Append(" + \"\\n\\nAssistant:\"");

            string source = $$"""
                static class Deep
                {
                    static string Flat(string a) => {{flat}};
                    static string Nested(string a) => {{nested}};
                }
                """;

            ImmutableArray<Diagnostic> found = await AnalyzeCleanlyAsync(source);
            Assert.Equal(2, found.Count(d => d.Id == "CTM003"));
        }

        public static IEnumerable<object[]> BrokenInputs() => new[]
        {
            new object[] { "class C { void M(HttpClient h) { h.PostAsync(\"https://api.anthropic.com/v1/complete\", new { prompt = \"\\n\\nHuman: hi\\n\\nAssistant:\", max_tokens_to_sample = ", "" },
            new object[] { "class C { object B = new { model = \"claude-2\", prompt = $\"\\n\\nHuman: {q\\n\\nAssistant:\", max_tokens_to_sample = 1 }; }", "" },
            new object[] { "class C { string s = \"\\n\\nHuman: \" + + \"\\n\\nAssistant:\" + ; }", "" },
            new object[] { "class { { { \"anthropic-version\", \"2023-01-01\" } stop_reason == \"stop_sequence\" ))) ]]] $\"{{{{\" \"\"\" ", "" },
            new object[] { "var x = new Dictionary<string, object> { [\"max_tokens_to_sample\"] = , [\"prompt\"] = $@\"\n\nHuman: {", "" },
            new object[] { "using Anthropic.SDK; class C { async void M() { await client.Completions.GetClaudeCompletionAsync(new SamplingParameters { Prompt = AnthropicSignals.HumanSignal + ", "" },
            new object[] { "#if DEBUG\nclass C { string s = \"\\n\\nHuman: x\\n\\nAssistant:\"; \n#else\nclass C { \n#endif\n dynamic d = null; var c = d.completion; }", "" },
        };

        [Theory]
        [MemberData(nameof(BrokenInputs))]
        public async Task BrokenSyntax_DoesNotThrow(string source, string suffix)
        {
            await AnalyzeCleanlyAsync(source + suffix, compilerErrorsAllowed: true);
        }

        [Fact]
        public async Task Fixes_OnBrokenInputsAndSampleTruncations_DoNotThrow()
        {
            // dotnet format swallows fixer exceptions and moves on, so a throwing fix would silently fix nothing:
            // every fix runs (Fix All, Solution scope) over the broken inputs above and over cuts of every sample
            // file. FixAllRunner lets any exception of a provider through.
            var inputs = new List<IReadOnlyList<string>>();
            foreach (object[] row in BrokenInputs())
            {
                inputs.Add(new[] { (string)row[0] + (string)row[1] });
            }

            foreach (TruncationTests.Sample sample in TruncationTests.Sample.All())
            {
                foreach (TruncationTests.SampleFile file in sample.Files)
                {
                    for (int length = 0; length <= file.Text.Length; length += 97)
                    {
                        inputs.Add(new[] { file.Text.Substring(0, length) });
                    }

                    inputs.Add(new[] { file.Text });
                }
            }

            var failures = new List<string>();
            foreach (IReadOnlyList<string> input in inputs)
            {
                try
                {
                    await FixAllRunner.ApplyAsync(input, FixAllRunner.FixableIds);
                }
                catch (Exception exception)
                {
                    failures.Add($"{exception.GetType().Name}: {exception.Message} on input starting {input[0].Substring(0, Math.Min(80, input[0].Length))}");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {inputs.Count} inputs made a fix throw:\n" + string.Join("\n", failures.Take(5)));
        }

        [Fact]
        public async Task ConcurrentAnalysisOfManyDocuments_EqualsSequentialAnalysis()
        {
            // Every sample file, many times over under different paths, in one compilation: the analyzers run with
            // concurrent execution over ~100 documents, and the result must be exactly the sequential one.
            var trees = new List<SyntaxTree>();
            IReadOnlyList<TruncationTests.Sample> samples = TruncationTests.Sample.All();
            for (int copy = 0; copy < 8; copy++)
            {
                foreach (TruncationTests.Sample sample in samples)
                {
                    foreach (TruncationTests.SampleFile file in sample.Files)
                    {
                        // Each copy in its own namespace so the types do not collide.
                        string text = $"namespace Copy{copy}\n{{\n{StripFileScopedNamespace(file.Text)}\n}}\n";
                        trees.Add(AnalyzerRun.Parse(text, $"/copies/{copy}/{sample.Name}/{System.IO.Path.GetFileName(file.Path)}"));
                    }
                }
            }

            CSharpCompilation compilation = AnalyzerRun.EmptyCompilation
                .WithOptions(AnalyzerRun.EmptyCompilation.Options.WithOutputKind(OutputKind.DynamicallyLinkedLibrary))
                .AddSyntaxTrees(trees);

            AnalyzerRun.Outcome sequential = await AnalyzerRun.AnalyzeAsync(compilation, CancellationToken.None, concurrent: false);
            Assert.Empty(sequential.Failures);
            Assert.NotEmpty(sequential.CtmDiagnostics);

            for (int run = 0; run < 3; run++)
            {
                AnalyzerRun.Outcome concurrent = await AnalyzerRun.AnalyzeAsync(compilation, CancellationToken.None, concurrent: true);
                Assert.Empty(concurrent.Failures);
                Assert.Equal(Describe(sequential.CtmDiagnostics), Describe(concurrent.CtmDiagnostics));
            }
        }

        private static string StripFileScopedNamespace(string text)
        {
            // Samples may use a file-scoped namespace, which cannot sit inside a block namespace.
            var lines = text.Split('\n').Select(line => line.TrimStart().StartsWith("namespace ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(";", StringComparison.Ordinal) ? "// " + line : line);
            return string.Join("\n", lines);
        }

        private static IReadOnlyList<string> Describe(ImmutableArray<Diagnostic> diagnostics) => diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath} {d.Location.SourceSpan} {d.Severity} {d.GetMessage()}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeCleanlyAsync(string source, bool compilerErrorsAllowed = false)
        {
            CSharpCompilation compilation = AnalyzerRun.EmptyCompilation
                .WithOptions(AnalyzerRun.EmptyCompilation.Options.WithOutputKind(OutputKind.DynamicallyLinkedLibrary))
                .AddSyntaxTrees(AnalyzerRun.Parse(source, "/src/Input.cs"));
            if (!compilerErrorsAllowed)
            {
                Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            AnalyzerRun.Outcome outcome = await AnalyzerRun.AnalyzeAsync(compilation, timeout.Token);
            Assert.True(outcome.Failures.Count == 0, string.Join("\n", outcome.Failures));
            return outcome.CtmDiagnostics;
        }
    }
}
