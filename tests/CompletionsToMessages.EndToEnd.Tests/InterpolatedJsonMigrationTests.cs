using System;
using System.Collections.Generic;
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
            using SampleCopy copy = SampleCopy.Create("InterpolatedJson", "e2e-interpolated-json");
            copy.WriteEditorConfig("[*.cs]\ncompletions_to_messages.model_successors = claude-2.0=claude-haiku-4-5\n");

            await copy.BuildAsync();
            await copy.FormatAsync();

            string program = copy.ReadFile("Program.cs");
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
            // fixable or not, and FormatAsync asserts exit code 0): CTM003 has nothing left to report once the prompt
            // local is gone.
            await copy.FormatAsync("--verify-no-changes");

            ProcessResult rebuild = await copy.RebuildAsync();
            Assert.DoesNotContain("CTM0", rebuild.Output, StringComparison.Ordinal); // no finding left, Info ones are not printed by the build

            // The legacy API's completion began with a space that the Messages text does not have; the sample prints
            // "{" + completion, so the emulator answers both without it to compare the lines byte for byte.
            await using AnthropicEmulator.EmulatorServer emulator = await AnthropicEmulator.EmulatorServer.StartAsync(new AnthropicEmulator.EmulatorOptions { LegacyLeadingSpace = false });
            IReadOnlyDictionary<string, string> environment = SampleCopy.EmulatorEnvironment(emulator);

            ProcessResult legacy = await SampleCopy.RunInReleaseAsync(Repository.Combine("samples", "InterpolatedJson"), environment);
            ProcessResult migrated = await copy.RunAsync(environment);

            Assert.Equal(new[] { "/v1/complete", "/v1/messages" }, emulator.Requests.Select(r => r.Path).ToArray());
            Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));

            (string Json, string StopReason) before = SampleCopy.LastTwoLines(legacy.Output, "a JSON line and a stop reason");
            (string Json, string StopReason) after = SampleCopy.LastTwoLines(migrated.Output, "a JSON line and a stop reason");
            Assert.StartsWith("{Reply ", before.Json, StringComparison.Ordinal);
            Assert.Contains("Prefill: {", before.Json, StringComparison.Ordinal); // the emulator saw the prefill as the final assistant turn
            Assert.Equal(before.Json, after.Json);

            // The stop reason is printed as the API sends it: the legacy "stop_sequence" is the Messages "end_turn".
            Assert.Equal("stop_sequence", before.StopReason);
            Assert.Equal("end_turn", after.StopReason);
        }
    }
}
