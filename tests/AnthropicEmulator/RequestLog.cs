using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AnthropicEmulator
{
    /// <summary>A request the emulator received, recorded before any fault or validation.</summary>
    public sealed class RecordedRequest
    {
        internal RecordedRequest(int sequence, string method, string path, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
        {
            Sequence = sequence;
            Method = method;
            Path = path;
            Headers = headers;
            Body = body;
            ReceivedAt = receivedAt;
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                Json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                Json = null;
            }
        }

        /// <summary>1 for the first request the server received, then 2, 3, …</summary>
        public int Sequence { get; }

        public string Method { get; }

        /// <summary>The request path, e.g. <c>/v1/messages</c>.</summary>
        public string Path { get; }

        /// <summary>Request headers (case-insensitive names; repeated headers joined with ", ").</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The raw request body.</summary>
        public string Body { get; }

        /// <summary>The body parsed as JSON; null when it is not JSON.</summary>
        public JsonElement? Json { get; }

        public DateTimeOffset ReceivedAt { get; }

        /// <summary>The <c>request-id</c> the emulator answered with (also the error body's <c>request_id</c>).</summary>
        public string RequestId => "req_emu_" + Sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The status code answered (0 while in flight or when the connection was dropped before a response).</summary>
        public int StatusCode { get; internal set; }

        /// <summary>True when a <c>drop</c> fault aborted the connection without a response.</summary>
        public bool Dropped { get; internal set; }

        /// <summary>The header's value, or null.</summary>
        public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

        public override string ToString() => $"#{Sequence} {Method} {Path} -> {StatusCode}";
    }

    /// <summary>The thread-safe list of recorded requests.</summary>
    public sealed class RequestLog
    {
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
        private int _sequence;

        /// <summary>A snapshot of the requests received so far, in arrival order.</summary>
        public IReadOnlyList<RecordedRequest> Snapshot()
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }

        public void Clear()
        {
            lock (_requests)
            {
                _requests.Clear();
            }
        }

        internal RecordedRequest Add(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
        {
            lock (_requests)
            {
                var request = new RecordedRequest(++_sequence, method, path, headers, body, DateTimeOffset.UtcNow);
                _requests.Add(request);
                return request;
            }
        }
    }
}
