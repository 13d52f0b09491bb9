using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Tests.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace CompletionsToMessages.Tests.Robustness
{
    /// <summary>
    /// "No analyzer throws on any input, including half-typed code", over the test inputs: the C# sources embedded
    /// in the rule and code fix tests (<see cref="TestInputs"/>), cut off at many positions. Every CTM analyzer runs
    /// over each cut; the code fixes run over a stride of cuts. Any exception or AD0001 fails, naming the input
    /// (test file, line, first line of the source) and the cut offset.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Measured on this machine (2 cores, near idle, 2026-12-06): 633 inputs, 227,177 characters. Every character
    /// prefix is 227,810 cuts, fewer of them distinct (inputs share their <c>using</c> lines, and a theory's rows share
    /// everything before the hole; 128,478 of 160,247 when there were 498 inputs). A cut costs about 1 ms of wall time
    /// there (compilation + 12 analyzers; the pass below), so every distinct prefix would be several minutes — more than
    /// the budget of this pass, and double on a loaded machine. So the pass cuts where half-typed input
    /// differs in what the analyzers see:
    /// </para>
    /// <list type="bullet">
    /// <item>at the start and the end of every token, including the tokens of preprocessor directives (every
    /// complete-token state of the file, with and without the trivia that follows a token);</item>
    /// <item>at every character inside string, character and interpolation tokens (regular, verbatim, raw,
    /// interpolated starts, text and ends) — where the analyzers read content: half-typed markers
    /// (<c>"\n\nHum</c>), URLs, model ids, JSON text, escapes cut in the middle, raw-string quote runs and
    /// interpolation braces;</item>
    /// <item>each distinct prefix once (the first input that has it is named).</item>
    /// </list>
    /// <para>
    /// Left out: cuts inside identifiers, keywords, numbers, operators and comments. A cut inside an identifier or
    /// keyword leaves a shorter identifier in the same position as the cut after the whole token (the rules compare
    /// names ordinally, so a prefix is one more non-matching name); a cut in whitespace or a comment leaves the same
    /// tokens as the neighbouring token boundary. That is 89,633 distinct cuts, 82 s on 2 near-idle cores (with 498
    /// inputs: 65,095 cuts, 142 s wall at load average 5–9). <c>CTM_TRUNCATION_EVERY_PREFIX=1</c> runs
    /// every distinct character prefix instead.
    /// </para>
    /// <para>
    /// Fixes: every cut at a multiple of <see cref="FixStride"/> characters and every complete input, like
    /// <c>StressInputTests</c>; for every CTM diagnostic of the cut whose rule has a fix provider, the provider's
    /// <c>RegisterCodeFixesAsync</c> runs and its first action is applied (operations computed, the changed
    /// document's text read). Any exception fails. Measured: 5,138 distinct cuts, 5,532 diagnostics with a fix
    /// provider, 3,452 first actions applied, 7.7 s on 2 near-idle cores.
    /// </para>
    /// </remarks>
    public sealed class TestInputTruncationTests
    {
        /// <summary>Characters between the cuts the code fixes run on.</summary>
        private const int FixStride = 41;

        /// <summary>Longer than any single cut takes on a loaded machine: a cut still running then is a hang.</summary>
        private static readonly TimeSpan PerCutLimit = TimeSpan.FromSeconds(60);

        private static readonly TimeSpan OverallLimit = TimeSpan.FromMinutes(20);

        private static readonly CSharpCompilation Library = AnalyzerRun.EmptyCompilation
            .WithOptions(AnalyzerRun.EmptyCompilation.Options.WithOutputKind(OutputKind.DynamicallyLinkedLibrary));

        private readonly ITestOutputHelper _output;

        public TestInputTruncationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        // ---------------------------------------------------------------- the collector

        [Fact]
        public void Collector_FindsTheSourcesOfEveryTestFile()
        {
            IReadOnlyList<TestInput> inputs = TestInputs.All;
            _output.WriteLine($"{inputs.Count} test inputs, {inputs.Sum(i => i.Text.Length)} characters, from {TestInputs.SourceFiles.Count} files");
            foreach (IGrouping<string, TestInput> file in inputs.GroupBy(i => i.File))
            {
                _output.WriteLine($"  {file.Key}: {file.Count()} inputs, {file.Sum(i => i.Text.Length)} characters");
            }

            _output.WriteLine($"interpolated sources not expanded: {TestInputs.SkippedInterpolations.Count} {string.Join(", ", TestInputs.SkippedInterpolations)}");

            // Every rule's test file, and every code fix test file, contributes sources; each of those files has at
            // least eleven today.
            for (int rule = 1; rule <= 12; rule++)
            {
                string file = $"Rules/CTM{rule:000}Tests.cs";
                Assert.Contains(file, TestInputs.SourceFiles);
                Assert.True(inputs.Count(i => i.File == file) >= 5, $"Only {inputs.Count(i => i.File == file)} inputs found in {file}.");
            }

            foreach (string file in TestInputs.SourceFiles.Where(f => f.StartsWith("CodeFixes/", StringComparison.Ordinal) && f.EndsWith("Tests.cs", StringComparison.Ordinal)))
            {
                Assert.True(inputs.Count(i => i.File == file) >= 3, $"Only {inputs.Count(i => i.File == file)} inputs found in {file}.");
            }

            Assert.True(inputs.Count >= 400, $"Only {inputs.Count} test inputs found.");
            Assert.Equal(inputs.Count, inputs.Select(i => i.Text).Distinct(StringComparer.Ordinal).Count());
            Assert.Empty(TestInputs.SkippedInterpolations);
            Assert.All(inputs, i => Assert.DoesNotMatch(@"\{\|[^:|\[\]{}\s]+:|\[\|", i.Text));
        }

        [Fact]
        public void Collector_TakesEveryLiteralWithDiagnosticMarkup()
        {
            // The literals that mark a diagnostic ({|CTM002:…|}, {|#0:…|}, [|…|]) are sources by definition; if the heuristic rejected one of
            // them, the collector would be losing inputs.
            var texts = TestInputs.All.Select(i => i.Text).ToHashSet(StringComparer.Ordinal);
            int marked = 0;
            foreach (string file in TestInputs.SourceFiles)
            {
                SyntaxNode root = CSharpSyntaxTree.ParseText(System.IO.File.ReadAllText(System.IO.Path.Combine(TestInputs.ProjectDirectory, file)), AnalyzerRun.ParseOptions).GetRoot();
                foreach (MarkedLiteral literal in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>()
                             .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression) && (l.Token.ValueText.Contains("{|", StringComparison.Ordinal) || l.Token.ValueText.Contains("[|", StringComparison.Ordinal)))
                             .Select(l => new MarkedLiteral(file, l.GetLocation().GetLineSpan().StartLinePosition.Line + 1, l.Token.ValueText)))
                {
                    marked++;
                    Assert.True(texts.Contains(TestInputs.StripMarkup(literal.Value)), $"The marked-up literal at {literal.File}:{literal.Line} is not among the inputs.");
                }
            }

            _output.WriteLine($"{marked} literals with diagnostic markup, all collected");
            Assert.True(marked >= 250, $"Only {marked} marked-up literals found.");
        }

        [Theory]
        [InlineData("class C { string s = {|CTM004:\"claude-2\"|}; }", "class C { string s = \"claude-2\"; }")]
        [InlineData("class C { object b = new { {|#0:max_tokens_to_sample|} = 1 }; }", "class C { object b = new { max_tokens_to_sample = 1 }; }")]
        [InlineData("class C { string u = {|CTM001:{|#1:\"/v1/complete\"|}|}; }", "class C { string u = \"/v1/complete\"; }")]
        [InlineData("class C { int x = [|1|] + $$2; }", "class C { int x = 1 + 2; }")]
        [InlineData("class C { bool B(bool a, int b, int[] c) => a || b | 1 > 0 && c is [1, ..] && c is { Length: > 0 }; }", "class C { bool B(bool a, int b, int[] c) => a || b | 1 > 0 && c is [1, ..] && c is { Length: > 0 }; }")]
        public void StripMarkup_RemovesTheTestingMarkupOnly(string markup, string expected)
        {
            Assert.Equal(expected, TestInputs.StripMarkup(markup));
        }

        [Theory]
        [InlineData("class C { }", true)]
        [InlineData("namespace N;", true)]
        [InlineData("record R(string Model);", true)]
        [InlineData("class C { object B = new { prompt = \"\\n\\nHuman: hi\\n\\nAssistant:\", max_tokens_to_sample = ", true)]
        [InlineData("private static readonly string Endpoint = \"https://api.anthropic.com/v1/messages\";", true)]
        [InlineData("https://api.anthropic.com/v1/complete", false)]
        [InlineData("claude-2.1", false)]
        [InlineData("completions_to_messages.model_successors = claude-2=claude-sonnet-4-6\n", false)]
        [InlineData("\n\nHuman: Hello\n\nAssistant:", false)]
        [InlineData(" compiler errors, first ", false)]
        [InlineData("Expected at least the fixes for CTM001, CTM002, CTM004.", false)]
        [InlineData("stopReason == \"stop_sequence\"", false)]
        public void DeclaresSomething_TellsSourcesFromOtherLiterals(string text, bool expected)
        {
            Assert.Equal(expected, TestInputs.DeclaresSomething(text));
        }

        [Fact]
        public void Read_ExpandsTheoryRows_AndSkipsWhatItCannotFill()
        {
            const string testFile = """"
                class T
                {
                    [Theory]
                    [InlineData("claude-2")]
                    [InlineData("claude-opus-4-8")]
                    public Task Rows(string model) => Verify.VerifyAsync($$"""
                        class C { string M = {|CTM004:"{{model}}"|}; }
                        """);

                    public Task Local()
                    {
                        string model = "claude-2";
                        return Verify.VerifyAsync($$"""
                            class C { string M = "{{model}}"; }
                            """);
                    }

                    public Task Plain() => Verify.VerifyAsync("class D { int max_tokens_to_sample = [|1|]; }", "claude-2", $"x {1}");

                    private static string Template(string member) => $$"""
                        class E { {{member}} int max_tokens_to_sample = 2; }
                        """;
                }
                """";

            var skipped = new List<string>();
            IReadOnlyList<TestInput> inputs = TestInputs.Read("Rules/T.cs", testFile, skipped);

            Assert.Equal(
                new[] { "class C { string M = \"claude-2\"; }", "class C { string M = \"claude-opus-4-8\"; }", "class D { int max_tokens_to_sample = 1; }", "class E {  int max_tokens_to_sample = 2; }" },
                inputs.Select(i => i.Text));
            Assert.Equal(new[] { 6, 6, 18, 20 }, inputs.Select(i => i.Line));
            Assert.Equal(new[] { "Rules/T.cs:13" }, skipped);
            Assert.Equal("Rules/T.cs:18 \"class D { int max_tokens_to_sample = 1; }\"", inputs[2].ToString());
        }

        // ---------------------------------------------------------------- analyzers over the cuts

        [Fact]
        public async Task EveryTokenBoundaryAndStringCharacterPrefixOfEveryTestInput_AnalyzesWithoutAnalyzerExceptions()
        {
            var stopwatch = Stopwatch.StartNew();
            IReadOnlyList<TestInput> inputs = TestInputs.All;
            // CTM_TRUNCATION_EVERY_PREFIX=1 cuts at every character instead (for a thorough local run; see the remarks).
            bool everyCharacter = Environment.GetEnvironmentVariable("CTM_TRUNCATION_EVERY_PREFIX") == "1";
            List<Cut> cuts = Plan(inputs, everyCharacter ? input => Enumerable.Range(0, input.Text.Length + 1) : AnalyzerCutPositions);
            long everyPrefix = inputs.Sum(i => (long)i.Text.Length + 1);
            Assert.True(cuts.Count > 10_000, $"Only {cuts.Count} cuts planned.");

            var failures = new ConcurrentBag<Failure>();
            var found = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            int done = await RunAsync(cuts, failures, async (cut, cancellationToken) =>
            {
                CSharpCompilation compilation = Library.AddSyntaxTrees(AnalyzerRun.Parse(cut.Text, "/src/Input.cs"));
                AnalyzerRun.Outcome outcome = await AnalyzerRun.AnalyzeAsync(compilation, cancellationToken);
                foreach (Diagnostic diagnostic in outcome.CtmDiagnostics)
                {
                    found.AddOrUpdate(diagnostic.Id, 1, (_, n) => n + 1);
                }

                return outcome.Failures;
            });

            _output.WriteLine($"{inputs.Count} test inputs, {inputs.Sum(i => i.Text.Length)} characters: {everyPrefix} prefixes in all, {cuts.Count} distinct {(everyCharacter ? "character" : "token-boundary and in-string")} cuts analyzed by {AnalyzerRun.Analyzers.Length} analyzers in {stopwatch.Elapsed.TotalSeconds:F1} s");
            _output.WriteLine("CTM diagnostics over all cuts: " + string.Join(", ", found.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} ×{p.Value}")));
            AssertNoFailures(failures, done, cuts.Count);

            // The analyzers really ran over these cuts: every rule reports on some of them.
            for (int rule = 1; rule <= 12; rule++)
            {
                Assert.True(found.ContainsKey($"CTM{rule:000}"), $"No CTM{rule:000} diagnostic on any cut.");
            }
        }

        // ---------------------------------------------------------------- fixes over the cuts

        [Fact]
        public async Task CodeFixesOverCutsOfEveryTestInput_DoNotThrow()
        {
            var stopwatch = Stopwatch.StartNew();
            IReadOnlyList<TestInput> inputs = TestInputs.All;
            List<Cut> cuts = Plan(inputs, input => Enumerable.Range(0, (input.Text.Length / FixStride) + 1).Select(k => k * FixStride).Append(input.Text.Length));

            using var workspace = new AdhocWorkspace();
            ProjectId projectId = ProjectId.CreateNewId();
            DocumentId documentId = DocumentId.CreateNewId(projectId);
            Solution empty = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(
                    projectId,
                    VersionStamp.Default,
                    "Input",
                    "Input",
                    LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                    parseOptions: AnalyzerRun.ParseOptions,
                    metadataReferences: AnalyzerRun.References))
                .AddDocument(documentId, "Input.cs", SourceText.From(string.Empty), filePath: "/src/Input.cs");
            await empty.GetProject(projectId)!.GetCompilationAsync(); // bind the references once; every cut forks from here

            var failures = new ConcurrentBag<Failure>();
            int diagnosticsWithProvider = 0;
            int actionsApplied = 0;
            int done = await RunAsync(cuts, failures, async (cut, cancellationToken) =>
            {
                var problems = new List<string>();
                Solution solution = empty.WithDocumentText(documentId, SourceText.From(cut.Text));
                Document document = solution.GetDocument(documentId)!;
                Compilation compilation = (await document.Project.GetCompilationAsync(cancellationToken))!;
                AnalyzerRun.Outcome outcome = await AnalyzerRun.AnalyzeAsync(compilation, cancellationToken);
                problems.AddRange(outcome.Failures);
                foreach (Diagnostic diagnostic in outcome.CtmDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
                {
                    foreach (CodeFixProvider provider in FixAllRunner.Providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
                    {
                        Interlocked.Increment(ref diagnosticsWithProvider);
                        string step = "RegisterCodeFixesAsync";
                        try
                        {
                            var actions = new List<CodeAction>();
                            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
                            if (actions.Count == 0)
                            {
                                continue;
                            }

                            step = $"applying \"{actions[0].Title}\"";
                            foreach (CodeActionOperation operation in await actions[0].GetOperationsAsync(cancellationToken))
                            {
                                if (operation is ApplyChangesOperation apply)
                                {
                                    foreach (DocumentId changed in apply.ChangedSolution.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                                    {
                                        await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync(cancellationToken);
                                    }
                                }
                            }

                            Interlocked.Increment(ref actionsApplied);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            problems.Add($"{provider.GetType().Name} for {diagnostic.Id} at {diagnostic.Location.SourceSpan}, {step}: {exception}");
                        }
                    }
                }

                return problems;
            });

            _output.WriteLine($"{cuts.Count} distinct cuts (every {FixStride} characters and each complete input) of {inputs.Count} test inputs: {diagnosticsWithProvider} diagnostics with a fix provider, {actionsApplied} first actions applied, in {stopwatch.Elapsed.TotalSeconds:F1} s");
            AssertNoFailures(failures, done, cuts.Count);
            Assert.True(actionsApplied > 100, $"Only {actionsApplied} code actions applied: the fixes did not run on these cuts.");
        }

        [Fact]
        public async Task Harness_NamesTheInputAndOffset_OfAThrowingOrHangingCut()
        {
            // The harness must be able to fail: a check that throws on one cut and never finishes on another is
            // reported with the input's file, line and first line and the cut offset, in cut order.
            var input = new TestInput("Rules/X.cs", 7, "class C { string s = \"\\n\\nHuman:\"; }");
            List<Cut> cuts = Plan(new[] { input }, AnalyzerCutPositions);
            Assert.Contains(cuts, c => c.Length == 10);
            Assert.Contains(cuts, c => c.Length == 24); // inside the string: "class C { string s = \"\\n"

            var failures = new ConcurrentBag<Failure>();
            int done = await RunAsync(
                cuts,
                failures,
                async (cut, cancellationToken) =>
                {
                    if (cut.Length == 10)
                    {
                        throw new InvalidOperationException("boom");
                    }

                    if (cut.Length == 24)
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }

                    return Array.Empty<string>();
                },
                TimeSpan.FromMilliseconds(500));

            var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoFailures(failures, done, cuts.Count));
            _output.WriteLine(exception.Message);
            Assert.Contains("2 failures over 2 cuts", exception.Message);
            int thrown = exception.Message.IndexOf("Rules/X.cs:7 \"class C { string s = \"\\n\\nHuman:\"; }\" cut at 10 of 36 (ends \"…class C { \"): System.InvalidOperationException: boom", StringComparison.Ordinal);
            int hung = exception.Message.IndexOf("cut at 24 of 36 (ends \"…class C { string s = \\\"\\\\n\"): still running after 0.5 s (hang)", StringComparison.Ordinal);
            Assert.True(thrown > 0 && hung > thrown, exception.Message);
        }

        // ---------------------------------------------------------------- harness

        /// <summary>
        /// The analyzer pass's cut positions in an input: both ends of every token (directive tokens included), and
        /// every position inside a string, character or interpolation token. Sorted, distinct.
        /// </summary>
        internal static IEnumerable<int> AnalyzerCutPositions(TestInput input)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(input.Text, AnalyzerRun.ParseOptions).GetRoot();
            var positions = new SortedSet<int> { 0, input.Text.Length };
            foreach (SyntaxToken token in root.DescendantTokens(descendIntoTrivia: true))
            {
                positions.Add(token.SpanStart);
                positions.Add(token.Span.End);
                if (IsStringContent(token))
                {
                    for (int position = token.SpanStart + 1; position < token.Span.End; position++)
                    {
                        positions.Add(position);
                    }
                }
            }

            return positions;
        }

        private static bool IsStringContent(SyntaxToken token) => token.Kind() is SyntaxKind.StringLiteralToken
            or SyntaxKind.Utf8StringLiteralToken
            or SyntaxKind.SingleLineRawStringLiteralToken
            or SyntaxKind.MultiLineRawStringLiteralToken
            or SyntaxKind.Utf8SingleLineRawStringLiteralToken
            or SyntaxKind.Utf8MultiLineRawStringLiteralToken
            or SyntaxKind.CharacterLiteralToken
            or SyntaxKind.InterpolatedStringStartToken
            or SyntaxKind.InterpolatedVerbatimStringStartToken
            or SyntaxKind.InterpolatedSingleLineRawStringStartToken
            or SyntaxKind.InterpolatedMultiLineRawStringStartToken
            or SyntaxKind.InterpolatedStringTextToken
            or SyntaxKind.InterpolatedStringEndToken
            or SyntaxKind.InterpolatedRawStringEndToken;

        /// <summary>The cuts of every input at the given positions; a prefix already planned for an earlier input is left out.</summary>
        private static List<Cut> Plan(IReadOnlyList<TestInput> inputs, Func<TestInput, IEnumerable<int>> positions)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var cuts = new List<Cut>();
            for (int index = 0; index < inputs.Count; index++)
            {
                foreach (int length in positions(inputs[index]).Where(p => p >= 0 && p <= inputs[index].Text.Length).Distinct().OrderBy(p => p))
                {
                    string text = inputs[index].Text.Substring(0, length);
                    if (seen.Add(text))
                    {
                        cuts.Add(new Cut(index, inputs[index], length, text));
                    }
                }
            }

            return cuts;
        }

        /// <summary>
        /// Runs <paramref name="check"/> over the cuts on all cores and returns how many finished. A cut that has not
        /// finished after <see cref="PerCutLimit"/> is recorded as a hang (its task is abandoned, the run goes on);
        /// after <see cref="OverallLimit"/> the remaining cuts are not started.
        /// </summary>
        private static async Task<int> RunAsync(List<Cut> cuts, ConcurrentBag<Failure> failures, Func<Cut, CancellationToken, Task<IReadOnlyList<string>>> check, TimeSpan? perCutLimit = null)
        {
            TimeSpan limit = perCutLimit ?? PerCutLimit;
            int done = 0;
            using var overall = new CancellationTokenSource(OverallLimit);
            try
            {
                await Parallel.ForEachAsync(
                    cuts,
                    new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = overall.Token },
                    async (cut, cancellationToken) =>
                    {
                        using var perCut = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        Task<IReadOnlyList<string>> work = Task.Run(() => check(cut, perCut.Token), perCut.Token);
                        Task finished = await Task.WhenAny(work, Task.Delay(limit, cancellationToken));
                        if (finished != work)
                        {
                            perCut.Cancel();
                            failures.Add(new Failure(cut, $"still running after {limit.TotalSeconds:F1} s (hang)"));
                            return;
                        }

                        try
                        {
                            foreach (string failure in await work)
                            {
                                failures.Add(new Failure(cut, failure));
                            }
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            failures.Add(new Failure(cut, exception.ToString()));
                        }

                        Interlocked.Increment(ref done);
                    });
            }
            catch (OperationCanceledException) when (overall.IsCancellationRequested)
            {
                // Reported below: fewer cuts done than planned.
            }

            return done;
        }

        private static void AssertNoFailures(ConcurrentBag<Failure> failures, int done, int planned)
        {
            // Sorted so that the report is the same whatever order the cores finished in.
            List<Failure> sorted = failures.OrderBy(f => f.Cut.InputIndex).ThenBy(f => f.Cut.Length).ThenBy(f => f.Message, StringComparer.Ordinal).ToList();
            Assert.True(sorted.Count == 0, $"{sorted.Count} failures over {sorted.Select(f => f.Cut).Distinct().Count()} cuts; first ones:\n" + string.Join("\n\n", sorted.Take(5)));
            Assert.True(done == planned, $"Only {done} of {planned} cuts finished within {OverallLimit.TotalMinutes:F0} minutes.");
        }

        private sealed record Cut(int InputIndex, TestInput Input, int Length, string Text)
        {
            public override string ToString()
            {
                string tail = Text.Substring(Math.Max(0, Length - 40));
                return $"{Input} cut at {Length} of {Input.Text.Length} (ends \"…{Escape(tail)}\")";
            }
        }

        private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t").Replace("\"", "\\\"");

        private sealed record Failure(Cut Cut, string Message)
        {
            public override string ToString() => $"{Cut}: {Message}";
        }

        private sealed record MarkedLiteral(string File, int Line, string Value);
    }
}
