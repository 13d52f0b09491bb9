using System.Threading.Tasks;
using Xunit;
using Ctm001 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyEndpointAnalyzer>;
using Ctm002 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyRequestBodyAnalyzer>;
using Ctm003 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyPromptAnalyzer>;
using Ctm004 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.ModelIdAnalyzer>;
using Ctm005 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyResponseReadAnalyzer>;
using Ctm006 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyStopReasonAnalyzer>;
using Ctm007 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyStreamingAnalyzer>;
using Ctm008 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyApiVersionAnalyzer>;
using Ctm009 = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.HumanStopSequenceAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>
    /// The per-file literal search (Infrastructure/LiteralSearch.cs) that replaced a callback on every string literal in
    /// CTM001–CTM009: a literal is still found when a character of the searched word is written as an escape (\u, \U,
    /// \x), a literal holding two searched words is reported once, the word outside a string literal (comment,
    /// identifier) is not a finding, and a member marked [GeneratedCode] stays silent although the search is per file.
    /// </summary>
    public class LiteralSearchTests
    {
        // ---------------- escapes hide the word from the text search ----------------

        [Fact]
        public Task CTM004_ModelIdWithEscapes_IsReported() => Ctm004.VerifyAsync("""
            class C
            {
                string A = {|CTM004:"\u0063laude-2"|};
                string B = {|CTM004:"\x63laude-instant-1.2"|};
                string D = {|CTM004:"\U00000063laude-2.1"|};
                string E = {|CTM004:"cl\u0061ude-2.0"|};
            }
            """);

        [Fact]
        public Task CTM001_EndpointWithEscape_IsReported() => Ctm001.VerifyAsync("""
            class C
            {
                const string Url = {|CTM001:"https://api.anthropic.com/v1/compl\u0065te"|};
            }
            """);

        [Fact]
        public Task CTM002_LegacyKeyWithEscape_IsReported() => Ctm002.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body() => new Dictionary<string, object>
                {
                    ["model"] = "claude-sonnet-4-6",
                    [{|CTM002:"max_tokens_to_s\u0061mple"|}] = 300,
                };
            }
            """);

        [Fact]
        public Task CTM003_MarkerWithEscape_IsReported() => Ctm003.VerifyAsync("""
            class C
            {
                string Prompt() => {|CTM003:"Earlier turns.\n\nHu\u006dan: Hello"|};
            }
            """);

        [Fact]
        public Task CTM005_CompletionReadWithEscape_IsReported() => Ctm005.VerifyAsync("""
            using System.Text.Json.Nodes;

            class AnthropicClient
            {
                string Read(JsonNode response) => {|CTM005:response["c\u006fmpletion"]|}!.GetValue<string>();
            }
            """);

        [Fact]
        public Task CTM006_StopReasonWithEscape_IsReported() => Ctm006.VerifyAsync("""
            class C
            {
                const string Endpoint = "https://api.anthropic.com/v1/complete";

                bool Finished(string stopReason) => {|CTM006:stopReason == "stop_sequ\x65nce"|};
            }
            """);

        [Fact]
        public Task CTM007_CompletionEventWithEscape_IsReported() => Ctm007.VerifyAsync("""
            class ClaudeStream
            {
                const string Endpoint = "https://api.anthropic.com/v1/complete";

                bool IsCompletion(string line) => {|CTM007:line == "event: complet\u0069on"|};
            }
            """);

        [Fact]
        public Task CTM008_VersionWithEscape_IsReported() => Ctm008.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                void Configure(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", {|CTM008:"2023-01-0\u0031"|});
                }
            }
            """);

        [Fact]
        public Task CTM009_StopSequenceWithEscape_IsReported() => Ctm009.VerifyAsync("""
            class C
            {
                object Body(string prompt) => new
                {
                    prompt,
                    max_tokens_to_sample = 300,
                    stop_sequences = new[] { {|CTM009:"\n\nH\u0075man:"|} },
                };
            }
            """);

        // ---------------- one literal, several words: one finding ----------------

        [Fact]
        public Task CTM008_RawHeaderTextWithBothWords_IsReportedOnce() => Ctm008.VerifyAsync("""
            class C
            {
                const string Headers = {|CTM008:"Anthropic-Version: 2023-01-01"|};
            }
            """);

        [Fact]
        public Task CTM003_LiteralWithBothMarkersAndAnEscape_IsReportedOnce() => Ctm003.VerifyAsync("""
            class C
            {
                string Prompt() => {|CTM003:"\n\nHuman: caf\u00e9?\n\nAssistant:"|};
            }
            """);

        // ---------------- the word outside a string literal ----------------

        [Fact]
        public Task WordsInCommentsIdentifiersAndCharLiterals_AreNotReported() => Ctm004.VerifyAsync("""
            class C
            {
                // The old code sent "claude-2"; /* "claude-instant-1" */ too.
                /// <summary>Was "claude-2.1".</summary>
                int claude2 = 0;
                char claude = 'c';
                string Escaped = "\u0063laude: a name, not a model id";
            }
            """);

        [Fact]
        public Task CTM001_WordInCommentBesideAnotherLiteral_IsNotReported() => Ctm001.VerifyAsync("""
            class C
            {
                const string Url = "https://api.anthropic.com/v1/messages"; // was .../v1/complete
            }
            """);

        // ---------------- [GeneratedCode] members are generated code ----------------

        [Fact]
        public Task GeneratedCodeAttribute_SilencesPerFileFindings() => Ctm004.VerifyAsync("""
            using System.CodeDom.Compiler;

            [GeneratedCode("a tool", "1.0")]
            class Generated
            {
                string Model = "claude-2";
            }

            class Written
            {
                string Model = {|CTM004:"claude-2"|};
            }
            """);

        [Fact]
        public Task GeneratedCodeAttribute_SilencesPerFileFindings_CTM009() => Ctm009.VerifyAsync("""
            using System.CodeDom.Compiler;

            class C
            {
                [GeneratedCode("a tool", "1.0")]
                object Generated(string prompt) => new { prompt, max_tokens_to_sample = 300, stop_sequences = new[] { "\n\nHuman:" } };

                object Written(string prompt) => new { prompt, max_tokens_to_sample = 300, stop_sequences = new[] { {|CTM009:"\n\nHuman:"|} } };
            }
            """);
    }
}
