using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using AnthropicEmulator;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    /// <summary>
    /// The emulator's Bedrock route, <c>POST /model/{modelId}/invoke</c>: Text-Completions-era ids take the Text
    /// Completions body without <c>model</c> and answer like /v1/complete; <c>anthropic.{active id}-v{major}:{minor}</c>
    /// takes the Messages body with <c>"anthropic_version": "bedrock-2023-05-31"</c> and answers like /v1/messages.
    /// </summary>
    public partial class EmulatorTests
    {
        private const string BedrockVersion = "bedrock-2023-05-31";

        private const string HiPrompt = "\n\nHuman: hi\n\nAssistant:";

        /// <summary>Posts to /model/{modelId}/invoke the way a Bedrock gateway client does: a key, no anthropic-version header.</summary>
        private static async Task<(int Status, JsonElement Body, string? ErrorType, string Text)> InvokeAsync(Harness h, string modelIdInUrl, object body, string? apiKey = Harness.ApiKey)
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, h.Emulator.BaseUrl + "/model/" + modelIdInUrl + "/invoke")
            {
                Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            };
            if (apiKey is not null)
            {
                request.Headers.Add("x-api-key", apiKey);
            }

            using HttpResponseMessage response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            string? errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out IEnumerable<string>? types) ? string.Join(",", types) : null;
            return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), errorType, text);
        }

        private static async Task AssertBedrockError(Harness h, string modelIdInUrl, object body, int status, string exception, string messagePart, string? apiKey = Harness.ApiKey)
        {
            var (actualStatus, json, errorType, text) = await InvokeAsync(h, modelIdInUrl, body, apiKey);
            Assert.True(status == actualStatus, $"expected {status}, got {actualStatus}: {text}");
            Assert.Equal(exception, errorType);
            Assert.Contains(messagePart, json.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(json.TryGetProperty("type", out _), "a Bedrock error is not the Anthropic error body: " + text);
        }

        private static object BedrockMessages(int maxTokens = 100, object[]? messages = null) =>
            new { anthropic_version = BedrockVersion, max_tokens = maxTokens, messages = messages ?? new[] { User("hi") } };

        [Theory]
        [InlineData("anthropic.claude-v2")]
        [InlineData("anthropic.claude-v2:1")]
        [InlineData("anthropic.claude-v2%3A1")] // the AWS SDKs percent-encode the colon
        [InlineData("anthropic.claude-instant-v1")]
        [InlineData("anthropic.claude-v1")]
        [InlineData("us.anthropic.claude-v2")]
        public async Task Bedrock_legacy_ids_take_the_text_completions_body_and_answer_like_v1_complete(string modelIdInUrl)
        {
            await using Harness h = await Harness.StartAsync();
            const string prompt = "You are terse.\n\nHuman: What is a lighthouse?\n\nAssistant:";
            var (status, body, _, text) = await InvokeAsync(h, modelIdInUrl, new { prompt, max_tokens_to_sample = 300, temperature = 0.8, top_k = 250, stop_sequences = new[] { "\n\nHuman:" } });
            Assert.True(status == 200, text);

            var complete = await h.PostRawAsync("/v1/complete", new { model = "claude-2.1", prompt, max_tokens_to_sample = 300, temperature = 0.8, top_k = 250, stop_sequences = new[] { "\n\nHuman:" } });
            Assert.Equal(200, complete.Status);
            Assert.Equal("completion", body.GetProperty("type").GetString());
            Assert.StartsWith(" Reply ", body.GetProperty("completion").GetString(), StringComparison.Ordinal);
            Assert.Equal(complete.Body.GetProperty("completion").GetString(), body.GetProperty("completion").GetString());
            Assert.Equal(complete.Body.GetProperty("id").GetString(), body.GetProperty("id").GetString());
            Assert.Equal("stop_sequence", body.GetProperty("stop_reason").GetString());
            Assert.Equal(Uri.UnescapeDataString(modelIdInUrl), body.GetProperty("model").GetString());

            RecordedRequest invoke = h.Emulator.Requests[0];
            Assert.Equal("/model/" + Uri.UnescapeDataString(modelIdInUrl) + "/invoke", invoke.Path);
            Assert.Null(invoke.Header("anthropic-version"));
            Assert.Equal(200, invoke.StatusCode);
        }

        [Fact]
        public async Task Bedrock_legacy_max_tokens_to_sample_defaults_to_200()
        {
            await using Harness h = await Harness.StartAsync();
            string words = string.Join(" ", Enumerable.Range(1, 250).Select(i => "w" + i));
            string prompt = "\n\nHuman: " + words + "\n\nAssistant:";
            var (status, body, _, text) = await InvokeAsync(h, "anthropic.claude-v2", new { prompt });
            Assert.True(status == 200, text);
            Assert.Equal("max_tokens", body.GetProperty("stop_reason").GetString());
            Assert.Equal(200, AnswerGenerator.Tokens(body.GetProperty("completion").GetString()!.Trim()).Count);

            // Given explicitly, the limit is the one sent.
            var (_, longer, _, _) = await InvokeAsync(h, "anthropic.claude-v2", new { prompt, max_tokens_to_sample = 1000 });
            Assert.Equal("stop_sequence", longer.GetProperty("stop_reason").GetString());
        }

        [Theory]
        [InlineData("anthropic.claude-haiku-4-5-20251001-v1:0")]
        [InlineData("anthropic.claude-haiku-4-5-20251001-v1%3A0")]
        [InlineData("us.anthropic.claude-haiku-4-5-20251001-v1:0")]
        [InlineData("eu.anthropic.claude-sonnet-4-6-v1:0")]
        [InlineData("apac.anthropic.claude-opus-4-8-v2:1")]
        public async Task Bedrock_active_ids_take_the_messages_body_with_anthropic_version_and_answer_like_v1_messages(string modelIdInUrl)
        {
            await using Harness h = await Harness.StartAsync();
            object[] messages = { User("Capital of Peru?"), Assistant("Lima"), User("And Chile?") };
            var (status, body, _, text) = await InvokeAsync(h, modelIdInUrl, new { anthropic_version = BedrockVersion, max_tokens = 300, system = "You are a geographer.", messages });
            Assert.True(status == 200, text);

            var modern = await h.RawMessageTextAsync(new { model = Requests.Model, max_tokens = 300, system = "You are a geographer.", messages });
            Assert.Equal("message", body.GetProperty("type").GetString());
            Assert.Equal("assistant", body.GetProperty("role").GetString());
            JsonElement block = Assert.Single(body.GetProperty("content").EnumerateArray().ToArray());
            Assert.Equal("text", block.GetProperty("type").GetString());
            Assert.StartsWith("Reply ", block.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal(modern.Text, block.GetProperty("text").GetString());
            Assert.Equal("end_turn", body.GetProperty("stop_reason").GetString());
            Assert.Equal(Uri.UnescapeDataString(modelIdInUrl), body.GetProperty("model").GetString());
            Assert.True(body.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);

            // The same conversation as a legacy prompt on a legacy Bedrock id: the same text, with the legacy leading space.
            var (_, legacy, _, _) = await InvokeAsync(h, "anthropic.claude-v2:1", new { prompt = "You are a geographer.\n\nHuman: Capital of Peru?\n\nAssistant: Lima\n\nHuman: And Chile?\n\nAssistant:", max_tokens_to_sample = 300 });
            Assert.Equal(" " + modern.Text, legacy.GetProperty("completion").GetString());
        }

        public static IEnumerable<object[]> InvalidBedrockMessagesBodies() => new[]
        {
            new object[] { new { anthropic_version = BedrockVersion, model = "claude-haiku-4-5-20251001", max_tokens = 10, messages = new[] { User("hi") } }, "model: Extra inputs are not permitted" },
            new object[] { new { prompt = HiPrompt, max_tokens_to_sample = 10 }, "Messages API body" },
            new object[] { new { anthropic_version = BedrockVersion, prompt = HiPrompt, max_tokens_to_sample = 10 }, "Messages API body" },
            new object[] { new { max_tokens = 10, messages = new[] { User("hi") } }, "anthropic_version: Field required" },
            new object[] { new { anthropic_version = "2023-06-01", max_tokens = 10, messages = new[] { User("hi") } }, "anthropic_version: Input should be \"bedrock-2023-05-31\"" },
            new object[] { new { anthropic_version = BedrockVersion, max_tokens = 10, stream = true, messages = new[] { User("hi") } }, "stream" },
            new object[] { new { anthropic_version = BedrockVersion, max_tokens = 10, messages = new[] { User("hi") }, extra = 1 }, "extra: Extra inputs are not permitted" },
            new object[] { new { anthropic_version = BedrockVersion, messages = new[] { User("hi") } }, "max_tokens: Field required" },
            new object[] { BedrockMessages(maxTokens: 64_001), "maximum allowed number of output tokens" },
            new object[] { BedrockMessages(messages: new[] { User("a"), User("b") }), "roles must alternate" },
            new object[] { new { anthropic_version = BedrockVersion, max_tokens = 10, temperature = 0.5, top_p = 0.9, messages = new[] { User("hi") } }, "cannot both be specified" },
            new object[] { "{not json", "not valid JSON" },
        };

        [Theory]
        [MemberData(nameof(InvalidBedrockMessagesBodies))]
        public async Task Bedrock_active_ids_reject_a_model_member_a_text_completions_body_and_invalid_messages_with_validation_exceptions(object body, string messagePart)
        {
            await using Harness h = await Harness.StartAsync();
            await AssertBedrockError(h, "anthropic.claude-haiku-4-5-20251001-v1:0", body, 400, "ValidationException", messagePart);
        }

        [Fact]
        public async Task Bedrock_rules_of_the_target_model_apply()
        {
            await using Harness h = await Harness.StartAsync();
            await AssertBedrockError(h, "anthropic.claude-sonnet-4-6-v1:0", BedrockMessages(messages: new[] { User("hi"), Assistant("Sure") }), 400, "ValidationException", "prefill");
            await AssertBedrockError(h, "anthropic.claude-opus-4-8-v1:0", new { anthropic_version = BedrockVersion, max_tokens = 10, top_k = 5, messages = new[] { User("hi") } }, 400, "ValidationException", "top_k");
            Assert.Equal(200, (await InvokeAsync(h, "anthropic.claude-haiku-4-5-20251001-v1:0", BedrockMessages(messages: new[] { User("hi"), Assistant("Sure") }))).Status);
        }

        public static IEnumerable<object[]> InvalidBedrockLegacyBodies() => new[]
        {
            new object[] { new { model = "claude-2", prompt = HiPrompt, max_tokens_to_sample = 10 }, "model: Extra inputs are not permitted" },
            new object[] { BedrockMessages(), "Text Completions body" },
            new object[] { new { prompt = HiPrompt, max_tokens_to_sample = 10, stream = true }, "stream" },
            new object[] { new { max_tokens_to_sample = 10 }, "prompt: Field required" },
            new object[] { new { prompt = "Hello, no turns", max_tokens_to_sample = 10 }, "must start with" },
            new object[] { new { prompt = "\n\nHuman: no assistant turn", max_tokens_to_sample = 10 }, "must end with" },
            new object[] { new { prompt = HiPrompt, max_tokens_to_sample = 0 }, "greater than or equal to 1" },
            new object[] { new { prompt = HiPrompt, temperature = 2.0 }, "temperature" },
        };

        [Theory]
        [MemberData(nameof(InvalidBedrockLegacyBodies))]
        public async Task Bedrock_legacy_ids_reject_a_model_member_a_messages_body_and_invalid_prompts_with_validation_exceptions(object body, string messagePart)
        {
            await using Harness h = await Harness.StartAsync();
            await AssertBedrockError(h, "anthropic.claude-v2", body, 400, "ValidationException", messagePart);
        }

        [Theory]
        [InlineData("anthropic.claude-v3")]
        [InlineData("anthropic.claude-v2:2")]
        [InlineData("anthropic.claude-3-haiku-20240307-v1:0")] // retired Messages-era model
        [InlineData("anthropic.claude-haiku-4-5-20251001")] // no version suffix
        [InlineData("anthropic.claude-nope-9-v1:0")]
        [InlineData("claude-2.1")] // a Claude API id
        [InlineData("claude-haiku-4-5-20251001")]
        [InlineData("claude-3-5-sonnet@20240620")] // a Vertex AI id
        [InlineData("xx.anthropic.claude-v2")]
        [InlineData("us.us.anthropic.claude-v2")]
        public async Task Bedrock_unknown_ids_are_resource_not_found(string modelIdInUrl)
        {
            await using Harness h = await Harness.StartAsync();
            await AssertBedrockError(h, modelIdInUrl, new { prompt = HiPrompt, max_tokens_to_sample = 10 }, 404, "ResourceNotFoundException", modelIdInUrl);
            await AssertBedrockError(h, modelIdInUrl, BedrockMessages(), 404, "ResourceNotFoundException", modelIdInUrl);
        }

        [Fact]
        public async Task Bedrock_missing_or_wrong_key_is_access_denied()
        {
            await using Harness h = await Harness.StartAsync(new EmulatorOptions { ApiKey = Harness.ApiKey });
            await AssertBedrockError(h, "anthropic.claude-v2", new { prompt = HiPrompt, max_tokens_to_sample = 10 }, 403, "AccessDeniedException", "x-api-key", apiKey: null);
            await AssertBedrockError(h, "anthropic.claude-haiku-4-5-20251001-v1:0", BedrockMessages(), 403, "AccessDeniedException", "x-api-key", apiKey: "sk-ant-wrong");
            Assert.Equal(200, (await InvokeAsync(h, "anthropic.claude-haiku-4-5-20251001-v1:0", BedrockMessages())).Status);
        }

        [Fact]
        public async Task Bedrock_errors_carry_the_request_id_and_the_claude_api_routes_keep_their_error_body()
        {
            await using Harness h = await Harness.StartAsync();
            using var http = new HttpClient();
            using HttpResponseMessage response = await http.PostAsync(h.Emulator.BaseUrl + "/model/anthropic.claude-v9/invoke", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal(403, (int)response.StatusCode); // no key: access is checked before the model
            string requestId = Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
            Assert.Equal(h.Emulator.Requests[0].RequestId, requestId);
            Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("request-id")));

            // Unrelated to the Bedrock route: an unknown path still gets the Anthropic not_found_error body.
            await AssertError(h, "/model/anthropic.claude-v2/invoke-with-response-stream", new { prompt = HiPrompt }, 404, "not_found_error", "Not found");
        }
    }
}
