using System;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Fixes;
using CompletionsToMessages.Shim;
using CompletionsToMessages.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// A streamed Text Completions request read by a hand-written 2023-06-01 event parser (samples/StreamingSse's shape):
    /// with CompletionsToMessages.Shim referenced, CTM001, CTM002 and CTM007 all make the whole-request migration
    /// (endpoint → /v1/messages, Messages body with <c>stream</c> kept, anthropic-version) AND wrap the request's one stream
    /// read in <c>LegacyEventStream.FromMessages</c>, so the parser receives the legacy events it expects. The parser is
    /// left as it is. Not offered without the shim, or when the stream read is not unambiguous.
    /// </summary>
    public class StreamingFixTests
    {
        // The parser of the sample, reduced: event name, "completion" events, ping, error, stop_reason.
        private const string Parser = """
                    using var reader = new StreamReader(stream);
                    var answer = new StringBuilder();
                    string? eventName = null;
                    string? line;
                    while ((line = await reader.ReadLineAsync()) != null)
                    {
                        if (line.StartsWith("event:"))
                        {
                            eventName = line.Substring(6).Trim();
                            continue;
                        }

                        if (!line.StartsWith("data:") || eventName == "ping")
                        {
                            continue;
                        }

                        using JsonDocument document = JsonDocument.Parse(line.Substring(5));
                        if (eventName == "completion")
                        {
                            answer.Append(document.RootElement.GetProperty("completion").GetString());
                        }
                    }

                    return answer.ToString();
            """;

        private static string Program(string endpoint, string read, string parser = Parser, string stream = "true", string version = "\"2023-06-01\"") => $$"""
            using System.IO;
            using System.Net.Http;
            using System.Text;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;

            class Client
            {
                async Task<string> AskAsync(HttpClient http, string question)
                {
                    var prompt = new StringBuilder();
                    prompt.Append("You are terse.");
                    prompt.Append("\n\nHuman: ").Append(question);
                    prompt.Append("\n\nAssistant:");

                    var body = new JsonObject
                    {
                        ["model"] = "claude-2.1",
                        ["prompt"] = prompt.ToString(),
                        ["max_tokens_to_sample"] = 512,
                        ["stream"] = {{stream}},
                    };

                    using var request = new HttpRequestMessage(HttpMethod.Post, {{endpoint}})
                    {
                        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add("anthropic-version", {{version}});

                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        return "HTTP " + await response.Content.ReadAsStringAsync();
                    }

                    using Stream stream = {{read}};
            {{parser}}
                }
            }
            """;

        /// <summary>
        /// The whole-request migration by hand, from the API rules: /v1/messages; the run-time prompt converted by
        /// LegacyPrompt.ToMessages before the body (system blocks, messages), max_tokens, stream kept; anthropic-version
        /// 2023-01-01 → 2023-06-01; the stream read wrapped; using CompletionsToMessages.Shim and System.Linq added.
        /// The parser is unchanged (its CTM007 markup is only a marker of the input).
        /// </summary>
        private static string Fixed(string read = "LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync())") => FixedWith(read, Parser);

        private static string FixedWith(string read, string parser) => $$"""
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Text;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;
            using CompletionsToMessages.Shim;

            class Client
            {
                async Task<string> AskAsync(HttpClient http, string question)
                {
                    var prompt = new StringBuilder();
                    prompt.Append("You are terse.");
                    prompt.Append("\n\nHuman: ").Append(question);
                    prompt.Append("\n\nAssistant:");
                    var converted = LegacyPrompt.ToMessages(prompt.ToString());

                    var body = new JsonObject
                    {
                        ["model"] = "claude-2.1",
                        ["system"] = converted.System is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = converted.System }),
                        ["messages"] = new JsonArray(converted.Messages.Select(m => new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray()),
                        ["max_tokens"] = 512,
                        ["stream"] = true,
                    };

                    using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.anthropic.com/v1/messages")
                    {
                        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add("anthropic-version", "2023-06-01");

                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        return "HTTP " + await response.Content.ReadAsStringAsync();
                    }

                    using Stream stream = {{read}};
            {{parser}}
                }
            }
            """;

        private const string Endpoint = "\"https://api.anthropic.com/v1/complete\"";
        private const string Read = "await response.Content.ReadAsStreamAsync()";

        // ---------------- offered: CTM001, CTM007, CTM002 make the same edit ----------------

        [Fact]
        public Task Ctm001_MigratesTheRequest_AndWrapsTheStreamRead() => VerifyAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(
            Program(Mark("CTM001", Endpoint), Read, version: "\"2023-01-01\""),
            Fixed());

        [Fact]
        public Task Ctm007_MigratesTheRequest_AndWrapsTheStreamRead() => VerifyAsync<LegacyStreamingAnalyzer, LegacyStreamingCodeFix>(
            MarkedParserProgram(Endpoint, Read, "\"2023-01-01\""),
            Fixed());

        [Fact]
        public Task Ctm002_OnAStreamedBody_MigratesTheWholeRequest() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            Program(Endpoint, Read, version: "\"2023-01-01\"").Replace("[\"max_tokens_to_sample\"]", "[" + Mark("CTM002", "\"max_tokens_to_sample\"") + "]", StringComparison.Ordinal),
            Fixed());

        [Fact]
        public Task ConfigureAwait_AndAConcatenatedEndpoint_AreKept() => VerifyAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(
            Program("baseUrl + " + Mark("CTM001", "\"/v1/complete\""), "await response.Content.ReadAsStreamAsync().ConfigureAwait(false)", version: "\"2023-06-01\"")
                .Replace("HttpClient http, string question", "HttpClient http, string baseUrl, string question", StringComparison.Ordinal),
            Fixed("LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync().ConfigureAwait(false))")
                .Replace("HttpClient http, string question", "HttpClient http, string baseUrl, string question", StringComparison.Ordinal)
                .Replace("\"https://api.anthropic.com/v1/messages\"", "baseUrl + \"/v1/messages\"", StringComparison.Ordinal));

        [Fact]
        public Task FixAll_TwoStreamedRequestsInTwoMethods() => VerifyAsync<LegacyStreamingAnalyzer, LegacyStreamingCodeFix>(
            """
            using System.IO;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class Client
            {
                async Task<int> CountAsync(HttpClient http)
                {
                    using HttpResponseMessage response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new { model = "claude-2.1", prompt = "\n\nHuman: Count\n\nAssistant:", max_tokens_to_sample = 10, stream = true });
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    int events = 0;
                    string? line;
                    while ((line = await reader.ReadLineAsync()) != null)
                    {
                        if ({|CTM007:line == "event: completion"|})
                        {
                            events++;
                        }
                    }

                    return events;
                }

                async Task<bool> AnyAsync(HttpClient http)
                {
                    using HttpResponseMessage response = await http.PostAsync("https://api.anthropic.com/v1/complete", JsonContent.Create(new { model = "claude-2.1", prompt = "\n\nHuman: Any\n\nAssistant:", max_tokens_to_sample = 10, stream = true }));
                    using Stream stream = response.Content.ReadAsStream();
                    using var reader = new StreamReader(stream);
                    return {|CTM007:(await reader.ReadLineAsync())?.StartsWith("event: completion")|} == true;
                }
            }
            """,
            """
            using System.IO;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using CompletionsToMessages.Shim;

            class Client
            {
                async Task<int> CountAsync(HttpClient http)
                {
                    using HttpResponseMessage response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-2.1", messages = new[] { new { role = "user", content = "Count" } }, max_tokens = 10, stream = true });
                    using var reader = new StreamReader(LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync()));
                    int events = 0;
                    string? line;
                    while ((line = await reader.ReadLineAsync()) != null)
                    {
                        if (line == "event: completion")
                        {
                            events++;
                        }
                    }

                    return events;
                }

                async Task<bool> AnyAsync(HttpClient http)
                {
                    using HttpResponseMessage response = await http.PostAsync("https://api.anthropic.com/v1/messages", JsonContent.Create(new { model = "claude-2.1", messages = new[] { new { role = "user", content = "Any" } }, max_tokens = 10, stream = true }));
                    using Stream stream = LegacyEventStream.FromMessages(response.Content.ReadAsStream());
                    using var reader = new StreamReader(stream);
                    return (await reader.ReadLineAsync())?.StartsWith("event: completion") == true;
                }
            }
            """);

        // ---------------- not offered ----------------

        [Fact]
        public Task NotOffered_WithoutTheShim() => CodeFixVerifier<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>.VerifyNoFixAsync(
            Program(Mark("CTM001", Endpoint), Read).Replace("prompt.ToString()", "\"\\n\\nHuman: Hi\\n\\nAssistant:\"", StringComparison.Ordinal));

        [Fact]
        public Task NotOffered_WithoutTheShim_Ctm007() => CodeFixVerifier<LegacyStreamingAnalyzer, LegacyStreamingCodeFix>.VerifyNoFixAsync(
            MarkedParserProgram(Endpoint, Read, "\"2023-06-01\"").Replace("prompt.ToString()", "\"\\n\\nHuman: Hi\\n\\nAssistant:\"", StringComparison.Ordinal));

        [Fact]
        public Task NotOffered_TwoStreamReads() => VerifyAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(
            Program(Mark("CTM001", Endpoint), Read, Parser.Replace("return answer.ToString();", "using Stream again = await response.Content.ReadAsStreamAsync();\n        return answer.ToString();", StringComparison.Ordinal)),
            null);

        [Fact]
        public Task NotOffered_StreamReadInAnotherMethod() => VerifyAsync<LegacyStreamingAnalyzer, LegacyStreamingCodeFix>(
            """
            using System.IO;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class Client
            {
                async Task<bool> AskAsync(HttpClient http)
                {
                    using HttpResponseMessage response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new { model = "claude-2.1", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10, stream = true });
                    return await ParseAsync(response);
                }

                static async Task<bool> ParseAsync(HttpResponseMessage response)
                {
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    return {|CTM007:await reader.ReadLineAsync() == "event: completion"|};
                }
            }
            """,
            null);

        [Fact]
        public Task NotOffered_ResponseReadAsTextOnTheSuccessPath_OrStreamFlagNotConstant() => VerifyAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(
            """
            using System.IO;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class Client
            {
                async Task<string> TextAsync(HttpClient http)
                {
                    using HttpResponseMessage response = await http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new { model = "claude-2.1", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10, stream = true });
                    string all = await response.Content.ReadAsStringAsync();
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    return all + await reader.ReadLineAsync() == "event: completion" ? "yes" : "no";
                }

                async Task<bool> MaybeAsync(HttpClient http, bool live)
                {
                    using HttpResponseMessage response = await http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete?live"|}, new { model = "claude-2.1", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10, stream = live });
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    return await reader.ReadLineAsync() == "event: completion";
                }
            }
            """,
            null);

        [Fact]
        public Task NotOffered_ForAParserOfOnlyTheCumulative20230101Stream() => VerifyAsync<LegacyStreamingAnalyzer, LegacyStreamingCodeFix>(
            """
            using System.IO;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;

            class Client
            {
                async Task<string> AskAsync(HttpClient http)
                {
                    using HttpResponseMessage response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new { model = "claude-2.1", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10, stream = true });
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    string whole = "";
                    string? line;
                    while ((line = await reader.ReadLineAsync()) != null)
                    {
                        if ({|CTM007:line == "data: [DONE]"|})
                        {
                            break;
                        }

                        if (line.StartsWith("data:"))
                        {
                            whole = JsonDocument.Parse(line.Substring(5)).RootElement.GetProperty("completion").GetString()!;
                        }
                    }

                    return whole;
                }
            }
            """,
            null);

        // ---------------- verifier ----------------

        private const string CompletionTest = "eventName == \"completion\"";

        /// <summary>
        /// Diagnostic markup around <paramref name="text"/>, built so that no literal of this file holds markup: the
        /// robustness collector takes every marked-up literal as a whole test source, and these are fragments.
        /// </summary>
        private static string Mark(string id, string text) => "{" + "|" + id + ":" + text + "|" + "}";

        private static string MarkedParserProgram(string endpoint, string read, string version) => Program(endpoint, read, version: version).Replace(CompletionTest, Mark("CTM007", CompletionTest), StringComparison.Ordinal);

        /// <summary>The shim referenced in the test and fixed compilations; <paramref name="fixedSource"/> null: no fix offered.</summary>
        private static Task VerifyAsync<TAnalyzer, TCodeFix>(string source, string? fixedSource)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new()
        {
            var test = new CodeFixVerifier<TAnalyzer, TCodeFix>.Test
            {
                TestCode = source,
                FixedCode = fixedSource ?? source,
                ReferenceAssemblies = AnalyzerVerifier<TAnalyzer>.References,
            };
            MetadataReference shim = MetadataReference.CreateFromFile(typeof(LegacyEventStream).Assembly.Location);
            test.TestState.AdditionalReferences.Add(shim);
            test.FixedState.AdditionalReferences.Add(shim);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
