using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using ModelFix = CompletionsToMessages.Tests.Verifiers.CodeFixVerifier<CompletionsToMessages.Analyzers.Rules.ModelIdAnalyzer, CompletionsToMessages.CodeFixes.Fixes.ModelIdCodeFix>;
using StopReasonFix = CompletionsToMessages.Tests.Verifiers.CodeFixVerifier<CompletionsToMessages.Analyzers.Rules.LegacyStopReasonAnalyzer, CompletionsToMessages.CodeFixes.Fixes.LegacyStopReasonCodeFix>;
using StopSequenceFix = CompletionsToMessages.Tests.Verifiers.CodeFixVerifier<CompletionsToMessages.Analyzers.Rules.HumanStopSequenceAnalyzer, CompletionsToMessages.CodeFixes.Fixes.HumanStopSequenceCodeFix>;
using SamplingFix = CompletionsToMessages.Tests.Verifiers.CodeFixVerifier<CompletionsToMessages.Analyzers.Rules.SamplingHazardAnalyzer, CompletionsToMessages.CodeFixes.Fixes.SamplingHazardCodeFix>;
using VersionFix = CompletionsToMessages.Tests.Verifiers.CodeFixVerifier<CompletionsToMessages.Analyzers.Rules.LegacyApiVersionAnalyzer, CompletionsToMessages.CodeFixes.Fixes.LegacyApiVersionCodeFix>;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>The one-node fixes: CTM004, CTM006, CTM008, CTM009, CTM012 (each also checked under Fix All by the verifier).</summary>
    public class SimpleFixesTests
    {
        // ---------------- CTM004 ----------------

        [Fact]
        public Task ModelId_IsReplacedBySuccessor_InEveryOccurrence() => ModelFix.VerifyAsync(
            """
            class C
            {
                const string Default = {|CTM004:"claude-2"|};
                string Fast = {|CTM004:"claude-instant-1.2"|};
                string Json = {|CTM004:"{\"model\": \"claude-2.1\", \"max_tokens\": 5}"|};
            }
            """,
            """
            class C
            {
                const string Default = "claude-opus-4-8";
                string Fast = "claude-haiku-4-5-20251001";
                string Json = "{\"model\": \"claude-opus-4-8\", \"max_tokens\": 5}";
            }
            """);

        [Fact]
        public Task ModelId_UsesConfiguredSuccessor() => ModelFix.VerifyAsync(
            """
            class C { string M = {|CTM004:"claude-2"|}; }
            """,
            """
            class C { string M = "claude-sonnet-4-6"; }
            """,
            "completions_to_messages.model_successors = claude-2=claude-sonnet-4-6\n");

        [Fact]
        public Task ModelId_BedrockId_HasNoFix() => ModelFix.VerifyNoFixAsync(
            """
            class C { string M = {|CTM004:"anthropic.claude-v2"|}; }
            """);

        [Fact]
        public Task ModelId_BedrockId_WithAClaudeApiSuccessorConfigured_HasNoFix() => ModelFix.VerifyAsync(
            """
            class C { string M = {|CTM004:"anthropic.claude-v2"|}; }
            """,
            """
            class C { string M = {|CTM004:"anthropic.claude-v2"|}; }
            """,
            "completions_to_messages.model_successors = anthropic.claude-v2=claude-sonnet-4-6\n");

        [Fact]
        // The platform ids on the right are whatever the user configures; the fix writes them as given.
        public Task ModelId_BedrockAndVertexIds_UseTheSuccessorConfiguredForTheirPlatform() => ModelFix.VerifyAsync(
            """
            class C
            {
                const string ModelId = {|CTM004:"anthropic.claude-v2"|};
                string Pinned = {|CTM004:"us.anthropic.claude-v2:1"|};
                string Vertex = {|CTM004:"claude-3-5-sonnet@20240620"|};
                string Path(string region) => $"https://bedrock-runtime.{region}.amazonaws.com/model/{ModelId}/invoke";
            }
            """,
            """
            class C
            {
                const string ModelId = "anthropic.claude-haiku-4-5-20251001-v1:0";
                string Pinned = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
                string Vertex = "claude-sonnet-4-6@default";
                string Path(string region) => $"https://bedrock-runtime.{region}.amazonaws.com/model/{ModelId}/invoke";
            }
            """,
            "completions_to_messages.model_successors = anthropic.claude-v2=anthropic.claude-haiku-4-5-20251001-v1:0, us.anthropic.claude-v2:1=us.anthropic.claude-haiku-4-5-20251001-v1:0, claude-3-5-sonnet@20240620=claude-sonnet-4-6@default\n");

        // ---------------- CTM006 ----------------

        [Fact]
        public Task StopReason_Equality_BecomesPattern() => StopReasonFix.VerifyAsync(
            """
            class C
            {
                const string Url = "https://api.anthropic.com/v1/complete";
                bool Finished(string stopReason) => {|CTM006:stopReason == "stop_sequence"|};
                bool Truncated(string stopReason) => {|CTM006:stopReason != "stop_sequence"|};
            }
            """,
            """
            class C
            {
                const string Url = "https://api.anthropic.com/v1/complete";
                bool Finished(string stopReason) => stopReason is "stop_sequence" or "end_turn";
                bool Truncated(string stopReason) => stopReason is not ("stop_sequence" or "end_turn");
            }
            """);

        [Fact]
        public Task StopReason_CaseLabelAndPattern_AcceptEndTurn() => StopReasonFix.VerifyAsync(
            """
            class C
            {
                const string Url = "https://api.anthropic.com/v1/complete";
                int Code(string reason)
                {
                    switch (reason)
                    {
                        {|CTM006:case "stop_sequence":|}
                            return 0;
                        default:
                            return 1;
                    }
                }

                string Describe(string reason) => reason switch
                {
                    {|CTM006:"stop_sequence"|} => "done",
                    _ => "cut",
                };
            }
            """,
            """
            class C
            {
                const string Url = "https://api.anthropic.com/v1/complete";
                int Code(string reason)
                {
                    switch (reason)
                    {
                        case "stop_sequence":
                        case "end_turn":
                            return 0;
                        default:
                            return 1;
                    }
                }

                string Describe(string reason) => reason switch
                {
                    "stop_sequence" or "end_turn" => "done",
                    _ => "cut",
                };
            }
            """);

        [Fact]
        public Task StopReason_EqualsCall_HasNoFix() => StopReasonFix.VerifyNoFixAsync(
            """
            class C
            {
                const string Url = "https://api.anthropic.com/v1/complete";
                bool Finished(string stopReason) => {|CTM006:stopReason.Equals("stop_sequence")|};
            }
            """);

        // ---------------- CTM008 ----------------

        [Fact]
        public Task Version_IsUpdated_InHeaderAndConstant() => VersionFix.VerifyAsync(
            """
            using System.Net.Http;

            class C
            {
                const string AnthropicVersion = {|CTM008:"2023-01-01"|};

                void M(HttpClient client, HttpRequestMessage request)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", {|CTM008:"2023-01-01"|});
                    request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
                }
            }
            """,
            """
            using System.Net.Http;

            class C
            {
                const string AnthropicVersion = "2023-06-01";

                void M(HttpClient client, HttpRequestMessage request)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                    request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
                }
            }
            """);

        // ---------------- CTM009 ----------------

        [Fact]
        public Task StopSequence_HumanIsRemoved_OtherSequencesKept() => StopSequenceFix.VerifyAsync(
            """
            class C
            {
                object Body(string prompt) => new
                {
                    model = "claude-2",
                    prompt,
                    max_tokens_to_sample = 300,
                    stop_sequences = new[] { {|CTM009:"\n\nHuman:"|}, "###" },
                };
            }
            """,
            """
            class C
            {
                object Body(string prompt) => new
                {
                    model = "claude-2",
                    prompt,
                    max_tokens_to_sample = 300,
                    stop_sequences = new[] { "###" },
                };
            }
            """);

        [Fact]
        public Task StopSequence_OnlyHuman_RemovesTheMember() => StopSequenceFix.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string prompt) => new Dictionary<string, object>
                {
                    ["model"] = "claude-2",
                    ["prompt"] = prompt,
                    ["max_tokens_to_sample"] = 300,
                    ["stop_sequences"] = new List<string> { {|CTM009:"\n\nHuman:"|} },
                };
            }
            """,
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string prompt) => new Dictionary<string, object>
                {
                    ["model"] = "claude-2",
                    ["prompt"] = prompt,
                    ["max_tokens_to_sample"] = 300,
                };
            }
            """);

        // ---------------- CTM012 ----------------

        [Fact]
        public Task Sampling_RejectedParametersAreRemoved() => SamplingFix.VerifyAsync(
            """
            class C
            {
                object Body(object[] messages) => new
                {
                    model = "claude-opus-4-8",
                    max_tokens = 512,
                    messages,
                    {|CTM012:temperature|} = 0.2,
                    {|CTM012:top_k|} = 40,
                };
            }
            """,
            """
            class C
            {
                object Body(object[] messages) => new
                {
                    model = "claude-opus-4-8",
                    max_tokens = 512,
                    messages,
                };
            }
            """);

        [Fact]
        public Task Sampling_ParameterReadLater_HasNoFix() => SamplingFix.VerifyNoFixAsync(
            """
            class C
            {
                double M(object[] messages)
                {
                    var body = new { model = "claude-opus-4-8", max_tokens = 512, messages, {|CTM012:temperature|} = 0.2 };
                    return body.temperature;
                }
            }
            """);
    }
}
