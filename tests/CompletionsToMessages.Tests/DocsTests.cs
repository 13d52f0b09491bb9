using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CompletionsToMessages.Tests.CodeFixes;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompletionsToMessages.Tests
{
    /// <summary>
    /// The "Before / after" of every rule page with a code fix is what the fix really produces.
    /// <para>
    /// Convention (docs/rules/CTMxxx.md): a checked example is a pair of fenced blocks, one opened with
    /// <c>```csharp before</c> and the next one opened with <c>```csharp after</c> (GitHub renders both as C#; the word
    /// after the language is ignored there). "before" is a complete C# file that compiles and has the rule's
    /// diagnostic; "after" is exactly the file that Fix All of that rule alone produces on it, the way
    /// <c>dotnet format analyzers --diagnostics CTMxxx</c> applies it (<see cref="FixAllRunner"/>: the shared framework
    /// plus Newtonsoft.Json, nullable enabled, no .editorconfig). A page may hold several pairs. Pages of rules without a
    /// fix show the manual migration in plain <c>```csharp</c> blocks, which are not run, and must not use the markers.
    /// </para>
    /// <para>
    /// The pairs of <see cref="ShimRules"/> are compiled with CompletionsToMessages.Shim referenced as well: their fix is
    /// offered only in a project that references it (and their "after" calls it).
    /// </para>
    /// Only line endings are normalised: whitespace, comments and layout of the "after" are part of what is checked.
    /// </summary>
    public class DocsTests
    {
        private static readonly Regex Fence = new Regex(@"^```csharp (before|after)[ \t]*\r?\n(.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline);

        /// <summary>Rules whose fix needs the shim referenced; their pairs are compiled with it.</summary>
        private static readonly HashSet<string> ShimRules = new HashSet<string>(StringComparer.Ordinal) { "CTM007", "CTM010" };

        public static IEnumerable<object[]> Rules() => ConsistencyTests.AllDescriptors().Select(d => new object[] { d.Id });

        public static IEnumerable<object[]> FixableRules() => FixAllRunner.FixableIds.Select(id => new object[] { id });

        public static IEnumerable<object[]> RulesWithoutFix() =>
            ConsistencyTests.AllDescriptors().Select(d => d.Id).Except(FixAllRunner.FixableIds).OrderBy(id => id, StringComparer.Ordinal).Select(id => new object[] { id });

        [Fact]
        public void TheFixableRulesAreTheOnesThePagesAndReadmeExpect()
        {
            // A guard for this test itself: if the provider discovery found nothing, every page test would be vacuous.
            Assert.Contains("CTM001", FixAllRunner.FixableIds);
            Assert.Contains("CTM002", FixAllRunner.FixableIds);
            Assert.Contains("CTM004", FixAllRunner.FixableIds);
        }

        [Theory]
        [MemberData(nameof(FixableRules))]
        public async Task EveryBeforeAfterPairOfAFixableRuleIsWhatFixAllProduces(string id)
        {
            IReadOnlyList<(string Before, string After)> pairs = Pairs(id);
            Assert.True(pairs.Count > 0, $"docs/rules/{id}.md has a code fix but no ```csharp before / ```csharp after pair.");
            bool shim = ShimRules.Contains(id);

            for (int i = 0; i < pairs.Count; i++)
            {
                (string before, string after) = pairs[i];
                string where = $"docs/rules/{id}.md, pair {i + 1}";

                IReadOnlyList<Diagnostic> beforeErrors = await FixAllRunner.CompilerErrorsAsync(new[] { before }, shim);
                Assert.True(beforeErrors.Count == 0, $"{where}: the 'before' does not compile:\n{string.Join("\n", beforeErrors)}");
                Assert.True((await FixAllRunner.DiagnosticsAsync(new[] { before }, shim)).Any(d => d.Id == id), $"{where}: the 'before' has no {id} diagnostic.");

                string actual = Normalize((await FixAllRunner.ApplyAsync(new[] { before }, new[] { id }, referenceShim: shim))[0]);
                Assert.True(actual == after, $"{where}: the 'after' is not what Fix All of {id} produces. The fix produced:\n{actual}");

                IReadOnlyList<Diagnostic> afterErrors = await FixAllRunner.CompilerErrorsAsync(new[] { after }, shim);
                Assert.True(afterErrors.Count == 0, $"{where}: the 'after' does not compile:\n{string.Join("\n", afterErrors)}");
                Diagnostic[] left = (await FixAllRunner.DiagnosticsAsync(new[] { after }, shim)).Where(d => d.Id == id).ToArray();
                Assert.True(left.Length == 0, $"{where}: the 'after' still has {id}:\n{string.Join("\n", left.Select(d => d.ToString()))}");
            }
        }

        [Theory]
        [MemberData(nameof(RulesWithoutFix))]
        public void APageOfARuleWithoutFixDoesNotClaimACheckedBeforeAfter(string id)
        {
            // Its examples are manual migrations, which no test runs: they must not look like checked ones.
            Assert.Empty(Pairs(id));
            Assert.Contains("manual", Section(id, "## Before / after"), StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [MemberData(nameof(Rules))]
        public void TheReadmeFixColumnAndThePageHeaderSayWhetherTheRuleHasAFix(string id)
        {
            bool fixable = FixAllRunner.FixableIds.Contains(id);

            // README rules table: | [CTM001](docs/rules/CTM001.md) | title | severity | fix |
            string readme = Normalize(File.ReadAllText(Path.Combine(ConsistencyTests.RepositoryRoot(), "README.md")));
            string row = Assert.Single(readme.Split('\n'), l => l.StartsWith($"| [{id}](docs/rules/{id}.md) |", StringComparison.Ordinal));
            string fixCell = row.Split('|', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
            Assert.True(fixable == fixCell.StartsWith("yes", StringComparison.Ordinal), $"README: the fix column of {id} is '{fixCell}', but the rule {(fixable ? "has" : "has no")} code fix.");

            // Page header: | Code fix | … |
            string page = Normalize(File.ReadAllText(Path.Combine(ConsistencyTests.RepositoryRoot(), "docs", "rules", id + ".md")));
            string header = Assert.Single(page.Split('\n'), l => l.StartsWith("| Code fix |", StringComparison.Ordinal));
            string cell = header.Substring("| Code fix |".Length).Trim();
            bool saysNone = cell.StartsWith("Not yet", StringComparison.Ordinal) || cell.StartsWith("None", StringComparison.Ordinal);
            Assert.True(fixable != saysNone, $"docs/rules/{id}.md: the Code fix cell is '{cell}', but the rule {(fixable ? "has" : "has no")} code fix.");
        }

        [Fact]
        public void TheBlockParserFindsPairsInOrderAndRejectsAnUnpairedBlock()
        {
            const string page = "x\n```csharp before\nA\n```\ntext\n```csharp after\nB\n```\n```csharp\nC\n```\n```csharp before\nD\n```\n```csharp after\nE\n```\n";
            Assert.Equal(new[] { ("A\n", "B\n"), ("D\n", "E\n") }, Parse(page, "t"));
            Assert.Throws<InvalidOperationException>(() => Parse("```csharp before\nA\n```\n", "t"));
            Assert.Throws<InvalidOperationException>(() => Parse("```csharp after\nA\n```\n```csharp before\nB\n```\n", "t"));
        }

        private static IReadOnlyList<(string Before, string After)> Pairs(string id)
        {
            string path = Path.Combine(ConsistencyTests.RepositoryRoot(), "docs", "rules", id + ".md");
            return Parse(File.ReadAllText(path), path);
        }

        private static IReadOnlyList<(string Before, string After)> Parse(string markdown, string path)
        {
            var pairs = new List<(string, string)>();
            string? before = null;
            foreach (Match match in Fence.Matches(Normalize(markdown)))
            {
                string kind = match.Groups[1].Value;
                string code = match.Groups[2].Value;
                if (kind == "before")
                {
                    if (before != null)
                    {
                        throw new InvalidOperationException($"{path}: a 'before' block without its 'after'.");
                    }

                    before = code;
                }
                else
                {
                    if (before is null)
                    {
                        throw new InvalidOperationException($"{path}: an 'after' block without a 'before'.");
                    }

                    pairs.Add((before, code));
                    before = null;
                }
            }

            if (before != null)
            {
                throw new InvalidOperationException($"{path}: a 'before' block without its 'after'.");
            }

            return pairs;
        }

        private static string Section(string id, string heading)
        {
            string text = Normalize(File.ReadAllText(Path.Combine(ConsistencyTests.RepositoryRoot(), "docs", "rules", id + ".md")));
            int start = text.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(start >= 0, $"docs/rules/{id}.md has no '{heading}' section.");
            int end = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');
    }
}
