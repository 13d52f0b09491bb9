using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CompletionsToMessages.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CompletionsToMessages.EndToEnd.Tests
{
    /// <summary>
    /// samples/InterpolatedJson (a raw interpolated JSON body whose prompt is a serialized hole, a const endpoint through
    /// <c>new Uri(…)</c>, the answer read through <c>JsonNode</c> indexers) migrated end to end: a copy under artifacts/ gets
    /// an .editorconfig that maps claude-2.0 to claude-haiku-4-5 (the default successor rejects the sample's prefill, which
    /// is CTM011's finding; a user who keeps a prefill picks a model that accepts it), then `dotnet format analyzers` with
    /// every CTM id. The copy builds with 0 errors and no CTM finding left; run against the emulator, the legacy sample
    /// sends /v1/complete and the migrated copy /v1/messages, both accepted, and both print the same JSON line.
    /// </summary>
    public sealed class InterpolatedJsonMigrationTests
    {
        [Fact]
        public async Task InterpolatedJson_IsMigrated_AndPrintsTheSameJsonLine()
        {
            string root = Repository.Combine("artifacts", "e2e-interpolated-json-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            string project = Path.Combine(root, "InterpolatedJson");
            try
            {
                Directory.CreateDirectory(project);
                File.Copy(Repository.Combine("samples", "Directory.Build.props"), Path.Combine(root, "Directory.Build.props"));
                foreach (string file in Directory.GetFiles(Repository.Combine("samples", "InterpolatedJson")))
                {
                    File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
                }

                File.WriteAllText(Path.Combine(project, ".editorconfig"), "[*.cs]\ncompletions_to_messages.model_successors = claude-2.0=claude-haiku-4-5\n");

                // Debug, the configuration dotnet format loads: it takes the analyzer and code fix DLLs from that build.
                ProcessResult build = await DotNet.RunAsync(project, new[] { "build", "InterpolatedJson.csproj" }, TimeSpan.FromMinutes(5));
                Assert.True(build.ExitCode == 0, build.ToString());

                var format = new List<string> { "format", "analyzers", "InterpolatedJson.csproj", "--diagnostics" };
                format.AddRange(Enumerable.Range(1, 12).Select(i => $"CTM{i:000}"));
                format.AddRange(new[] { "--severity", "info", "--no-restore" });
                ProcessResult formatted = await DotNet.RunAsync(project, format, TimeSpan.FromMinutes(5));
                Assert.True(formatted.ExitCode == 0, formatted.ToString());

                string program = File.ReadAllText(Path.Combine(project, "Program.cs"));
                Assert.Contains("private const string Endpoint = \"https://api.anthropic.com/v1/messages\";", program, StringComparison.Ordinal);
                Assert.Contains("\"model\": \"claude-haiku-4-5\",", program, StringComparison.Ordinal);
                Assert.Contains("\"messages\": {{JsonSerializer.Serialize(new[] { new { role = \"user\", content = $\"", program, StringComparison.Ordinal);
                Assert.Contains("new { role = \"assistant\", content = \"{\" } })}},", program, StringComparison.Ordinal);
                Assert.Contains("\"max_tokens\": 200,", program, StringComparison.Ordinal);
                Assert.Contains("result?[\"content\"]?.AsArray()", program, StringComparison.Ordinal);
                Assert.DoesNotContain("v1/complete", program, StringComparison.Ordinal);
                Assert.DoesNotContain("max_tokens_to_sample", program, StringComparison.Ordinal);
                Assert.DoesNotContain("\"completion\"", program, StringComparison.Ordinal);
                Assert.DoesNotContain("string prompt =", program, StringComparison.Ordinal); // the prompt local went with the prompt member

                // A second pass finds nothing of any CTM id, Info included (--verify-no-changes exits 2 while one remains,
                // fixable or not): CTM003 has nothing left to report once the prompt local is gone.
                var verify = new List<string>(format) { "--verify-no-changes" };
                ProcessResult second = await DotNet.RunAsync(project, verify, TimeSpan.FromMinutes(5));
                Assert.True(second.ExitCode == 0, second.ToString());

                ProcessResult rebuild = await DotNet.RunAsync(project, new[] { "build", "InterpolatedJson.csproj", "--no-restore" }, TimeSpan.FromMinutes(5));
                Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
                Assert.Contains(" 0 Error(s)", rebuild.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("CTM0", rebuild.Output, StringComparison.Ordinal); // no finding left, Info ones are not printed by the build

                // The legacy API's completion began with a space that the Messages text does not have; the sample prints
                // "{" + completion, so the emulator answers both without it to compare the lines byte for byte.
                await using AnthropicEmulator.EmulatorServer emulator = await AnthropicEmulator.EmulatorServer.StartAsync(new AnthropicEmulator.EmulatorOptions { LegacyLeadingSpace = false });
                var environment = new Dictionary<string, string>
                {
                    ["ANTHROPIC_BASE_URL"] = emulator.BaseUrl,
                    ["ANTHROPIC_API_KEY"] = "sk-ant-e2e-test",
                };

                ProcessResult legacy = await DotNet.RunAsync(Repository.Root, new[] { "run", "--project", Repository.Combine("samples", "InterpolatedJson"), "-c", "Release" }, TimeSpan.FromMinutes(5), environment);
                ProcessResult migrated = await DotNet.RunAsync(project, new[] { "run", "--project", project, "--no-build" }, TimeSpan.FromMinutes(5), environment);
                Assert.True(legacy.ExitCode == 0, legacy.ToString());
                Assert.True(migrated.ExitCode == 0, migrated.ToString());

                Assert.Equal(new[] { "/v1/complete", "/v1/messages" }, emulator.Requests.Select(r => r.Path).ToArray());
                Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));

                (string Json, string StopReason) before = LastTwoLines(legacy.Output);
                (string Json, string StopReason) after = LastTwoLines(migrated.Output);
                Assert.StartsWith("{Reply ", before.Json, StringComparison.Ordinal);
                Assert.Contains("Prefill: {", before.Json, StringComparison.Ordinal); // the emulator saw the prefill as the final assistant turn
                Assert.Equal(before.Json, after.Json);

                // The stop reason is printed as the API sends it: the legacy "stop_sequence" is the Messages "end_turn".
                Assert.Equal("stop_sequence", before.StopReason);
                Assert.Equal("end_turn", after.StopReason);
            }
            finally
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private static (string Json, string StopReason) LastTwoLines(string output)
        {
            string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.Contains(": warning ", StringComparison.Ordinal)).ToArray();
            Assert.True(lines.Length >= 2, "expected a JSON line and a stop reason in:\n" + output);
            return (lines[^2], lines[^1]);
        }
    }
}
