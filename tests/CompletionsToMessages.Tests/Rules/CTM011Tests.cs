using System.Threading.Tasks;
using Xunit;
using Files = CompletionsToMessages.Tests.Rules.RuleTest<CompletionsToMessages.Analyzers.Rules.PrefillHazardAnalyzer>;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.PrefillHazardAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM011: prefill rejected by the target model (docs/rules/CTM011.md, restrictions from reference/models.md).</summary>
    public class CTM011Tests
    {
        private const string TargetOpus46 = "completions_to_messages.target_model = claude-opus-4-6\n";

        // ---------------- the model as a literal ----------------

        [Theory]
        [InlineData("claude-opus-4-6")]
        [InlineData("claude-sonnet-4-6")]
        [InlineData("claude-opus-4-7")]
        [InlineData("claude-opus-4-8")]
        [InlineData("claude-opus-5")]
        [InlineData("claude-sonnet-5")]
        [InlineData("claude-fable-5")]
        [InlineData("claude-mythos-5")]
        public Task LegacyPrefill_ModelRejectingPrefill_IsReported(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Body = new
                {
                    model = "{{model}}",
                    prompt = {|CTM011:"\n\nHuman: Give me three colours as JSON.\n\nAssistant: {"|},
                    max_tokens_to_sample = 300,
                };
            }
            """);

        [Theory]
        [InlineData("claude-haiku-4-5-20251001")]
        [InlineData("claude-haiku-4-5")]
        [InlineData("claude-sonnet-4-5")]
        [InlineData("claude-sonnet-4-5-20250929")]
        [InlineData("claude-opus-4-5")]
        [InlineData("gpt-4o")]
        public Task LegacyPrefill_ModelAcceptingPrefill_IsNotReported(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Body = new
                {
                    model = "{{model}}",
                    prompt = "\n\nHuman: Give me three colours as JSON.\n\nAssistant: {",
                    max_tokens_to_sample = 300,
                };
            }
            """);

        [Theory]
        [InlineData("claude-2")]
        [InlineData("claude-2.1")]
        [InlineData("claude-3-opus-20240229")]
        [InlineData("claude-3-5-sonnet-20240620")]
        [InlineData("claude-mythos-preview")]
        [InlineData("anthropic.claude-v2")]
        public Task RetiredModel_StandsForItsPrefillRejectingSuccessor(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Body = new { model = "{{model}}", prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: Sure"|}, max_tokens_to_sample = 300 };
            }
            """);

        [Theory]
        [InlineData("claude-instant-1.2")]
        [InlineData("claude-1.3")]
        [InlineData("claude-3-haiku-20240307")]
        [InlineData("claude-3-5-haiku-20241022")]
        public Task RetiredModel_WithAPrefillAcceptingSuccessor_IsNotReported(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Body = new { model = "{{model}}", prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """);

        [Fact]
        public Task ConfiguredSuccessor_IsTheModelChecked() => Verify.VerifyAsync("""
            class C
            {
                object Claude2 = new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                object Instant = new { model = "claude-instant-1", prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: Sure"|}, max_tokens_to_sample = 300 };
            }
            """,
            editorConfig: "completions_to_messages.model_successors = claude-2=claude-haiku-4-5-20251001, claude-instant-1=claude-sonnet-4-6\n",
            compilerErrorsAllowed: false);

        [Fact]
        public Task SemicolonStartsAnEditorConfigComment_SoOnlyTheFirstSuccessorApplies() => Verify.VerifyAsync("""
            class C
            {
                object Claude2 = new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                object Instant = new { model = "claude-instant-1", prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """,
            editorConfig: "completions_to_messages.model_successors = claude-2=claude-haiku-4-5-20251001; claude-instant-1=claude-sonnet-4-6\n",
            compilerErrorsAllowed: false);

        [Fact]
        public Task Message_NamesTheModelAndWhereItCameFrom() => Verify.VerifyAsync("""
            class C
            {
                object A = new { model = "claude-2", prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                object B = new { model = "claude-sonnet-4-6", prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                object D = new { model = M, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                static string M => "x";
            }
            """,
            editorConfig: TargetOpus46,
            compilerErrorsAllowed: false,
            Verify.Diagnostic("CTM011").WithSpan(3, 51, 3, 85).WithArguments("claude-opus-4-8 (the successor of claude-2)"),
            Verify.Diagnostic("CTM011").WithSpan(4, 60, 4, 94).WithArguments("claude-sonnet-4-6"),
            Verify.Diagnostic("CTM011").WithSpan(5, 42, 5, 76).WithArguments("claude-opus-4-6 (completions_to_messages.target_model)"));

        [Fact]
        public Task ModelConstant_IsResolved() => Verify.VerifyAsync("""
            static class Models
            {
                public const string Default = "claude-opus-4-6";
                public const string Fast = "claude-haiku-4-5";
            }

            class C
            {
                object A = new { model = Models.Default, prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: Sure"|}, max_tokens_to_sample = 300 };
                object B = new { model = Models.Fast, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """);

        // ---------------- the model as a variable ----------------

        [Fact]
        public Task VariableModel_WithTargetModel_IsReported() => Verify.VerifyAsync("""
            class C
            {
                object Body(string model) => new { model, prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: Sure"|}, max_tokens_to_sample = 300 };
            }
            """, TargetOpus46, compilerErrorsAllowed: false);

        [Fact]
        public Task VariableModel_WithoutTargetModel_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                object Body(string model) => new { model, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                object NoModel = new { prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """);

        [Fact]
        public Task VariableModel_WithPrefillAcceptingTargetModel_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                object Body(string model) => new { model, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """, "completions_to_messages.target_model = claude-haiku-4-5-20251001\n", compilerErrorsAllowed: false);

        [Fact]
        public Task LiteralModel_WinsOverTargetModel() => Verify.VerifyAsync("""
            class C
            {
                object Body = new { model = "claude-haiku-4-5", prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """, TargetOpus46, compilerErrorsAllowed: false);

        // ---------------- prompt shapes ----------------

        [Fact]
        public Task PromptShapes_AreReported() => Verify.VerifyAsync("""
            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                const string AI_PROMPT = "\n\nAssistant:";

                object Interpolated(int n) => new { model = "claude-opus-4-8", prompt = {|CTM011:$"\n\nHuman: Give me {n} colours as JSON.\n\nAssistant: {{"|}, max_tokens_to_sample = 300 };
                object Concatenated(string q) => new { model = "claude-opus-4-8", prompt = {|CTM011:"\n\nHuman: " + q + "\n\nAssistant: The answer is"|}, max_tokens_to_sample = 300 };
                object Markers(string q) => new { model = "claude-opus-4-8", prompt = {|CTM011:HUMAN_PROMPT + " " + q + AI_PROMPT + " <answer>"|}, max_tokens_to_sample = 300 };
                object Format(string q) => new { model = "claude-opus-4-8", prompt = {|CTM011:string.Format("\n\nHuman: {0}\n\nAssistant: [", q)|}, max_tokens_to_sample = 300 };

                object Local(string q)
                {
                    var prompt = $"\n\nHuman: {q}\n\nAssistant: {{";
                    return new { model = "claude-opus-4-8", {|CTM011:prompt|}, max_tokens_to_sample = 300 };
                }

                object PrefillFromAVariable(string q, string start) => new { model = "claude-opus-4-8", prompt = {|CTM011:$"\n\nHuman: {q}\n\nAssistant: {start}"|}, max_tokens_to_sample = 300 };
            }
            """);

        [Fact]
        public Task PromptsWithoutPrefill_AreNotReported() => Verify.VerifyAsync("""
            class C
            {
                object A = new { model = "claude-opus-4-8", prompt = "\n\nHuman: Hi\n\nAssistant:", max_tokens_to_sample = 300 };
                object B = new { model = "claude-opus-4-8", prompt = "\n\nHuman: Hi\n\nAssistant: ", max_tokens_to_sample = 300 };
                object D = new { model = "claude-opus-4-8", prompt = "Summarise: the assistant said hi", max_tokens_to_sample = 300 };
                object E(string q) => new { model = "claude-opus-4-8", prompt = $"\n\nHuman: {q}\n\nAssistant:", max_tokens_to_sample = 300 };
                object F(string p) => new { model = "claude-opus-4-8", prompt = p, max_tokens_to_sample = 300 };
            }
            """);

        // ---------------- body shapes ----------------

        [Fact]
        public Task LegacyBodyShapes_AreReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Text.Json.Nodes;
            using Newtonsoft.Json.Linq;

            class CompletionRequest
            {
                public string Model { get; set; } = "";
                public string Prompt { get; set; } = "";
                public int MaxTokensToSample { get; set; }
            }

            class C
            {
                Dictionary<string, object> Indexed = new() { ["model"] = "claude-opus-4-8", ["prompt"] = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}, ["max_tokens_to_sample"] = 300 };
                Dictionary<string, object> Pairs = new() { { "model", "claude-opus-4-8" }, { "prompt", {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|} }, { "max_tokens_to_sample", 300 } };
                JsonObject Json = new JsonObject { ["model"] = "claude-opus-4-8", ["prompt"] = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}, ["max_tokens_to_sample"] = 300 };
                JObject Newtonsoft = new JObject { ["model"] = "claude-opus-4-8", ["prompt"] = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}, ["max_tokens_to_sample"] = 300 };
                JObject Properties = new JObject(
                    new JProperty("model", "claude-opus-4-8"),
                    new JProperty("prompt", {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}),
                    new JProperty("max_tokens_to_sample", 300));
                CompletionRequest Typed = new CompletionRequest { Model = "claude-opus-4-8", Prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}, MaxTokensToSample = 300 };
                CompletionRequest TargetTyped = new() { Model = "claude-opus-4-8", Prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}, MaxTokensToSample = 300 };

                Dictionary<string, object> Later()
                {
                    var body = new Dictionary<string, object> { ["model"] = "claude-opus-4-8", ["max_tokens_to_sample"] = 300 };
                    body["prompt"] = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|};
                    return body;
                }
            }
            """);

        [Fact]
        public Task MessagesBodyEndingWithAssistant_IsReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Newtonsoft.Json.Linq;

            class C
            {
                object Array = new
                {
                    model = "claude-sonnet-4-6",
                    max_tokens = 300,
                    messages = new[]
                    {
                        new { role = "user", content = "Give me JSON." },
                        {|CTM011:new { role = "assistant", content = "{" }|},
                    },
                };

                object List = new
                {
                    model = "claude-sonnet-4-6",
                    max_tokens = 300,
                    messages = new List<object> { new { role = "user", content = "Hi" }, {|CTM011:new Dictionary<string, string> { ["role"] = "assistant", ["content"] = "{" }|} },
                };

                object Collection = new
                {
                    model = "claude-sonnet-4-6",
                    max_tokens = 300,
                    messages = (object[])[new { role = "user", content = "Hi" }, {|CTM011:new { role = "assistant", content = "{" }|}],
                };

                JObject Json = new JObject
                {
                    ["model"] = "claude-sonnet-4-6",
                    ["max_tokens"] = 300,
                    ["messages"] = new JArray
                    {
                        new JObject { ["role"] = "user", ["content"] = "Hi" },
                        {|CTM011:new JObject { ["role"] = "assistant", ["content"] = "{" }|},
                    },
                };
            }
            """);

        [Fact]
        public Task MessagesBodyWithoutPrefill_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                object EndsWithUser = new
                {
                    model = "claude-sonnet-4-6",
                    max_tokens = 300,
                    messages = new[]
                    {
                        new { role = "user", content = "Hi" },
                        new { role = "assistant", content = "Hello" },
                        new { role = "user", content = "Give me JSON." },
                    },
                };

                object OnlyUser = new { model = "claude-opus-4-8", max_tokens = 300, messages = new[] { new { role = "user", content = "Hi" } } };

                // Not a request body (no max_tokens): a transcript kept for display.
                object Transcript = new { model = "claude-opus-4-8", messages = new[] { new { role = "user", content = "Hi" }, new { role = "assistant", content = "Hello" } } };
            }
            """);

        [Fact]
        public Task MessagesPrefill_OnAPrefillAcceptingModel_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                object Body = new
                {
                    model = "claude-haiku-4-5-20251001",
                    max_tokens = 300,
                    messages = new[] { new { role = "user", content = "Give me JSON." }, new { role = "assistant", content = "{" } },
                };
            }
            """);

        [Fact]
        public Task NotALegacyBody_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                // OpenAI-style /v1/completions body: max_tokens without messages.
                object OpenAi = new { model = "claude-opus-4-8", prompt = "\n\nHuman: Hi\n\nAssistant: {", max_tokens = 300 };
                object PromptOnly = new { prompt = "\n\nHuman: Hi\n\nAssistant: {", model = "claude-opus-4-8" };
            }
            """);

        [Fact]
        public Task OtherVendorsMessagesRequest_WithTargetModel_IsNotReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class OpenAiChat
            {
                async Task M(HttpClient http, string model)
                {
                    var body = new
                    {
                        model,
                        max_tokens = 512,
                        messages = new[] { new { role = "user", content = "Give me JSON." }, new { role = "assistant", content = "{" } },
                    };
                    await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                }
            }
            """, TargetOpus46, compilerErrorsAllowed: false);

        [Fact]
        public Task MessagesRequestWithVariableModel_InAnAnthropicFile_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class ClaudeChat
            {
                async Task M(HttpClient http, string model)
                {
                    var body = new
                    {
                        model,
                        max_tokens = 512,
                        messages = new[] { new { role = "user", content = "Give me JSON." }, {|CTM011:new { role = "assistant", content = "{" }|} },
                    };
                    await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                }
            }
            """, TargetOpus46, compilerErrorsAllowed: false);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Files.VerifyReportedButSilentWhenGeneratedAsync("""
            class C
            {
                object Body = new { model = "claude-opus-4-8", prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}, max_tokens_to_sample = 300 };
                object Variable(string model) => new { model, prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: {"|}, max_tokens_to_sample = 300 };
            }
            """, "[*]\n" + TargetOpus46);

        // ---------------- options ----------------

        [Theory]
        [InlineData("claude-unknown")]
        [InlineData("gpt-4o")]
        [InlineData("my-deployment")]
        [InlineData("claude-3-haiku-20240307")]
        public Task UnknownOrUnrestrictedTargetModel_IsNotReported(string target) => Verify.VerifyAsync("""
            class C
            {
                object Body(string model) => new { model, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """, $"completions_to_messages.target_model = {target}\n", compilerErrorsAllowed: false);

        [Theory]
        [InlineData("claude-opus-6")]
        [InlineData("claude-sonnet-4-9")]
        [InlineData("claude-fable-5-1")]
        public Task TargetModelNewerThanTheTable_IsInferredFromItsVersion(string target) => Verify.VerifyAsync("""
            class C
            {
                object Body(string model) => new { model, prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: Sure"|}, max_tokens_to_sample = 300 };
            }
            """, $"completions_to_messages.target_model = {target}\n", compilerErrorsAllowed: false);

        [Theory]
        [InlineData("completions_to_messages.target_model=claude-opus-4-6")]
        [InlineData("completions_to_messages.target_model =    claude-opus-4-6   ")]
        [InlineData("completions_to_messages.target_model = claude-opus-4-6\t")]
        [InlineData("completions_to_messages.target_model = Claude-Opus-4-6")]
        [InlineData("completions_to_messages.target_model = CLAUDE-OPUS-4-6")]
        [InlineData("Completions_To_Messages.Target_Model = claude-opus-4-6")]
        public Task TargetModelOption_ToleratesWhitespaceAndCasing(string line) => Verify.VerifyAsync("""
            class C
            {
                object Body(string model) => new { model, prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: Sure"|}, max_tokens_to_sample = 300 };
            }
            """, line + "\n", compilerErrorsAllowed: false);

        [Fact]
        public Task EmptyTargetModel_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                object Body(string model) => new { model, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
            }
            """, "completions_to_messages.target_model =   \n", compilerErrorsAllowed: false);

        [Fact]
        public Task TargetModel_AppliesPerFileSection() => Files.VerifyFilesAsync(
            new[]
            {
                ("/src/Legacy/Client.cs", """
                    class LegacyClient
                    {
                        object Body(string model) => new { model, prompt = {|CTM011:"\n\nHuman: Hi\n\nAssistant: Sure"|}, max_tokens_to_sample = 300 };
                    }
                    """),
                ("/src/Fast/Client.cs", """
                    class FastClient
                    {
                        object Body(string model) => new { model, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                    }
                    """),
                ("/src/Other.cs", """
                    class Other
                    {
                        object Body(string model) => new { model, prompt = "\n\nHuman: Hi\n\nAssistant: Sure", max_tokens_to_sample = 300 };
                    }
                    """),
            },
            "[src/Legacy/**.cs]\n" + TargetOpus46 + "\n[src/Fast/**.cs]\ncompletions_to_messages.target_model = claude-haiku-4-5\n");


        // ---------------- JSON text with holes ----------------

        [Fact]
        public Task JsonText_SerializedPromptLocalWithPrefill_RetiredModelWhoseSuccessorRejectsIt_IsReported() => Verify.VerifyAsync(
            """
            using System.Text.Json;

            class C
            {
                string Body(string sentence)
                {
                    string prompt = $"\n\nHuman: Extract the city from <s>{sentence}</s> as JSON.\n\nAssistant: {{";
                    return $"{{\"model\": \"claude-2.0\", \"prompt\": {JsonSerializer.Serialize(prompt)}, \"max_tokens_to_sample\": 200}}";
                }
            }
            """,
            null,
            compilerErrorsAllowed: false,
            Verify.Diagnostic("CTM011").WithSpan(8, 59, 8, 93).WithArguments("claude-opus-4-8 (the successor of claude-2.0)"));

        [Fact]
        public Task JsonText_InlinePromptWithPrefill_IsReported() => Verify.VerifyAsync("""
            using System.Text.Json;

            class C
            {
                string Body() => $"{{\"model\": \"claude-sonnet-4-6\", \"prompt\": {|CTM011:{JsonSerializer.Serialize("\n\nHuman: Hi\n\nAssistant: Sure")}|}, \"max_tokens_to_sample\": 200}}";
            }
            """);

        [Fact]
        public Task JsonText_SuccessorThatAcceptsPrefill_IsNotReported() => Verify.VerifyAsync(
            """
            using System.Text.Json;

            class C
            {
                string Body(string sentence)
                {
                    string prompt = $"\n\nHuman: Extract the city from <s>{sentence}</s> as JSON.\n\nAssistant: {{";
                    return $"{{\"model\": \"claude-2.0\", \"prompt\": {JsonSerializer.Serialize(prompt)}, \"max_tokens_to_sample\": 200}}";
                }
            }
            """,
            "completions_to_messages.model_successors = claude-2.0=claude-haiku-4-5\n",
            compilerErrorsAllowed: false);

        [Fact]
        public Task JsonText_PromptWithoutPrefill_IsNotReported() => Verify.VerifyAsync("""
            using System.Text.Json;

            class C
            {
                string Body(string sentence)
                {
                    string prompt = $"\n\nHuman: Extract the city from <s>{sentence}</s> as JSON.\n\nAssistant:";
                    return $"{{\"model\": \"claude-opus-4-8\", \"prompt\": {JsonSerializer.Serialize(prompt)}, \"max_tokens_to_sample\": 200}}";
                }
            }
            """);

        [Fact]
        public Task JsonText_ModelAsAHole_UsesTheTargetModel() => Verify.VerifyAsync(
            """
            using System.Text.Json;

            class C
            {
                string Body(string model, string sentence)
                {
                    string prompt = $"\n\nHuman: Extract the city from <s>{sentence}</s> as JSON.\n\nAssistant: {{";
                    return $"{{\"model\": {JsonSerializer.Serialize(model)}, \"prompt\": {|CTM011:{JsonSerializer.Serialize(prompt)}|}, \"max_tokens_to_sample\": 200}}";
                }
            }
            """,
            TargetOpus46,
            compilerErrorsAllowed: false);

        [Fact]
        public Task JsonText_ModelAsAHole_NoTargetModelConfigured_IsNotReported() => Verify.VerifyAsync("""
            using System.Text.Json;

            class C
            {
                string Body(string model, string sentence)
                {
                    string prompt = $"\n\nHuman: Extract the city from <s>{sentence}</s> as JSON.\n\nAssistant: {{";
                    return $"{{\"model\": {JsonSerializer.Serialize(model)}, \"prompt\": {JsonSerializer.Serialize(prompt)}, \"max_tokens_to_sample\": 200}}";
                }
            }
            """);

        [Fact]
        public Task JsonText_LookAlikes_NotReported() => Verify.VerifyAsync("""
            using System.Text.Json;

            class C
            {
                string Prose(string prompt) => $"The \"prompt\" was {prompt}";
                string Raw(string sentence) => $"{{\"model\": \"claude-opus-4-8\", \"prompt\": \"{sentence}\", \"max_tokens_to_sample\": 200}}";
                string NotAPrompt(string q) => $"{{\"model\": \"claude-opus-4-8\", \"prompt\": {JsonSerializer.Serialize(q)}, \"max_tokens_to_sample\": 200}}";
            }
            """);
    }
}
