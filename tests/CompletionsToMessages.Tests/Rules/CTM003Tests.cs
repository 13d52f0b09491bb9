using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyPromptAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>
    /// CTM003 (Human/Assistant prompt): one positive test per way of building a prompt that docs/rules/CTM003.md
    /// claims, at the outermost expression, and one negative test per look-alike. Markup (<c>{|CTM003:…|}</c>)
    /// expects the descriptor's default severity, Info; a prompt sent as a request's <c>prompt</c> is a Warning and
    /// is checked with an explicit result.
    /// </summary>
    public class CTM003Tests
    {
        private const string SentSuffix = " sent as the request's 'prompt'";

        private static DiagnosticResult Sent(int location) =>
            Verify.Diagnostic("CTM003").WithLocation(location).WithArguments(SentSuffix);

        private static DiagnosticResult Info(int location) =>
            new DiagnosticResult("CTM003", DiagnosticSeverity.Info).WithLocation(location).WithArguments(string.Empty);

        // ---------------------------------------------------------------- literals

        [Fact]
        public Task Literal_IsReportedAsInfo() => Verify.VerifyAsync("""
            class C
            {
                string Prompt() => {|CTM003:"\n\nHuman: Hello, Claude\n\nAssistant:"|};
            }
            """);

        [Fact]
        public Task Literal_HasSeverityInfoAndAnEmptySuffix() => Verify.VerifyAsync(
            """
            class C
            {
                string Prompt() => {|#0:"You are terse.\n\nHuman: Hello\n\nAssistant:"|};
            }
            """,
            Info(0));

        [Fact]
        public Task LiteralWithOnlyTheAssistantMarker_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string Prompt() => {|CTM003:"Earlier turns were cut.\n\nAssistant: Sure, here is"|};
            }
            """);

        [Fact]
        public Task VerbatimLiteral_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string Prompt() => {|CTM003:@"

            Human: Hello

            Assistant:"|};
            }
            """);

        [Fact]
        public Task RawStringLiteral_IsReported() => Verify.VerifyAsync(""""
            class C
            {
                string Prompt() => {|CTM003:"""


                    Human: Hello

                    Assistant:
                    """|};
            }
            """");

        // ---------------------------------------------------------------- interpolation and concatenation

        [Fact]
        public Task Interpolation_IsReportedOnTheWholeString() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string question) => {|CTM003:$"\n\nHuman: {question}\n\nAssistant:"|};
            }
            """);

        [Fact]
        public Task VerbatimInterpolation_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string question) => {|CTM003:$@"{question.Trim()}

            Human: Hi

            Assistant:"|};
            }
            """);

        [Fact]
        public Task Concatenation_IsReportedOnceOnTheWholeExpression() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string system, string question) => {|CTM003:system + "\n\nHuman: " + question + "\n\nAssistant:"|};
            }
            """);

        [Fact]
        public Task ParenthesizedConcatenation_IsReportedOnTheOutermostExpression() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string question, string history) => {|CTM003:(history + "\n\nHuman: " + question) + ("\n\nAssistant:")|};
            }
            """);

        [Fact]
        public Task ConcatenationOfInterpolations_IsReportedOnce() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string a, string b) => {|CTM003:$"\n\nHuman: {a}" + $"\n\nAssistant: {b}" + $"\n\nHuman: more\n\nAssistant:"|};
            }
            """);

        [Fact]
        public Task CompoundAssignment_EachAddedPieceIsReported() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string question)
                {
                    string prompt = "You are terse.";
                    prompt += {|CTM003:"\n\nHuman: " + question|};
                    prompt += {|CTM003:"\n\nAssistant:"|};
                    return prompt;
                }
            }
            """);

        // ---------------------------------------------------------------- string.Format / string.Concat

        [Fact]
        public Task StringFormat_IsReportedOnTheCall() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string question) => {|CTM003:string.Format("\n\nHuman: {0}\n\nAssistant:", question)|};
            }
            """);

        [Fact]
        public Task StringFormatWithTypeName_IsReportedOnTheCall() => Verify.VerifyAsync("""
            using System;

            class C
            {
                string Prompt(string system, string question) => {|CTM003:String.Format("{0}\n\nHuman: {1}\n\nAssistant:", system, question)|};
            }
            """);

        [Fact]
        public Task StringFormatWithMarkerArguments_IsReportedOnTheCall() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string question) => {|CTM003:string.Format("{0} {1}{2}", "\n\nHuman:", question, "\n\nAssistant:")|};
            }
            """);

        [Fact]
        public Task StringConcat_IsReportedOnTheCall() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string question) => {|CTM003:string.Concat("\n\nHuman: ", question, "\n\nAssistant:")|};
            }
            """);

        // ---------------------------------------------------------------- StringBuilder

        [Fact]
        public Task StringBuilderAppend_EachMarkerPieceIsReported() => Verify.VerifyAsync("""
            using System.Text;

            class C
            {
                string Prompt(string question)
                {
                    var sb = new StringBuilder("You are terse.");
                    sb.Append({|CTM003:"\n\nHuman: "|});
                    sb.Append(question);
                    sb.Append({|CTM003:"\n\nAssistant:"|});
                    return sb.ToString();
                }
            }
            """);

        [Fact]
        public Task StringBuilderChain_IsReported() => Verify.VerifyAsync("""
            using System.Text;

            class C
            {
                string Prompt(string question) =>
                    new StringBuilder().Append({|CTM003:"\n\nHuman: "|}).Append(question).Append({|CTM003:"\n\nAssistant:"|}).ToString();
            }
            """);

        [Fact]
        public Task StringBuilderAppendWithConcatenation_IsReportedOnTheArgument() => Verify.VerifyAsync("""
            using System.Text;

            class C
            {
                void Build(StringBuilder sb, string question) => sb.Append({|CTM003:"\n\nHuman: " + question + "\n\nAssistant:"|});
            }
            """);

        [Fact]
        public Task StringBuilderAppendLine_IsReported() => Verify.VerifyAsync("""
            using System.Text;

            class C
            {
                void Build(StringBuilder sb, string question)
                {
                    sb.AppendLine({|CTM003:$"\n\nHuman: {question}"|});
                    sb.AppendLine({|CTM003:"\n\nAssistant:"|});
                }
            }
            """);

        [Fact]
        public Task StringBuilderAppendFormat_IsReported() => Verify.VerifyAsync("""
            using System.Text;

            class C
            {
                void Build(StringBuilder sb, string question) => sb.AppendFormat({|CTM003:"\n\nHuman: {0}\n\nAssistant:"|}, question);
            }
            """);

        [Fact]
        public Task StringBuilderAppendOfMarkerConstants_IsReported() => Verify.VerifyAsync("""
            using System.Text;

            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                const string AI_PROMPT = "\n\nAssistant:";

                string Build(string question)
                {
                    var sb = new StringBuilder();
                    sb.Append({|CTM003:HUMAN_PROMPT|}).Append(' ').Append(question);
                    sb.AppendFormat("{0}", {|CTM003:AI_PROMPT|});
                    return sb.ToString();
                }
            }
            """);

        // ---------------------------------------------------------------- marker constants

        [Fact]
        public Task SdkStyleConstants_ConcatenationIsReported_DefinitionsAreNot() => Verify.VerifyAsync("""
            static class Anthropic
            {
                public const string HUMAN_PROMPT = "\n\nHuman:";
                public const string AI_PROMPT = "\n\nAssistant:";
            }

            class C
            {
                string Prompt(string question) => {|CTM003:Anthropic.HUMAN_PROMPT + " " + question + Anthropic.AI_PROMPT|};
            }
            """);

        [Fact]
        public Task SdkStyleConstants_InterpolationIsReported() => Verify.VerifyAsync("""
            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                const string AI_PROMPT = "\n\nAssistant:";

                string Prompt(string question) => {|CTM003:$"{HUMAN_PROMPT} {question}{AI_PROMPT}"|};
            }
            """);

        [Fact]
        public Task SdkStyleConstants_StringFormatIsReported() => Verify.VerifyAsync("""
            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";
                const string AI_PROMPT = "\n\nAssistant:";

                string Prompt(string question) => {|CTM003:string.Format("{0} {1}{2}", HUMAN_PROMPT, question, AI_PROMPT)|};
            }
            """);

        [Fact]
        public Task OnlyTheAssistantConstant_IsEnough() => Verify.VerifyAsync("""
            class C
            {
                const string AI_PROMPT = "\n\nAssistant:";

                string Prompt(string turns) => {|CTM003:turns + AI_PROMPT|};
            }
            """);

        [Fact]
        public Task AnthropicSignals_AreRecognisedByName_WithoutTheLibrary() => Verify.VerifyAsync(
            """
            class C
            {
                string Prompt(string question) => {|CTM003:AnthropicSignals.HumanSignal + " " + question + AnthropicSignals.AssistantSignal|};
                string Interpolated(string question) => {|CTM003:$"{AnthropicSignals.HumanSignal} {question}{AnthropicSignals.AssistantSignal}"|};
            }
            """,
            editorConfig: null,
            compilerErrorsAllowed: true);

        [Fact]
        public Task SdkConstantNames_AreRecognisedByName_WhenUnresolved() => Verify.VerifyAsync(
            """
            class C
            {
                // Ported from Python: `from anthropic import HUMAN_PROMPT, AI_PROMPT`, never defined here.
                string Prompt(string question) => {|CTM003:HUMAN_PROMPT + " " + question + AI_PROMPT|};
            }
            """,
            editorConfig: null,
            compilerErrorsAllowed: true);

        [Fact]
        public Task HandWrittenSignalConstants_AreRecognised() => Verify.VerifyAsync("""
            class C
            {
                const string HumanSignal = "\n\nHuman:";
                const string AssistantSignal = "\n\nAssistant:";

                string Prompt(string question) => {|CTM003:HumanSignal + " " + question + AssistantSignal|};
            }
            """);

        [Fact]
        public Task AnthropicSignals_HandWrittenStaticReadonly_AreRecognised() => Verify.VerifyAsync("""
            static class AnthropicSignals
            {
                public static readonly string HumanSignal = "\n\nHuman:";
                public static readonly string AssistantSignal = "\n\nAssistant:";
            }

            class C
            {
                string Prompt(string question) => {|CTM003:AnthropicSignals.HumanSignal + " " + question + AnthropicSignals.AssistantSignal|};
            }
            """);

        [Fact]
        public Task AnyStringConstantWhoseValueIsAMarker_IsRecognised() => Verify.VerifyAsync("""
            class C
            {
                private const string UserTurn = "\n\nHuman:";
                private const string BotTurn = "\n\nAssistant:";

                string Concatenated(string question) => {|CTM003:UserTurn + " " + question + BotTurn|};
                string Interpolated(string question) => {|CTM003:$"{UserTurn} {question}{BotTurn}"|};
                string Formatted(string question) => {|CTM003:string.Format("{0} {1}{2}", UserTurn, question, BotTurn)|};
                string Concat(string question) => {|CTM003:string.Concat(UserTurn, " ", question, BotTurn)|};
            }
            """);

        // The rule skips the constant lookup for names it can prove are not constants (VariableSyntax): these cases
        // pin down where that proof must stop, so that constants reached from nested or derived types, or outside a
        // deconstructing foreach, are still found, and members or loop variables of the same name are still ignored.

        [Fact]
        public Task ConstantsOfAnOuterOrBaseType_AreRecognised_ThroughTypesThatDoNotDeclareTheName() => Verify.VerifyAsync("""
            class Base
            {
                protected const string UserTurn = "\n\nHuman:";
                protected const string BotTurn = "\n\nAssistant:";
            }

            class Derived : Base
            {
                public string Other { get; set; } = "";
                string Prompt(string question) => {|CTM003:UserTurn + question + BotTurn|};
            }

            class Outer
            {
                private const string UserTurn = "\n\nHuman:";

                class Inner
                {
                    string Prompt(string question, int count) => {|CTM003:$"{UserTurn} {question} ({count})"|};
                }
            }
            """);

        [Fact]
        public Task MembersAndLoopVariablesNamedLikeConstants_HideThem_AndAreNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class Outer
            {
                private const string UserTurn = "\n\nHuman:";

                class Shadowing
                {
                    string UserTurn { get; } = "Question:";
                    string Prompt(string question) => UserTurn + " " + question;
                    string Interpolated(string question) => $"{UserTurn} {question}";
                }

                record Turn(string UserTurn)
                {
                    public string Prompt(string question) => UserTurn + " " + question;
                }

                string Loop(List<(string, string)> pairs)
                {
                    var text = "";
                    foreach (var (UserTurn, answer) in pairs)
                    {
                        text += UserTurn + answer;
                    }

                    foreach ((string UserTurn, string answer) in pairs)
                    {
                        text += UserTurn + answer;
                    }

                    return text;
                }
            }
            """);

        [Fact]
        public Task ConstantAfterADeconstructingForeach_IsRecognised_OutsideTheLoopBody() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                private const string UserTurn = "\n\nHuman:";

                string Loop(List<(string, string)> pairs, string question)
                {
                    var text = "";
                    foreach (var (turn, answer) in pairs)
                    {
                        text += turn + answer;
                    }

                    return {|CTM003:text + UserTurn + question|};
                }
            }
            """);

        // ---------------------------------------------------------------- severity: sent as the request's prompt

        [Fact]
        public Task PromptMemberOfAnonymousBody_IsAWarning() => Verify.VerifyAsync(
            """
            class C
            {
                object Body(string question) => new
                {
                    model = "claude-2.1",
                    prompt = {|#0:$"\n\nHuman: {question}\n\nAssistant:"|},
                    max_tokens_to_sample = 300,
                };
            }
            """,
            Sent(0));

        [Fact]
        public Task PromptThroughALocal_IsAWarning() => Verify.VerifyAsync(
            """
            class C
            {
                object Body(string question)
                {
                    var prompt = {|#0:"\n\nHuman: " + question + "\n\nAssistant:"|};
                    return new { model = "claude-2", prompt, max_tokens_to_sample = 300 };
                }
            }
            """,
            Sent(0));

        [Fact]
        public Task PromptOfDictionaryBody_IsAWarning() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string question) => new Dictionary<string, object>
                {
                    ["model"] = "claude-2",
                    ["prompt"] = {|#0:string.Format("\n\nHuman: {0}\n\nAssistant:", question)|},
                    ["max_tokens_to_sample"] = 300,
                };
            }
            """,
            Sent(0));

        [Fact]
        public Task PromptLocalAssignedToADictionaryLater_IsAWarning() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> Body(string question)
                {
                    string text = {|#0:$"\n\nHuman: {question}\n\nAssistant:"|};
                    var body = new Dictionary<string, object>();
                    body["prompt"] = text;
                    return body;
                }
            }
            """,
            Sent(0));

        [Fact]
        public Task PromptPropertyOfDto_IsAWarning() => Verify.VerifyAsync(
            """
            class CompletionRequest
            {
                public string Prompt { get; set; } = "";
                public int MaxTokensToSample { get; set; }
            }

            class C
            {
                CompletionRequest Body(string question) => new CompletionRequest
                {
                    Prompt = {|#0:string.Concat("\n\nHuman: ", question, "\n\nAssistant:")|},
                    MaxTokensToSample = 300,
                };
            }
            """,
            Sent(0));

        [Fact]
        public Task PromptOfJProperty_IsAWarning() => Verify.VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string question) => new JObject(
                    new JProperty("prompt", {|#0:$"\n\nHuman: {question}\n\nAssistant:"|}),
                    new JProperty("max_tokens_to_sample", 300));
            }
            """,
            Sent(0));

        [Fact]
        public Task PromptBuiltButNotSent_StaysInfo() => Verify.VerifyAsync(
            """
            class C
            {
                object Body(string question)
                {
                    var prompt = {|#0:"\n\nHuman: " + question + "\n\nAssistant:"|};
                    System.Console.WriteLine(prompt);
                    return new { model = "claude-2", text = prompt };
                }
            }
            """,
            Info(0));

        // ---------------------------------------------------------------- negatives

        [Theory]
        [InlineData("Human: resources department")]
        [InlineData("Contact Human: Resources on floor 3")]
        [InlineData("Assistant: Jane Doe, Assistant: to the regional manager")]
        [InlineData("\\nHuman: single newline\\nAssistant:")]
        [InlineData("Human:\\n\\nAssistant")]
        [InlineData("\\r\\n\\r\\nhuman: lower case")]
        [InlineData("The Human: and Assistant: labels are retired")]
        public Task MarkerWordsInOrdinaryText_AreNotReported(string text) => Verify.VerifyAsync($$"""
            using System.Text;

            class C
            {
                string Literal() => "{{text}}";
                string Interpolated(int n) => $"{n} {{text}}";
                string Concatenated(string s) => s + "{{text}}";
                string Formatted(string s) => string.Format("{0} {{text}}", s);
                void Built(StringBuilder sb) => sb.Append("{{text}}");
            }
            """);

        [Fact]
        public Task MarkerConstantDefinitions_AreNotReported() => Verify.VerifyAsync("""
            static class Markers
            {
                public const string HUMAN_PROMPT = "\n\nHuman:";
                public const string AI_PROMPT = "\n\nAssistant:";
                public static readonly string HumanSignal = "\n\nHuman: ";
                public static string AssistantSignal { get; } = "\n\nAssistant:";
                private const string UserTurn = "\n\nHuman:";
            }
            """);

        [Fact]
        public Task StopSequences_AreNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                const string HUMAN_PROMPT = "\n\nHuman:";

                void M()
                {
                    var anonymous = new { stop_sequences = new[] { "\n\nHuman:" } };
                    var list = new List<string> { "\n\nHuman:", "\n\nAssistant:" };
                    string[] expression = ["\n\nHuman:"];
                    var constants = new[] { HUMAN_PROMPT };
                    var dictionary = new Dictionary<string, object> { ["stop_sequences"] = new List<string> { "\n\nHuman:" } };
                }
            }
            """);

        [Fact]
        public Task VariablesNamedLikeMarkers_ThatDoNotHoldMarkers_AreNotReported() => Verify.VerifyAsync("""
            using System;
            using System.Text;

            class ChatScreen
            {
                public string AIPrompt { get; set; } = "Ask me anything";
                private readonly string _greeting = "Hello";

                void Show(string HumanPrompt, StringBuilder log)
                {
                    Console.WriteLine("You typed: " + HumanPrompt);
                    Console.WriteLine($"Suggestion: {AIPrompt}");
                    log.Append(AIPrompt);
                    string AssistantPrompt = Console.ReadLine() ?? "";
                    log.Append(AssistantPrompt + _greeting);
                }
            }
            """);

        [Fact]
        public Task ConstantNamedLikeAMarker_WithAnotherValue_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                const string HUMAN_PROMPT = "User says";
                const string AI_PROMPT = "Bot says";

                string Line(string text) => HUMAN_PROMPT + ": " + text + $" ({AI_PROMPT})";
            }
            """);

        [Fact]
        public Task VariableNamedLikeAMarker_DoesNotHideTheRealPromptAfterIt() => Verify.VerifyAsync("""
            class C
            {
                string Prompt(string HumanPrompt) => {|CTM003:HumanPrompt + "\n\nHuman: hi\n\nAssistant:"|};
            }
            """);

        [Fact]
        public Task OrdinaryConstantsInConcatenations_AreNotReported() => Verify.VerifyAsync("""
            class C
            {
                const string Greeting = "Hello";
                const string Separator = "\n\n";
                const string Stop = "\n\nHuman:"; // makes the compilation a legacy one

                string M(string name) => Greeting + Separator + name + $"{Greeting}" + string.Concat(Greeting, name);
            }
            """);

        [Fact]
        public Task MarkerInComments_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                /// <summary>Builds "\n\nHuman: {q}\n\nAssistant:" prompts.</summary>
                // string p = "\n\nHuman: hi\n\nAssistant:";
                string M(string q) => q;
            }
            """);

        [Theory]
        [InlineData("Prompts.g.cs", "")]
        [InlineData("Prompts.cs", "// <auto-generated/>\n")]
        public Task GeneratedCode_IsNotReported(string fileName, string header)
        {
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add((fileName, header + """
                class Prompts
                {
                    const string HUMAN_PROMPT = "\n\nHuman:";
                    string Literal() => "\n\nHuman: Hello\n\nAssistant:";
                    string Interpolated(string q) => $"\n\nHuman: {q}\n\nAssistant:";
                    string Constants(string q) => HUMAN_PROMPT + q + "\n\nAssistant:";
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task SameSourceInAHandWrittenFile_IsReported()
        {
            // Control for GeneratedCode_IsNotReported.
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add(("Prompts.cs", """
                class Prompts
                {
                    const string HUMAN_PROMPT = "\n\nHuman:";
                    string Literal() => {|CTM003:"\n\nHuman: Hello\n\nAssistant:"|};
                    string Interpolated(string q) => {|CTM003:$"\n\nHuman: {q}\n\nAssistant:"|};
                    string Constants(string q) => {|CTM003:HUMAN_PROMPT + q + "\n\nAssistant:"|};
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
