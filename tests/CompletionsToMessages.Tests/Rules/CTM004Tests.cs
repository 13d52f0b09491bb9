using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.ModelIdAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM004: retired or deprecated model ids as whole string values (docs/rules/CTM004.md).</summary>
    public class CTM004Tests
    {
        private const string AsOf = "2026-08-22";

        private static string RetiredOn(string date) => "was retired on " + date + " and every request naming it fails with 404 not_found_error";

        private const string Deprecated = "is deprecated and will be retired";

        private static DiagnosticResult Retired(int location, string model, string date, string successor) =>
            Verify.Diagnostic("CTM004").WithLocation(location).WithSeverity(DiagnosticSeverity.Warning).WithArguments(model, RetiredOn(date), successor, AsOf);

        private static DiagnosticResult DeprecatedId(int location, string model, string successor) =>
            Verify.Diagnostic("CTM004").WithLocation(location).WithSeverity(DiagnosticSeverity.Info).WithArguments(model, Deprecated, successor, AsOf);

        // ---------------- Claude API ids ----------------

        [Fact]
        public Task TextCompletionsEraIds_AreWarnings_WithDateAndSuccessor() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"claude-2"|};
                string B = {|#1:"claude-instant-1.2"|};
                string D = {|#2:"claude-2.1"|};
                string E = {|#3:"claude-v1"|};
                string F = {|#4:"claude-1.3-100k"|};
                string G = {|#5:"claude-2.0"|};
            }
            """,
            Retired(0, "claude-2", "2025-07-21", "claude-opus-4-8"),
            Retired(1, "claude-instant-1.2", "2024-11-06", "claude-haiku-4-5-20251001"),
            Retired(2, "claude-2.1", "2025-07-21", "claude-opus-4-8"),
            Retired(3, "claude-v1", "2024-11-06", "claude-haiku-4-5-20251001"),
            Retired(4, "claude-1.3-100k", "2024-11-06", "claude-haiku-4-5-20251001"),
            Retired(5, "claude-2.0", "2025-07-21", "claude-opus-4-8"));

        [Fact]
        public Task LaterRetiredMessagesModels_AreWarnings() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"claude-3-opus-20240229"|};
                string B = {|#1:"claude-3-5-sonnet-latest"|};
                string D = {|#2:"claude-3-haiku-20240307"|};
                string E = {|#3:"claude-sonnet-4-20250514"|};
                string F = {|#4:"claude-mythos-preview"|};
                string G = {|#5:"claude-opus-4-1"|};
                string H = {|#6:"claude-3-7-sonnet-20250219"|};
            }
            """,
            Retired(0, "claude-3-opus-20240229", "2026-01-05", "claude-opus-4-8"),
            Retired(1, "claude-3-5-sonnet-latest", "2025-10-28", "claude-sonnet-4-6"),
            Retired(2, "claude-3-haiku-20240307", "2026-04-20", "claude-haiku-4-5-20251001"),
            Retired(3, "claude-sonnet-4-20250514", "2026-06-15", "claude-sonnet-4-6"),
            Retired(4, "claude-mythos-preview", "2026-06-30", "claude-mythos-5"),
            Retired(5, "claude-opus-4-1", "2026-08-05", "claude-opus-4-8"),
            Retired(6, "claude-3-7-sonnet-20250219", "2026-02-19", "claude-sonnet-4-6"));

        [Fact]
        public Task ModelIdInEveryValuePosition_IsReported() => Verify.VerifyAsync(
            """"
            using System.Collections.Generic;

            class C
            {
                const string Default = {|CTM004:"claude-2"|};

                object Body() => new { model = {|CTM004:"claude-2.1"|}, max_tokens_to_sample = 300 };

                Dictionary<string, object> Dict() => new() { ["model"] = {|CTM004:"claude-instant-1"|} };

                void Send(string model) { }

                void M()
                {
                    Send({|CTM004:"claude-1"|});
                    var local = {|CTM004:@"claude-2"|};
                    var raw = {|CTM004:"""claude-2.1"""|};
                }
            }
            """");

        [Fact]
        public Task ModelValueInsideJsonText_IsReported() => Verify.VerifyAsync(
            """"
            class C
            {
                string Escaped = {|CTM004:"{\"model\": \"claude-2\", \"max_tokens_to_sample\": 300}"|};
                string Verbatim = {|CTM004:@"{""model"":""claude-instant-1.2"",""prompt"":""x""}"|};
                string Raw = {|CTM004:"""
                    {
                      "model": "claude-2.1",
                      "max_tokens_to_sample": 256
                    }
                    """|};
            }
            """");

        [Fact]
        public Task JsonTextWithActiveModel_IsNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                string Json = "{\"model\": \"claude-sonnet-4-6\", \"max_tokens\": 300}";
                string OtherField = "{\"name\": \"claude-2\"}";
            }
            """);

        // ---------------- Bedrock and Vertex ids ----------------

        [Fact]
        public Task BedrockIds_AreReported() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"anthropic.claude-v2"|};
                string B = {|#1:"anthropic.claude-v2:1"|};
                string D = {|#2:"anthropic.claude-instant-v1"|};
                string E = {|#3:"anthropic.claude-v1"|};
                string F = {|#4:"us.anthropic.claude-3-haiku-20240307-v1:0"|};
                string G = {|#5:"anthropic.claude-3-5-sonnet-20241022-v2:0"|};
                string H = {|#6:"eu.anthropic.claude-3-7-sonnet-20250219-v1:0"|};
            }
            """,
            Retired(0, "anthropic.claude-v2", "2025-07-21", "claude-opus-4-8"),
            Retired(1, "anthropic.claude-v2:1", "2025-07-21", "claude-opus-4-8"),
            Retired(2, "anthropic.claude-instant-v1", "2024-11-06", "claude-haiku-4-5-20251001"),
            Retired(3, "anthropic.claude-v1", "2024-11-06", "claude-haiku-4-5-20251001"),
            Retired(4, "us.anthropic.claude-3-haiku-20240307-v1:0", "2026-04-20", "claude-haiku-4-5-20251001"),
            Retired(5, "anthropic.claude-3-5-sonnet-20241022-v2:0", "2025-10-28", "claude-sonnet-4-6"),
            Retired(6, "eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "2026-02-19", "claude-sonnet-4-6"));

        [Fact]
        public Task ActiveOrForeignBedrockIds_AreNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                string Active = "anthropic.claude-sonnet-4-5-20250929-v1:0";
                string Profile = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
                string UnknownPrefix = "xx.anthropic.claude-v2";
                string Arn = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2 was used";
                string Sentence = "We moved off anthropic.claude-v2 last year";
            }
            """);

        [Fact]
        public Task VertexIds_AreReported() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"claude-3-5-sonnet@20240620"|};
                string B = {|#1:"claude-3-opus@20240229"|};
                string D = {|#2:"claude-3-5-sonnet-v2@20241022"|};
                string E = {|#3:"claude-opus-4@20250514"|};
            }
            """,
            Retired(0, "claude-3-5-sonnet@20240620", "2025-10-28", "claude-sonnet-4-6"),
            Retired(1, "claude-3-opus@20240229", "2026-01-05", "claude-opus-4-8"),
            Retired(2, "claude-3-5-sonnet-v2@20241022", "2025-10-28", "claude-sonnet-4-6"),
            Retired(3, "claude-opus-4@20250514", "2026-06-15", "claude-opus-4-8"));

        [Fact]
        public Task ActiveVertexId_IsNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                string A = "claude-sonnet-4-5@20250929";
                string B = "claude-haiku-4-5@20251001";
            }
            """);

        // ---------------- SDK constants ----------------

        [Fact]
        public Task SdkConstants_AreRecognisedByName_WhenTheLibraryIsNotReferenced() => Verify.VerifyAsync(
            """
            using Anthropic.SDK.Constants;

            class C
            {
                string A = {|#0:AnthropicModels.Claude_v2|};
                string B = {|#1:AnthropicModels.ClaudeInstant_v1_2|};
                string D = {|#2:Anthropic.SDK.Constants.AnthropicModels.Claude_v2_1|};
            }
            """,
            editorConfig: null,
            compilerErrorsAllowed: true,
            Retired(0, "claude-2", "2025-07-21", "claude-opus-4-8"),
            Retired(1, "claude-instant-1.2", "2024-11-06", "claude-haiku-4-5-20251001"),
            Retired(2, "claude-2.1", "2025-07-21", "claude-opus-4-8"));

        // SDK constants are looked for per file (a text search for "AnthropicModels", then the file's member
        // accesses): uses in a file apart from the library's declaration are found; generated files stay silent;
        // a name spelt with a Unicode escape (the only mention here) is still found; other types' "Claude_v2"
        // members are not SDK constants.
        [Fact]
        public Task SdkConstants_InTheirOwnFile_AreReported_AndSilentWhenGenerated() =>
            RuleTest<ModelIdAnalyzer>.VerifyReportedButSilentWhenGeneratedAsync(
                """
                using Anthropic.SDK.Constants;

                class C
                {
                    string B = {|CTM004:\u0041nthropicModels.ClaudeInstant_v1|};
                    string D = OtherModels.Claude_v2;
                }

                static class OtherModels
                {
                    public const string Claude_v2 = "sonnet";
                }
                """,
                compilerErrorsAllowed: true);

        [Fact]
        public Task SdkConstants_AreRecognisedByValue_WhenTheLibraryIsReferenced() => Verify.VerifyAsync(
            """
            using Anthropic.SDK.Constants;

            class C
            {
                string A = {|#0:AnthropicModels.Claude3Haiku|};
                string B = AnthropicModels.Claude45Sonnet;
                string D = {|#1:AnthropicModels.Claude_v2|};
                string E = AnthropicModels.Claude_v2_1;
            }

            namespace Anthropic.SDK.Constants
            {
                public static class AnthropicModels
                {
                    // The library's own literals are model ids too.
                    public const string Claude3Haiku = {|CTM004:"claude-3-haiku-20240307"|};
                    public const string Claude45Sonnet = "claude-sonnet-4-5-20250929";
                    public const string Claude_v2 = {|CTM004:"claude-2"|};

                    // A constant whose value is current is not reported, whatever its name says.
                    public const string Claude_v2_1 = "claude-sonnet-4-6";
                }
            }
            """,
            Retired(0, "claude-3-haiku-20240307", "2026-04-20", "claude-haiku-4-5-20251001"),
            Retired(1, "claude-2", "2025-07-21", "claude-opus-4-8"));

        [Fact]
        public Task OwnConstantClassWithActiveValue_IsNotReported() => Verify.VerifyAsync(
            """
            static class AnthropicModels
            {
                public const string Claude_v2 = "claude-sonnet-4-6";
            }

            class C
            {
                string A = AnthropicModels.Claude_v2;
                string B = Models.Claude_v2;
            }

            static class Models
            {
                public const string Claude_v2 = "claude-opus-4-8";
            }
            """);

        // ---------------- Severity and configuration ----------------

        [Fact]
        public Task ConfiguredSuccessor_ChangesTheMessage() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"claude-2"|};
                string B = {|#1:"claude-instant-1.2"|};
                string D = {|#2:"anthropic.claude-v2"|};
                string E = {|#3:"claude-2.1"|};
            }
            """,
            "completions_to_messages.model_successors = claude-2=claude-sonnet-4-6, claude-instant-1.2=claude-haiku-4-5,anthropic.claude-v2=anthropic.claude-sonnet-4-5-20250929-v1:0\n",
            compilerErrorsAllowed: false,
            Retired(0, "claude-2", "2025-07-21", "claude-sonnet-4-6"),
            Retired(1, "claude-instant-1.2", "2024-11-06", "claude-haiku-4-5"),
            Retired(2, "anthropic.claude-v2", "2025-07-21", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
            Retired(3, "claude-2.1", "2025-07-21", "claude-opus-4-8"));

        [Fact]
        public Task SemicolonStartsAnEditorConfigComment_SoOnlyTheFirstPairApplies() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"claude-2"|};
                string B = {|#1:"claude-instant-1.2"|};
            }
            """,
            // Roslyn's .editorconfig parser cuts a value at ';' or '#': the documented separator is ','.
            "completions_to_messages.model_successors = claude-2=claude-sonnet-4-6;claude-instant-1.2=claude-haiku-4-5\n",
            compilerErrorsAllowed: false,
            Retired(0, "claude-2", "2025-07-21", "claude-sonnet-4-6"),
            Retired(1, "claude-instant-1.2", "2024-11-06", "claude-haiku-4-5-20251001"));

        [Fact]
        public Task ConfiguredSuccessorByClaudeApiId_AppliesToBedrockForm() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"anthropic.claude-v2:1"|};
            }
            """,
            "completions_to_messages.model_successors = claude-2.1=claude-sonnet-5\n",
            compilerErrorsAllowed: false,
            Retired(0, "anthropic.claude-v2:1", "2025-07-21", "claude-sonnet-5"));

        [Fact]
        public Task DeprecatedModels_AreInformation() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"claude-sonnet-4-5"|};
                string B = {|#1:"claude-sonnet-4-5-20250929"|};
                string D = {|#2:"claude-haiku-4-5"|};
                string E = "claude-opus-4-8";
            }
            """,
            "completions_to_messages.deprecated_models = claude-sonnet-4-5,claude-sonnet-4-5-20250929, claude-haiku-4-5\n"
            + "completions_to_messages.model_successors = claude-sonnet-4-5=claude-sonnet-5\n",
            compilerErrorsAllowed: false,
            DeprecatedId(0, "claude-sonnet-4-5", "claude-sonnet-5"),
            DeprecatedId(1, "claude-sonnet-4-5-20250929", "a current model"),
            DeprecatedId(2, "claude-haiku-4-5", "a current model"));

        [Fact]
        public Task RetiredId_ListedAsDeprecated_StaysAWarning() => Verify.VerifyAsync(
            """
            class C
            {
                string A = {|#0:"claude-2"|};
            }
            """,
            "completions_to_messages.deprecated_models = claude-2\n",
            compilerErrorsAllowed: false,
            Retired(0, "claude-2", "2025-07-21", "claude-opus-4-8"));

        // ---------------- Look-alikes ----------------

        [Fact]
        public Task Prose_IsNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                string A = "We used claude-2 last year";
                string B = "claude-2 is retired";
                string D = "Model: claude-instant-1.2";
                string E = " claude-2";
                string F = "claude-2\n";
                string G = $"We used {"x"} and claude-2";
            }
            """);

        [Fact]
        public Task ActiveModelIds_AreNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                string[] Ids =
                {
                    "claude-sonnet-4-6", "claude-opus-4-8", "claude-haiku-4-5-20251001", "claude-haiku-4-5",
                    "claude-sonnet-4-5-20250929", "claude-opus-4-5", "claude-opus-4-6", "claude-opus-4-7",
                    "claude-fable-5", "claude-sonnet-5", "claude-opus-5", "claude-mythos-5",
                };
            }
            """);

        [Fact]
        public Task RetiredIdAsSubstringOfAnotherIdOrWord_IsNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                string[] Values =
                {
                    "claude-2-custom", "my-claude-2", "claude-20", "claude-2.1-finetune", "claude-2.10",
                    "claude-instant-1.2x", "claude-3-opus", "CLAUDE-2", "Claude-2", "claude-2_backup",
                    "claude-2.1.json", "models/claude-2", "claude", "claude-",
                };
            }
            """);

        [Fact]
        public Task IdentifiersAndComments_AreNotReported() => Verify.VerifyAsync(
            """
            // We used "claude-2" before.
            class C
            {
                /// <summary>Replaces "claude-instant-1.2".</summary>
                int claude_2 = 2;
                char c = 'c';
            }
            """);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Verify.VerifyAsync(
            """
            // <auto-generated/>
            class C
            {
                string A = "claude-2";
                string B = "anthropic.claude-v2";
                string D = "{\"model\": \"claude-2.1\"}";
            }
            """);

        [Fact]
        public async Task GeneratedFileName_IsNotReported()
        {
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add(("Models.g.cs", "class C { string A = \"claude-2\"; }"));
            test.TestState.Sources.Add(("Models.cs", "class D { string A = {|CTM004:\"claude-2.1\"|}; }"));
            await test.RunAsync();
        }
    }
}
