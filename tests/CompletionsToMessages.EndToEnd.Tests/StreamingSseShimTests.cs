using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CompletionsToMessages.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CompletionsToMessages.EndToEnd.Tests
{
    /// <summary>
    /// samples/StreamingSse (a JsonObject body with "stream": true, a StringBuilder prompt, and a hand-written parser of
    /// the legacy event stream) migrated the way a user would after reading CTM007's message: a copy under artifacts/ gets
    /// a ProjectReference to CompletionsToMessages.Shim, then `dotnet format analyzers` with every CTM id migrates the
    /// request (endpoint, Messages body with the prompt converted by LegacyPrompt.ToMessages, stream kept) and wraps the
    /// response stream in LegacyEventStream.FromMessages; the parser is untouched. The copy builds with 0 errors and no
    /// CTM001/CTM002/CTM005/CTM007 left; run against the emulator, the legacy sample streams /v1/complete and the migrated
    /// copy /v1/messages, and both print the same answer and the same stop reason line: "stop_sequence" (the legacy
    /// endpoint's own value; the adapter maps the Messages end_turn to it as CompletionResponse does).
    /// </summary>
    public sealed class StreamingSseShimTests
    {
        [Fact]
        public async Task StreamingSse_WithShimReferenced_ReadsTheMessagesStreamThroughTheAdapter_AndPrintsTheSameAnswer()
        {
            using SampleCopy copy = SampleCopy.Create("StreamingSse", "e2e-stream-shim");
            copy.AddShimReference();

            await using AnthropicEmulator.EmulatorServer emulator = await AnthropicEmulator.EmulatorServer.StartAsync();
            IReadOnlyDictionary<string, string> environment = SampleCopy.EmulatorEnvironment(emulator);

            ProcessResult build = await copy.BuildAsync();
            foreach (string id in new[] { "CTM001", "CTM002", "CTM005", "CTM007" })
            {
                Assert.Contains("warning " + id, build.Output, StringComparison.Ordinal);
            }

            // The legacy program (the copy before the fix: the shim reference alone changes nothing it does).
            ProcessResult legacy = await copy.RunAsync(environment);

            await copy.FormatAsync();

            string program = copy.ReadFile("Program.cs");
            Assert.Contains("using Stream stream = LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync());", program, StringComparison.Ordinal);
            Assert.Contains("var converted = LegacyPrompt.ToMessages(prompt.ToString());", program, StringComparison.Ordinal);
            Assert.Contains("baseUrl + \"/v1/messages\"", program, StringComparison.Ordinal);
            Assert.Contains("[\"stream\"] = true,", program, StringComparison.Ordinal);
            Assert.DoesNotContain("v1/complete\"", program, StringComparison.Ordinal);
            Assert.DoesNotContain("max_tokens_to_sample", program, StringComparison.Ordinal);

            // The parser is the legacy one, unchanged.
            Assert.Contains("if (eventName == \"completion\")", program, StringComparison.Ordinal);
            Assert.Contains("payload.GetProperty(\"completion\")", program, StringComparison.Ordinal);

            ProcessResult rebuild = await copy.RebuildAsync();
            foreach (string id in new[] { "CTM001", "CTM002", "CTM005", "CTM007" })
            {
                Assert.DoesNotContain("warning " + id, rebuild.Output, StringComparison.Ordinal);
            }

            ProcessResult migrated = await copy.RunAsync(environment);

            Assert.Equal(new[] { "/v1/complete", "/v1/messages" }, emulator.Requests.Select(r => r.Path).ToArray());
            Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));
            Assert.All(emulator.Requests, r => Assert.True(r.Json!.Value.GetProperty("stream").GetBoolean()));
            Assert.All(emulator.Requests, r => Assert.Equal("text/event-stream", r.Header("accept")));
            JsonElement messagesBody = emulator.Requests[1].Json!.Value;
            Assert.Equal("You are a physics teacher for twelve-year-olds. Use simple words.", messagesBody.GetProperty("system")[0].GetProperty("text").GetString());
            Assert.Equal("user", Assert.Single(messagesBody.GetProperty("messages").EnumerateArray()).GetProperty("role").GetString());

            (string Answer, string StopReason) before = SampleCopy.LastTwoLines(legacy.Output);
            (string Answer, string StopReason) after = SampleCopy.LastTwoLines(migrated.Output);
            Assert.StartsWith("Reply ", before.Answer, StringComparison.Ordinal);
            Assert.Equal(before.Answer, after.Answer);
            Assert.Equal("stop_sequence", before.StopReason);
            Assert.Equal("stop_sequence", after.StopReason);
        }
    }
}
