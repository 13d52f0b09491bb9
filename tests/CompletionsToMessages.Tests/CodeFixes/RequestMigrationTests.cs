using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using MigrationFix = CompletionsToMessages.Tests.Verifiers.CodeFixVerifier<CompletionsToMessages.Analyzers.Rules.LegacyEndpointAnalyzer, CompletionsToMessages.CodeFixes.Fixes.LegacyEndpointCodeFix>;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// CTM001 "Migrate the request to the Messages API": endpoint → /v1/messages in the string's own form, the body
    /// rewritten by the CTM002 rewriter in the same edit, anthropic-version 2023-01-01 in reach → 2023-06-01. Expected
    /// code is written by hand from the Messages API rules. The verifier also checks that Fix All (document, project,
    /// solution) equals fixing one by one and that the result compiles. No fix when any use of the endpoint would be
    /// left with a Text Completions body.
    /// </summary>
    public class RequestMigrationTests
    {
        // ---------------------------------------------------------------- migrated

        [Fact]
        public Task LiteralUrl_AnonymousBody_AndHeader_InOneMethod() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<HttpResponseMessage> Ask(HttpClient http, string question)
                {
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-01-01");
                    return await http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new
                    {
                        model = "claude-2.1",
                        prompt = $"You are terse.\n\nHuman: {question}\n\nAssistant:",
                        max_tokens_to_sample = 256,
                        stop_sequences = new[] { "\n\nHuman:" },
                        temperature = 0.5,
                    });
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<HttpResponseMessage> Ask(HttpClient http, string question)
                {
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                    return await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                    {
                        model = "claude-2.1",
                        system = "You are terse.",
                        messages = new[] { new { role = "user", content = question } },
                        max_tokens = 256,
                        temperature = 0.5,
                    });
                }
            }
            """);

        [Fact]
        public Task ConstUrlField_DictionaryBodyInLocal_PromptLocalRemoved() => MigrationFix.VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                private const string CompleteUrl = {|CTM001:"https://api.anthropic.com/v1/complete?beta=true"|};
                private readonly HttpClient http = new HttpClient();

                Task<HttpResponseMessage> Ask(string name)
                {
                    // the conversation
                    var prompt = "\n\nHuman: Hello, I am " + name + ".\n\nAssistant:";
                    var body = new Dictionary<string, object>
                    {
                        ["model"] = "claude-2",
                        ["prompt"] = prompt,
                        ["max_tokens_to_sample"] = 300,
                    };
                    return http.PostAsJsonAsync(CompleteUrl, body);
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                private const string CompleteUrl = "https://api.anthropic.com/v1/messages?beta=true";
                private readonly HttpClient http = new HttpClient();

                Task<HttpResponseMessage> Ask(string name)
                {
                    // the conversation
                    var body = new Dictionary<string, object>
                    {
                        ["model"] = "claude-2",
                        ["messages"] = new[] { new Dictionary<string, object> { ["role"] = "user", ["content"] = $"Hello, I am {name}." } },
                        ["max_tokens"] = 300,
                    };
                    return http.PostAsJsonAsync(CompleteUrl, body);
                }
            }
            """);

        [Fact]
        public Task BaseAddress_RelativePath_JsonContentOfJsonObject_HeaderInConstructor() => MigrationFix.VerifyAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;

            class C
            {
                private readonly HttpClient http = new HttpClient { BaseAddress = new Uri("https://api.anthropic.com/") };

                C()
                {
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-01-01");
                }

                Task<HttpResponseMessage> Ask(string question) =>
                    http.PostAsync({|CTM001:"v1/complete"|}, JsonContent.Create(new JsonObject
                    {
                        ["model"] = "claude-2.1",
                        ["prompt"] = "Answer in Spanish.\n\nHuman: " + question + "\n\nAssistant:",
                        ["max_tokens_to_sample"] = 300,
                    }));
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;

            class C
            {
                private readonly HttpClient http = new HttpClient { BaseAddress = new Uri("https://api.anthropic.com/") };

                C()
                {
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                }

                Task<HttpResponseMessage> Ask(string question) =>
                    http.PostAsync("v1/messages", JsonContent.Create(new JsonObject
                    {
                        ["model"] = "claude-2.1",
                        ["system"] = "Answer in Spanish.",
                        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
                        ["max_tokens"] = 300,
                    }));
            }
            """);

        [Fact]
        public Task HttpRequestMessage_NewUri_StringContentOfJsonText_HeaderOnRequest() => MigrationFix.VerifyAsync(
            """
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> Ask(HttpClient http)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri({|CTM001:"https://api.anthropic.com/v1/complete"|}));
                    request.Headers.Add("anthropic-version", "2023-01-01");
                    request.Content = new StringContent("{\"model\": \"claude-2\", \"prompt\": \"Be brief.\\n\\nHuman: Hi\\n\\nAssistant:\", \"max_tokens_to_sample\": 300}", Encoding.UTF8, "application/json");
                    using var response = await http.SendAsync(request);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> Ask(HttpClient http)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://api.anthropic.com/v1/messages"));
                    request.Headers.Add("anthropic-version", "2023-06-01");
                    request.Content = new StringContent("{\"model\": \"claude-2\", \"system\": \"Be brief.\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 300}", Encoding.UTF8, "application/json");
                    using var response = await http.SendAsync(request);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """);

        [Fact]
        public Task HttpRequestMessageInitializer_InterpolatedUrl_JsonContentOfAnonymousLocal() => MigrationFix.VerifyAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http, string baseUrl, string question)
                {
                    var body = new { model = "claude-2", prompt = "\n\nHuman: " + question + "\n\nAssistant:", max_tokens_to_sample = 100 };
                    var request = new HttpRequestMessage
                    {
                        Method = HttpMethod.Post,
                        RequestUri = new Uri({|CTM001:$"{baseUrl}/v1/complete"|}),
                        Content = JsonContent.Create(body),
                    };
                    return http.SendAsync(request);
                }
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http, string baseUrl, string question)
                {
                    var body = new { model = "claude-2", messages = new[] { new { role = "user", content = question } }, max_tokens = 100 };
                    var request = new HttpRequestMessage
                    {
                        Method = HttpMethod.Post,
                        RequestUri = new Uri($"{baseUrl}/v1/messages"),
                        Content = JsonContent.Create(body),
                    };
                    return http.SendAsync(request);
                }
            }
            """);

        [Fact]
        public Task StringContentOfSerializedJObject_ConcatenatedUrl() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Text;
            using System.Threading.Tasks;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            class C
            {
                private const string BaseUrl = "https://api.anthropic.com";

                Task<HttpResponseMessage> Ask(HttpClient http, string question)
                {
                    var body = new JObject
                    {
                        ["model"] = "claude-2",
                        ["prompt"] = $"\n\nHuman: {question}\n\nAssistant:",
                        ["max_tokens_to_sample"] = 50,
                    };
                    var json = JsonConvert.SerializeObject(body);
                    return http.PostAsync(BaseUrl + {|CTM001:"/v1/complete"|}, new StringContent(json, Encoding.UTF8, "application/json"));
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Text;
            using System.Threading.Tasks;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            class C
            {
                private const string BaseUrl = "https://api.anthropic.com";

                Task<HttpResponseMessage> Ask(HttpClient http, string question)
                {
                    var body = new JObject
                    {
                        ["model"] = "claude-2",
                        ["messages"] = new JArray(new JObject { ["role"] = "user", ["content"] = question }),
                        ["max_tokens"] = 50,
                    };
                    var json = JsonConvert.SerializeObject(body);
                    return http.PostAsync(BaseUrl + "/v1/messages", new StringContent(json, Encoding.UTF8, "application/json"));
                }
            }
            """);

        [Fact]
        public Task HttpRequestMessage_StringContentOfJObjectToStringWithFormatting() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Text;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            class C
            {
                HttpRequestMessage Build(string baseUrl, string question)
                {
                    var body = new JObject(
                        new JProperty("model", "claude-2"),
                        new JProperty("prompt", "\n\nHuman: " + question + "\n\nAssistant:"),
                        new JProperty("max_tokens_to_sample", 256));
                    return new HttpRequestMessage(HttpMethod.Post, baseUrl + {|CTM001:"/v1/complete"|})
                    {
                        Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json"),
                    };
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Text;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            class C
            {
                HttpRequestMessage Build(string baseUrl, string question)
                {
                    var body = new JObject(
                        new JProperty("model", "claude-2"),
                        new JProperty("messages", new JArray(new JObject(new JProperty("role", "user"), new JProperty("content", question)))),
                        new JProperty("max_tokens", 256));
                    return new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/messages")
                    {
                        Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json"),
                    };
                }
            }
            """);

        [Fact]
        public Task SharedEndpoint_BothRequestsConverted_ConstantChanged() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                const string Host = "https://api.anthropic.com";
                const string Endpoint = Host + {|CTM001:"/v1/complete"|};

                Task<HttpResponseMessage> Hello(HttpClient http) =>
                    http.PostAsJsonAsync(Endpoint, new { model = "claude-2", prompt = "\n\nHuman: Hello\n\nAssistant:", max_tokens_to_sample = 10 });

                Task<HttpResponseMessage> Bye(HttpClient http)
                {
                    var url = Endpoint;
                    return http.PostAsJsonAsync(url, new { model = "claude-2", prompt = "\n\nHuman: Bye\n\nAssistant:", max_tokens_to_sample = 10 });
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                const string Host = "https://api.anthropic.com";
                const string Endpoint = Host + "/v1/messages";

                Task<HttpResponseMessage> Hello(HttpClient http) =>
                    http.PostAsJsonAsync(Endpoint, new { model = "claude-2", messages = new[] { new { role = "user", content = "Hello" } }, max_tokens = 10 });

                Task<HttpResponseMessage> Bye(HttpClient http)
                {
                    var url = Endpoint;
                    return http.PostAsJsonAsync(url, new { model = "claude-2", messages = new[] { new { role = "user", content = "Bye" } }, max_tokens = 10 });
                }
            }
            """);

        [Fact]
        public Task AlreadyMessagesBody_EndpointOnly_AndHeader() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                static readonly string Url = {|CTM001:"https://api.anthropic.com/v1/complete"|};

                Task<HttpResponseMessage> Ask(HttpClient http, string question)
                {
                    http.DefaultRequestHeaders.TryAddWithoutValidation("anthropic-version", "2023-01-01");
                    return http.PostAsJsonAsync(Url, new
                    {
                        model = "claude-2.1",
                        messages = new[] { new { role = "user", content = question } },
                        max_tokens = 256,
                    });
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                static readonly string Url = "https://api.anthropic.com/v1/messages";

                Task<HttpResponseMessage> Ask(HttpClient http, string question)
                {
                    http.DefaultRequestHeaders.TryAddWithoutValidation("anthropic-version", "2023-06-01");
                    return http.PostAsJsonAsync(Url, new
                    {
                        model = "claude-2.1",
                        messages = new[] { new { role = "user", content = question } },
                        max_tokens = 256,
                    });
                }
            }
            """);

        [Fact]
        public Task AlreadyMessagesJsonText_EndpointOnly() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http) =>
                    http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new StringContent("{\"model\": \"claude-2\", \"max_tokens\": 300, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"));
            }
            """,
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http) =>
                    http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent("{\"model\": \"claude-2\", \"max_tokens\": 300, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"));
            }
            """);

        [Fact]
        public Task FixAll_TwoRequestsInADocument_SharedPromptLocalRemovedOnce() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task Twice(HttpClient http, string question)
                {
                    var prompt = $"\n\nHuman: {question}\n\nAssistant:";
                    await http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new { model = "claude-2", prompt, max_tokens_to_sample = 10 });
                    await http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new { model = "claude-instant-1.2", prompt, max_tokens_to_sample = 20 });
                }

                Task<HttpResponseMessage> Other(HttpClient http) =>
                    http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new { model = "claude-2", prompt = "Be kind.\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 5 });
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task Twice(HttpClient http, string question)
                {
                    await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-2", messages = new[] { new { role = "user", content = question } }, max_tokens = 10 });
                    await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-instant-1.2", messages = new[] { new { role = "user", content = question } }, max_tokens = 20 });
                }

                Task<HttpResponseMessage> Other(HttpClient http) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-2", system = "Be kind.", messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 5 });
            }
            """);

        // ---------------------------------------------------------------- no fix: the endpoint stays with its legacy body

        [Fact]
        public Task SharedEndpoint_OneBodyNotConvertible_NoFix() => MigrationFix.VerifyNoFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                static readonly string Endpoint = {|CTM001:"https://api.anthropic.com/v1/complete"|};

                Task<HttpResponseMessage> Hello(HttpClient http) =>
                    http.PostAsJsonAsync(Endpoint, new { model = "claude-2", prompt = "\n\nHuman: Hello\n\nAssistant:", max_tokens_to_sample = 10 });

                Task<HttpResponseMessage> Any(HttpClient http, string prompt) =>
                    http.PostAsJsonAsync(Endpoint, new { model = "claude-2", prompt, max_tokens_to_sample = 10 });
            }
            """);

        [Fact]
        public Task StreamedRequests_AreNotMigrated_WhileTheirEventParserIsTheLegacyOne() => MigrationFix.VerifyNoFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Anonymous(HttpClient http, bool live) =>
                    http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10, stream = live });

                Task<HttpResponseMessage> Node(HttpClient http)
                {
                    var body = new JsonObject { ["model"] = "claude-2", ["prompt"] = "\n\nHuman: Hi\n\nAssistant:", ["max_tokens_to_sample"] = 10 };
                    body["stream"] = true;
                    return http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete?beta=true"|}, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                }

                Task<HttpResponseMessage> Text(HttpClient http) =>
                    http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete#text"|}, new StringContent(
                        "{\"model\": \"claude-2\", \"prompt\": \"\\n\\nHuman: Hi\\n\\nAssistant:\", \"max_tokens_to_sample\": 10, \"stream\": true}",
                        Encoding.UTF8, "application/json"));

                static bool IsText(string eventName) => eventName == "completion";
            }
            """);

        [Fact]
        public Task StreamFalse_IsMigrated_AndAStreamedRequest_IsMigrated_WhenTheFileReadsMessagesEvents() => MigrationFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Once(HttpClient http) =>
                    http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10, stream = false });

                Task<HttpResponseMessage> Live(HttpClient http) =>
                    http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete?beta=true"|}, new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10, stream = true });

                static bool IsText(string eventName) => eventName == "content_block_delta";
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Once(HttpClient http) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-2", messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 10, stream = false });

                Task<HttpResponseMessage> Live(HttpClient http) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages?beta=true", new { model = "claude-2", messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 10, stream = true });

                static bool IsText(string eventName) => eventName == "content_block_delta";
            }
            """);

        [Fact]
        public Task BodyNotConvertible_ParameterPrompt_NoFix() => MigrationFix.VerifyNoFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http, string prompt) =>
                    http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new { model = "claude-2", prompt, max_tokens_to_sample = 10 });
            }
            """);

        [Fact]
        public Task BodyNotInReach_Parameter_NoFix() => MigrationFix.VerifyNoFixAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http, HttpContent content) =>
                    http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, content);

                object Body(string question) => new { model = "claude-2", prompt = $"\n\nHuman: {question}\n\nAssistant:", max_tokens_to_sample = 10 };
            }
            """);

        [Fact]
        public Task EndpointPassedToAHelper_NoFix() => MigrationFix.VerifyNoFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                private const string Url = {|CTM001:"https://api.anthropic.com/v1/complete"|};

                Task<HttpResponseMessage> Ask(HttpClient http) => Send(http, Url, new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10 });

                static Task<HttpResponseMessage> Send(HttpClient http, string url, object body) => http.PostAsJsonAsync(url, body);
            }
            """);

        [Fact]
        public Task PublicConstantOfALibrary_NoFix() => MigrationFix.VerifyNoFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public class C
            {
                public const string Url = {|CTM001:"https://api.anthropic.com/v1/complete"|};

                Task<HttpResponseMessage> Ask(HttpClient http) =>
                    http.PostAsJsonAsync(Url, new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 10 });
            }
            """);

        [Fact]
        public Task DtoBody_NoFix() => MigrationFix.VerifyNoFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;

            class Request
            {
                [JsonPropertyName("model")] public string Model { get; set; } = "";
                [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
                [JsonPropertyName("max_tokens_to_sample")] public int MaxTokens { get; set; }
            }

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http) =>
                    http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, new Request { Model = "claude-2", Prompt = "\n\nHuman: Hi\n\nAssistant:", MaxTokens = 10 });
            }
            """);

        [Fact]
        public Task UrlOnlyStored_NoRequest_NoFix() => MigrationFix.VerifyNoFixAsync(
            """
            class C
            {
                string Url() => {|CTM001:"https://api.anthropic.com/v1/complete"|};
            }
            """);

        // ---------------------------------------------------------------- CTM001 and CTM002 compose in either order

        private static readonly IReadOnlyList<string> Composed = new[]
        {
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class Client
            {
                private const string Endpoint = "https://api.anthropic.com/v1/complete";
                private readonly HttpClient http = new HttpClient();

                Client()
                {
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-01-01");
                }

                Task<HttpResponseMessage> Ask(string question)
                {
                    var prompt = $"Be brief.\n\nHuman: {question}\n\nAssistant:";
                    return http.PostAsJsonAsync(Endpoint, new
                    {
                        model = "claude-2.1",
                        prompt,
                        max_tokens_to_sample = 300,
                    });
                }

                Task<HttpResponseMessage> Greet(string name) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new { model = "claude-2.1", prompt = "\n\nHuman: I am " + name + "\n\nAssistant:", max_tokens_to_sample = 20 });
            }
            """,
        };

        private const string ComposedExpected = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class Client
            {
                private const string Endpoint = "https://api.anthropic.com/v1/messages";
                private readonly HttpClient http = new HttpClient();

                Client()
                {
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                }

                Task<HttpResponseMessage> Ask(string question)
                {
                    return http.PostAsJsonAsync(Endpoint, new
                    {
                        model = "claude-2.1",
                        system = "Be brief.",
                        messages = new[] { new { role = "user", content = question } },
                        max_tokens = 300,
                    });
                }

                Task<HttpResponseMessage> Greet(string name) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-2.1", messages = new[] { new { role = "user", content = $"I am {name}" } }, max_tokens = 20 });
            }
            """;

        [Theory]
        [InlineData("CTM001", "CTM002")]
        [InlineData("CTM002", "CTM001")]
        public async Task FixAll_Ctm001AndCtm002_EitherOrder_SameCode_Compiles(string first, string second)
        {
            IReadOnlyList<string> fixedSources = await FixAllRunner.ApplyAsync(Composed, new[] { first, second });

            Assert.Equal(ComposedExpected.ReplaceLineEndings(), fixedSources[0].ReplaceLineEndings());
            Assert.Empty(await FixAllRunner.CompilerErrorsAsync(fixedSources));
            Assert.DoesNotContain(await FixAllRunner.DiagnosticsAsync(fixedSources), d => d.Id == "CTM001" || d.Id == "CTM002" || d.Id == "CTM008");
        }

        [Fact]
        public async Task FixAll_Ctm001Alone_IsTheWholeRequest_AndCtm002FindsNothingAfterIt()
        {
            IReadOnlyList<string> migrated = await FixAllRunner.ApplyAsync(Composed, new[] { "CTM001" });

            Assert.Equal(ComposedExpected.ReplaceLineEndings(), migrated[0].ReplaceLineEndings());
            Assert.Equal(migrated, await FixAllRunner.ApplyAsync(migrated, new[] { "CTM002", "CTM001" }));
        }

        [Fact]
        public async Task FixAll_Ctm002Alone_LeavesTheEndpoint_ThenCtm001ChangesOnlyEndpointAndHeader()
        {
            IReadOnlyList<string> bodies = await FixAllRunner.ApplyAsync(Composed, new[] { "CTM002" });
            Assert.Contains("/v1/complete", bodies[0]);
            Assert.Contains("messages = new[]", bodies[0]);

            IReadOnlyList<string> migrated = await FixAllRunner.ApplyAsync(bodies, new[] { "CTM001" });
            Assert.Equal(ComposedExpected.ReplaceLineEndings(), migrated[0].ReplaceLineEndings());
            Assert.DoesNotContain(await FixAllRunner.DiagnosticsAsync(migrated), d => d.Id == "CTM001");
        }
    }
}
