using System.Threading.Tasks;
using Xunit;
using Ctm002 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyRequestBodyAnalyzer>;
using Ctm003 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyPromptAnalyzer>;
using Ctm005 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyResponseReadAnalyzer>;
using Ctm009 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.HumanStopSequenceAnalyzer>;
using Ctm011 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.PrefillHazardAnalyzer>;
using Ctm012 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.SamplingHazardAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>
    /// The per-file token search (Infrastructure/IdentifierSearch) that replaced CTM002's callbacks on every anonymous
    /// member, property, field, record and interpolated string, CTM005's callback on every type declaration and CTM009's
    /// callbacks on every initializer, object creation and collection expression, CTM011's/CTM012's callbacks on every
    /// object creation (BodyTrigger.Creations) and interpolated string, and CTM003's callback on every interpolated
    /// string: a name or marker spelt with an escape is still
    /// found (the file is then walked in full), each member is reported once however often its name occurs, and the
    /// name where it does not name a member or an element stays silent.
    /// </summary>
    public class TokenSearchTests
    {
        // ---------------- CTM002 ----------------

        [Fact]
        public Task CTM002_NamesSpeltWithEscapes_AreReported() => Ctm002.VerifyAsync("""
            class CompletionRequest
            {
                public int {|CTM002:max_tokens_to_s\u0061mple|} { get; set; }
            }

            class LegacyFields
            {
                public int {|CTM002:max_tokens_to_sampl\U00000065|};
            }

            record LegacyBody(string prompt, int {|CTM002:max_t\u006fkens_to_sample|});

            class C
            {
                object Body(string prompt) => new { prompt, {|CTM002:max_tokens_\u0074o_sample|} = 300 };

                string Json(int n) => {|CTM002:$"{{\"max_tokens_to_s\x61mple\": {n}}}"|};
            }
            """);

        [Fact]
        public Task CTM002_EachMemberIsReportedOnce_WhenItsNameOccursAgain() => Ctm002.VerifyAsync("""
            class LegacySettings
            {
                public int {|CTM002:max_tokens_to_sample|} = 300;
            }

            class C
            {
                object Renamed(LegacySettings o) => new { {|CTM002:max_tokens_to_sample|} = o.max_tokens_to_sample, model = "claude-sonnet-4-6" };

                object Projected(LegacySettings o) => new { model = "claude-sonnet-4-6", o.{|CTM002:max_tokens_to_sample|} };

                string Json(int n, int m) => {|CTM002:$"{{\"max_tokens_to_sample\": {n}, \"top_k\": {m}, \"max_tokens_to_sample\": 1}}"|};
            }
            """);

        [Fact]
        public Task CTM002_NameThatNamesNoMember_IsNotReported() => Ctm002.VerifyAsync("""
            class Lookalikes(int max_tokens_to_sample)
            {
                // max_tokens_to_sample was the legacy name
                const int max_tokens_to_sample_default = 300;
                public int max_tokens_to_sampleCount { get; set; }

                int max_tokens_to_sample() => max_tokens_to_sample_default;

                int Local()
                {
                    int max_tokens_to_sample = 300;
                    return max_tokens_to_sample;
                }

                void Parameter(int max_tokens_to_sample) { }

                string Prose() => $"set max_tokens_to_sample to {max_tokens_to_sample_default}";
            }
            """);

        // ---------------- CTM003 interpolated prompts ----------------

        [Fact]
        public Task CTM003_InterpolatedPromptWithBothMarkers_IsReportedOnce() => Ctm003.VerifyAsync("""
            class C
            {
                string Prompt(string question) => {|CTM003:$"\n\nHuman: {question}\n\nAssistant:"|};
            }
            """);

        [Fact]
        public Task CTM003_InterpolatedPromptWithAMarkerSpeltWithAnEscape_IsReported() => Ctm003.VerifyAsync("""
            class C
            {
                string Prompt(string question) => {|CTM003:$"\n\nH\u0075man: {question}"|};
                string Other(string question) => $"Human: {question}";
            }
            """);

        // ---------------- CTM005 response DTOs ----------------

        [Fact]
        public Task CTM005_DtoMembersSpeltWithEscapes_AreReported() => Ctm005.VerifyAsync("""
            using System.Text.Json.Serialization;

            class AnthropicClient { }

            class CompletionResponse
            {
                public string {|CTM005:compl\u0065tion|} { get; set; } = "";
                public string? stop_reason { get; set; }
            }

            class Mapped
            {
                [JsonPropertyName({|CTM005:"compl\x65tion"|})]
                public string Text { get; set; } = "";

                [JsonPropertyName("stop_reason")]
                public string? Reason { get; set; }
            }
            """);

        [Fact]
        public Task CTM005_DtoWhoseNameOccursTwice_IsReportedOnce_AndOtherTypesStaySilent() => Ctm005.VerifyAsync("""
            using System.Text.Json.Serialization;

            class AnthropicClient { }

            class Response
            {
                [JsonPropertyName({|CTM005:"completion"|})]
                public string completion { get; set; } = "";

                public string? StopReason { get; set; }
            }

            record struct Positional(string {|CTM005:completion|}, string stop_reason);

            class Plain
            {
                public string {|CTM005:completion|} { get; set; } = "";
                public string? stop_reason { get; set; }
            }

            class Outer
            {
                public string? stop_reason { get; set; }

                string Describe() => "completion";

                class Inner
                {
                    public string completion { get; set; } = "";
                }
            }
            """);

        // ---------------- CTM009 marker constants as stop sequences ----------------

        [Fact]
        public Task CTM009_MarkerConstantsInEveryElementPosition_AreReported() => Ctm009.VerifyAsync("""
            using System.Text.Json.Nodes;
            using Newtonsoft.Json.Linq;

            static class Markers
            {
                public const string HUMAN_PROMPT = "\n\nHuman:";
            }

            class Request
            {
                public string[] StopSequences { get; set; } = [];
            }

            class C
            {
                const string HumanPrompt = "\n\nHuman:";
                const string HUMAN_PROMPT = Markers.HUMAN_PROMPT;

                JObject A = new JObject { ["stop_sequences"] = new JArray({|CTM009:Markers.HUMAN_PROMPT|}, "END") };
                JsonObject B = new JsonObject { ["stop_sequences"] = new JsonArray({|CTM009:HumanPrompt|}) };
                Request D = new Request { StopSequences = [(string)({|CTM009:HumanPrompt|}), "END"] };
                object E = new { max_tokens_to_sample = 5, stop_sequences = new[] { {|CTM009:HUMAN\u005FPROMPT|} } };
            }
            """);

        [Fact]
        public Task CTM009_MarkerConstantNameThatIsNotAnElement_IsNotReported() => Ctm009.VerifyAsync("""
            class HumanPrompt
            {
            }

            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";

                object A(object o) => new { max_tokens_to_sample = 5, stop_sequences = new object[] { (HumanPrompt)o } };
                object B = new { max_tokens_to_sample = 5, stop_sequences = new[] { HUMAN_PROMPT.Trim(), string.Concat(HUMAN_PROMPT, "!") } };
                string HumanSignal = "not a marker";
            }
            """);

        // ---------------- CTM011, CTM012: request bodies found from their max_tokens member ----------------

        [Fact]
        public Task CTM012_BodiesWhoseMaxTokensIsSpeltAnyWay_AreReported() => Ctm012.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                object Anonymous(string prompt) => new { model = "claude-opus-4-8", prompt, MAX_TOKENS_TO_SAMPLE = 300, {|CTM012:temperature|} = 0.2 };

                Dictionary<string, object> Keys() => new Dictionary<string, object>
                {
                    ["model"] = "claude-opus-4-8",
                    ["Max-Tokens"] = 300,
                    ["messages"] = new object[0],
                    [{|CTM012:"top_k"|}] = 40,
                };
            }
            """);

        [Fact]
        public Task CTM012_BodyGivenMaxTokensByALaterStatement_IsReported() => Ctm012.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Later()
                {
                    var body = new Dictionary<string, object> { ["model"] = "claude-opus-4-8", [{|CTM012:"temperature"|}] = 0.2 };
                    body["messages"] = new object[0];
                    body["max_tokens"] = 300;
                    return body;
                }
            }
            """);

        [Fact]
        public Task CTM012_BodyInsideATypeThatAlsoNamesMaxTokens_IsReportedOnce() => Ctm012.VerifyAsync("""
            using System.ComponentModel;

            [Description("builds bodies with max_tokens")]
            class C
            {
                object Body(string prompt) => new { model = "claude-opus-4-8", prompt, max_tokens_to_sample = 300, {|CTM012:top_k|} = 40 };
            }
            """);

        [Fact]
        public Task CTM012_MaxTokensSpeltWithAnEscape_IsReported() => Ctm012.VerifyAsync("""
            class C
            {
                object Body(string prompt) => new { model = "claude-opus-4-8", prompt, max_tok\u0065ns_to_sample = 300, {|CTM012:top_k|} = 40 };
            }
            """);

        [Fact]
        public Task CTM012_BodyWithoutMaxTokens_IsNotReported() => Ctm012.VerifyAsync("""
            class C
            {
                // max_tokens is set by the caller
                object Body(string prompt) => new { model = "claude-opus-4-8", prompt, maximum_tokens = 300, temperature = 0.2, top_k = 40 };
            }
            """);

        [Fact]
        public Task CTM011_JsonTextWithPromptSpeltWithAnEscape_IsReported() => Ctm011.VerifyAsync("""
            using System.Text.Json;

            class C
            {
                string Body() => $"{{\"model\": \"claude-sonnet-4-6\", \"pr\u006fmpt\": {|CTM011:{JsonSerializer.Serialize("\n\nHuman: Hi\n\nAssistant: Sure")}|}, \"max_tokens_to_sample\": 200}}";
            }
            """);
    }
}
