using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AnthropicEmulator;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    /// <summary>
    /// <see cref="LegacyEventStream.FromMessages"/> over real emulator streams: the legacy 2023-06-01 events it emits are
    /// compared with what the emulator's own <c>/v1/complete</c> streams for the same conversation (LegacyLeadingSpace off,
    /// so the texts are byte-identical), and read through a parser written like a legacy one (line by line, by event name).
    /// </summary>
    public class LegacyEventStreamTests
    {
        private const string Prompt = "Be kind.\n\nHuman: Tell me a story about a fox\n\nAssistant:";

        private sealed record LegacyEvent(string Name, string Data);

        /// <summary>A streamed request posted without the shim; the response is returned unread.</summary>
        private static async Task<HttpResponseMessage> PostStreamAsync(HttpClient http, Harness h, string path, object body, string? fault = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, h.Emulator.BaseUrl + path)
            {
                Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-api-key", Harness.ApiKey);
            request.Headers.Add("anthropic-version", "2023-06-01");
            if (fault is not null)
            {
                request.Headers.Add("x-emulator-fault", fault);
            }

            HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            return response;
        }

        private static object MessagesBody(int maxTokens = 300, string[]? stops = null) => stops is null
            ? new { model = Requests.Model, max_tokens = maxTokens, system = "Be kind.", stream = true, messages = new[] { new { role = "user", content = "Tell me a story about a fox" } } }
            : new { model = Requests.Model, max_tokens = maxTokens, system = "Be kind.", stream = true, stop_sequences = stops, messages = new[] { new { role = "user", content = "Tell me a story about a fox" } } };

        private static object CompleteBody(int maxTokens = 300, string[]? stops = null) => stops is null
            ? new { model = "claude-2.1", prompt = Prompt, max_tokens_to_sample = maxTokens, stream = true }
            : new { model = "claude-2.1", prompt = Prompt, max_tokens_to_sample = maxTokens, stream = true, stop_sequences = stops };

        /// <summary>Splits SSE text into events (one event: and one data: line each, as the legacy API sent them).</summary>
        private static List<LegacyEvent> Parse(string sse)
        {
            var events = new List<LegacyEvent>();
            foreach (string block in sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                string[] lines = block.Split('\n');
                Assert.Equal(2, lines.Length);
                Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
                Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
                events.Add(new LegacyEvent(lines[0].Substring("event: ".Length), lines[1].Substring("data: ".Length)));
            }

            return events;
        }

        private static async Task<string> ReadAllAsync(Stream stream, int bufferSize)
        {
            var bytes = new MemoryStream();
            var buffer = new byte[bufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length)) > 0)
            {
                bytes.Write(buffer, 0, read);
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        /// <summary>The completion events as (completion, stop_reason) pairs, checking the legacy field set.</summary>
        private static List<(string Completion, string? StopReason)> Completions(IEnumerable<LegacyEvent> events) =>
            events.Where(e => e.Name == "completion").Select(e =>
            {
                using JsonDocument document = JsonDocument.Parse(e.Data);
                JsonElement root = document.RootElement;
                Assert.Equal("completion", root.GetProperty("type").GetString());
                JsonElement stop = root.GetProperty("stop_reason");
                return (root.GetProperty("completion").GetString()!, stop.ValueKind == JsonValueKind.Null ? null : stop.GetString());
            }).ToList();

        [Fact]
        public async Task Emits_the_legacy_events_the_complete_endpoint_streams_for_the_same_conversation()
        {
            await using Harness h = await Harness.StartAsync(new EmulatorOptions { LegacyLeadingSpace = false });
            using var http = new HttpClient();
            using HttpResponseMessage legacyResponse = await PostStreamAsync(http, h, "/v1/complete", CompleteBody());
            List<LegacyEvent> expected = Parse(await legacyResponse.Content.ReadAsStringAsync());

            using HttpResponseMessage response = await PostStreamAsync(http, h, "/v1/messages", MessagesBody());
            using Stream legacy = LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync());
            List<LegacyEvent> actual = Parse(await ReadAllAsync(legacy, 4096));

            // Same text pieces, same ending ("" and the stop reason end_turn mapped to "stop_sequence").
            List<(string Completion, string? StopReason)> pieces = Completions(actual);
            Assert.True(pieces.Count > 3, "expected several deltas");
            Assert.Equal(Completions(expected), pieces);
            Assert.Equal((string.Empty, "stop_sequence"), pieces[^1]);
            Assert.All(pieces.Take(pieces.Count - 1), p => Assert.Null(p.StopReason));

            // Only completion and ping events (message_start, content_block_*, message_delta/stop and unknown ones vanish);
            // the ping as the Messages stream sent it.
            Assert.Equal(new[] { "completion", "ping" }, actual.Select(e => e.Name).Distinct().OrderBy(n => n));
            Assert.Equal("{\"type\":\"ping\"}", Assert.Single(actual, e => e.Name == "ping").Data);

            // Every completion event: type, id, completion, stop_reason, model — the model of the answer, the id of the message.
            foreach (LegacyEvent e in actual.Where(e => e.Name == "completion"))
            {
                using JsonDocument document = JsonDocument.Parse(e.Data);
                Assert.Equal(new[] { "type", "id", "completion", "stop_reason", "model" }, document.RootElement.EnumerateObject().Select(p => p.Name));
                Assert.Equal(Requests.Model, document.RootElement.GetProperty("model").GetString());
                Assert.StartsWith("msg_emu_", document.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
            }
        }

        [Fact]
        public async Task Max_tokens_and_a_custom_stop_sequence_end_the_stream_like_the_legacy_one()
        {
            await using Harness h = await Harness.StartAsync(new EmulatorOptions { LegacyLeadingSpace = false });
            using var http = new HttpClient();
            foreach ((object messages, object complete, string stopReason) in new[]
            {
                (MessagesBody(maxTokens: 2), CompleteBody(maxTokens: 2), "max_tokens"),
                (MessagesBody(stops: new[] { "fox" }), CompleteBody(stops: new[] { "fox" }), "stop_sequence"),
            })
            {
                using HttpResponseMessage legacyResponse = await PostStreamAsync(http, h, "/v1/complete", complete);
                List<(string, string?)> expected = Completions(Parse(await legacyResponse.Content.ReadAsStringAsync()));
                using HttpResponseMessage response = await PostStreamAsync(http, h, "/v1/messages", messages);
                using Stream legacy = LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync());
                List<LegacyEvent> events = Parse(await ReadAllAsync(legacy, 4096));
                List<(string Completion, string? StopReason)> actual = Completions(events);
                Assert.Equal(expected, actual);
                Assert.Equal(stopReason, actual[^1].StopReason);
                if (stopReason == "stop_sequence")
                {
                    // The custom sequence that matched, as CompletionResponse.Stop carries it.
                    using JsonDocument last = JsonDocument.Parse(events[^1].Data);
                    Assert.Equal("fox", last.RootElement.GetProperty("stop").GetString());
                }
            }
        }

        [Fact]
        public async Task A_mid_stream_error_event_passes_through_unchanged_and_ends_the_stream()
        {
            await using Harness h = await Harness.StartAsync();
            using var http = new HttpClient();
            using HttpResponseMessage raw = await PostStreamAsync(http, h, "/v1/messages", MessagesBody(), fault: "stream-error;type=brand_new_error;message=Something new");
            string rawText = await raw.Content.ReadAsStringAsync();
            string errorData = rawText.Split('\n').Single(l => l.StartsWith("data: {\"type\":\"error\"", StringComparison.Ordinal)).Substring("data: ".Length);

            using HttpResponseMessage response = await PostStreamAsync(http, h, "/v1/messages", MessagesBody(), fault: "stream-error;type=brand_new_error;message=Something new");
            using Stream legacy = LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync());
            List<LegacyEvent> events = Parse(await ReadAllAsync(legacy, 4096));

            Assert.Equal(new[] { "ping", "completion", "error" }, events.Select(e => e.Name));
            Assert.NotEqual(string.Empty, Completions(events).Single().Completion);
            Assert.Equal(errorData, events[^1].Data);
            Assert.Equal("brand_new_error", JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal(0, await legacy.ReadAsync(new byte[16], 0, 16));
        }

        [Fact]
        public async Task One_byte_reads_sync_reads_and_large_reads_give_the_same_bytes()
        {
            await using Harness h = await Harness.StartAsync();
            using var http = new HttpClient();
            var texts = new List<string>();
            for (int mode = 0; mode < 3; mode++)
            {
                using HttpResponseMessage response = await PostStreamAsync(http, h, "/v1/messages", MessagesBody());
                using Stream legacy = LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync());
                Assert.True(legacy.CanRead);
                Assert.False(legacy.CanSeek);
                Assert.False(legacy.CanWrite);
                if (mode == 2)
                {
                    // Synchronous reads, line by line as a StreamReader does them.
                    using var reader = new StreamReader(legacy, Encoding.UTF8);
                    texts.Add(reader.ReadToEnd());
                }
                else
                {
                    texts.Add(await ReadAllAsync(legacy, mode == 0 ? 1 : 64 * 1024));
                }
            }

            Assert.Equal(texts[0], texts[1]);
            Assert.Equal(texts[0], texts[2]);
            Assert.EndsWith("\"stop_reason\":\"stop_sequence\",\"model\":\"" + Requests.Model + "\"}\n\n", texts[0], StringComparison.Ordinal);
        }

        [Fact]
        public async Task Events_split_across_reads_of_the_inner_stream_are_reassembled()
        {
            string messages =
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}\n\n" +
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Héllo \\\"wörld\\\"\"}}\n\n" +
                ": a comment line\n\n" +
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null}}\n\n" +
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
            using Stream legacy = LegacyEventStream.FromMessages(new TrickleStream(Encoding.UTF8.GetBytes(messages), chunk: 3));
            List<LegacyEvent> events = Parse(await ReadAllAsync(legacy, 7));
            Assert.Equal(new[] { ("Héllo \"wörld\"", (string?)null), (string.Empty, "stop_sequence") }, Completions(events));
            Assert.Equal("msg_1", JsonDocument.Parse(events[0].Data).RootElement.GetProperty("id").GetString());
        }

        [Fact]
        public async Task A_stream_that_ends_before_message_stop_throws_IOException()
        {
            string messages = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n";
            using Stream legacy = LegacyEventStream.FromMessages(new MemoryStream(Encoding.UTF8.GetBytes(messages)));
            var buffer = new byte[4096];
            Assert.True(await legacy.ReadAsync(buffer, 0, buffer.Length) > 0);
            await Assert.ThrowsAsync<IOException>(() => legacy.ReadAsync(buffer, 0, buffer.Length));

            await using Harness h = await Harness.StartAsync();
            using var http = new HttpClient();
            using HttpResponseMessage response = await PostStreamAsync(http, h, "/v1/messages", MessagesBody(), fault: "stream-drop");
            using Stream dropped = LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync());
            await Assert.ThrowsAnyAsync<IOException>(() => ReadAllAsync(dropped, 4096));
        }

        [Fact]
        public async Task A_pending_read_is_cancelled_by_its_token_and_disposal_disposes_the_inner_stream()
        {
            var inner = new NeverEndingStream();
            Stream legacy = LegacyEventStream.FromMessages(inner);
            using var cts = new CancellationTokenSource();
            Task<int> read = legacy.ReadAsync(new byte[16], 0, 16, cts.Token);
            await Task.Delay(50);
            Assert.False(read.IsCompleted);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);

            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => legacy.ReadAsync(new byte[16], 0, 16, cancelled.Token));

            legacy.Dispose();
            Assert.True(inner.Disposed);
            Assert.False(legacy.CanRead);
            Assert.Throws<ObjectDisposedException>(() => legacy.Read(new byte[1], 0, 1));
            Assert.Throws<ArgumentNullException>(() => LegacyEventStream.FromMessages(null!));
        }

        /// <summary>Returns at most <c>chunk</c> bytes per read.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            private readonly int _chunk;

            public TrickleStream(byte[] bytes, int chunk)
                : base(bytes)
            {
                _chunk = chunk;
            }

            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => base.ReadAsync(buffer, offset, Math.Min(count, _chunk), cancellationToken);

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => base.ReadAsync(buffer.Slice(0, Math.Min(buffer.Length, _chunk)), cancellationToken);
        }

        /// <summary>A read never completes until its token is cancelled.</summary>
        private sealed class NeverEndingStream : Stream
        {
            public bool Disposed { get; private set; }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }
        }
    }
}
