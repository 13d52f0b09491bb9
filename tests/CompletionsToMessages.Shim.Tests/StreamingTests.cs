using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AnthropicEmulator;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    public class StreamingTests
    {
        private static async Task<List<CompletionResponse>> CollectAsync(IAsyncEnumerable<CompletionResponse> stream)
        {
            var chunks = new List<CompletionResponse>();
            await foreach (CompletionResponse chunk in stream)
            {
                chunks.Add(chunk);
            }

            return chunks;
        }

        [Fact]
        public async Task Streamed_chunks_concatenate_to_the_non_streamed_completion_and_end_with_the_stop_reason()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            CompletionRequest request = Requests.Simple("Be kind.\n\nHuman: Tell me a story about a fox\n\nAssistant:");
            CompletionResponse whole = await client.CreateAsync(request);
            List<CompletionResponse> chunks = await CollectAsync(client.StreamAsync(request));

            Assert.True(chunks.Count > 3, "expected several incremental chunks");
            Assert.Equal(whole.Completion, string.Concat(chunks.Select(c => c.Completion)));
            Assert.All(chunks.Take(chunks.Count - 1), c => Assert.Null(c.StopReason));
            Assert.Equal("stop_sequence", chunks[^1].StopReason);
            Assert.Equal(string.Empty, chunks[^1].Completion);
            Assert.All(chunks, c => Assert.Equal(Requests.Model, c.Model));
            Assert.False(h.Emulator.Requests[0].Json!.Value.TryGetProperty("stream", out _));
            Assert.True(h.Emulator.Requests[1].Json!.Value.GetProperty("stream").GetBoolean());
            Assert.Equal("text/event-stream", h.Emulator.Requests[1].Header("accept"));
        }

        [Fact]
        public async Task Stream_reports_max_tokens_and_the_stop_sequence()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            List<CompletionResponse> cut = await CollectAsync(client.StreamAsync(Requests.Simple(maxTokens: 2)));
            Assert.Equal("max_tokens", cut[^1].StopReason);

            CompletionRequest request = Requests.Simple("\n\nHuman: one two three\n\nAssistant:");
            request.StopSequences = new[] { "three" };
            List<CompletionResponse> stopped = await CollectAsync(client.StreamAsync(request));
            Assert.Equal("stop_sequence", stopped[^1].StopReason);
            Assert.Equal("three", stopped[^1].Stop);
            Assert.DoesNotContain("three", string.Concat(stopped.Select(c => c.Completion)));
        }

        [Fact]
        public async Task Ping_and_unknown_events_in_the_stream_are_ignored()
        {
            await using Harness h = await Harness.StartAsync();
            // The emulator's stream contains a ping and an unknown event type (checked here without the shim) ...
            var raw = await h.PostRawAsync("/v1/messages", new { model = Requests.Model, max_tokens = 50, stream = true, messages = new[] { new { role = "user", content = "hi there" } } });
            Assert.Contains("event: ping", raw.Text);
            Assert.Contains("event: emulator_unknown_event", raw.Text);

            // ... and the shim yields only text.
            using CompletionsClient client = h.Client();
            List<CompletionResponse> chunks = await CollectAsync(client.StreamAsync(Requests.Simple("\n\nHuman: hi there\n\nAssistant:", maxTokens: 50)));
            Assert.DoesNotContain(chunks, c => c.Completion.Contains("unknown", StringComparison.Ordinal));
            Assert.Equal("stop_sequence", chunks[^1].StopReason);
        }

        [Fact]
        public async Task Mid_stream_error_event_throws_AnthropicApiException_after_the_first_text()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("stream-error");
            var received = new StringBuilder();
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(async () =>
            {
                await foreach (CompletionResponse chunk in client.StreamAsync(Requests.Simple()))
                {
                    received.Append(chunk.Completion);
                }
            });

            Assert.True(e.IsStreamError);
            Assert.Equal("overloaded_error", e.ErrorType);
            Assert.Equal(529, e.StatusCode);
            Assert.Equal(Assert.Single(h.Emulator.Requests).RequestId, e.RequestId);
            Assert.NotEqual(0, received.Length);
        }

        [Fact]
        public async Task Mid_stream_error_of_an_unknown_type_keeps_the_type()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("stream-error;type=brand_new_error;message=Something new");
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(async () => await CollectAsync(client.StreamAsync(Requests.Simple())));
            Assert.Equal("brand_new_error", e.ErrorType);
            Assert.False(e.IsKnownErrorType);
            Assert.Equal("Something new", e.Message);
        }

        [Fact]
        public async Task Dropped_connection_mid_stream_surfaces_as_IOException_and_is_not_retried()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("stream-drop");
            await Assert.ThrowsAnyAsync<IOException>(async () => await CollectAsync(client.StreamAsync(Requests.Simple())));
            Assert.Single(h.Emulator.Requests);
        }

        [Fact]
        public async Task Errors_before_the_stream_starts_are_retried()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("529;times=1");
            List<CompletionResponse> chunks = await CollectAsync(client.StreamAsync(Requests.Simple()));
            Assert.Equal("stop_sequence", chunks[^1].StopReason);
            Assert.Equal(new[] { 529, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        }

        [Fact]
        public async Task Cancelling_while_streaming_stops_the_enumeration()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            using var cts = new CancellationTokenSource();
            int seen = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (CompletionResponse chunk in client.StreamAsync(Requests.Simple(), cts.Token))
                {
                    seen++;
                    cts.Cancel();
                }
            });
            Assert.Equal(1, seen);
        }
    }
}
