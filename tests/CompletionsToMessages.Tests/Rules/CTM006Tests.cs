using System.Threading.Tasks;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyStopReasonAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM006: comparisons with the legacy meaning of stop_reason "stop_sequence" (docs/rules/CTM006.md).</summary>
    public class CTM006Tests
    {
        /// <summary>A line that makes the compilation use the Text Completions API (the rule's gate).</summary>
        private const string Legacy = "static class Api { public const string Url = \"https://api.anthropic.com/v1/complete\"; }\n";

        [Fact]
        public Task EqualityAndInequality_AreReported() => Verify.VerifyAsync(
            """
            class Response { public string? stop_reason { get; set; } public string? StopReason { get; set; } }

            class C
            {
                bool Finished(string stopReason) => {|CTM006:stopReason == "stop_sequence"|};
                bool Truncated(Response r) => {|CTM006:r.stop_reason != "stop_sequence"|};
                bool Reversed(Response r) => {|CTM006:"stop_sequence" == r.StopReason|};
                bool Parenthesised(Response r) => {|CTM006:r.StopReason == ("stop_sequence")|};
            }
            """ + Legacy);

        [Fact]
        public Task EqualsCalls_AreReported() => Verify.VerifyAsync(
            """
            using System;

            class C
            {
                void M(string stopReason, string? maybe)
                {
                    bool a = {|CTM006:string.Equals(stopReason, "stop_sequence")|};
                    bool b = {|CTM006:string.Equals(stopReason, "stop_sequence", StringComparison.Ordinal)|};
                    bool c = {|CTM006:stopReason.Equals("stop_sequence")|};
                    bool d = {|CTM006:"stop_sequence".Equals(stopReason)|};
                    bool e = {|CTM006:StringComparer.Ordinal.Equals(stopReason, "stop_sequence")|};
                    bool f = {|CTM006:stopReason.Equals("stop_sequence", StringComparison.OrdinalIgnoreCase)|};
                    bool? g = {|CTM006:maybe?.Equals("stop_sequence")|};
                }
            }
            """ + Legacy);

        [Fact]
        public Task SwitchStatementCase_IsReported() => Verify.VerifyAsync(
            """
            class C
            {
                string Describe(string stopReason)
                {
                    switch (stopReason)
                    {
                        {|CTM006:case "stop_sequence":|}
                            return "done";
                        case "max_tokens":
                            return "truncated";
                        default:
                            return "?";
                    }
                }

                string Guarded(string stopReason, bool verbose)
                {
                    switch (stopReason)
                    {
                        case {|CTM006:"stop_sequence"|} when verbose:
                            return "done (verbose)";
                        default:
                            return "?";
                    }
                }
            }
            """ + Legacy);

        [Fact]
        public Task SwitchExpressionArm_IsReported() => Verify.VerifyAsync(
            """
            class C
            {
                string Describe(string stopReason) => stopReason switch
                {
                    {|CTM006:"stop_sequence"|} => "done",
                    "max_tokens" => "truncated",
                    _ => "?",
                };
            }
            """ + Legacy);

        [Fact]
        public Task IsPatterns_AreReported() => Verify.VerifyAsync(
            """
            class Response { public string? StopReason { get; set; } }

            class C
            {
                bool A(string stopReason) => stopReason is {|CTM006:"stop_sequence"|};
                bool B(string stopReason) => stopReason is not {|CTM006:"stop_sequence"|};
                bool D(Response r) => r is { StopReason: {|CTM006:"stop_sequence"|} };
                bool E(string stopReason) => stopReason is {|CTM006:"stop_sequence"|} or "max_tokens";
            }
            """ + Legacy);

        [Fact]
        public Task IfCondition_IsReported_WhenOnlyTheBodyMentionsEndTurn() => Verify.VerifyAsync(
            """
            class C
            {
                string M(string stopReason)
                {
                    if ({|CTM006:stopReason == "stop_sequence"|})
                    {
                        return "end_turn";
                    }

                    return stopReason;
                }
            }
            """ + Legacy);

        [Fact]
        public Task ComparisonsAlreadyAcceptingEndTurn_AreNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                bool A(string r) => r == "stop_sequence" || r == "end_turn";
                bool B(string r) => r is "stop_sequence" or "end_turn";
                bool D(string r) => r is not ("stop_sequence" or "end_turn");

                string E(string r)
                {
                    switch (r)
                    {
                        case "stop_sequence":
                        case "end_turn":
                            return "done";
                        default:
                            return "?";
                    }
                }

                string F(string r) => r switch
                {
                    "stop_sequence" => "done",
                    "end_turn" => "done",
                    _ => "?",
                };

                void G(string r)
                {
                    if (string.Equals(r, "end_turn") || string.Equals(r, "stop_sequence"))
                    {
                    }
                }
            }
            """ + Legacy);

        [Fact]
        public Task AssignmentsAndOtherUses_AreNotReported() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;

            class Response { public string? stop_reason { get; set; } }

            class Emulator
            {
                Response Build() => new Response { stop_reason = "stop_sequence" };

                void M(Response r, Dictionary<string, object> body, List<string> reasons)
                {
                    r.stop_reason = "stop_sequence";
                    body["stop_reason"] = "stop_sequence";
                    reasons.Add("stop_sequence");
                    string text = "stop_sequence";
                    var anonymous = new { stop_reason = "stop_sequence" };
                    bool prefix = text.StartsWith("stop_sequence");
                    bool other = text == "stop_sequences";
                }
            }
            """ + Legacy);

        [Fact]
        public Task CompilationWithoutTextCompletionsUsage_IsNotReported() => Verify.VerifyAsync(
            """
            class MessagesClient
            {
                const string Url = "https://api.anthropic.com/v1/messages";
                bool HitCustomStopSequence(string stopReason) => stopReason == "stop_sequence";
            }
            """);

        [Fact]
        public async Task LegacyUsageInAnotherFile_EnablesTheRule()
        {
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add(("Client.cs", "class Client { const string Url = \"https://api.anthropic.com/v1/complete\"; }"));
            test.TestState.Sources.Add(("Reader.cs", "class Reader { bool Done(string r) => {|CTM006:r == \"stop_sequence\"|}; }"));
            await test.RunAsync();
        }

        [Fact]
        public Task GeneratedCode_IsNotReported() => Verify.VerifyAsync(
            """
            // <auto-generated/>
            class C
            {
                bool Finished(string stopReason) => stopReason == "stop_sequence";
                bool Pattern(string stopReason) => stopReason is "stop_sequence";
            }

            """ + Legacy);
    }
}
