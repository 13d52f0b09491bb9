using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using AnthropicEmulator;
using BenchmarkDotNet.Attributes;
using CompletionsToMessages.Shim;

namespace Benchmarks.Shim
{
    /// <summary>
    /// The shim's own per-call work, without the network: converting a 2 KB legacy request into the /v1/messages body,
    /// and mapping a recorded /v1/messages answer (from the emulator) back to a CompletionResponse.
    /// </summary>
    [MemoryDiagnoser]
    public class ShimOverheadBenchmarks
    {
        private CompletionsClient _client = null!;
        private CompletionRequest _request = null!;
        private byte[] _recordedResponse = null!;

        [GlobalSetup]
        public async Task SetupAsync()
        {
            _client = new CompletionsClient(new CompletionsClientOptions { ApiKey = "sk-benchmark", BaseUrl = "http://127.0.0.1:9" });
            _request = BenchmarkData.Request(maxTokens: 1024);

            // Record a real answer to this very request from the emulator.
            await using EmulatorServer emulator = await EmulatorServer.StartAsync();
            using var http = new HttpClient();
            using var message = new HttpRequestMessage(HttpMethod.Post, emulator.BaseUrl + "/v1/messages")
            {
                Content = new ByteArrayContent(_client.Prepare(_request, stream: false)),
            };
            message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            message.Headers.Add("x-api-key", "sk-benchmark");
            message.Headers.Add("anthropic-version", "2023-06-01");
            using HttpResponseMessage response = await http.SendAsync(message);
            _recordedResponse = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException("emulator refused the benchmark request: " + Encoding.UTF8.GetString(_recordedResponse));
            }
        }

        [GlobalCleanup]
        public void Cleanup() => _client.Dispose();

        [Benchmark(Description = "request conversion (2 KB prompt)")]
        public byte[] RequestConversion() => _client.Prepare(_request, stream: false);

        [Benchmark(Description = "response mapping")]
        public CompletionResponse ResponseMapping() => MessagesWire.ParseMessage(_recordedResponse);

        [Benchmark(Baseline = true, Description = "conversion + mapping (per-call overhead)")]
        public CompletionResponse PerCallOverhead()
        {
            _client.Prepare(_request, stream: false);
            return MessagesWire.ParseMessage(_recordedResponse);
        }
    }
}
