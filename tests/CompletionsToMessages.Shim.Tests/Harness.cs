using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AnthropicEmulator;
using CompletionsToMessages.Shim;

namespace CompletionsToMessages.Shim.Tests
{
    /// <summary>An emulator plus a shim client pointed at it; records the retry delays the client asked for.</summary>
    internal sealed class Harness : IAsyncDisposable
    {
        public const string ApiKey = "sk-ant-test-0123456789abcdef";

        private readonly List<TimeSpan> _delays = new List<TimeSpan>();

        private Harness(EmulatorServer emulator)
        {
            Emulator = emulator;
        }

        public EmulatorServer Emulator { get; }

        /// <summary>The delays the client waited between attempts (it did not really wait).</summary>
        public IReadOnlyList<TimeSpan> Delays
        {
            get
            {
                lock (_delays)
                {
                    return _delays.ToArray();
                }
            }
        }

        public List<string> LogLines { get; } = new List<string>();

        public static async Task<Harness> StartAsync(EmulatorOptions? emulatorOptions = null) => new Harness(await EmulatorServer.StartAsync(emulatorOptions));

        /// <summary>Options aimed at the emulator, with a recording no-wait delay.</summary>
        public CompletionsClientOptions Options(Action<CompletionsClientOptions>? configure = null)
        {
            var options = new CompletionsClientOptions
            {
                ApiKey = ApiKey,
                BaseUrl = Emulator.BaseUrl,
                RetryDelay = (delay, ct) =>
                {
                    lock (_delays)
                    {
                        _delays.Add(delay);
                    }

                    return Task.CompletedTask;
                },
                Log = line =>
                {
                    lock (LogLines)
                    {
                        LogLines.Add(line);
                    }
                },
            };
            configure?.Invoke(options);
            return options;
        }

        public CompletionsClient Client(Action<CompletionsClientOptions>? configure = null) => new CompletionsClient(Options(configure));

        /// <summary>A client whose HttpClient sends <c>x-emulator-fault: <paramref name="fault"/></c> on every request.</summary>
        public CompletionsClient FaultyClient(string fault, Action<CompletionsClientOptions>? configure = null)
        {
            var http = new HttpClient();
            http.DefaultRequestHeaders.Add("x-emulator-fault", fault);
            _owned.Add(http);
            return new CompletionsClient(http, Options(configure));
        }

        private readonly List<HttpClient> _owned = new List<HttpClient>();

        /// <summary>Posts a raw JSON body to the emulator (no shim involved) and returns status, body and request-id.</summary>
        public async Task<(int Status, JsonElement Body, string? RequestId, string Text)> PostRawAsync(string path, object body, string version = "2023-06-01", string? apiKey = ApiKey, IDictionary<string, string>? headers = null)
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.BaseUrl + path)
            {
                Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            };
            if (apiKey is not null)
            {
                request.Headers.Add("x-api-key", apiKey);
            }

            if (version.Length > 0)
            {
                request.Headers.Add("anthropic-version", version);
            }

            foreach (KeyValuePair<string, string> header in headers ?? new Dictionary<string, string>())
            {
                request.Headers.Add(header.Key, header.Value);
            }

            using HttpResponseMessage response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            JsonElement json = default;
            if (!text.StartsWith("event:", StringComparison.Ordinal) && !text.StartsWith("data:", StringComparison.Ordinal))
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }

            string? requestId = response.Headers.TryGetValues("request-id", out IEnumerable<string>? ids) ? string.Join(",", ids) : null;
            return ((int)response.StatusCode, json, requestId, text);
        }

        /// <summary>The text of a /v1/messages answer obtained without the shim.</summary>
        public async Task<(string Text, string StopReason, string? StopSequence)> RawMessageTextAsync(object body)
        {
            var (status, json, _, text) = await PostRawAsync("/v1/messages", body);
            if (status != 200)
            {
                throw new InvalidOperationException("raw call failed: " + text);
            }

            var builder = new StringBuilder();
            foreach (JsonElement block in json.GetProperty("content").EnumerateArray())
            {
                builder.Append(block.GetProperty("text").GetString());
            }

            JsonElement stop = json.GetProperty("stop_sequence");
            return (builder.ToString(), json.GetProperty("stop_reason").GetString()!, stop.ValueKind == JsonValueKind.String ? stop.GetString() : null);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (HttpClient http in _owned)
            {
                http.Dispose();
            }

            await Emulator.DisposeAsync();
        }
    }

    internal static class Requests
    {
        public const string Model = "claude-haiku-4-5-20251001";

        public static CompletionRequest Simple(string prompt = "\n\nHuman: Tell me about the sea\n\nAssistant:", int maxTokens = 300, string model = Model) =>
            new CompletionRequest { Model = model, Prompt = prompt, MaxTokensToSample = maxTokens };
    }
}
