using System.Threading.Tasks;
using Xunit;
using Files = CompletionsToMessages.Tests.Rules.RuleTest<CompletionsToMessages.Analyzers.Rules.HumanStopSequenceAnalyzer>;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.HumanStopSequenceAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM009: "\n\nHuman:" in stop_sequences (docs/rules/CTM009.md).</summary>
    public class CTM009Tests
    {
        // ---------------- collections in anonymous objects and initializers ----------------

        [Fact]
        public Task AnonymousBody_ArrayElement_IsReported() => Verify.VerifyAsync("""
            class C
            {
                object Body(string prompt) => new
                {
                    model = "claude-sonnet-4-6",
                    prompt,
                    max_tokens_to_sample = 300,
                    stop_sequences = new[] { {|CTM009:"\n\nHuman:"|}, "###" },
                };
            }
            """);

        [Fact]
        public Task TypedArrayListAndCollectionExpression_AreReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class Request
            {
                public string[] StopSequences { get; set; } = new string[0];
                public List<string> stop_sequences { get; set; } = new();
                public IEnumerable<string> Stops { get; set; } = new string[0];
            }

            class C
            {
                Request A = new Request { StopSequences = new string[] { {|CTM009:"\n\nHuman:"|} } };
                Request B = new Request { stop_sequences = new List<string> { "END", {|CTM009:"\n\nHuman:"|} } };
                Request D = new Request { StopSequences = [{|CTM009:"\n\nHuman:"|}, "END"] };
            }
            """);

        [Fact]
        public Task TrailingSpaceAndParenthesizedForms_AreReported() => Verify.VerifyAsync("""
            class C
            {
                object A = new { max_tokens_to_sample = 5, stop_sequences = new[] { {|CTM009:"\n\nHuman: "|} } };
                object B = new { max_tokens_to_sample = 5, stop_sequences = new[] { ({|CTM009:"\n\nHuman:"|}) } };
            }
            """);

        [Fact]
        public Task DictionaryForms_AreReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> A = new() { ["max_tokens_to_sample"] = 5, ["stop_sequences"] = new[] { {|CTM009:"\n\nHuman:"|} } };
                Dictionary<string, object> B = new() { { "max_tokens_to_sample", 5 }, { "stop_sequences", new List<string> { {|CTM009:"\n\nHuman:"|} } } };

                Dictionary<string, object> M()
                {
                    var body = new Dictionary<string, object> { ["max_tokens_to_sample"] = 5 };
                    body["stop_sequences"] = new[] { {|CTM009:"\n\nHuman:"|} };
                    body.Add("stop_sequences", new[] { {|CTM009:"\n\nHuman:"|} });
                    return body;
                }
            }
            """);

        [Fact]
        public Task JObjectForms_AreReported() => Verify.VerifyAsync("""
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject A = new JObject { ["max_tokens_to_sample"] = 5, ["stop_sequences"] = new JArray({|CTM009:"\n\nHuman:"|}, "END") };
                JObject B = new JObject(new JProperty("max_tokens_to_sample", 5), new JProperty("stop_sequences", new JArray({|CTM009:"\n\nHuman:"|})));
                JObject D = new JObject { ["stop_sequences"] = new JArray { {|CTM009:"\n\nHuman:"|} } };
            }
            """);

        [Fact]
        public Task JsonObjectForms_AreReported() => Verify.VerifyAsync("""
            using System.Text.Json.Nodes;

            class C
            {
                JsonObject A = new JsonObject { ["max_tokens_to_sample"] = 5, ["stop_sequences"] = new JsonArray { {|CTM009:"\n\nHuman:"|} } };
                JsonObject B = new JsonObject { ["stop_sequences"] = new JsonArray({|CTM009:"\n\nHuman:"|}, "END") };
            }
            """);

        // ---------------- marker constants ----------------

        [Fact]
        public Task MarkerConstants_AreReported() => Verify.VerifyAsync("""
            static class Markers
            {
                public const string HUMAN_PROMPT = "\n\nHuman:";
                public const string AI_PROMPT = "\n\nAssistant:";
            }

            static class AnthropicSignals
            {
                public const string HumanSignal = "\n\nHuman:";
            }

            class C
            {
                object A = new { max_tokens_to_sample = 5, stop_sequences = new[] { {|CTM009:Markers.HUMAN_PROMPT|} } };
                object B = new { max_tokens_to_sample = 5, stop_sequences = new[] { {|CTM009:AnthropicSignals.HumanSignal|}, "END" } };
            }

            class D
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                object E = new { max_tokens_to_sample = 5, stop_sequences = new[] { {|CTM009:HUMAN_PROMPT|} } };
            }
            """);

        // ---------------- JSON text ----------------

        [Fact]
        public Task JsonText_IsReported() => Verify.VerifyAsync(""""
            class C
            {
                string Escaped = {|CTM009:"{\"prompt\": \"\\n\\nHuman: hi\\n\\nAssistant:\", \"max_tokens_to_sample\": 5, \"stop_sequences\": [\"###\", \"\\n\\nHuman:\"]}"|};
                string Raw = {|CTM009:"""
                    {"max_tokens_to_sample": 5, "stop_sequences": ["\n\nHuman:"]}
                    """|};
                string Spaced = {|CTM009:@"{ ""stop_sequences"" : [ ""\n\nHuman:"" ] }"|};
            }
            """");

        // ---------------- look-alikes ----------------

        [Fact]
        public Task OtherStopSequences_AreNotReported() => Verify.VerifyAsync(""""
            using Newtonsoft.Json.Linq;

            class C
            {
                object A = new { max_tokens_to_sample = 5, stop_sequences = new[] { "###", "\n\nUser:", "Human:", "\n\nHuman" } };
                JObject B = new JObject { ["stop_sequences"] = new JArray("END") };
                string Json = """{"stop_sequences": ["###"], "prompt": "\n\nHuman: hi\n\nAssistant:"}""";
            }
            """");

        [Fact]
        public Task HumanMarkerOutsideStopSequences_IsNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                object A = new { prompt = "\n\nHuman: hi\n\nAssistant:", max_tokens_to_sample = 5 };
                object B = new { prompt = HUMAN_PROMPT + " hi\n\nAssistant:", max_tokens_to_sample = 5, stop_sequences = new[] { "END" } };
                string[] Markers = new[] { "\n\nHuman:", "\n\nAssistant:" };
                List<string> Turns = new() { HUMAN_PROMPT };
                object D = new { markers = new[] { "\n\nHuman:" } };
                bool IsHuman(string s) => s.StartsWith("\n\nHuman:");
            }
            """);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Files.VerifyReportedButSilentWhenGeneratedAsync("""
            class C
            {
                object A = new { max_tokens_to_sample = 5, stop_sequences = new[] { {|CTM009:"\n\nHuman:"|} } };
                string Json = {|CTM009:"{\"stop_sequences\": [\"\\n\\nHuman:\"]}"|};
            }
            """);
    }
}
