using System;
using System.Net.Http;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;
using AnthropicEmulator;
using BenchmarkDotNet.Attributes;
using CompletionsToMessages.Shim;

namespace Benchmarks.Shim
{
    /// <summary>
    /// Streaming throughput: the shim's StreamAsync and the official Anthropic SDK's CreateStreaming consume the same
    /// Messages SSE stream (the emulator answers the same conversation with the same deterministic stream), over loopback.
    /// The emulator's and the network's cost is in both figures; the difference is the client's parsing.
    /// </summary>
    [MemoryDiagnoser]
    public class StreamingBenchmarks
    {
        private EmulatorServer _emulator = null!;
        private CompletionsClient _shim = null!;
        private AnthropicClient _sdk = null!;
        private CompletionRequest _request = null!;
        private MessageCreateParams _sdkRequest = null!;

        [GlobalSetup]
        public async Task SetupAsync()
        {
            _emulator = await EmulatorServer.StartAsync();
            _shim = new CompletionsClient(new CompletionsClientOptions { ApiKey = "sk-benchmark", BaseUrl = _emulator.BaseUrl, MaxRetries = 0 });
            _sdk = new AnthropicClient { ApiKey = "sk-benchmark", BaseUrl = _emulator.BaseUrl, MaxRetries = 0 };
            _request = BenchmarkData.StreamingRequest();

            // The SDK request for the same conversation the shim sends.
            ConvertedPrompt converted = LegacyPrompt.ToMessages(_request.Prompt);
            var messages = new System.Collections.Generic.List<MessageParam>();
            foreach (PromptMessage message in converted.Messages)
            {
                // In SDK 13.x a MessageParam is a union of UserMessageParam and AssistantMessageParam.
                messages.Add(message.Role == "user"
                    ? new UserMessageParam { Content = message.Content }
                    : new AssistantMessageParam { Content = message.Content });
            }

            _sdkRequest = new MessageCreateParams
            {
                Model = BenchmarkData.Model,
                MaxTokens = _request.MaxTokensToSample,
                System = converted.System!,
                Messages = messages,
            };

            int shimChars = await ShimStream();
            int sdkChars;
            try
            {
                sdkChars = await SdkStream();
            }
            catch (Exception e)
            {
                RecordedRequest? last = _emulator.Requests.Count > 0 ? _emulator.Requests[^1] : null;
                throw new InvalidOperationException($"the SDK request failed ({e.Message}); it sent {last?.Body} with headers {string.Join(", ", last?.Headers.Keys ?? Array.Empty<string>())}", e);
            }

            if (shimChars != sdkChars || shimChars == 0)
            {
                throw new InvalidOperationException($"the two clients did not receive the same stream ({shimChars} vs {sdkChars} characters)");
            }

            Console.WriteLine($"// stream: {shimChars} characters of text");
        }

        [GlobalCleanup]
        public async Task CleanupAsync()
        {
            _shim.Dispose();
            await _emulator.DisposeAsync();
        }

        [Benchmark(Baseline = true, Description = "shim StreamAsync")]
        public async Task<int> ShimStream()
        {
            int characters = 0;
            await foreach (CompletionResponse chunk in _shim.StreamAsync(_request))
            {
                characters += chunk.Completion.Length;
            }

            _emulator.Log.Clear();
            return characters;
        }

        [Benchmark(Description = "Anthropic SDK 13.13 CreateStreaming")]
        public async Task<int> SdkStream()
        {
            int characters = 0;
            await foreach (RawMessageStreamEvent e in _sdk.Messages.CreateStreaming(_sdkRequest))
            {
                if (e.TryPickContentBlockDelta(out RawContentBlockDeltaEvent? delta) && delta.Delta.TryPickText(out TextDelta? text))
                {
                    characters += text.Text.Length;
                }
            }

            _emulator.Log.Clear();
            return characters;
        }
    }
}
