using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CompletionsToMessages.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CompletionsToMessages.EndToEnd.Tests
{
    /// <summary>
    /// The README's main command, `dotnet run --project tools/MigrateSamples`, run once on a copy of the samples:
    /// it finishes, the code fixes change the code they exist for, the migrated samples build, and a second
    /// `dotnet format analyzers` with the same ids changes nothing (the fixes are stable, with no fixpoint loop).
    /// </summary>
    public sealed class MigrateSamplesTests : IClassFixture<MigrateSamplesTests.Migration>
    {
        private readonly Migration _migration;

        public MigrateSamplesTests(Migration migration)
        {
            _migration = migration;
        }

        [Fact]
        public void Tool_Completes_AndSaysWhatItDid()
        {
            ProcessResult run = _migration.Run;
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.DoesNotContain("MIGRATION FAILED", run.Output, StringComparison.Ordinal);
            Assert.Contains("[5/5] Rebuild the migrated samples", run.Output, StringComparison.Ordinal);
            Assert.Contains("the migrated samples build with 0 errors", run.Output, StringComparison.Ordinal);
            Assert.Contains("--- samples/RawHttpAnonymous/Program.cs", run.Output, StringComparison.Ordinal);
            Assert.Contains("Findings that remain", run.Output, StringComparison.Ordinal);

            // samples/ itself is left alone.
            foreach (KeyValuePair<string, string> file in _migration.OriginalSamples)
            {
                Assert.Equal(file.Value, File.ReadAllText(Repository.Combine("samples", file.Key)));
            }
        }

        [Fact]
        public void ReadmeQuickStart_IsThisCommandAndTheTestCommand()
        {
            string readme = File.ReadAllText(Repository.Combine("README.md"));
            int start = readme.IndexOf("## Quick start", StringComparison.Ordinal);
            Assert.True(start >= 0, "README has no Quick start");
            string block = readme.Substring(start, readme.IndexOf("```", readme.IndexOf("```", start, StringComparison.Ordinal) + 3, StringComparison.Ordinal) - start);
            string[] commands = block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("dotnet ", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, commands.Length);
            Assert.StartsWith("dotnet run --project tools/MigrateSamples ", commands[0], StringComparison.Ordinal);
            Assert.StartsWith("dotnet test Analyzers.sln -c Release ", commands[1], StringComparison.Ordinal);
        }

        [Fact]
        public void Fixes_ChangedTheCodeTheyExistFor()
        {
            string Migrated(string sample) => File.ReadAllText(Path.Combine(_migration.Output, sample, "Program.cs"));
            string Original(string sample) => _migration.OriginalSamples[sample + "/Program.cs"];

            // CTM008: the anthropic-version header.
            Assert.Contains("\"2023-01-01\"", Original("NewtonsoftDynamic"), StringComparison.Ordinal);
            Assert.DoesNotContain("\"2023-01-01\"", Migrated("NewtonsoftDynamic"), StringComparison.Ordinal);
            Assert.Contains("\"2023-06-01\"", Migrated("NewtonsoftDynamic"), StringComparison.Ordinal);

            // CTM004: retired model ids in the samples whose model id is a plain literal.
            foreach ((string sample, string retired) in new[]
            {
                ("RawHttpAnonymous", "\"claude-2.1\""),
                ("NewtonsoftDynamic", "\"claude-instant-1.2\""),
                ("DtoClient", "\"claude-2.0\""),
                ("StreamingSse", "\"claude-2\""),
            })
            {
                Assert.Contains(retired, Original(sample), StringComparison.Ordinal);
                Assert.DoesNotContain(retired, Migrated(sample), StringComparison.Ordinal);
            }

            // CTM002 (body rewrite), CTM009 and CTM012 on the anonymous-object request.
            string raw = Migrated("RawHttpAnonymous");
            Assert.DoesNotContain("max_tokens_to_sample", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("stop_sequences", raw, StringComparison.Ordinal);
            Assert.Contains("max_tokens = 300", raw, StringComparison.Ordinal);
            Assert.Contains("messages = ", raw, StringComparison.Ordinal);

            // CTM006 on the DTO client.
            Assert.Contains("\"end_turn\"", Migrated("DtoClient"), StringComparison.Ordinal);
        }

        [Fact]
        public void MigratedSamples_BuildWithZeroErrors()
        {
            string log = File.ReadAllText(Path.Combine(_migration.Output, ".migrate", "5-build-after.log"));
            Assert.Contains("0 Error(s)", log, StringComparison.Ordinal);
            Assert.DoesNotContain("AD0001", log, StringComparison.Ordinal);

            foreach (string sample in SamplesBuildTests.Expectations.Keys)
            {
                string sarif = Path.Combine(_migration.Output, ".migrate", "after", sample + ".sarif");
                Assert.True(File.Exists(sarif), $"no SARIF log of the rebuild of {sample}");
                Assert.DoesNotContain(BuildOutput.SarifResults(sarif), r => r.Level == "error" || r.Id == "AD0001");
            }
        }

        [Fact]
        public void SecondFormatRun_WithTheSameIds_ChangesNothing()
        {
            Assert.True(_migration.SecondPass.ExitCode == 0, _migration.SecondPass.ToString());
            Assert.NotEmpty(_migration.AfterFirstPass);
            Assert.Equal(_migration.AfterFirstPass.Keys.OrderBy(k => k, StringComparer.Ordinal), _migration.AfterSecondPass.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (KeyValuePair<string, string> file in _migration.AfterFirstPass)
            {
                Assert.True(file.Value == _migration.AfterSecondPass[file.Key], $"the second dotnet format pass changed {file.Key}");
            }
        }

        [Fact]
        public void VerifyNoChanges_PassesForEveryIdTheFixesCleared()
        {
            // `--verify-no-changes` exits 2 whenever a diagnostic of a listed id remains, fixable or not, so it is a
            // gate for "none left" rather than for "nothing to fix": it is checked on the ids no finding remains of.
            Assert.NotEmpty(_migration.ClearedIds);
            Assert.Contains("CTM008", _migration.ClearedIds);
            Assert.True(_migration.Verify.ExitCode == 0, _migration.Verify.ToString());
        }

        /// <summary>
        /// The samples the fixes migrate completely (no CTM001/CTM002/CTM005 finding left) are run twice against the
        /// local emulator: the legacy program on /v1/complete, the migrated one on /v1/messages. The emulator answers the
        /// same conversation with the same text on both endpoints, so the printed answer must be the same; the stop
        /// reason line goes from the legacy "stop_sequence" to the Messages "end_turn" (the same meaning, see CTM006).
        /// </summary>
        [Theory]
        [InlineData("RawHttpAnonymous")]
        [InlineData("NewtonsoftDynamic")]
        public async Task FullyMigratedSample_PrintsTheSameAnswer_AgainstTheEmulator(string sample)
        {
            Assert.True(_migration.Run.ExitCode == 0, _migration.Run.ToString());
            await using AnthropicEmulator.EmulatorServer emulator = await AnthropicEmulator.EmulatorServer.StartAsync();
            IReadOnlyDictionary<string, string> environment = SampleCopy.EmulatorEnvironment(emulator);

            ProcessResult legacy = await SampleCopy.RunInReleaseAsync(Repository.Combine("samples", sample), environment);
            ProcessResult migrated = await SampleCopy.RunInReleaseAsync(Path.Combine(_migration.Output, sample), environment);

            // What each program sent: the legacy one only /v1/complete, the migrated one only /v1/messages, and the
            // emulator (which validates like the real API) accepted both.
            var paths = emulator.Requests.Select(r => r.Path).ToList();
            Assert.Equal(new[] { "/v1/complete", "/v1/messages" }, paths);
            Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));

            (string Answer, string StopReason) before = SampleCopy.LastTwoLines(legacy.Output);
            (string Answer, string StopReason) after = SampleCopy.LastTwoLines(migrated.Output);
            Assert.StartsWith("Reply ", before.Answer, StringComparison.Ordinal);
            Assert.Equal(before.Answer, after.Answer);
            Assert.Equal("stop_sequence", before.StopReason);
            Assert.Equal("end_turn", after.StopReason);
        }

        /// <summary>Runs the tool once on a copy under artifacts/, then dotnet format again twice.</summary>
        public sealed class Migration : IAsyncLifetime
        {
            private readonly TempDirectory _output = new TempDirectory(Repository.Combine("artifacts"), "e2e-migrate");

            public string Output => _output.Path;

            public ProcessResult Run { get; private set; } = new ProcessResult(-1, "not run", TimeSpan.Zero);

            public ProcessResult SecondPass { get; private set; } = new ProcessResult(-1, "not run", TimeSpan.Zero);

            public ProcessResult Verify { get; private set; } = new ProcessResult(-1, "not run", TimeSpan.Zero);

            public Dictionary<string, string> OriginalSamples { get; private set; } = new Dictionary<string, string>();

            public Dictionary<string, string> AfterFirstPass { get; private set; } = new Dictionary<string, string>();

            public Dictionary<string, string> AfterSecondPass { get; private set; } = new Dictionary<string, string>();

            public List<string> ClearedIds { get; } = new List<string>();

            public async Task InitializeAsync()
            {
                OriginalSamples = Sources(Repository.Combine("samples"));

                Run = await DotNet.RunAsync(
                    Repository.Root,
                    new[] { "run", "--project", Repository.Combine("tools", "MigrateSamples"), "-c", "Release", "--", "--output", Output },
                    TimeSpan.FromMinutes(20));
                if (Run.ExitCode != 0)
                {
                    return;
                }

                AfterFirstPass = Sources(Output);
                string[] ids = Regex.Matches(File.ReadAllText(Repository.Combine("src", "CompletionsToMessages.Analyzers", "DiagnosticIds.cs")), "\"(CTM[0-9]{3})\"")
                    .Select(m => m.Groups[1].Value)
                    .Distinct()
                    .OrderBy(id => id, StringComparer.Ordinal)
                    .ToArray();

                SecondPass = await DotNet.RunAsync(Output, Format(ids), TimeSpan.FromMinutes(10));
                AfterSecondPass = Sources(Output);

                var remaining = new HashSet<string>(StringComparer.Ordinal);
                foreach (string sarif in Directory.GetFiles(Path.Combine(Output, ".migrate", "after"), "*.sarif"))
                {
                    remaining.UnionWith(BuildOutput.SarifResults(sarif).Select(r => r.Id));
                }

                ClearedIds.AddRange(ids.Where(id => !remaining.Contains(id)));
                var verify = new List<string>(Format(ClearedIds)) { "--verify-no-changes" };
                Verify = await DotNet.RunAsync(Output, verify, TimeSpan.FromMinutes(10));
            }

            public Task DisposeAsync()
            {
                _output.Dispose();
                return Task.CompletedTask;
            }

            private static List<string> Format(IEnumerable<string> ids)
            {
                var arguments = new List<string> { "format", "analyzers", "Samples.sln", "--diagnostics" };
                arguments.AddRange(ids);
                arguments.AddRange(new[] { "--severity", "info", "--include", "./", "--no-restore" });
                return arguments;
            }

            /// <summary>The C# sources under a samples folder, by path relative to it (forward slashes).</summary>
            private static Dictionary<string, string> Sources(string root) =>
                Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                    .Where(f => !f.Split('/').Any(part => part is "bin" or "obj" or ".migrate"))
                    .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(root, f)), StringComparer.Ordinal);
        }
    }
}
