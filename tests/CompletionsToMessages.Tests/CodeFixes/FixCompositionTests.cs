using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// What dotnet format does not check for us (shared/reference/dotnet-format.md): every subset of the fixable ids,
    /// applied in either order, leaves code that compiles and has no fixable diagnostic of the applied ids left (a
    /// finding without a fix, like a body whose prompt is only known at run time, stays); and a second run with the
    /// same ids changes nothing (Fix All twice equals Fix All once), per rule and for all rules together.
    /// </summary>
    public class FixCompositionTests
    {
        // A legacy client with sites for every fixable rule, split over two files so Solution-scope Fix All has
        // more than one document to visit, plus an Anthropic.SDK 2.x call (CTM010) with a stand-in for the SDK and a
        // streamed request with its legacy event parser (CTM007). The project references CompletionsToMessages.Shim
        // (CTM010's and the streaming fix are offered only then). It compiles as it is.
        private static readonly IReadOnlyList<string> Sources = new[]
        {
            """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public static class LegacyCalls
            {
                public const string Model = "claude-2";
                public const string FastModel = "claude-instant-1.2";

                public static void Configure(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", "2023-01-01"); // legacy date
                }

                public static object Body(string question) => new
                {
                    model = "claude-2.1",
                    prompt = $"You answer briefly.\n\nHuman: {question}\n\nAssistant:",
                    max_tokens_to_sample = 300,
                    stop_sequences = new[] { "\n\nHuman:", "###" },
                    temperature = 0.5,
                };

                public static Dictionary<string, object> Tagged(object[] messages) => new Dictionary<string, object>
                {
                    ["model"] = "claude-opus-4-8",
                    ["max_tokens"] = 512,
                    ["messages"] = messages,
                    ["temperature"] = 0.7,
                };

                public static bool Finished(string stopReason) => stopReason == "stop_sequence";

                public static Task<HttpResponseMessage> Ask(HttpClient client, string question) =>
                    client.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = Model,
                        prompt = "Answer briefly.\n\nHuman: " + question + "\n\nAssistant:",
                        max_tokens_to_sample = 200,
                    });

                public static string Answer(string json)
                {
                    using System.Text.Json.JsonDocument document = System.Text.Json.JsonDocument.Parse(json);
                    return document.RootElement.GetProperty("completion").GetString() ?? "";
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class MoreLegacyCalls
            {
                public static void Configure(HttpRequestMessage request)
                {
                    request.Headers.TryAddWithoutValidation("anthropic-version", "2023-01-01");
                }

                public static object Body(string question)
                {
                    var prompt = "\n\nHuman: " + question + "\n\nAssistant:";
                    return new
                    {
                        model = LegacyCalls.FastModel,
                        prompt,
                        max_tokens_to_sample = 100,
                        stop_sequences = new List<string> { "\n\nHuman:" },
                    };
                }

                // The prompt comes from the caller: no body fix is offered here, the finding stays.
                public static object FromCaller(string prompt) => new
                {
                    model = "claude-2",
                    prompt,
                    max_tokens_to_sample = 64,
                };

                private static readonly string Endpoint = "https://api.anthropic.com/v1/complete";

                public static Task<HttpResponseMessage> Send(HttpClient client) =>
                    client.PostAsync(Endpoint, new StringContent("{\"model\": \"claude-2\", \"prompt\": \"\\n\\nHuman: Hi\\n\\nAssistant:\", \"max_tokens_to_sample\": 50}"));

                public static object Sampled(object[] messages) => new
                {
                    model = "claude-opus-4-8",
                    max_tokens = 256,
                    messages,
                    top_k = 40,
                };

                public static string Describe(string reason) => reason switch
                {
                    "stop_sequence" => "done",
                    "max_tokens" => "cut",
                    _ => reason,
                };
            }
            """,
            """
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Completions;
            using Anthropic.SDK.Constants;

            public static class SdkCalls
            {
                public static async Task<string> Ask(string question)
                {
                    var client = new AnthropicClient();
                    var result = await client.Completions.GetClaudeCompletionAsync(new SamplingParameters
                    {
                        Model = "claude-2",
                        Prompt = $"{AnthropicSignals.HumanSignal} {question}{AnthropicSignals.AssistantSignal}",
                        MaxTokensToSample = 200,
                    });
                    return result.Completion;
                }
            }

            namespace Anthropic.SDK
            {
                public class AnthropicClient
                {
                    public Completions.CompletionsEndpoint Completions { get; } = new Completions.CompletionsEndpoint();
                }
            }

            namespace Anthropic.SDK.Constants
            {
                public static class AnthropicSignals
                {
                    public const string HumanSignal = "\n\nHuman:";
                    public const string AssistantSignal = "\n\nAssistant:";
                }
            }

            namespace Anthropic.SDK.Completions
            {
                public class SamplingParameters
                {
                    public string Model { get; set; } = "";
                    public string Prompt { get; set; } = "";
                    public int MaxTokensToSample { get; set; }
                }

                public class CompletionResponse { public string Completion { get; set; } = ""; }

                public class CompletionsEndpoint
                {
                    public Task<CompletionResponse> GetClaudeCompletionAsync(SamplingParameters parameters) => Task.FromResult(new CompletionResponse());
                }
            }
            """,
            """
            using System.IO;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text;
            using System.Text.Json;
            using System.Threading.Tasks;

            // A streamed request read by a hand-written 2023-06-01 event parser (CTM007; CTM001 and CTM002 take it whole).
            public static class StreamedCalls
            {
                public static async Task<string> Stream(HttpClient client, string question)
                {
                    using HttpResponseMessage response = await client.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = "claude-2.1",
                        prompt = $"\n\nHuman: {question}\n\nAssistant:",
                        max_tokens_to_sample = 200,
                        stream = true,
                    });
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    var answer = new StringBuilder();
                    string? eventName = null;
                    while (await reader.ReadLineAsync() is string line)
                    {
                        if (line.StartsWith("event: "))
                        {
                            eventName = line.Substring(7);
                        }
                        else if (line.StartsWith("data: ") && eventName == "completion")
                        {
                            answer.Append(JsonDocument.Parse(line.Substring(6)).RootElement.GetProperty("completion").GetString());
                        }
                    }

                    return answer.ToString();
                }
            }
            """,
        };

        public static IEnumerable<object[]> FixableIds() => FixAllRunner.FixableIds.Select(id => new object[] { id });

        [Fact]
        public async Task Input_CompilesAndHasEveryFixableId()
        {
            Assert.Empty(await FixAllRunner.CompilerErrorsAsync(Sources, referenceShim: true));
            var reported = (await FixAllRunner.FixableDiagnosticsAsync(Sources, referenceShim: true)).Select(d => d.Id).ToHashSet();
            Assert.All(FixAllRunner.FixableIds, id => Assert.Contains(id, reported));
            Assert.True(FixAllRunner.FixableIds.Count >= 7, "Expected at least the fixes for CTM001, CTM002, CTM004, CTM006, CTM008, CTM009, CTM012.");
        }

        [Theory]
        [MemberData(nameof(FixableIds))]
        public async Task FixAllTwice_EqualsOnce(string id)
        {
            IReadOnlyList<string> once = await FixAllRunner.ApplyAsync(Sources, new[] { id }, referenceShim: true);
            IReadOnlyList<string> twice = await FixAllRunner.ApplyAsync(once, new[] { id }, referenceShim: true);

            Assert.NotEqual(Sources, once); // the fix did something
            Assert.Equal(once, twice);
            Assert.DoesNotContain(await FixAllRunner.FixableDiagnosticsAsync(once, referenceShim: true), d => d.Id == id);
        }

        [Fact]
        public async Task EverySubsetInEitherOrder_Compiles_AndSecondRunChangesNothing()
        {
            IReadOnlyList<string> ids = FixAllRunner.FixableIds;
            var problems = new List<string>();
            for (int mask = 1; mask < 1 << ids.Count; mask++)
            {
                List<string> subset = ids.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                foreach (List<string> order in new[] { subset, Enumerable.Reverse(subset).ToList() })
                {
                    string name = string.Join(" ", order);
                    IReadOnlyList<string> fixedSources = await FixAllRunner.ApplyAsync(Sources, order, referenceShim: true);

                    IReadOnlyList<Diagnostic> errors = await FixAllRunner.CompilerErrorsAsync(fixedSources, referenceShim: true);
                    if (errors.Count > 0)
                    {
                        problems.Add($"{name}: {errors.Count} compiler errors, first {errors[0]}");
                    }

                    var left = (await FixAllRunner.FixableDiagnosticsAsync(fixedSources, referenceShim: true)).Where(d => order.Contains(d.Id)).ToList();
                    if (left.Count > 0)
                    {
                        problems.Add($"{name}: {left.Count} fixed-id diagnostics left, first {left[0]}");
                    }

                    IReadOnlyList<string> again = await FixAllRunner.ApplyAsync(fixedSources, order, referenceShim: true);
                    if (!again.SequenceEqual(fixedSources))
                    {
                        problems.Add($"{name}: a second run changed the code");
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public async Task AllIds_ProduceTheExpectedMigration()
        {
            // CTM006 first: it reports "stop_sequence" comparisons only while the code base still shows Text Completions
            // usage, and CTM001 + CTM002 remove the last of it (endpoint, max_tokens_to_sample, markers, 2023-01-01).
            IReadOnlyList<string> order = FixAllRunner.FixableIds.OrderBy(id => id == "CTM006" ? 0 : 1).ThenBy(id => id, StringComparer.Ordinal).ToList();
            IReadOnlyList<string> fixedSources = await FixAllRunner.ApplyAsync(Sources, order, referenceShim: true);
            string first = fixedSources[0];
            string second = fixedSources[1];

            // Written from the rule table, not from the fixes' output: legacy date → 2023-06-01 (comment kept),
            // retired ids → successors, "\n\nHuman:" dropped (member removed when it was the only one),
            // sampling parameters the model rejects removed, "stop_sequence" comparisons accept "end_turn", the answer is
            // read from the text blocks of "content".
            Assert.Contains("client.DefaultRequestHeaders.Add(\"anthropic-version\", \"2023-06-01\"); // legacy date", first);
            Assert.Contains("request.Headers.TryAddWithoutValidation(\"anthropic-version\", \"2023-06-01\");", second);
            Assert.DoesNotContain("\"claude-2\"", first);
            Assert.DoesNotContain("\"claude-2.1\"", first);
            Assert.DoesNotContain("\"claude-instant-1.2\"", first);
            Assert.Contains("stop_sequences = new[] { \"###\" },", first);

            // Bodies whose prompt is in reach become Messages bodies; the one whose prompt is a parameter keeps its
            // legacy members (no fix is offered for it).
            Assert.Contains("system = \"You answer briefly.\"", first);
            Assert.Contains("max_tokens = 300", first);
            Assert.Contains("role = \"user\"", first);
            Assert.Contains("max_tokens = 100", second);
            Assert.Contains("max_tokens_to_sample = 64", second);
            Assert.DoesNotContain("stop_sequences", second);
            Assert.DoesNotContain("temperature", first);
            Assert.DoesNotContain("top_k", second);
            Assert.Contains("\"end_turn\"", first);
            Assert.Contains("\"end_turn\"", second);

            // The whole request (CTM001 with CTM002): endpoint, body and header together, in both files.
            Assert.DoesNotContain("v1/complete", first + second);
            Assert.Contains("client.PostAsJsonAsync(\"https://api.anthropic.com/v1/messages\"", first);
            Assert.Contains("private static readonly string Endpoint = \"https://api.anthropic.com/v1/messages\";", second);
            Assert.DoesNotContain("max_tokens_to_sample", first);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(second, "max_tokens_to_sample"));
            Assert.Contains("system = \"Answer briefly.\",", first);
            Assert.Contains("\\\"messages\\\": [{\\\"role\\\": \\\"user\\\", \\\"content\\\": \\\"Hi\\\"}]", second);

            // The Anthropic.SDK 2.x call goes through the shim, markers written out, model id then replaced (CTM004).
            string third = fixedSources[2];
            Assert.Contains("using var completionsClient = new CompletionsClient();", third);
            Assert.Contains("var result = await completionsClient.CreateAsync(new CompletionRequest", third);
            Assert.Contains("Prompt = $\"\\n\\nHuman: {question}\\n\\nAssistant:\",", third);
            Assert.Contains("using CompletionsToMessages.Shim;", third);
            Assert.DoesNotContain("\"claude-2\"", third);

            // The streamed request: endpoint and body migrated with stream kept, the read wrapped in the shim's adapter,
            // the parser unchanged (its "completion" events now come from LegacyEventStream).
            string fourth = fixedSources[3];
            Assert.Contains("client.PostAsJsonAsync(\"https://api.anthropic.com/v1/messages\"", fourth);
            Assert.Contains("messages = new[] { new { role = \"user\", content = question } },", fourth);
            Assert.Contains("max_tokens = 200,", fourth);
            Assert.Contains("stream = true,", fourth);
            Assert.Contains("using var reader = new StreamReader(LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync()));", fourth);
            Assert.Contains("using CompletionsToMessages.Shim;", fourth);
            Assert.Contains("else if (line.StartsWith(\"data: \") && eventName == \"completion\")", fourth);
            Assert.DoesNotContain("\"claude-2.1\"", fourth);

            Assert.Contains("using System.Linq;", first);
            Assert.Contains("return string.Concat(document.RootElement.GetProperty(\"content\").EnumerateArray().Where(block => block.GetProperty(\"type\").GetString() == \"text\").Select(block => block.GetProperty(\"text\").GetString())) ?? \"\";", first);
        }
    }
}
