using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AnthropicEmulator;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    /// <summary>What the shim sends for each legacy field, and how it maps the answer back.</summary>
    public class FieldMappingTests
    {
        [Fact]
        public async Task Sends_a_messages_request_with_headers_model_max_tokens_and_the_converted_prompt()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            await client.CreateAsync(Requests.Simple("Be brief.\n\nHuman: Hi\n\nAssistant: Sure\n\nHuman: Again\n\nAssistant:", maxTokens: 123));

            RecordedRequest sent = Assert.Single(h.Emulator.Requests);
            Assert.Equal("/v1/messages", sent.Path);
            Assert.Equal(Harness.ApiKey, sent.Header("x-api-key"));
            Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
            Assert.StartsWith("application/json", sent.Header("content-type"));
            Assert.Null(sent.Header("anthropic-beta"));
            JsonElement body = sent.Json!.Value;
            Assert.Equal(Requests.Model, body.GetProperty("model").GetString());
            Assert.Equal(123, body.GetProperty("max_tokens").GetInt32());
            Assert.Equal("Be brief.", body.GetProperty("system").GetString());
            JsonElement[] messages = body.GetProperty("messages").EnumerateArray().ToArray();
            Assert.Equal(new[] { "user", "assistant", "user" }, messages.Select(m => m.GetProperty("role").GetString()));
            Assert.Equal(new[] { "Hi", "Sure", "Again" }, messages.Select(m => m.GetProperty("content").GetString()));
            foreach (string legacyOnly in new[] { "prompt", "max_tokens_to_sample", "stream", "stop_sequences", "temperature", "top_p", "top_k", "metadata" })
            {
                Assert.False(body.TryGetProperty(legacyOnly, out _), legacyOnly + " should not be sent");
            }
        }

        [Fact]
        public async Task Sampling_metadata_stop_sequences_and_beta_are_passed_through()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client(o => o.AnthropicBeta = "beta-one,beta-two");
            CompletionRequest request = Requests.Simple(model: "claude-opus-4-5");
            request.Temperature = 0.25;
            request.TopK = 7;
            request.Metadata = new CompletionMetadata { UserId = "user-42" };
            request.StopSequences = new List<string> { "\n\nHuman:", "END" };
            await client.CreateAsync(request);

            RecordedRequest sent = Assert.Single(h.Emulator.Requests);
            JsonElement body = sent.Json!.Value;
            Assert.Equal("beta-one,beta-two", sent.Header("anthropic-beta"));
            Assert.Equal(0.25, body.GetProperty("temperature").GetDouble());
            Assert.Equal(7, body.GetProperty("top_k").GetInt32());
            Assert.Equal("user-42", body.GetProperty("metadata").GetProperty("user_id").GetString());
            // "\n\nHuman:" only marked the legacy turn end; a Messages turn ends by itself.
            Assert.Equal(new[] { "END" }, body.GetProperty("stop_sequences").EnumerateArray().Select(s => s.GetString()));
        }

        [Fact]
        public async Task Top_p_is_passed_through()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            CompletionRequest request = Requests.Simple();
            request.TopP = 0.5;
            await client.CreateAsync(request);
            Assert.Equal(0.5, Assert.Single(h.Emulator.Requests).Json!.Value.GetProperty("top_p").GetDouble());
        }

        [Fact]
        public async Task Prefill_is_sent_as_a_final_assistant_message_and_the_completion_continues_it()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            CompletionResponse response = await client.CreateAsync(Requests.Simple("\n\nHuman: JSON please\n\nAssistant: {\"colour\": "));

            JsonElement[] messages = Assert.Single(h.Emulator.Requests).Json!.Value.GetProperty("messages").EnumerateArray().ToArray();
            Assert.Equal("assistant", messages[^1].GetProperty("role").GetString());
            Assert.Equal("{\"colour\":", messages[^1].GetProperty("content").GetString());
            Assert.Contains("Prefill: {\"colour\":", response.Completion);
        }

        [Fact]
        public async Task Completion_is_the_messages_text_and_end_turn_maps_to_stop_sequence()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            CompletionResponse response = await client.CreateAsync(Requests.Simple("System text\n\nHuman: What is up?\n\nAssistant:"));

            var expected = await h.RawMessageTextAsync(new
            {
                model = Requests.Model,
                max_tokens = 300,
                system = "System text",
                messages = new[] { new { role = "user", content = "What is up?" } },
            });
            Assert.Equal("end_turn", expected.StopReason);
            Assert.Equal(expected.Text, response.Completion);
            Assert.Equal("stop_sequence", response.StopReason);
            Assert.Null(response.Stop);
            Assert.Equal("completion", response.Type);
            Assert.Equal(Requests.Model, response.Model);
            Assert.StartsWith("msg_", response.Id);
        }

        [Fact]
        public async Task Max_tokens_stop_reason_is_kept_and_the_text_is_the_truncated_prefix()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            CompletionResponse full = await client.CreateAsync(Requests.Simple(maxTokens: 300));
            CompletionResponse cut = await client.CreateAsync(Requests.Simple(maxTokens: 3));

            Assert.Equal("max_tokens", cut.StopReason);
            Assert.StartsWith(cut.Completion, full.Completion);
            Assert.True(cut.Completion.Length < full.Completion.Length);
            Assert.Equal(3, cut.Completion.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        [Fact]
        public async Task Custom_stop_sequence_ends_the_text_before_it_and_maps_to_stop_sequence()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            const string prompt = "\n\nHuman: alpha beta gamma delta\n\nAssistant:";
            CompletionResponse full = await client.CreateAsync(Requests.Simple(prompt));
            CompletionRequest request = Requests.Simple(prompt);
            request.StopSequences = new[] { "gamma" };
            CompletionResponse stopped = await client.CreateAsync(request);

            string expected = full.Completion.Substring(0, full.Completion.IndexOf("gamma", StringComparison.Ordinal));
            Assert.Equal(expected, stopped.Completion);
            Assert.Equal("stop_sequence", stopped.StopReason);
            Assert.Equal("gamma", stopped.Stop);
        }

        [Fact]
        public async Task Model_successor_map_sends_the_successor_of_a_retired_id()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client(o => o.ModelSuccessors = new Dictionary<string, string>(KnownModels.RecommendedSuccessors));
            CompletionResponse response = await client.CreateAsync(Requests.Simple(model: "claude-instant-1.2"));

            Assert.Equal("claude-haiku-4-5-20251001", Assert.Single(h.Emulator.Requests).Json!.Value.GetProperty("model").GetString());
            Assert.Equal("claude-haiku-4-5-20251001", response.Model);
        }

        [Fact]
        public async Task Without_a_successor_map_a_retired_id_is_sent_unchanged_and_fails_with_not_found()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple(model: "claude-2.1")));
            Assert.Equal(404, e.StatusCode);
            Assert.Equal("not_found_error", e.ErrorType);
            Assert.Equal("claude-2.1", Assert.Single(h.Emulator.Requests).Json!.Value.GetProperty("model").GetString());
        }

        [Fact]
        public void Recommended_successors_cover_every_text_completions_model_with_a_current_model()
        {
            string[] legacy = { "claude-1", "claude-1.3", "claude-v1", "claude-instant-1", "claude-instant-1.2", "claude-2", "claude-2.0", "claude-2.1" };
            foreach (string id in legacy)
            {
                string successor = KnownModels.RecommendedSuccessors[id];
                Assert.Equal(ModelStatus.Active, ModelCatalog.Find(successor)?.Status);
            }

            Assert.Equal("claude-opus-4-8", KnownModels.RecommendedSuccessors["claude-2.1"]);
            Assert.Equal("claude-haiku-4-5-20251001", KnownModels.RecommendedSuccessors["claude-instant-1.2"]);
        }

        [Fact]
        public void Request_and_response_serialise_with_the_legacy_json_names()
        {
            const string legacyJson = "{\"model\":\"claude-2.1\",\"prompt\":\"\\n\\nHuman: Hi\\n\\nAssistant:\",\"max_tokens_to_sample\":256," +
                "\"stop_sequences\":[\"X\"],\"temperature\":0.5,\"top_p\":0.9,\"top_k\":5,\"metadata\":{\"user_id\":\"u1\"},\"stream\":false}";
            CompletionRequest request = JsonSerializer.Deserialize<CompletionRequest>(legacyJson)!;
            Assert.Equal("claude-2.1", request.Model);
            Assert.Equal("\n\nHuman: Hi\n\nAssistant:", request.Prompt);
            Assert.Equal(256, request.MaxTokensToSample);
            Assert.Equal(new[] { "X" }, request.StopSequences);
            Assert.Equal(0.5, request.Temperature);
            Assert.Equal(0.9, request.TopP);
            Assert.Equal(5, request.TopK);
            Assert.Equal("u1", request.Metadata!.UserId);
            Assert.False(request.Stream);
            Assert.Equal(JsonDocument.Parse(legacyJson).RootElement.ToString(), JsonDocument.Parse(JsonSerializer.Serialize(request)).RootElement.ToString());

            const string responseJson = "{\"id\":\"compl_1\",\"type\":\"completion\",\"completion\":\" Hi\",\"model\":\"claude-2.1\",\"stop_reason\":\"stop_sequence\"}";
            CompletionResponse response = JsonSerializer.Deserialize<CompletionResponse>(responseJson)!;
            Assert.Equal(("compl_1", "completion", " Hi", "claude-2.1", "stop_sequence"), (response.Id, response.Type, response.Completion, response.Model, response.StopReason));
            Assert.Equal(JsonDocument.Parse(responseJson).RootElement.ToString(), JsonDocument.Parse(JsonSerializer.Serialize(response)).RootElement.ToString());
        }

        [Fact]
        public async Task Invalid_prompt_throws_before_anything_is_sent()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(Requests.Simple("no markers")));
            Assert.Empty(h.Emulator.Requests);
        }

        [Fact]
        public async Task HttpClient_constructor_uses_its_base_address_and_default_headers()
        {
            await using Harness h = await Harness.StartAsync();
            using var http = new System.Net.Http.HttpClient { BaseAddress = h.Emulator.BaseUri };
            http.DefaultRequestHeaders.Add("x-custom", "yes");
            using var client = new CompletionsClient(http, new CompletionsClientOptions { ApiKey = Harness.ApiKey });
            await client.CreateAsync(Requests.Simple());
            Assert.Equal("yes", Assert.Single(h.Emulator.Requests).Header("x-custom"));
        }
    }
}
