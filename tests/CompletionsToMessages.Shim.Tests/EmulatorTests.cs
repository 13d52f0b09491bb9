using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AnthropicEmulator;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    /// <summary>The emulator itself, over raw HTTP (no shim).</summary>
    public partial class EmulatorTests
    {
        private static object User(string text) => new { role = "user", content = text };

        private static object Assistant(string text) => new { role = "assistant", content = text };

        private static object Messages(string model = Requests.Model, int maxTokens = 100, object[]? messages = null) =>
            new { model, max_tokens = maxTokens, messages = messages ?? new[] { User("Hello") } };

        private static async Task AssertError(Harness h, string path, object body, int status, string type, string messagePart, string version = "2023-06-01", string? apiKey = Harness.ApiKey)
        {
            var (actualStatus, json, requestId, text) = await h.PostRawAsync(path, body, version, apiKey);
            Assert.True(status == actualStatus, $"expected {status}, got {actualStatus}: {text}");
            Assert.Equal("error", json.GetProperty("type").GetString());
            Assert.Equal(type, json.GetProperty("error").GetProperty("type").GetString());
            Assert.Contains(messagePart, json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.NotNull(requestId);
            Assert.Equal(requestId, json.GetProperty("request_id").GetString());
        }

        public static IEnumerable<object[]> InvalidMessagesRequests() => new[]
        {
            new object[] { new { model = Requests.Model, max_tokens = 10, prompt = "\n\nHuman: hi\n\nAssistant:", messages = new[] { User("hi") } }, "prompt: Extra inputs" },
            new object[] { new { model = Requests.Model, max_tokens_to_sample = 10, messages = new[] { User("hi") } }, "max_tokens_to_sample: Extra inputs" },
            new object[] { new { model = Requests.Model, messages = new[] { User("hi") } }, "max_tokens: Field required" },
            new object[] { new { max_tokens = 10, messages = new[] { User("hi") } }, "model: Field required" },
            new object[] { new { model = Requests.Model, max_tokens = 10 }, "messages: Field required" },
            new object[] { Messages(maxTokens: 0), "greater than or equal to 1" },
            new object[] { Messages(maxTokens: 64_001), "maximum allowed number of output tokens" },
            new object[] { Messages(messages: new[] { Assistant("hi"), User("x") }), "first message" },
            new object[] { Messages(messages: new[] { User("a"), User("b") }), "roles must alternate" },
            new object[] { Messages(messages: new[] { User("   ") }), "non-empty content" },
            new object[] { Messages(messages: new[] { new { role = "system", content = "x" } }), "role" },
            new object[] { Messages(messages: new[] { User("hi"), Assistant("Sure ") }), "trailing whitespace" },
            new object[] { Messages(model: "claude-sonnet-4-6", messages: new[] { User("hi"), Assistant("Sure") }), "prefill" },
            new object[] { new { model = "claude-opus-4-7", max_tokens = 10, temperature = 0.5, messages = new[] { User("hi") } }, "temperature" },
            new object[] { new { model = "claude-sonnet-5", max_tokens = 10, top_p = 0.5, messages = new[] { User("hi") } }, "top_p" },
            new object[] { new { model = "claude-opus-4-8", max_tokens = 10, top_k = 5, messages = new[] { User("hi") } }, "top_k" },
            new object[] { new { model = "claude-sonnet-4-5", max_tokens = 10, temperature = 0.5, top_p = 0.9, messages = new[] { User("hi") } }, "cannot both be specified" },
            new object[] { new { model = Requests.Model, max_tokens = 10, temperature = 1.5, messages = new[] { User("hi") } }, "temperature" },
        };

        [Theory]
        [MemberData(nameof(InvalidMessagesRequests))]
        public async Task Messages_validation_errors_are_400_invalid_request_error(object body, string messagePart)
        {
            await using Harness h = await Harness.StartAsync();
            await AssertError(h, "/v1/messages", body, 400, "invalid_request_error", messagePart);
        }

        [Theory]
        [InlineData("claude-2")]
        [InlineData("claude-instant-1.2")]
        [InlineData("claude-3-opus-20240229")]
        [InlineData("claude-opus-4-1")]
        [InlineData("claude-no-such-model")]
        public async Task Retired_and_unknown_models_are_404_not_found_on_messages(string model)
        {
            await using Harness h = await Harness.StartAsync();
            await AssertError(h, "/v1/messages", Messages(model: model), 404, "not_found_error", model);
        }

        [Fact]
        public async Task Accepted_sampling_and_prefill_where_the_model_allows_them()
        {
            await using Harness h = await Harness.StartAsync();
            Assert.Equal(200, (await h.PostRawAsync("/v1/messages", new { model = "claude-opus-4-7", max_tokens = 10, temperature = 1.0, top_p = 0.99, messages = new[] { User("hi") } })).Status);
            Assert.Equal(200, (await h.PostRawAsync("/v1/messages", Messages(messages: new[] { User("hi"), Assistant("Sure") }))).Status);
            Assert.Equal(200, (await h.PostRawAsync("/v1/messages", new { model = "claude-sonnet-4-6", max_tokens = 10, temperature = 0.5, top_p = 0.9, messages = new[] { User("hi") } })).Status);
        }

        [Fact]
        public async Task Missing_api_key_is_401_and_missing_or_unknown_version_is_400()
        {
            await using Harness h = await Harness.StartAsync();
            await AssertError(h, "/v1/messages", Messages(), 401, "authentication_error", "x-api-key", apiKey: null);
            await AssertError(h, "/v1/messages", Messages(), 400, "invalid_request_error", "anthropic-version", version: string.Empty);
            await AssertError(h, "/v1/messages", Messages(), 400, "invalid_request_error", "anthropic-version", version: "latest");
            await AssertError(h, "/v1/messages", Messages(), 400, "invalid_request_error", "anthropic-version", version: "2022-12-31");
            Assert.Equal(200, (await h.PostRawAsync("/v1/messages", Messages(), version: "2026-10-21")).Status); // what the official SDK 13.x sends
            await AssertError(h, "/v1/complete", new { model = "claude-2", prompt = "\n\nHuman: hi\n\nAssistant:", max_tokens_to_sample = 5 }, 401, "authentication_error", "x-api-key", apiKey: null);
        }

        [Fact]
        public async Task Invalid_json_and_unknown_paths_get_error_bodies()
        {
            await using Harness h = await Harness.StartAsync();
            await AssertError(h, "/v1/messages", "{not json", 400, "invalid_request_error", "JSON");
            await AssertError(h, "/v1/completions", Messages(), 404, "not_found_error", "Not found");
        }

        [Theory]
        [InlineData("Hello, no turns", "must start with")]
        [InlineData("\n\nHuman: no assistant turn", "must end with")]
        [InlineData("\n\nHuman: hi\nAssistant:", "single")]
        public async Task Complete_rejects_prompts_like_the_legacy_api(string prompt, string messagePart)
        {
            await using Harness h = await Harness.StartAsync();
            await AssertError(h, "/v1/complete", new { model = "claude-2.1", prompt, max_tokens_to_sample = 5 }, 400, "invalid_request_error", messagePart);
        }

        [Fact]
        public async Task Complete_accepts_text_completions_models_and_rejects_messages_only_ones()
        {
            await using Harness h = await Harness.StartAsync();
            foreach (string legacy in new[] { "claude-2", "claude-2.1", "claude-instant-1.2", "claude-v1.3" })
            {
                var ok = await h.PostRawAsync("/v1/complete", new { model = legacy, prompt = "\n\nHuman: hi\n\nAssistant:", max_tokens_to_sample = 5 });
                Assert.Equal(200, ok.Status);
                Assert.Equal("completion", ok.Body.GetProperty("type").GetString());
                Assert.Equal(legacy, ok.Body.GetProperty("model").GetString());
            }

            await AssertError(h, "/v1/complete", new { model = "claude-sonnet-4-6", prompt = "\n\nHuman: hi\n\nAssistant:", max_tokens_to_sample = 5 }, 400, "invalid_request_error", "Messages API");
            await AssertError(h, "/v1/complete", new { model = "claude-9", prompt = "\n\nHuman: hi\n\nAssistant:", max_tokens_to_sample = 5 }, 404, "not_found_error", "claude-9");
            await AssertError(h, "/v1/complete", new { model = "claude-2", prompt = "\n\nHuman: hi\n\nAssistant:" }, 400, "invalid_request_error", "max_tokens_to_sample");
        }

        [Theory]
        [InlineData("\n\nHuman: What is the capital of France?\n\nAssistant:", null, 300)]
        [InlineData("You are a geographer.\n\nHuman: Capital of Peru?\n\nAssistant: Lima\n\nHuman: And Chile?\n\nAssistant:", null, 300)]
        [InlineData("\n\nHuman: Answer in JSON\n\nAssistant: {\"answer\":", null, 300)]
        [InlineData("\n\nHuman: one two three four five six\n\nAssistant:", "four", 300)]
        [InlineData("\n\nHuman: one two three four five six\n\nAssistant:", null, 4)]
        public async Task Complete_and_messages_answer_the_same_conversation_with_the_same_text(string prompt, string? stop, int maxTokens)
        {
            await using Harness h = await Harness.StartAsync();
            string[] stops = stop is null ? Array.Empty<string>() : new[] { stop };
            var legacy = await h.PostRawAsync("/v1/complete", new { model = "claude-2.1", prompt, max_tokens_to_sample = maxTokens, stop_sequences = stops });
            Assert.Equal(200, legacy.Status);

            // The Messages request built by hand from the documented conversion rules (not by the shared parser).
            var conversions = new Dictionary<string, (string? System, object[] Messages)>
            {
                ["\n\nHuman: What is the capital of France?\n\nAssistant:"] = (null, new[] { User("What is the capital of France?") }),
                ["You are a geographer.\n\nHuman: Capital of Peru?\n\nAssistant: Lima\n\nHuman: And Chile?\n\nAssistant:"] =
                    ("You are a geographer.", new[] { User("Capital of Peru?"), Assistant("Lima"), User("And Chile?") }),
                ["\n\nHuman: Answer in JSON\n\nAssistant: {\"answer\":"] = (null, new[] { User("Answer in JSON"), Assistant("{\"answer\":") }),
                ["\n\nHuman: one two three four five six\n\nAssistant:"] = (null, new[] { User("one two three four five six") }),
            };
            (string? system, object[] messages) = conversions[prompt];
            var modern = system is null
                ? await h.RawMessageTextAsync(new { model = Requests.Model, max_tokens = maxTokens, messages, stop_sequences = stops })
                : await h.RawMessageTextAsync(new { model = Requests.Model, max_tokens = maxTokens, system, messages, stop_sequences = stops });

            Assert.Equal(" " + modern.Text, legacy.Body.GetProperty("completion").GetString());
            string expectedLegacyStop = modern.StopReason == "max_tokens" ? "max_tokens" : "stop_sequence";
            Assert.Equal(expectedLegacyStop, legacy.Body.GetProperty("stop_reason").GetString());
            if (stop is not null)
            {
                Assert.Equal("stop_sequence", modern.StopReason);
                Assert.DoesNotContain(stop, modern.Text);
            }

            if (maxTokens == 4)
            {
                Assert.Equal("max_tokens", modern.StopReason);
                Assert.Equal(4, modern.Text.Split(' ').Length);
            }
        }

        [Fact]
        public async Task Leading_space_can_be_switched_off()
        {
            await using Harness h = await Harness.StartAsync(new EmulatorOptions { LegacyLeadingSpace = false });
            var legacy = await h.PostRawAsync("/v1/complete", new { model = "claude-2", prompt = "\n\nHuman: hi\n\nAssistant:", max_tokens_to_sample = 50 });
            var modern = await h.RawMessageTextAsync(Messages(messages: new[] { User("hi") }));
            Assert.Equal(modern.Text, legacy.Body.GetProperty("completion").GetString());
        }

        [Fact]
        public async Task Different_conversations_get_different_answers_and_the_same_one_the_same()
        {
            await using Harness h = await Harness.StartAsync();
            var a1 = await h.RawMessageTextAsync(Messages(messages: new[] { User("first question") }));
            var a2 = await h.RawMessageTextAsync(Messages(messages: new[] { User("first question") }));
            var b = await h.RawMessageTextAsync(Messages(messages: new[] { User("second question") }));
            var withSystem = await h.RawMessageTextAsync(new { model = Requests.Model, max_tokens = 100, system = "Be terse", messages = new[] { User("first question") } });
            Assert.Equal(a1.Text, a2.Text);
            Assert.NotEqual(a1.Text, b.Text);
            Assert.NotEqual(a1.Text, withSystem.Text);
            Assert.Contains("first question", a1.Text);
            Assert.Contains("Be terse", withSystem.Text);
        }

        private static List<(string? Event, string Data)> ParseSse(string text)
        {
            var events = new List<(string?, string)>();
            foreach (string block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                string? name = null;
                string data = string.Empty;
                foreach (string line in block.Split('\n'))
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        name = line.Substring(7);
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data = line.Substring(6);
                    }
                }

                events.Add((name, data));
            }

            return events;
        }

        [Fact]
        public async Task Messages_stream_has_the_full_event_sequence()
        {
            await using Harness h = await Harness.StartAsync();
            var raw = await h.PostRawAsync("/v1/messages", new { model = Requests.Model, max_tokens = 100, stream = true, messages = new[] { User("stream me please") } });
            var whole = await h.RawMessageTextAsync(Messages(messages: new[] { User("stream me please") }));
            List<(string? Event, string Data)> events = ParseSse(raw.Text);
            string?[] names = events.Select(e => e.Event).ToArray();

            Assert.Equal("message_start", names[0]);
            Assert.Equal("content_block_start", names[1]);
            Assert.Contains("ping", names);
            Assert.Contains("emulator_unknown_event", names);
            Assert.Equal(new[] { "content_block_stop", "message_delta", "message_stop" }, names[^3..]);
            foreach ((string? name, string data) in events)
            {
                Assert.Equal(name, JsonDocument.Parse(data).RootElement.GetProperty("type").GetString());
            }

            string text = string.Concat(events.Where(e => e.Event == "content_block_delta")
                .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("delta").GetProperty("text").GetString()));
            Assert.Equal(whole.Text, text);
            Assert.Equal("end_turn", JsonDocument.Parse(events[^2].Data).RootElement.GetProperty("delta").GetProperty("stop_reason").GetString());
        }

        [Fact]
        public async Task Legacy_stream_2023_06_01_is_incremental_completion_events()
        {
            await using Harness h = await Harness.StartAsync();
            const string prompt = "\n\nHuman: stream me please\n\nAssistant:";
            var whole = await h.PostRawAsync("/v1/complete", new { model = "claude-2", prompt, max_tokens_to_sample = 100 });
            var raw = await h.PostRawAsync("/v1/complete", new { model = "claude-2", prompt, max_tokens_to_sample = 100, stream = true });
            List<(string? Event, string Data)> events = ParseSse(raw.Text);
            var completions = events.Where(e => e.Event == "completion").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();

            Assert.Contains(events, e => e.Event == "ping");
            Assert.DoesNotContain(events, e => e.Data == "[DONE]");
            Assert.True(completions.Count > 2);
            Assert.Equal(whole.Body.GetProperty("completion").GetString(), string.Concat(completions.Select(c => c.GetProperty("completion").GetString())));
            Assert.Equal(string.Empty, completions[^1].GetProperty("completion").GetString());
            Assert.Equal("stop_sequence", completions[^1].GetProperty("stop_reason").GetString());
            Assert.All(completions.Take(completions.Count - 1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("stop_reason").ValueKind));
        }

        [Fact]
        public async Task Legacy_stream_2023_01_01_is_cumulative_data_only_ending_with_done()
        {
            await using Harness h = await Harness.StartAsync();
            const string prompt = "\n\nHuman: stream me please\n\nAssistant:";
            var whole = await h.PostRawAsync("/v1/complete", new { model = "claude-2", prompt, max_tokens_to_sample = 100 }, version: "2023-01-01");
            var raw = await h.PostRawAsync("/v1/complete", new { model = "claude-2", prompt, max_tokens_to_sample = 100, stream = true }, version: "2023-01-01");
            List<(string? Event, string Data)> events = ParseSse(raw.Text);

            Assert.All(events, e => Assert.Null(e.Event));
            Assert.Equal("[DONE]", events[^1].Data);
            string[] texts = events.Take(events.Count - 1).Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("completion").GetString()!).ToArray();
            for (int i = 1; i < texts.Length; i++)
            {
                Assert.StartsWith(texts[i - 1], texts[i]);
            }

            Assert.Equal(whole.Body.GetProperty("completion").GetString(), texts[^1]);
            Assert.Equal("stop_sequence", JsonDocument.Parse(events[^2].Data).RootElement.GetProperty("stop_reason").GetString());
        }

        [Fact]
        public async Task Fault_with_times_applies_only_to_the_first_requests_and_bad_fault_text_is_a_400()
        {
            await using Harness h = await Harness.StartAsync();
            var headers = new Dictionary<string, string> { ["x-emulator-fault"] = "429;retry-after=2;times=2" };
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++)
            {
                statuses[i] = (await h.PostRawAsync("/v1/messages", Messages(), headers: headers)).Status;
            }

            Assert.Equal(new[] { 429, 429, 200 }, statuses);
            var bad = await h.PostRawAsync("/v1/messages", Messages(), headers: new Dictionary<string, string> { ["x-emulator-fault"] = "explode" });
            Assert.Equal(400, bad.Status);
            Assert.Equal(new[] { 1, 2, 3, 4 }, h.Emulator.Requests.Select(r => r.Sequence));
        }

        [Fact]
        public async Task Request_log_records_headers_and_body()
        {
            await using Harness h = await Harness.StartAsync();
            await h.PostRawAsync("/v1/messages", Messages(), headers: new Dictionary<string, string> { ["anthropic-beta"] = "x" });
            RecordedRequest recorded = Assert.Single(h.Emulator.Requests);
            Assert.Equal("POST", recorded.Method);
            Assert.Equal("x", recorded.Header("ANTHROPIC-BETA"));
            Assert.Equal(Requests.Model, recorded.Json!.Value.GetProperty("model").GetString());
            h.Emulator.Log.Clear();
            Assert.Empty(h.Emulator.Requests);
        }
    }
}
