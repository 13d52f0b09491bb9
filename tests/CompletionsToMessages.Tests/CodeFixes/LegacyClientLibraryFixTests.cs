using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Fixes;
using CompletionsToMessages.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// CTM010 "Use CompletionsToMessages.Shim" for Anthropic.SDK 2.x: <c>await client.Completions.GetClaudeCompletionAsync(new
    /// SamplingParameters { … })</c> on a <c>new AnthropicClient()</c> (key from ANTHROPIC_API_KEY) becomes
    /// <c>using var completionsClient = new CompletionsClient();</c> before the statement and
    /// <c>await completionsClient.CreateAsync(new CompletionRequest { … })</c> with the same members (the client is created
    /// in place, as the SDK client was, where a using declaration cannot go: a lambda, C# 7.3, a member with goto); SDK model
    /// constants become the ids they stood for (claude-2, claude-instant-1.2, …) and AnthropicSignals.HumanSignal /
    /// AssistantSignal the strings "\n\nHuman:" / "\n\nAssistant:". The SDK is a stub of its 2.x types, so both the
    /// legacy and the fixed code compile; the verifier also runs Fix All and compiles the result against the shim.
    /// Expected code is written by hand from those rules. No fix without the shim, for streaming, for a member or value
    /// without a shim counterpart, for a result read otherwise, for a client built with an explicit key.
    /// </summary>
    public class LegacyClientLibraryFixTests
    {
        private const string Sdk = """

            namespace Anthropic.SDK
            {
                public class APIAuthentication { public APIAuthentication(string apiKey) { } }

                public class AnthropicClient
                {
                    public AnthropicClient(APIAuthentication? apiKeys = null, System.Net.Http.HttpClient? client = null) { }

                    public Anthropic.SDK.Completions.CompletionsEndpoint Completions { get; } = new Anthropic.SDK.Completions.CompletionsEndpoint();
                }
            }

            namespace Anthropic.SDK.Constants
            {
                public static class AnthropicModels
                {
                    public const string Claude_v2 = "claude-2";
                    public const string ClaudeInstant_v1_2 = "claude-instant-1.2";
                    public const string Claude_Something = "claude-something";
                }

                public static class AnthropicSignals
                {
                    public const string HumanSignal = "\n\nHuman:";
                    public const string AssistantSignal = "\n\nAssistant:";
                }
            }

            namespace Anthropic.SDK.Completions
            {
                public class SamplingParameters
                {
                    public string Model { get; set; } = "";
                    public string Prompt { get; set; } = "";
                    public int MaxTokensToSample { get; set; }
                    public string[]? StopSequences { get; set; }
                    public decimal? Temperature { get; set; }
                    public decimal? TopP { get; set; }
                    public int? TopK { get; set; }
                    public bool Stream { get; set; }
                }

                public class CompletionResponse
                {
                    public string Completion { get; set; } = "";
                    public string StopReason { get; set; } = "";
                    public string Model { get; set; } = "";
                    public string? Stop { get; set; }
                    public string? LogId { get; set; }
                }

                public class CompletionsEndpoint
                {
                    public Task<CompletionResponse> GetClaudeCompletionAsync(SamplingParameters parameters) => Task.FromResult(new CompletionResponse());

                    public async IAsyncEnumerable<CompletionResponse> StreamClaudeCompletionAsync(SamplingParameters parameters)
                    {
                        await Task.Yield();
                        yield return new CompletionResponse();
                    }
                }
            }
            """;

        private const string Usings = """
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Completions;
            using Anthropic.SDK.Constants;

            """;

        private const string FixedUsings = """
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Completions;
            using Anthropic.SDK.Constants;
            using CompletionsToMessages.Shim;

            """;

        [Fact]
        public Task MainShape_ObjectInitializerAtTheCall_ConstantsBecomeTheirStrings() => VerifyAsync(
            Usings + """
            class C
            {
                async Task M(string question)
                {
                    var client = new AnthropicClient();
                    var result = await client.Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|}
                    {
                        Model = AnthropicModels.Claude_v2,
                        Prompt = AnthropicSignals.HumanSignal + " " + question + AnthropicSignals.AssistantSignal,
                        MaxTokensToSample = 512,
                        StopSequences = new[] { "\n\nHuman:" },
                        TopK = 5,
                    });
                    Console.WriteLine(result.Completion);
                    Console.WriteLine(result.StopReason + result.Model);
                }
            }
            """ + Sdk,
            FixedUsings + """
            class C
            {
                async Task M(string question)
                {
                    var client = new AnthropicClient();
                    using var completionsClient = new CompletionsClient();
                    var result = await completionsClient.CreateAsync(new CompletionRequest
                    {
                        Model = "claude-2",
                        Prompt = "\n\nHuman:" + " " + question + "\n\nAssistant:",
                        MaxTokensToSample = 512,
                        StopSequences = new[] { "\n\nHuman:" },
                        TopK = 5,
                    });
                    Console.WriteLine(result.Completion);
                    Console.WriteLine(result.StopReason + result.Model);
                }
            }
            """ + Sdk,
            expectedTitle: "Use CompletionsToMessages.Shim");

        [Fact]
        public Task LocalSamplingParameters_UsedOnlyAtTheCall_InterpolatedMarkers() => VerifyAsync(
            Usings + """
            class C
            {
                async Task<string> M(string question)
                {
                    var parameters = new {|CTM010:SamplingParameters|}
                    {
                        Model = AnthropicModels.ClaudeInstant_v1_2,
                        Prompt = $"{AnthropicSignals.HumanSignal} {question}{AnthropicSignals.AssistantSignal}",
                        MaxTokensToSample = 256,
                    };
                    return (await new AnthropicClient().Completions.{|CTM010:GetClaudeCompletionAsync|}(parameters)).Completion;
                }
            }
            """ + Sdk,
            FixedUsings + """
            class C
            {
                async Task<string> M(string question)
                {
                    var parameters = new CompletionRequest
                    {
                        Model = "claude-instant-1.2",
                        Prompt = $"\n\nHuman: {question}\n\nAssistant:",
                        MaxTokensToSample = 256,
                    };
                    using var completionsClient = new CompletionsClient();
                    return (await completionsClient.CreateAsync(parameters)).Completion;
                }
            }
            """ + Sdk);

        [Fact]
        public Task FixAll_TwoCallsInOneFile_OneUsingDirective() => VerifyAsync(
            Usings + """
            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    var a = await client.Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: a\n\nAssistant:", MaxTokensToSample = 10 });
                    var b = await client.Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: b\n\nAssistant:", MaxTokensToSample = 20, Temperature = 1 });
                    Console.WriteLine(a.Completion + b.Completion);
                }
            }
            """ + Sdk,
            FixedUsings + """
            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    using var completionsClient = new CompletionsClient();
                    var a = await completionsClient.CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: a\n\nAssistant:", MaxTokensToSample = 10 });
                    using var completionsClient2 = new CompletionsClient();
                    var b = await completionsClient2.CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: b\n\nAssistant:", MaxTokensToSample = 20, Temperature = 1 });
                    Console.WriteLine(a.Completion + b.Completion);
                }
            }
            """ + Sdk);

        // ---------------------------------------------------------------- where the shim client lives

        [Fact]
        public Task ClientLocalName_AvoidsNamesOfTheMember_AndEachMethodGetsItsOwn() => VerifyAsync(
            Usings + """
            class C
            {
                async Task M(string completionsClient)
                {
                    // Ask once.
                    var result = await new AnthropicClient().Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = completionsClient, MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                }

                async Task N()
                {
                    var result = await new AnthropicClient().Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                }
            }
            """ + Sdk,
            FixedUsings + """
            class C
            {
                async Task M(string completionsClient)
                {
                    using var completionsClient2 = new CompletionsClient();
                    // Ask once.
                    var result = await completionsClient2.CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = completionsClient, MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                }

                async Task N()
                {
                    using var completionsClient = new CompletionsClient();
                    var result = await completionsClient.CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                }
            }
            """ + Sdk);

        [Fact]
        public Task CallInALambda_CreatesTheClientInPlace() => VerifyAsync(
            Usings + """
            class C
            {
                Func<Task<string>> M() => async () => (await new AnthropicClient().Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 })).Completion;
            }
            """ + Sdk,
            FixedUsings + """
            class C
            {
                Func<Task<string>> M() => async () => (await new CompletionsClient().CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 })).Completion;
            }
            """ + Sdk);

        [Fact]
        public Task GotoThatCouldJumpPastTheDeclaration_CreatesTheClientInPlace() => VerifyAsync(
            Usings + """
            class C
            {
                async Task M(bool skip)
                {
                    if (skip) goto done;
                    var result = await new AnthropicClient().Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                done:
                    Console.WriteLine("done");
                }
            }
            """ + Sdk,
            FixedUsings + """
            class C
            {
                async Task M(bool skip)
                {
                    if (skip) goto done;
                    var result = await new CompletionsClient().CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                done:
                    Console.WriteLine("done");
                }
            }
            """ + Sdk);

        /// <summary>The SDK stub without nullable annotations and async iterators (C# 8 features).</summary>
        private static readonly string SdkForCSharp7 = Sdk.Replace("?", string.Empty).Replace(
            "async IAsyncEnumerable<CompletionResponse> StreamClaudeCompletionAsync(SamplingParameters parameters)\n        {\n            await Task.Yield();\n            yield return new CompletionResponse();\n        }",
            "IEnumerable<CompletionResponse> StreamClaudeCompletionAsync(SamplingParameters parameters) { yield return new CompletionResponse(); }");

        [Fact]
        public Task CSharp7_3_CreatesTheClientInPlace() => VerifyAsync(
            Usings.Replace("#nullable enable\n", string.Empty) + SimpleCall + SdkForCSharp7,
            FixedUsings.Replace("#nullable enable\n", string.Empty) + """
            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    var result = await new CompletionsClient().CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                }
            }
            """ + SdkForCSharp7,
            languageVersion: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);

        [Fact]
        public Task TopLevelStatements_GetAGlobalUsingDeclaration() => VerifyAsync(
            Usings + """
            var result = await new AnthropicClient().Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
            Console.WriteLine(result.Completion);
            """ + Sdk,
            FixedUsings + """
            using var completionsClient = new CompletionsClient();
            var result = await completionsClient.CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
            Console.WriteLine(result.Completion);
            """ + Sdk,
            outputKind: OutputKind.ConsoleApplication);

        // ---------------------------------------------------------------- no fix

        private const string SimpleCall = """
            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    var result = await client.Completions.{|CTM010:GetClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                }
            }
            """;

        [Fact]
        public Task ShimNotReferenced_NoFix() => VerifyAsync(Usings + SimpleCall + Sdk, Usings + SimpleCall + Sdk, referenceShim: false);

        [Fact]
        public Task TheSimpleCall_IsFixedWhenTheShimIsReferenced() => VerifyAsync(
            Usings + SimpleCall + Sdk,
            FixedUsings + """
            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    using var completionsClient = new CompletionsClient();
                    var result = await completionsClient.CreateAsync(new CompletionRequest { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 });
                    Console.WriteLine(result.Completion);
                }
            }
            """ + Sdk);

        [Fact]
        public Task Streaming_NoFix() => VerifyNoFixAsync(Usings + """
            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    await foreach (var chunk in client.Completions.{|CTM010:StreamClaudeCompletionAsync|}(new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10, Stream = true }))
                    {
                        Console.Write(chunk.Completion);
                    }
                }
            }
            """ + Sdk);

        [Fact]
        public Task MemberWithoutShimCounterpart_Stream_NoFix() => VerifyNoFixAsync(Usings + SimpleCall.Replace("MaxTokensToSample = 10 }", "MaxTokensToSample = 10, Stream = false }") + Sdk);

        [Fact]
        public Task DecimalTemperature_NotImplicitlyADouble_NoFix() => VerifyNoFixAsync(Usings + SimpleCall.Replace("MaxTokensToSample = 10 }", "MaxTokensToSample = 10, Temperature = 0.5m }") + Sdk);

        [Fact]
        public Task ModelConstantWithoutKnownValue_NoFix() => VerifyNoFixAsync(Usings + SimpleCall.Replace("Model = \"claude-2.1\"", "Model = AnthropicModels.Claude_Something") + Sdk);

        [Fact]
        public Task ResultReadThroughAnotherMember_NoFix() => VerifyNoFixAsync(Usings + SimpleCall.Replace("result.Completion", "result.LogId") + Sdk);

        [Fact]
        public Task ResultPassedOn_NoFix() => VerifyNoFixAsync(Usings + SimpleCall.Replace("Console.WriteLine(result.Completion);", "Console.WriteLine(result);") + Sdk);

        [Fact]
        public Task ClientWithAnExplicitKey_NoFix() => VerifyNoFixAsync(Usings + SimpleCall.Replace("new AnthropicClient()", "new AnthropicClient(new APIAuthentication(\"sk-ant-key\"))") + Sdk);

        [Fact]
        public Task ClientFromAParameter_NoFix() => VerifyNoFixAsync(Usings + SimpleCall
            .Replace("async Task M()", "async Task M(AnthropicClient client)")
            .Replace("        var client = new AnthropicClient();\n", string.Empty) + Sdk);

        [Fact]
        public Task LocalParametersUsedTwice_NoFix() => VerifyNoFixAsync(Usings + """
            class C
            {
                async Task M()
                {
                    var client = new AnthropicClient();
                    var parameters = new {|CTM010:SamplingParameters|} { Model = "claude-2.1", Prompt = "\n\nHuman: hi\n\nAssistant:", MaxTokensToSample = 10 };
                    var result = await client.Completions.{|CTM010:GetClaudeCompletionAsync|}(parameters);
                    Console.WriteLine(result.Completion + parameters.Prompt);
                }
            }
            """ + Sdk);

        // ---------------------------------------------------------------- verifier

        private static Task VerifyNoFixAsync(string source) => VerifyAsync(source, source);

        private static Task VerifyAsync(
            string source,
            string fixedSource,
            bool referenceShim = true,
            string? expectedTitle = null,
            Microsoft.CodeAnalysis.CSharp.LanguageVersion languageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest,
            OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
        {
            var test = new CodeFixVerifier<LegacyClientLibraryAnalyzer, LegacyClientLibraryCodeFix>.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = AnalyzerVerifier<LegacyClientLibraryAnalyzer>.References,
                LanguageVersion = languageVersion,
            };
            test.TestState.OutputKind = outputKind;
            test.FixedState.OutputKind = outputKind;
            if (referenceShim)
            {
                MetadataReference shim = MetadataReference.CreateFromFile(typeof(CompletionsToMessages.Shim.CompletionsClient).Assembly.Location);
                test.TestState.AdditionalReferences.Add(shim);
            }

            if (expectedTitle != null)
            {
                test.CodeActionVerifier = (action, verifier) => verifier.Equal(expectedTitle, action.Title);
            }

            return test.RunAsync(CancellationToken.None);
        }
    }
}
