using System.Threading.Tasks;
using Xunit;
using BodyFix = CompletionsToMessages.Tests.Verifiers.CodeFixVerifier<CompletionsToMessages.Analyzers.Rules.LegacyRequestBodyAnalyzer, CompletionsToMessages.CodeFixes.Fixes.LegacyRequestBodyCodeFix>;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// CTM002 "Rewrite to a Messages API body". Expected code is written from the Messages API rules (system text
    /// before the first Human turn, user/assistant turns, merged same-role turns, prefill trimmed at the end,
    /// max_tokens, no "\n\nHuman:" stop sequence, Bedrock anthropic_version). The verifier also checks that Fix All
    /// (document, project, solution) gives the same code as fixing one by one, and that the result compiles.
    /// </summary>
    public class BodyRewriteTests
    {
        // ---------------- anonymous objects ----------------

        [Fact]
        public Task Anonymous_InterpolatedPrompt_WithSystemText_AndOnlyHumanStop() => BodyFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http, string question) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = "claude-2.1",
                        prompt = $"You are terse.\n\nHuman: {question}\n\nAssistant:",
                        {|CTM002:max_tokens_to_sample|} = 256,
                        stop_sequences = new[] { "\n\nHuman:" },
                        temperature = 0.5,
                    });
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> Ask(HttpClient http, string question) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = "claude-2.1",
                        system = "You are terse.",
                        messages = new[] { new { role = "user", content = question } },
                        max_tokens = 256,
                        temperature = 0.5,
                    });
            }
            """);

        [Fact]
        public Task Anonymous_ConcatenatedMultiTurnPrompt_WithPrefill_AndOtherStopSequence() => BodyFix.VerifyAsync(
            """
            class C
            {
                object Body(string name, string question) => new
                {
                    model = "claude-instant-1.2",
                    prompt = "\n\nHuman: My name is " + name + ".\n\nAssistant: Hello " + name + "!\n\nHuman: " + question + "\n\nAssistant: {\"answer\": \"",
                    {|CTM002:max_tokens_to_sample|} = 100,
                    stop_sequences = new[] { "\n\nHuman:", "\"}" },
                    metadata = new { user_id = "u-1" },
                    stream = false,
                };
            }
            """,
            """
            class C
            {
                object Body(string name, string question) => new
                {
                    model = "claude-instant-1.2",
                    messages = new[]
                    {
                        new { role = "user", content = $"My name is {name}." },
                        new { role = "assistant", content = $"Hello {name}!" },
                        new { role = "user", content = question },
                        new { role = "assistant", content = "{\"answer\": \"" },
                    },
                    max_tokens = 100,
                    stop_sequences = new[] { "\"}" },
                    metadata = new { user_id = "u-1" },
                    stream = false,
                };
            }
            """);

        [Fact]
        public Task Anonymous_SingleLine_MergesSameRoleTurns_AndTrimsPrefill() => BodyFix.VerifyAsync(
            """
            class C
            {
                object Body() => new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nHuman: Still there?\n\nAssistant: Yes, \n", {|CTM002:max_tokens_to_sample|} = 5 };
            }
            """,
            """
            class C
            {
                object Body() => new { model = "claude-2", messages = new[] { new { role = "user", content = "Hi\n\nStill there?" }, new { role = "assistant", content = "Yes," } }, max_tokens = 5 };
            }
            """);

        [Fact]
        public Task Anonymous_PrefillEndingWithHole_IsTrimmedAtRunTime() => BodyFix.VerifyAsync(
            """
            class C
            {
                object Body(string question, string start) => new
                {
                    model = "claude-2",
                    prompt = $"\n\nHuman: {question}\n\nAssistant: Sure: {start}",
                    {|CTM002:max_tokens_to_sample|} = 50,
                };
            }
            """,
            """
            class C
            {
                object Body(string question, string start) => new
                {
                    model = "claude-2",
                    messages = new[]
                    {
                        new { role = "user", content = question },
                        new { role = "assistant", content = $"Sure: {start}".TrimEnd() },
                    },
                    max_tokens = 50,
                };
            }
            """);

        [Fact]
        public Task Anonymous_HolesWithFormats_BracesAndExpressions_StayInTheirMessage() => BodyFix.VerifyAsync(
            """
            class C
            {
                object Body(int count, decimal price, string item) => new
                {
                    model = "claude-2",
                    prompt = "\n\nHuman: " + $"Reply as {{\"n\": {count:D3}}} for {price,8:F2} " + (count > 3 ? "many" : "few") + " " + item.ToUpperInvariant() + "\n\nAssistant:",
                    {|CTM002:max_tokens_to_sample|} = 20,
                };
            }
            """,
            """
            class C
            {
                object Body(int count, decimal price, string item) => new
                {
                    model = "claude-2",
                    messages = new[] { new { role = "user", content = $"Reply as {{\"n\": {count:D3}}} for {price,8:F2} {(count > 3 ? "many" : "few")} {item.ToUpperInvariant()}" } },
                    max_tokens = 20,
                };
            }
            """);

        [Fact]
        public Task Anonymous_VerbatimPromptWithSystemLines_AndMarkerConstants() => BodyFix.VerifyAsync(
            """
            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                const string AI_PROMPT = "\n\nAssistant:";

                object Body(string question) => new
                {
                    model = "claude-2",
                    prompt = @"You are a librarian.
            Answer in one line." + HUMAN_PROMPT + " " + question + AI_PROMPT,
                    {|CTM002:max_tokens_to_sample|} = 64,
                };
            }
            """,
            """
            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                const string AI_PROMPT = "\n\nAssistant:";

                object Body(string question) => new
                {
                    model = "claude-2",
                    system = "You are a librarian.\nAnswer in one line.",
                    messages = new[] { new { role = "user", content = question } },
                    max_tokens = 64,
                };
            }
            """);

        [Fact]
        public Task Anonymous_PromptLocal_IsFollowed_AndItsDeclarationRemoved() => BodyFix.VerifyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> Ask(HttpClient http, string question)
                {
                    // The assistant's persona and the question.
                    var prompt = $"You are a pirate.\n\nHuman: {question}\n\nAssistant:";
                    var body = new { model = "claude-2", prompt, {|CTM002:max_tokens_to_sample|} = 300 };
                    var response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", body);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> Ask(HttpClient http, string question)
                {
                    // The assistant's persona and the question.
                    var body = new { model = "claude-2", system = "You are a pirate.", messages = new[] { new { role = "user", content = question } }, max_tokens = 300 };
                    var response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", body);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """);

        [Fact]
        public Task TwoBodiesInOneDocument_SharingAPromptLocal_FixAllEqualsOneByOne() => BodyFix.VerifyAsync(
            """
            class C
            {
                object[] Bodies(string question)
                {
                    string prompt = "\n\nHuman: Say hi\n\nAssistant:";
                    var first = new { model = "claude-2", prompt = prompt, {|CTM002:max_tokens_to_sample|} = 10 };
                    var second = new { model = "claude-instant-1", prompt = prompt, {|CTM002:max_tokens_to_sample|} = 20 };
                    var third = new { model = "claude-2.1", prompt = "\n\nHuman: " + question + "\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 30 };
                    return new object[] { first, second, third };
                }
            }
            """,
            """
            class C
            {
                object[] Bodies(string question)
                {
                    var first = new { model = "claude-2", messages = new[] { new { role = "user", content = "Say hi" } }, max_tokens = 10 };
                    var second = new { model = "claude-instant-1", messages = new[] { new { role = "user", content = "Say hi" } }, max_tokens = 20 };
                    var third = new { model = "claude-2.1", messages = new[] { new { role = "user", content = question } }, max_tokens = 30 };
                    return new object[] { first, second, third };
                }
            }
            """);

        [Fact]
        public Task ConstPrompt_IsReadFromTheConstant() => BodyFix.VerifyAsync(
            """
            class C
            {
                const string Prompt = "Be brief.\n\nHuman: What is 2+2?\n\nAssistant:";

                object Body() => new { model = "claude-2", prompt = Prompt, {|CTM002:max_tokens_to_sample|} = 8 };
            }
            """,
            """
            class C
            {
                const string Prompt = "Be brief.\n\nHuman: What is 2+2?\n\nAssistant:";

                object Body() => new { model = "claude-2", system = "Be brief.", messages = new[] { new { role = "user", content = "What is 2+2?" } }, max_tokens = 8 };
            }
            """);

        // ---------------- dictionaries ----------------

        [Fact]
        public Task Dictionary_IndexInitializer_Bedrock_GainsAnthropicVersion() => BodyFix.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                const string ModelId = "anthropic.claude-v2";

                Dictionary<string, object> Body(string question)
                {
                    var body = new Dictionary<string, object>
                    {
                        ["prompt"] = string.Format("\n\nHuman: {0}\n\nAssistant:", question),
                        [{|CTM002:"max_tokens_to_sample"|}] = 300,
                        ["temperature"] = 0.8,
                        ["stop_sequences"] = new List<string> { "\n\nHuman:" },
                    };
                    body["top_k"] = 250;
                    return body;
                }
            }
            """,
            """
            using System.Collections.Generic;

            class C
            {
                const string ModelId = "anthropic.claude-v2";

                Dictionary<string, object> Body(string question)
                {
                    var body = new Dictionary<string, object>
                    {
                        ["anthropic_version"] = "bedrock-2023-05-31",
                        ["messages"] = new[] { new Dictionary<string, object> { ["role"] = "user", ["content"] = question } },
                        ["max_tokens"] = 300,
                        ["temperature"] = 0.8,
                    };
                    body["top_k"] = 250;
                    return body;
                }
            }
            """);

        [Fact]
        public Task Dictionary_CollectionInitializer_WithSystemAndPrefill() => BodyFix.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string text) => new Dictionary<string, object>
                {
                    { "model", "claude-2.1" },
                    { "prompt", $"Translate to French.\n\nHuman: {text}\n\nAssistant: Voici:" },
                    { {|CTM002:"max_tokens_to_sample"|}, 200 },
                    { "stop_sequences", new[] { "\n\nHuman:", "END" } },
                };
            }
            """,
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string text) => new Dictionary<string, object>
                {
                    { "model", "claude-2.1" },
                    { "system", "Translate to French." },
                    { "messages", new[]
                    {
                        new Dictionary<string, object> { { "role", "user" }, { "content", text } },
                        new Dictionary<string, object> { { "role", "assistant" }, { "content", "Voici:" } },
                    } },
                    { "max_tokens", 200 },
                    { "stop_sequences", new[] { "END" } },
                };
            }
            """);

        [Fact]
        public Task Dictionary_IndexInitializer_PromptLocal_IsFollowed() => BodyFix.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string name)
                {
                    var prompt = "\n\nHuman: Hello, I am " + name + ".\n\nAssistant:";
                    return new Dictionary<string, object>
                    {
                        ["model"] = "claude-2",
                        ["prompt"] = prompt,
                        [{|CTM002:"max_tokens_to_sample"|}] = 300,
                    };
                }
            }
            """,
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string name)
                {
                    return new Dictionary<string, object>
                    {
                        ["model"] = "claude-2",
                        ["messages"] = new[] { new Dictionary<string, object> { ["role"] = "user", ["content"] = $"Hello, I am {name}." } },
                        ["max_tokens"] = 300,
                    };
                }
            }
            """);

        // ---------------- System.Text.Json.Nodes.JsonObject ----------------

        [Fact]
        public Task JsonObject_BecomesJsonArrayOfJsonObjects() => BodyFix.VerifyAsync(
            """
            using System.Text.Json.Nodes;

            class C
            {
                JsonObject Body(string question) => new JsonObject
                {
                    ["model"] = "claude-2",
                    ["prompt"] = "Answer in Spanish.\n\nHuman: " + question + "\n\nAssistant:",
                    [{|CTM002:"max_tokens_to_sample"|}] = 128,
                    ["top_p"] = 0.9,
                };
            }
            """,
            """
            using System.Text.Json.Nodes;

            class C
            {
                JsonObject Body(string question) => new JsonObject
                {
                    ["model"] = "claude-2",
                    ["system"] = "Answer in Spanish.",
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
                    ["max_tokens"] = 128,
                    ["top_p"] = 0.9,
                };
            }
            """);

        [Fact]
        public Task JsonObject_FullyQualified_MultiTurn() => BodyFix.VerifyAsync(
            """
            class C
            {
                object Body(string a, string b) => new System.Text.Json.Nodes.JsonObject
                {
                    ["model"] = "claude-2",
                    ["prompt"] = $"\n\nHuman: {a}\n\nAssistant: Noted.\n\nHuman: {b}\n\nAssistant:",
                    [{|CTM002:"max_tokens_to_sample"|}] = 40,
                };
            }
            """,
            """
            class C
            {
                object Body(string a, string b) => new System.Text.Json.Nodes.JsonObject
                {
                    ["model"] = "claude-2",
                    ["messages"] = new System.Text.Json.Nodes.JsonArray(
                        new System.Text.Json.Nodes.JsonObject { ["role"] = "user", ["content"] = a },
                        new System.Text.Json.Nodes.JsonObject { ["role"] = "assistant", ["content"] = "Noted." },
                        new System.Text.Json.Nodes.JsonObject { ["role"] = "user", ["content"] = b }),
                    ["max_tokens"] = 40,
                };
            }
            """);

        // ---------------- Newtonsoft JObject ----------------

        [Fact]
        public Task JObject_IndexInitializer_BecomesJArray() => BodyFix.VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string question) => new JObject
                {
                    ["model"] = "claude-2",
                    ["prompt"] = $"\n\nHuman: {question}\n\nAssistant:",
                    [{|CTM002:"max_tokens_to_sample"|}] = 300,
                    ["stop_sequences"] = new JArray("\n\nHuman:", "Observation:"),
                };
            }
            """,
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string question) => new JObject
                {
                    ["model"] = "claude-2",
                    ["messages"] = new JArray(new JObject { ["role"] = "user", ["content"] = question }),
                    ["max_tokens"] = 300,
                    ["stop_sequences"] = new JArray("Observation:"),
                };
            }
            """);

        [Fact]
        public Task JObject_JProperties_StayJProperties() => BodyFix.VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string question) => new JObject(
                    new JProperty("model", "claude-2"),
                    new JProperty("prompt", "You are kind.\n\nHuman: " + question + "\n\nAssistant:"),
                    new JProperty({|CTM002:"max_tokens_to_sample"|}, 300),
                    new JProperty("stop_sequences", new JArray("\n\nHuman:")));
            }
            """,
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string question) => new JObject(
                    new JProperty("model", "claude-2"),
                    new JProperty("system", "You are kind."),
                    new JProperty("messages", new JArray(new JObject(new JProperty("role", "user"), new JProperty("content", question)))),
                    new JProperty("max_tokens", 300));
            }
            """);

        [Fact]
        public Task JObject_PromptLocalWithHistory_BecomesThreeMessages() => BodyFix.VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string question)
                {
                    string previousQuestion = "Oven temperature?";
                    string previousAnswer = "250 °C.";

                    string prompt = "\n\nHuman: " + previousQuestion +
                                    "\n\nAssistant: " + previousAnswer +
                                    "\n\nHuman: " + question +
                                    "\n\nAssistant:";

                    var body = new JObject(
                        new JProperty("model", "claude-instant-1.2"),
                        new JProperty("prompt", prompt),
                        new JProperty({|CTM002:"max_tokens_to_sample"|}, 256),
                        new JProperty("temperature", 0.7));
                    return body;
                }
            }
            """,
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string question)
                {
                    string previousQuestion = "Oven temperature?";
                    string previousAnswer = "250 °C.";

                    var body = new JObject(
                        new JProperty("model", "claude-instant-1.2"),
                        new JProperty("messages", new JArray(
                            new JObject(new JProperty("role", "user"), new JProperty("content", previousQuestion)),
                            new JObject(new JProperty("role", "assistant"), new JProperty("content", previousAnswer)),
                            new JObject(new JProperty("role", "user"), new JProperty("content", question)))),
                        new JProperty("max_tokens", 256),
                        new JProperty("temperature", 0.7));
                    return body;
                }
            }
            """);

        [Fact]
        public Task SystemConstant_IsKeptByName() => BodyFix.VerifyAsync(
            """
            class C
            {
                private const string SystemPrompt = "You are the help desk of a hardware store.";

                object Body(string question) => new
                {
                    model = "claude-2.1",
                    prompt = $"{SystemPrompt}\n\nHuman: {question}\n\nAssistant:",
                    {|CTM002:max_tokens_to_sample|} = 300,
                };
            }
            """,
            """
            class C
            {
                private const string SystemPrompt = "You are the help desk of a hardware store.";

                object Body(string question) => new
                {
                    model = "claude-2.1",
                    system = SystemPrompt,
                    messages = new[] { new { role = "user", content = question } },
                    max_tokens = 300,
                };
            }
            """);

        [Fact]
        public Task TargetTypedDictionary_InNullableCode_NamesTheTypeForMessages() => BodyFix.VerifyAsync(
            """
            #nullable enable
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object?> Body(string? question)
                {
                    Dictionary<string, object?> body = new()
                    {
                        ["model"] = "claude-2",
                        ["prompt"] = $"\n\nHuman: {question}\n\nAssistant:",
                        [{|CTM002:"max_tokens_to_sample"|}] = 300,
                    };
                    return body;
                }
            }
            """,
            """
            #nullable enable
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object?> Body(string? question)
                {
                    Dictionary<string, object?> body = new()
                    {
                        ["model"] = "claude-2",
                        ["messages"] = new[] { new Dictionary<string, object> { ["role"] = "user", ["content"] = $"{question}" } },
                        ["max_tokens"] = 300,
                    };
                    return body;
                }
            }
            """);

        // ---------------- JSON text ----------------

        [Fact]
        public Task JsonString_KeepsItsLayout_AndLosesTheHumanStop() => BodyFix.VerifyAsync(
            """
            class C
            {
                const string Json = {|CTM002:"{\"model\": \"claude-2\", \"prompt\": \"Be brief.\\n\\nHuman: Hi\\n\\nAssistant:\", \"max_tokens_to_sample\": 300, \"stop_sequences\": [\"\\n\\nHuman:\"]}"|};
            }
            """,
            """
            class C
            {
                const string Json = "{\"model\": \"claude-2\", \"system\": \"Be brief.\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 300}";
            }
            """);

        [Fact]
        public Task JsonVerbatimString_StaysVerbatim() => BodyFix.VerifyAsync(
            """
            class C
            {
                string Json = {|CTM002:@"{""model"": ""claude-2"", ""prompt"": ""\n\nHuman: Hi\n\nAssistant:"", ""max_tokens_to_sample"": 5}"|};
            }
            """,
            """
            class C
            {
                string Json = @"{""model"": ""claude-2"", ""messages"": [{""role"": ""user"", ""content"": ""Hi""}], ""max_tokens"": 5}";
            }
            """);

        [Fact]
        public Task JsonRawString_Bedrock_WithPrefillAndOtherStop() => BodyFix.VerifyAsync(
            """"
            class C
            {
                const string ModelId = "anthropic.claude-v2";

                string Body() => {|CTM002:"""
                    {
                      "prompt": "\n\nHuman: Name a color.\n\nAssistant: The color is ",
                      "max_tokens_to_sample": 20,
                      "stop_sequences": ["\n\nHuman:", "."]
                    }
                    """|};
            }
            """",
            """"
            class C
            {
                const string ModelId = "anthropic.claude-v2";

                string Body() => """
                    {
                      "anthropic_version": "bedrock-2023-05-31",
                      "messages": [{"role": "user", "content": "Name a color."}, {"role": "assistant", "content": "The color is"}],
                      "max_tokens": 20,
                      "stop_sequences": ["."]
                    }
                    """;
            }
            """");

        [Fact]
        public Task NoFix_InterpolatedJson_HasHoles() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                string Json(string q) => {|CTM002:$"{{\"model\": \"claude-2\", \"prompt\": \"\\n\\nHuman: {q}\\n\\nAssistant:\", \"max_tokens_to_sample\": 5}}"|};
            }
            """);

        private const string NestedMetadataJson = """
            class C
            {
                const string Json = {|CTM002:"{\"model\": \"claude-2\", \"prompt\": \"\\n\\nHuman: Hi\\n\\nAssistant:\", \"max_tokens_to_sample\": 5, \"metadata\": NESTED}"|};
            }
            """;

        [Fact]
        public Task JsonString_NestedValue_64Levels_IsRewritten() => BodyFix.VerifyAsync(
            NestedMetadataJson.Replace("NESTED", new string('[', 63) + new string(']', 63)),
            """
            class C
            {
                const string Json = "{\"model\": \"claude-2\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 5, \"metadata\": NESTED}";
            }
            """.Replace("NESTED", new string('[', 63) + new string(']', 63)));

        [Fact]
        public Task NoFix_JsonString_NestedDeeperThan64Levels_IsNotScannedFurther() => BodyFix.VerifyNoFixAsync(
            // 100,000 levels: a recursive scan without a limit would overflow the stack of the IDE or dotnet format.
            NestedMetadataJson.Replace("NESTED", new string('[', 100_000) + new string(']', 100_000)));

        // ---------------- not offered ----------------

        [Fact]
        public Task NoFix_PromptParameter_IsOnlyKnownAtRunTime() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                object Body(string prompt) => new { model = "claude-2", prompt, {|CTM002:max_tokens_to_sample|} = 300 };
            }
            """);

        [Fact]
        public Task NoFix_PromptFromMethodCall() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                static string Build(string q) => "\n\nHuman: " + q + "\n\nAssistant:";

                object Body(string q) => new { model = "claude-2", prompt = Build(q), {|CTM002:max_tokens_to_sample|} = 300 };
            }
            """);

        [Fact]
        public Task NoFix_StringBuilderPrompt() => BodyFix.VerifyNoFixAsync(
            """
            using System.Text;

            class C
            {
                object Body(string[] questions)
                {
                    var builder = new StringBuilder();
                    foreach (string q in questions)
                    {
                        builder.Append("\n\nHuman: ").Append(q).Append("\n\nAssistant: ok");
                    }

                    builder.Append("\n\nAssistant:");
                    return new { model = "claude-2", prompt = builder.ToString(), {|CTM002:max_tokens_to_sample|} = 300 };
                }
            }
            """);

        [Fact]
        public Task NoFix_PromptRejectedByTheLegacyApi_FirstTurnNotHuman() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                object Body(string q) => new { model = "claude-2", prompt = $"\n\nAssistant: Hi!\n\nHuman: {q}\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 300 };
            }
            """);

        [Fact]
        public Task NoFix_PromptRejectedByTheLegacyApi_NoFinalAssistantTurn() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                object Body(string q) => new { model = "claude-2", prompt = $"\n\nHuman: {q}", {|CTM002:max_tokens_to_sample|} = 300 };
            }
            """);

        [Fact]
        public Task NoFix_HistoryBeforeTheFirstHumanTurn_MayHoldTurns() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                object Body(string history, string q) => new { model = "claude-2", prompt = history + "\n\nHuman: " + q + "\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 300 };
            }
            """);

        [Fact]
        public Task NoFix_PromptLocalChangedBeforeTheBody() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                object Body(string q)
                {
                    var prompt = $"\n\nHuman: {q}\n\nAssistant:";
                    q = q.Trim();
                    return new { model = "claude-2", prompt, {|CTM002:max_tokens_to_sample|} = 300 };
                }
            }
            """);

        [Fact]
        public Task NoFix_AnonymousMemberReadLater() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                int Tokens()
                {
                    var body = new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 300 };
                    return body.max_tokens_to_sample;
                }
            }
            """);

        [Fact]
        public Task NoFix_AnonymousBodiesThatShareOneType() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                object[] Bodies(bool brief) => new[]
                {
                    new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 10 },
                    brief
                        ? new { model = "claude-2", prompt = "\n\nHuman: Yo\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 5 }
                        : new { model = "claude-2", prompt = "Be long.\n\nHuman: Yo\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 500 },
                };
            }
            """);

        [Fact]
        public Task NoFix_NoModel_AndNothingSaysBedrock() => BodyFix.VerifyNoFixAsync(
            """
            class C
            {
                object Body() => new { prompt = "\n\nHuman: Hi\n\nAssistant:", {|CTM002:max_tokens_to_sample|} = 300 };
            }
            """);

        [Fact]
        public Task NoFix_DictionaryOfStrings_CannotHoldMessages() => BodyFix.VerifyNoFixAsync(
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, string> Body() => new Dictionary<string, string>
                {
                    ["model"] = "claude-2",
                    ["prompt"] = "\n\nHuman: Hi\n\nAssistant:",
                    [{|CTM002:"max_tokens_to_sample"|}] = "300",
                };
            }
            """);
    }
}
