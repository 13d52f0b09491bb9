using System.Threading.Tasks;
using Xunit;
using Files = CompletionsToMessages.Tests.Rules.RuleTest<CompletionsToMessages.Analyzers.Rules.SamplingHazardAnalyzer>;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.SamplingHazardAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM012: sampling parameters rejected by the target model (docs/rules/CTM012.md, restrictions from reference/models.md).</summary>
    public class CTM012Tests
    {
        private const string TargetOpus48 = "completions_to_messages.target_model = claude-opus-4-8\n";

        // ---------------- Claude 4.7 and later: non-default sampling ----------------

        [Theory]
        [InlineData("claude-opus-4-7")]
        [InlineData("claude-opus-4-8")]
        [InlineData("claude-opus-5")]
        [InlineData("claude-sonnet-5")]
        [InlineData("claude-fable-5")]
        [InlineData("claude-fable-5-1")]
        [InlineData("claude-mythos-5")]
        public Task NonDefaultSampling_OnClaude47AndLater_IsReported(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Body(string prompt) => new
                {
                    model = "{{model}}",
                    prompt,
                    max_tokens_to_sample = 300,
                    {|CTM012:temperature|} = 0.2,
                    {|CTM012:top_p|} = 0.9,
                    {|CTM012:top_k|} = 40,
                };
            }
            """);

        [Theory]
        [InlineData("claude-opus-4-6")]
        [InlineData("claude-sonnet-4-6")]
        [InlineData("claude-opus-4-5")]
        [InlineData("claude-opus-4-5-20251101")]
        [InlineData("gpt-4o")]
        public Task NonDefaultSampling_OnModelsWithoutRestrictions_IsNotReported(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Body(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, temperature = 0.2, top_p = 0.9, top_k = 40 };
            }
            """);

        [Fact]
        public Task DefaultValues_AreAccepted_TopKNever() => Verify.VerifyAsync("""
            class C
            {
                const double One = 1.0;
                object A(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, temperature = 1.0, top_p = 0.99 };
                object B(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, temperature = 1, top_p = 1.0 };
                object D(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, temperature = 1.0f, top_p = 0.995m };
                object E(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, temperature = One };
                object F(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, {|CTM012:top_k|} = 0 };
            }
            """);

        [Fact]
        public Task ValuesJustOffTheDefault_AreReported() => Verify.VerifyAsync("""
            class C
            {
                object A(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 0.99, {|CTM012:top_p|} = 0.989 };
                object B(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 0, {|CTM012:top_p|} = -1 };
                object D(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 1.5 };
            }
            """);

        [Fact]
        public Task NonConstantValues_CountAsNonDefault() => Verify.VerifyAsync("""
            class C
            {
                object Body(string prompt, double temperature, double? topP) => new
                {
                    model = "claude-opus-4-8",
                    prompt,
                    max_tokens_to_sample = 300,
                    {|CTM012:temperature|},
                    {|CTM012:top_p|} = topP,
                    {|CTM012:top_k|} = (int?)null,
                };
            }
            """);

        [Fact]
        public Task Message_NamesParameterReasonAndModel() => Verify.VerifyAsync("""
            class C
            {
                object A = new { model = "claude-2", prompt = "p", max_tokens_to_sample = 300, temperature = 0.5 };
                object B = new { model = "claude-haiku-4-5", prompt = "p", max_tokens_to_sample = 300, temperature = 0.5, top_p = 0.9 };
                object D = new { model = M, prompt = "p", max_tokens_to_sample = 300, top_k = 5 };
                static string M => "x";
            }
            """,
            editorConfig: TargetOpus48,
            compilerErrorsAllowed: false,
            Verify.Diagnostic("CTM012").WithSpan(3, 84, 3, 95).WithArguments("temperature", "is set to a non-default value", "claude-opus-4-8 (the successor of claude-2)"),
            Verify.Diagnostic("CTM012").WithSpan(4, 111, 4, 116).WithArguments("top_p", "is set together with 'temperature'", "claude-haiku-4-5"),
            Verify.Diagnostic("CTM012").WithSpan(5, 75, 5, 80).WithArguments("top_k", "is set", "claude-opus-4-8 (completions_to_messages.target_model)"));

        // ---------------- Sonnet 4.5, Haiku 4.5, Opus 4.1: temperature with top_p ----------------

        [Theory]
        [InlineData("claude-sonnet-4-5")]
        [InlineData("claude-sonnet-4-5-20250929")]
        [InlineData("claude-haiku-4-5")]
        [InlineData("claude-haiku-4-5-20251001")]
        public Task TemperatureWithTopP_OnModelsRejectingTheCombination_IsReported(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Both(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, temperature = 0.2, {|CTM012:top_p|} = 0.9, top_k = 40 };
                object TopPFirst(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, {|CTM012:top_p|} = 0.9, temperature = 0.2 };
                object Defaults(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, temperature = 1.0, {|CTM012:top_p|} = 1.0 };
                object TemperatureOnly(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, temperature = 0.2, top_k = 40 };
                object TopPOnly(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, top_p = 0.9, top_k = 40 };
            }
            """);

        [Fact]
        public Task Opus41AsTargetModel_RejectsTemperatureWithTopP() => Verify.VerifyAsync("""
            class C
            {
                object Both(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, temperature = 0.2, {|CTM012:top_p|} = 0.9 };
                object Alone(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, temperature = 0.2, top_k = 5 };
            }
            """, "completions_to_messages.target_model = claude-opus-4-1\n", compilerErrorsAllowed: false);

        [Theory]
        [InlineData("claude-2")]
        [InlineData("claude-opus-4-1")]
        [InlineData("claude-opus-4-1-20250805")]
        [InlineData("claude-3-opus-latest")]
        public Task RetiredModel_StandsForItsSuccessor_Opus48(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Body(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 0.2 };
            }
            """);

        [Theory]
        [InlineData("claude-instant-1.2")]
        [InlineData("claude-3-haiku-20240307")]
        public Task RetiredModel_StandsForItsSuccessor_Haiku45(string model) => Verify.VerifyAsync($$"""
            class C
            {
                object Only(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, temperature = 0.2, top_k = 5 };
                object Both(string prompt) => new { model = "{{model}}", prompt, max_tokens_to_sample = 300, temperature = 0.2, {|CTM012:top_p|} = 0.9 };
            }
            """);

        // ---------------- the model as a variable ----------------

        [Fact]
        public Task VariableModel_WithTargetModel_IsReported() => Verify.VerifyAsync("""
            class C
            {
                object Body(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 0.2 };
            }
            """, TargetOpus48, compilerErrorsAllowed: false);

        [Fact]
        public Task VariableModel_WithoutTargetModel_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                object Body(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, temperature = 0.2, top_p = 0.5, top_k = 5 };
                object NoModel(string prompt) => new { prompt, max_tokens_to_sample = 300, temperature = 0.2 };
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
                public double? Temperature { get; set; }
                public int? TopK { get; set; }
            }

            class C
            {
                Dictionary<string, object> Indexed = new() { ["model"] = "claude-opus-4-8", ["prompt"] = "p", ["max_tokens_to_sample"] = 300, [{|CTM012:"temperature"|}] = 0.2 };
                Dictionary<string, object> Pairs = new() { { "model", "claude-opus-4-8" }, { "prompt", "p" }, { "max_tokens_to_sample", 300 }, { {|CTM012:"top_k"|}, 5 } };
                JsonObject Json = new JsonObject { ["model"] = "claude-opus-4-8", ["prompt"] = "p", ["max_tokens_to_sample"] = 300, [{|CTM012:"top_p"|}] = 0.5 };
                JObject Newtonsoft = new JObject { ["model"] = "claude-opus-4-8", ["prompt"] = "p", ["max_tokens_to_sample"] = 300, [{|CTM012:"temperature"|}] = 0.2 };
                JObject Properties = new JObject(
                    new JProperty("model", "claude-opus-4-8"),
                    new JProperty("prompt", "p"),
                    new JProperty("max_tokens_to_sample", 300),
                    new JProperty({|CTM012:"temperature"|}, 0.2));
                CompletionRequest Typed = new CompletionRequest { Model = "claude-opus-4-8", Prompt = "p", MaxTokensToSample = 300, {|CTM012:Temperature|} = 0.2, {|CTM012:TopK|} = 5 };
                CompletionRequest TargetTyped = new() { Model = "claude-opus-4-8", Prompt = "p", MaxTokensToSample = 300, {|CTM012:Temperature|} = 0.2 };

                Dictionary<string, object> Later()
                {
                    var body = new Dictionary<string, object> { ["model"] = "claude-opus-4-8", ["prompt"] = "p" };
                    body["max_tokens_to_sample"] = 300;
                    body[{|CTM012:"temperature"|}] = 0.2;
                    body.Add({|CTM012:"top_k"|}, 5);
                    return body;
                }
            }
            """);

        [Fact]
        public Task MessagesBody_IsReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                object Anonymous(object[] messages) => new { model = "claude-opus-4-8", max_tokens = 512, messages, {|CTM012:temperature|} = 0.2, {|CTM012:top_k|} = 40 };
                Dictionary<string, object> Dictionary(object[] messages) => new() { ["model"] = "claude-sonnet-4-5", ["max_tokens"] = 512, ["messages"] = messages, ["temperature"] = 0.2, [{|CTM012:"top_p"|}] = 0.8 };
            }
            """);

        [Fact]
        public Task MessagesBody_WithDefaultsOrNoSampling_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                object A(object[] messages) => new { model = "claude-opus-4-8", max_tokens = 512, messages, temperature = 1.0, top_p = 0.99 };
                object B(object[] messages) => new { model = "claude-opus-4-8", max_tokens = 512, messages };
                object D(object[] messages) => new { model = "claude-sonnet-4-5", max_tokens = 512, messages, temperature = 0.3 };
            }
            """);

        [Fact]
        public Task SamplingOutsideARequestBody_IsNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class Settings { public string Model { get; set; } = ""; public double Temperature { get; set; } public int TopK { get; set; } }

            class C
            {
                object NoMaxTokens = new { model = "claude-opus-4-8", temperature = 0.2, top_k = 5 };
                object MaxTokensWithoutMessages = new { model = "claude-opus-4-8", prompt = "p", max_tokens = 100, temperature = 0.2 };
                Settings Typed = new Settings { Model = "claude-opus-4-8", Temperature = 0.2, TopK = 5 };
                Dictionary<string, object> Options = new() { ["model"] = "claude-opus-4-8", ["temperature"] = 0.2 };
            }
            """);

        [Fact]
        public Task OtherVendorsRequest_WithTargetModel_IsNotReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class OpenAiChat
            {
                async Task M(HttpClient http, string model, object[] messages)
                {
                    var body = new { model, max_tokens = 512, messages, temperature = 0.2, top_p = 0.5 };
                    await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);
                }
            }
            """, TargetOpus48, compilerErrorsAllowed: false);

        [Fact]
        public Task MessagesBodyWithVariableModel_InAnAnthropicFile_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class ClaudeChat
            {
                async Task M(HttpClient http, string model, object[] messages)
                {
                    var body = new { model, max_tokens = 512, messages, {|CTM012:temperature|} = 0.2, {|CTM012:top_p|} = 0.5 };
                    await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                }
            }
            """, TargetOpus48, compilerErrorsAllowed: false);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Files.VerifyReportedButSilentWhenGeneratedAsync("""
            class C
            {
                object Body(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 0.2 };
                object Variable(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, {|CTM012:top_k|} = 5 };
            }
            """, "[*]\n" + TargetOpus48);

        // ---------------- options ----------------

        [Theory]
        [InlineData("claude-unknown")]
        [InlineData("claude-next")]
        [InlineData("gpt-4o")]
        [InlineData("claude-opus-4-6")]
        public Task UnknownOrUnrestrictedTargetModel_IsNotReported(string target) => Verify.VerifyAsync("""
            class C
            {
                object Body(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, temperature = 0.2, top_p = 0.5, top_k = 5 };
            }
            """, $"completions_to_messages.target_model = {target}\n", compilerErrorsAllowed: false);

        [Theory]
        [InlineData("completions_to_messages.target_model =   claude-opus-4-8  ")]
        [InlineData("completions_to_messages.target_model = Claude-Opus-4-8")]
        [InlineData("COMPLETIONS_TO_MESSAGES.TARGET_MODEL = claude-opus-4-8")]
        public Task TargetModelOption_ToleratesWhitespaceAndCasing(string line) => Verify.VerifyAsync("""
            class C
            {
                object Body(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 0.2 };
            }
            """, line + "\n", compilerErrorsAllowed: false);

        [Fact]
        public Task TargetModel_AppliesPerFileSection() => Files.VerifyFilesAsync(
            new[]
            {
                ("/src/Strict.cs", """
                    class Strict
                    {
                        object Body(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, {|CTM012:temperature|} = 0.2 };
                    }
                    """),
                ("/src/Lenient.cs", """
                    class Lenient
                    {
                        object Body(string model, string prompt) => new { model, prompt, max_tokens_to_sample = 300, temperature = 0.2 };
                    }
                    """),
            },
            "[*.cs]\ncompletions_to_messages.target_model = claude-haiku-4-5\n\n[Strict.cs]\n" + TargetOpus48);
    }
}
