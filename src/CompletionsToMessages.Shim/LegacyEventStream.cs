using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CompletionsToMessages.Shim
{
    /// <summary>
    /// Serves a hand-written Text Completions stream parser from the Messages API: turns the server-sent events of a
    /// streamed <c>/v1/messages</c> response into the 2023-06-01 Text Completions event stream that parser was written for.
    /// </summary>
    /// <remarks>
    /// For each text delta: <c>event: completion</c> with <c>{"type":"completion","id":…,"completion":"&lt;new text&gt;","stop_reason":null,"model":…}</c>;
    /// at <c>message_stop</c> a last <c>completion</c> event with <c>""</c> and the stop reason mapped as
    /// <see cref="CompletionResponse.StopReason"/> maps it (<c>end_turn</c> → <c>"stop_sequence"</c>), then the end of the
    /// stream. <c>ping</c> events pass through; an <c>error</c> event passes through with the same data and ends the stream.
    /// Other Messages events (<c>message_start</c>, <c>content_block_start</c>, …, unknown ones) produce nothing. The text
    /// does not start with a space as the legacy API's did. Reading is incremental (one event at a time, nothing buffered
    /// beyond it); disposing the returned stream disposes <c>messagesEventStream</c>. When the Messages stream ends before
    /// <c>message_stop</c> (or an error event), reading throws an <see cref="IOException"/>. The 2023-01-01 format
    /// (cumulative text, <c>data: [DONE]</c>) is not produced.
    /// </remarks>
    public static class LegacyEventStream
    {
        /// <summary>
        /// A read-only stream of 2023-06-01 Text Completions events (UTF-8) read from <paramref name="messagesEventStream"/>,
        /// the body of a streamed <c>/v1/messages</c> response (e.g. <c>await response.Content.ReadAsStreamAsync()</c>).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="messagesEventStream"/> is null.</exception>
        public static Stream FromMessages(Stream messagesEventStream)
        {
            if (messagesEventStream is null)
            {
                throw new ArgumentNullException(nameof(messagesEventStream));
            }

            return new MessagesToLegacyEventStream(messagesEventStream);
        }
    }

    /// <summary>The stream behind <see cref="LegacyEventStream.FromMessages"/>.</summary>
    internal sealed class MessagesToLegacyEventStream : Stream
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        private readonly StreamReader _reader;
        private readonly SseEventAssembler _assembler = new SseEventAssembler();
        private readonly MessagesStreamMapper _mapper = new MessagesStreamMapper();
        private byte[] _pending = Array.Empty<byte>();
        private int _pendingOffset;
        private bool _ended;
        private bool _disposed;

        public MessagesToLegacyEventStream(Stream inner)
        {
            _reader = new StreamReader(inner, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: false);
        }

        public override bool CanRead => !_disposed;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ValidateArguments(buffer, offset, count);
            while (!HasPending && !_ended)
            {
                OnLine(_reader.ReadLine());
            }

            return CopyPending(buffer, offset, count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            ValidateArguments(buffer, offset, count);
            return ReadCoreAsync(buffer, offset, count, cancellationToken);
        }

#if NET8_0_OR_GREATER
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            if (buffer.Length == 0)
            {
                return 0;
            }

            while (!HasPending && !_ended)
            {
                cancellationToken.ThrowIfCancellationRequested();
                OnLine(await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false));
            }

            int copied = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
            _pending.AsMemory(_pendingOffset, copied).CopyTo(buffer);
            _pendingOffset += copied;
            return copied;
        }
#endif

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                _reader.Dispose();
            }

            base.Dispose(disposing);
        }

        private bool HasPending => _pendingOffset < _pending.Length;

        private async Task<int> ReadCoreAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (!HasPending && !_ended)
            {
                cancellationToken.ThrowIfCancellationRequested();
#if NET8_0_OR_GREATER
                string? line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
#else
                string? line = await _reader.ReadLineAsync().ConfigureAwait(false);
#endif
                OnLine(line);
            }

            return CopyPending(buffer, offset, count);
        }

        private void ValidateArguments(byte[] buffer, int offset, int count)
        {
            if (buffer is null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            ThrowIfDisposed();
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(LegacyEventStream));
            }
        }

        private int CopyPending(byte[] buffer, int offset, int count)
        {
            int copied = Math.Min(count, _pending.Length - _pendingOffset);
            Buffer.BlockCopy(_pending, _pendingOffset, buffer, offset, copied);
            _pendingOffset += copied;
            return copied;
        }

        /// <summary>One line of the Messages stream; a completed event becomes the pending legacy event(s).</summary>
        private void OnLine(string? line)
        {
            if (line is null)
            {
                _ended = true;
                throw new IOException("The Messages API stream ended before message_stop.");
            }

            if (!_assembler.AddLine(line, out string? eventName, out string data))
            {
                return;
            }

            if (eventName == "ping")
            {
                SetPending("ping", data);
                return;
            }

            CompletionResponse? chunk;
            try
            {
                chunk = _mapper.OnEvent(eventName, data, requestId: null);
            }
            catch (AnthropicApiException)
            {
                // The error event as it came (the legacy stream's error events have the same data); the stream ends.
                _ended = true;
                SetPending("error", data);
                return;
            }

            if (chunk is null)
            {
                return;
            }

            SetPending("completion", CompletionJson(chunk));
            if (_mapper.Finished)
            {
                _ended = true;
            }
        }

        private void SetPending(string eventName, string data)
        {
            // Data of more than one line keeps its lines (each a data: line of its own, as received).
            _pending = Utf8.GetBytes("event: " + eventName + "\ndata: " + data.Replace("\n", "\ndata: ") + "\n\n");
            _pendingOffset = 0;
        }

        private static string CompletionJson(CompletionResponse chunk)
        {
            using var buffer = new MemoryStream(128 + (chunk.Completion.Length * 2));
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "completion");
                writer.WriteString("id", chunk.Id);
                writer.WriteString("completion", chunk.Completion);
                if (chunk.StopReason is null)
                {
                    writer.WriteNull("stop_reason");
                }
                else
                {
                    writer.WriteString("stop_reason", chunk.StopReason);
                }

                writer.WriteString("model", chunk.Model);
                if (chunk.Stop is not null)
                {
                    writer.WriteString("stop", chunk.Stop);
                }

                writer.WriteEndObject();
            }

            return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
