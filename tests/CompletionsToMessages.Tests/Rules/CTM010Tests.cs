using System.Threading.Tasks;
using Xunit;
using Files = CompletionsToMessages.Tests.Rules.RuleTest<CompletionsToMessages.Analyzers.Rules.LegacyClientLibraryAnalyzer>;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyClientLibraryAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>
    /// CTM010: legacy client-library calls (docs/rules/CTM010.md). The libraries are not referenced in most tests
    /// (as after an upgrade): the code does not compile, so compiler errors are allowed and the calls are recognised by name.
    /// </summary>
    public class CTM010Tests
    {
        private const string TghammSdk = "Anthropic.SDK (2.x and earlier)";
        private const string TryAgiSdk = "the tryAGI Anthropic SDK";

        // ---------------- Anthropic.SDK ≤ 2.x, library not referenced ----------------

        // The rule looks for its four names per file (a text search, then the file's invocations and creations):
        // names spelt with a Unicode escape (the only spelling here) are still found; generated files stay silent;
        // other calls in the file are not reports.
        [Fact]
        public Task NamesSpeltWithAUnicodeEscape_AreReported_AndSilentWhenGenerated() =>
            Files.VerifyReportedButSilentWhenGeneratedAsync(
                """
                using System.Threading.Tasks;
                using Anthropic.SDK;

                class C
                {
                    async Task M(AnthropicClient client)
                    {
                        var parameters = new {|CTM010:\u0053amplingParameters|} { MaxTokensToSample = 512 };
                        var result = await client.Completions.{|CTM010:GetClaude\u0043ompletionAsync|}(parameters);
                        await client.Messages.GetClaudeMessageAsync(parameters);
                    }
                }
                """,
                editorConfig: null,
                compilerErrorsAllowed: true);

        [Fact]
        public Task AnthropicSdkCompletionCalls_AreReportedByName() => Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Completions;
            using Anthropic.SDK.Constants;

            class C
            {
                async Task M(string question)
                {
                    var client = new AnthropicClient();
                    var parameters = new {|CTM010:SamplingParameters|}
                    {
                        Model = AnthropicModels.Claude_v2,
                        Prompt = $"{AnthropicSignals.HumanSignal} {question}{AnthropicSignals.AssistantSignal}",
                        MaxTokensToSample = 512,
                    };
                    var result = await client.Completions.{|CTM010:GetClaudeCompletionAsync|}(parameters);
                    Console.WriteLine(result.Completion);

                    await foreach (var chunk in client.Completions.{|CTM010:StreamClaudeCompletionAsync|}(parameters))
                    {
                        Console.Write(chunk.Completion);
                    }
                }
            }
            """, editorConfig: null, compilerErrorsAllowed: true);

        [Fact]
        public Task Message_NamesTheCallAndTheLibrary() => Verify.VerifyAsync("""
            class C
            {
                async System.Threading.Tasks.Task M(Anthropic.SDK.AnthropicClient client, Anthropic.SDK.Completions.SamplingParameters p)
                {
                    await client.Completions.GetClaudeCompletionAsync(p);
                    await api.TextCompletions.CompletePostAsync(p);
                }
            }
            """,
            editorConfig: null,
            compilerErrorsAllowed: true,
            Verify.Diagnostic("CTM010").WithSpan(5, 34, 5, 58).WithArguments("GetClaudeCompletionAsync", TghammSdk),
            Verify.Diagnostic("CTM010").WithSpan(6, 35, 6, 52).WithArguments("CompletePostAsync", TryAgiSdk));

        [Fact]
        public Task QualifiedSamplingParameters_IsReportedOnTheTypeName() => Verify.VerifyAsync("""
            class C
            {
                object P = new {|CTM010:Anthropic.SDK.Completions.SamplingParameters|}() { MaxTokensToSample = 5 };
                object Q = new {|CTM010:global::Anthropic.SDK.Completions.SamplingParameters|} { MaxTokensToSample = 5 };
            }
            """, editorConfig: null, compilerErrorsAllowed: true);

        [Fact]
        public Task CompletionCallsWithoutACompletionsReceiverName_AreReportedByName() => Verify.VerifyAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(dynamic completions, object parameters)
                {
                    var endpoint = GetEndpoint();
                    await endpoint.{|CTM010:GetClaudeCompletionAsync|}(parameters);
                    await completions.{|CTM010:GetClaudeCompletionAsync|}(parameters);
                }
            }
            """, editorConfig: null, compilerErrorsAllowed: true);

        // ---------------- tryAGI ----------------

        [Fact]
        public Task TryAgiTextCompletions_IsReportedByName() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic;

            class C
            {
                async Task M(string apiKey)
                {
                    using var api = new AnthropicApi(apiKey);
                    var response = await api.TextCompletions.{|CTM010:CompletePostAsync|}(
                        model: "claude-2.1",
                        prompt: "\n\nHuman: Hi\n\nAssistant:",
                        maxTokensToSample: 256);
                }
            }
            """, editorConfig: null, compilerErrorsAllowed: true);

        // ---------------- library referenced: recognised by symbol ----------------

        [Fact]
        public Task DeclaredInAnAnthropicNamespace_IsReportedBySymbol() => Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Anthropic.SDK.Completions;

            namespace Anthropic.SDK.Completions
            {
                public class SamplingParameters { public string Prompt { get; set; } = ""; public int MaxTokensToSample { get; set; } }
                public class CompletionResponse { public string Completion { get; set; } = ""; }
                public class CompletionsEndpoint
                {
                    public Task<CompletionResponse> GetClaudeCompletionAsync(SamplingParameters parameters) => Task.FromResult(new CompletionResponse());
                }
            }

            namespace Anthropic
            {
                public class TextCompletionsClient { public Task<string> CompletePostAsync(string prompt) => Task.FromResult(prompt); }
                public class AnthropicApi { public TextCompletionsClient TextCompletions { get; } = new(); }
            }

            namespace MyApp
            {
                class C
                {
                    async Task M(CompletionsEndpoint completions, Anthropic.AnthropicApi api)
                    {
                        await completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { MaxTokensToSample = 5 });
                        await api.TextCompletions.{|CTM010:CompletePostAsync|}("\n\nHuman: hi\n\nAssistant:");
                    }
                }
            }
            """);

        // ---------------- look-alikes ----------------

        [Fact]
        public Task SameNamesInTheUsersOwnNamespace_AreNotReported() => Verify.VerifyAsync("""
            using System.Threading.Tasks;

            namespace MyApp.Llm
            {
                public class SamplingParameters { public double Temperature { get; set; } }
                public class CompletionsService
                {
                    public Task<string> GetClaudeCompletionAsync(SamplingParameters parameters) => Task.FromResult("");
                    public async System.Collections.Generic.IAsyncEnumerable<string> StreamClaudeCompletionAsync(SamplingParameters parameters)
                    {
                        await Task.Yield();
                        yield return "";
                    }
                }
                public class TextCompletions { public Task<string> CompletePostAsync(string prompt) => Task.FromResult(prompt); }

                class C
                {
                    CompletionsService Completions = new();
                    TextCompletions TextCompletions = new();

                    async Task M()
                    {
                        var parameters = new SamplingParameters { Temperature = 0.5 };
                        await Completions.GetClaudeCompletionAsync(parameters);
                        await foreach (var s in Completions.StreamClaudeCompletionAsync(parameters)) { }
                        await TextCompletions.CompletePostAsync("hi");
                        await this.TextCompletions.CompletePostAsync("hi");
                    }
                }
            }
            """);

        [Fact]
        public Task SameNamesInTheGlobalNamespace_AreNotReported() => Verify.VerifyAsync("""
            using System.Threading.Tasks;

            public class SamplingParameters { }
            public class Completions
            {
                public Task<string> GetClaudeCompletionAsync(SamplingParameters parameters) => Task.FromResult("");
            }

            class C
            {
                Task<string> M(Completions completions) => completions.GetClaudeCompletionAsync(new SamplingParameters());
            }
            """);

        [Fact]
        public Task OwnMethodCalledWithWrongArguments_IsNotReported() => Verify.VerifyAsync("""
            using System.Threading.Tasks;

            namespace MyApp
            {
                public class Completions
                {
                    public Task<string> GetClaudeCompletionAsync(string prompt) => Task.FromResult(prompt);
                }

                class C
                {
                    Task<string> M(Completions completions) => completions.GetClaudeCompletionAsync(42, true);
                }
            }
            """, editorConfig: null, compilerErrorsAllowed: true);

        [Fact]
        public Task AnthropicSdkMessagesCalls_AreNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Constants;
            using Anthropic.SDK.Messaging;

            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    var parameters = new MessageParameters
                    {
                        Messages = new List<Message> { new Message(RoleType.User, "Hi") },
                        MaxTokens = 512,
                        Model = AnthropicModels.Claude35Sonnet,
                        Temperature = 1.0m,
                    };
                    var result = await client.Messages.GetClaudeMessageAsync(parameters);
                    await foreach (var e in client.Messages.StreamClaudeMessageAsync(parameters)) { }
                    var other = await api.Completions.CompletePostAsync(parameters);
                    var chat = await api.TextCompletions.CreateAsync(parameters);
                }
            }
            """, editorConfig: null, compilerErrorsAllowed: true);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Files.VerifyReportedButSilentWhenGeneratedAsync("""
            using System.Threading.Tasks;

            class C
            {
                async Task M(dynamic client)
                {
                    var p = new {|CTM010:Anthropic.SDK.Completions.SamplingParameters|} { MaxTokensToSample = 5 };
                    await client.Completions.{|CTM010:GetClaudeCompletionAsync|}(p);
                    await client.TextCompletions.{|CTM010:CompletePostAsync|}(p);
                }
            }
            """, editorConfig: null, compilerErrorsAllowed: true);
    }
}
