using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CompletionsToMessages.EndToEnd.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace CompletionsToMessages.EndToEnd.Tests
{
    /// <summary>
    /// samples/BedrockHttp (Claude 2 on Amazon Bedrock through a company gateway: <c>POST {baseUrl}/model/{ModelId}/invoke</c>
    /// with a Dictionary body, the Text Completions response read back) migrated end to end. Bedrock ids have no
    /// successor in the shipped model table, so the copy gets the user's choice in its <c>.editorconfig</c>
    /// (<c>anthropic.claude-v2=anthropic.claude-haiku-4-5-20251001-v1:0</c>); `dotnet format analyzers` with every CTM id
    /// then replaces the id (CTM004), rewrites the body to the Bedrock Messages body (CTM002: <c>anthropic_version</c>,
    /// <c>messages</c>, <c>max_tokens</c>, no <c>"\n\nHuman:"</c> stop sequence, no <c>model</c>) and reads the text blocks of
    /// <c>content</c> (CTM005). Run against the emulator's Bedrock route, the legacy program invokes anthropic.claude-v2 with
    /// the Text Completions body and the migrated one the new id with the Messages body; both are accepted and print the same
    /// answer line. The stop reason line goes from the legacy "stop_sequence" to the Messages "end_turn".
    /// </summary>
    public sealed class BedrockHttpTests
    {
        private const string Successor = "anthropic.claude-haiku-4-5-20251001-v1:0";

        /// <summary>The rules with a code fix (README's rule table): none of their findings may remain.</summary>
        private static readonly string[] FixableIds = { "CTM001", "CTM002", "CTM004", "CTM005", "CTM006", "CTM008", "CTM009", "CTM010", "CTM012" };

        private readonly ITestOutputHelper _output;

        public BedrockHttpTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task BedrockHttp_WithABedrockSuccessorConfigured_IsMigrated_AndPrintsTheSameAnswer()
        {
            var clock = Stopwatch.StartNew();
            using SampleCopy copy = SampleCopy.Create("BedrockHttp", "e2e-bedrock", "BedrockHttp.csproj", "Program.cs");
            string errorLogs = Path.Combine(copy.Root, ".sarif");
            Directory.CreateDirectory(Path.Combine(errorLogs, "before")); // the compiler writes the SARIF log, not the folder
            Directory.CreateDirectory(Path.Combine(errorLogs, "after"));

            // The user's choice of a Bedrock successor, in the documented Bedrock id style (models.md); '#' and ';'
            // start comments in .editorconfig, ',' separates pairs.
            copy.WriteEditorConfig(
                "[*.cs]\n# Bedrock ids have no successor in the shipped model table: choose one of the same platform.\n"
                + "completions_to_messages.model_successors = anthropic.claude-v2=" + Successor + "\n");

            string legacySource = copy.ReadFile("Program.cs");
            Assert.Contains("private const string ModelId = \"anthropic.claude-v2\";", legacySource, StringComparison.Ordinal);
            Assert.Contains("[\"max_tokens_to_sample\"] = 300", legacySource, StringComparison.Ordinal);

            // This build of the unchanged copy is also the legacy program run below.
            ProcessResult build = await copy.BuildAsync($"-p:SamplesErrorLogDirectory={errorLogs}/before");
            var before = BuildOutput.SarifResults(Path.Combine(errorLogs, "before", "BedrockHttp.sarif")).Select(r => r.Id).Where(id => id.StartsWith("CTM", StringComparison.Ordinal)).ToList();
            Assert.Contains("CTM002", before);
            Assert.Contains("CTM004", before);
            Assert.Contains("CTM005", before);
            string legacyDll = copy.Combine("bin", "Debug", "net10.0", "BedrockHttp.dll");
            string legacyCopy = Path.Combine(copy.Root, "legacy");
            CopyDirectory(Path.GetDirectoryName(legacyDll)!, legacyCopy);
            _output.WriteLine($"build of the legacy copy: {build.Elapsed.TotalSeconds:F1} s");

            ProcessResult formatted = await copy.FormatAsync();
            _output.WriteLine($"dotnet format analyzers: {formatted.Elapsed.TotalSeconds:F1} s");

            string migrated = copy.ReadFile("Program.cs");
            _output.WriteLine(migrated);
            Assert.Contains("private const string ModelId = \"" + Successor + "\";", migrated, StringComparison.Ordinal);
            Assert.Contains("$\"{baseUrl}/model/{ModelId}/invoke\"", migrated, StringComparison.Ordinal); // still InvokeModel, model in the URL
            Assert.Contains("[\"anthropic_version\"] = \"bedrock-2023-05-31\"", migrated, StringComparison.Ordinal);
            Assert.Contains("[\"max_tokens\"] = 300", migrated, StringComparison.Ordinal);
            Assert.Contains("[\"messages\"] = ", migrated, StringComparison.Ordinal);
            Assert.DoesNotContain("[\"model\"]", migrated, StringComparison.Ordinal);
            foreach (string legacy in new[] { "\"prompt\"", "max_tokens_to_sample", "stop_sequences", "\\n\\nHuman:", "result[\"completion\"]" })
            {
                Assert.DoesNotContain(legacy, migrated, StringComparison.Ordinal);
            }

            Assert.Contains("result[\"content\"]", migrated, StringComparison.Ordinal);

            await copy.RebuildAsync($"-p:SamplesErrorLogDirectory={errorLogs}/after");
            IReadOnlyList<(string Id, string Level)> after = BuildOutput.SarifResults(Path.Combine(errorLogs, "after", "BedrockHttp.sarif"));
            Assert.DoesNotContain(after, r => r.Level == "error" || r.Id == "AD0001");
            Assert.DoesNotContain(after, r => FixableIds.Contains(r.Id));
            _output.WriteLine("CTM findings before: " + string.Join(", ", before) + "; after: " + string.Join(", ", after.Select(r => r.Id).Where(id => id.StartsWith("CTM", StringComparison.Ordinal))));

            await using AnthropicEmulator.EmulatorServer emulator = await AnthropicEmulator.EmulatorServer.StartAsync();
            IReadOnlyDictionary<string, string> environment = SampleCopy.EmulatorEnvironment(emulator);

            ProcessResult legacyRun = await DotNet.RunAsync(copy.Root, new[] { Path.Combine(legacyCopy, "BedrockHttp.dll") }, TimeSpan.FromMinutes(2), environment);
            ProcessResult migratedRun = await DotNet.RunAsync(copy.Root, new[] { legacyDll }, TimeSpan.FromMinutes(2), environment);
            Assert.True(legacyRun.ExitCode == 0, legacyRun.ToString());
            Assert.True(migratedRun.ExitCode == 0, migratedRun.ToString());

            // What each program sent (the emulator's request log).
            Assert.Equal(new[] { "/model/anthropic.claude-v2/invoke", "/model/" + Successor + "/invoke" }, emulator.Requests.Select(r => r.Path).ToArray());
            Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));
            Assert.All(emulator.Requests, r => Assert.Equal("sk-ant-e2e-test", r.Header("x-api-key")));

            const string Question = "Write a two-line haiku about a lighthouse.";
            JsonElement legacyBody = emulator.Requests[0].Json!.Value;
            Assert.Equal(new[] { "max_tokens_to_sample", "prompt", "stop_sequences", "temperature", "top_k" }, Names(legacyBody));
            Assert.Equal("\n\nHuman: " + Question + "\n\nAssistant:", legacyBody.GetProperty("prompt").GetString());

            JsonElement migratedBody = emulator.Requests[1].Json!.Value;
            Assert.Equal(new[] { "anthropic_version", "max_tokens", "messages", "temperature", "top_k" }, Names(migratedBody));
            Assert.Equal("bedrock-2023-05-31", migratedBody.GetProperty("anthropic_version").GetString());
            Assert.Equal(300, migratedBody.GetProperty("max_tokens").GetInt32());
            JsonElement message = Assert.Single(migratedBody.GetProperty("messages").EnumerateArray().ToArray());
            Assert.Equal("user", message.GetProperty("role").GetString());
            Assert.Equal(Question, message.GetProperty("content").GetString());
            Assert.Equal(0.8, migratedBody.GetProperty("temperature").GetDouble());
            Assert.Equal(250, migratedBody.GetProperty("top_k").GetInt32());

            (string Answer, string StopReason) legacyOutput = SampleCopy.LastTwoLines(legacyRun.Output);
            (string Answer, string StopReason) migratedOutput = SampleCopy.LastTwoLines(migratedRun.Output);
            _output.WriteLine($"legacy prints:   {legacyOutput.Answer} | {legacyOutput.StopReason}");
            _output.WriteLine($"migrated prints: {migratedOutput.Answer} | {migratedOutput.StopReason}");
            Assert.StartsWith("Reply ", legacyOutput.Answer, StringComparison.Ordinal);
            Assert.Contains("You said: " + Question + " Turns: 1", legacyOutput.Answer, StringComparison.Ordinal);
            Assert.Equal(legacyOutput.Answer, migratedOutput.Answer);
            Assert.Equal("stop_sequence", legacyOutput.StopReason);
            Assert.Equal("end_turn", migratedOutput.StopReason);
            _output.WriteLine($"total: {clock.Elapsed.TotalSeconds:F1} s");
        }

        private static string[] Names(JsonElement body) =>
            body.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (string file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }
    }
}
