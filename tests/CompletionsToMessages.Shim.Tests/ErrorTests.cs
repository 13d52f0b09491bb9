using System;
using System.Linq;
using System.Threading.Tasks;
using AnthropicEmulator;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    public class ErrorTests
    {
        [Theory]
        [InlineData(400, "invalid_request_error")]
        [InlineData(401, "authentication_error")]
        [InlineData(402, "billing_error")]
        [InlineData(403, "permission_error")]
        [InlineData(404, "not_found_error")]
        [InlineData(409, "conflict_error")]
        [InlineData(413, "request_too_large")]
        [InlineData(429, "rate_limit_error")]
        [InlineData(500, "api_error")]
        [InlineData(504, "timeout_error")]
        [InlineData(529, "overloaded_error")]
        public async Task Each_documented_error_becomes_an_AnthropicApiException_with_status_type_and_request_id(int status, string type)
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient(status.ToString(System.Globalization.CultureInfo.InvariantCulture), o => o.MaxRetries = 0);
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));

            RecordedRequest sent = Assert.Single(h.Emulator.Requests);
            Assert.Equal(status, e.StatusCode);
            Assert.Equal(type, e.ErrorType);
            Assert.True(e.IsKnownErrorType);
            Assert.False(e.IsStreamError);
            Assert.Equal(sent.RequestId, e.RequestId);
            Assert.Equal(status, sent.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }

        [Fact]
        public async Task Unknown_error_types_are_kept_as_sent()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("418;type=teapot_error;message=I am a teapot", o => o.MaxRetries = 0);
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));
            Assert.Equal(418, e.StatusCode);
            Assert.Equal("teapot_error", e.ErrorType);
            Assert.False(e.IsKnownErrorType);
            Assert.Equal("I am a teapot", e.Message);
        }

        [Fact]
        public async Task Real_validation_errors_of_the_target_model_reach_the_caller()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();

            // Prefill is rejected from Claude 4.6 on ...
            AnthropicApiException prefill = await Assert.ThrowsAsync<AnthropicApiException>(
                () => client.CreateAsync(Requests.Simple("\n\nHuman: Hi\n\nAssistant: Well,", model: "claude-sonnet-4-6")));
            Assert.Equal((400, "invalid_request_error"), (prefill.StatusCode, prefill.ErrorType));
            Assert.Contains("prefill", prefill.Message);

            // ... non-default sampling from 4.7 on ...
            CompletionRequest sampled = Requests.Simple(model: "claude-opus-4-7");
            sampled.Temperature = 0.2;
            AnthropicApiException sampling = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(sampled));
            Assert.Equal(400, sampling.StatusCode);
            Assert.Contains("temperature", sampling.Message);

            // ... and temperature with top_p on Haiku 4.5. None of these is retried.
            CompletionRequest both = Requests.Simple();
            both.Temperature = 0.5;
            both.TopP = 0.9;
            AnthropicApiException pair = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(both));
            Assert.Equal(400, pair.StatusCode);
            Assert.Equal(3, h.Emulator.Requests.Count);
        }

        [Fact]
        public async Task Wrong_api_key_is_an_authentication_error()
        {
            await using Harness h = await Harness.StartAsync(new EmulatorOptions { ApiKey = "the-only-good-key" });
            using CompletionsClient client = h.Client();
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));
            Assert.Equal((401, "authentication_error"), (e.StatusCode, e.ErrorType));
            Assert.Single(h.Emulator.Requests);
        }

        [Fact]
        public async Task Same_prompt_that_is_fine_on_haiku_4_5_with_prefill_succeeds()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            CompletionResponse response = await client.CreateAsync(Requests.Simple("\n\nHuman: Hi\n\nAssistant: Well,"));
            Assert.Equal("stop_sequence", response.StopReason);
            Assert.Equal(200, h.Emulator.Requests.Single().StatusCode);
        }
    }
}
