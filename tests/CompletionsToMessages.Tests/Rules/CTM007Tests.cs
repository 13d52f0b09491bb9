using System.Threading.Tasks;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyStreamingAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM007: parsing the legacy Text Completions stream (docs/rules/CTM007.md).</summary>
    public class CTM007Tests
    {
        /// <summary>Makes the file mention Anthropic and the compilation use the Text Completions API (the rule's gates).</summary>
        private const string Legacy = "static class Api { public const string Url = \"https://api.anthropic.com/v1/complete\"; }\n";

        private const string CompletionEvent = "The 'completion' event";
        private const string Done = "'[DONE]' (end of the cumulative 2023-01-01 stream)";

        [Fact]
        public Task CompletionEventLine_IsReported() => Verify.VerifyAsync(
            """
            using System;

            class C
            {
                void Parse(string line)
                {
                    if ({|#0:line == "event: completion"|}) { }
                    if ({|#1:line.StartsWith("event: completion")|}) { }
                    if ({|#2:line.StartsWith("event: completion", StringComparison.Ordinal)|}) { }
                    if ({|#3:line.Equals("event: completion")|}) { }
                    if ({|#4:string.Equals(line.Trim(), "event: completion")|}) { }
                    if ({|#5:line.Contains("event: completion")|}) { }
                    if ({|#6:line == "event:completion"|}) { }
                    if ({|#7:line.StartsWith("event: completion\n")|}) { }
                }
            }
            """ + Legacy,
            Verify.Diagnostic("CTM007").WithLocation(0).WithArguments(CompletionEvent),
            Verify.Diagnostic("CTM007").WithLocation(1).WithArguments(CompletionEvent),
            Verify.Diagnostic("CTM007").WithLocation(2).WithArguments(CompletionEvent),
            Verify.Diagnostic("CTM007").WithLocation(3).WithArguments(CompletionEvent),
            Verify.Diagnostic("CTM007").WithLocation(4).WithArguments(CompletionEvent),
            Verify.Diagnostic("CTM007").WithLocation(5).WithArguments(CompletionEvent),
            Verify.Diagnostic("CTM007").WithLocation(6).WithArguments(CompletionEvent),
            Verify.Diagnostic("CTM007").WithLocation(7).WithArguments(CompletionEvent));

        [Fact]
        public Task EventNameComparedWithCompletion_IsReported() => Verify.VerifyAsync(
            """
            class C
            {
                string? eventName;

                void OnLine(string line)
                {
                    if (line.StartsWith("event: "))
                    {
                        eventName = line.Substring(7);
                    }
                    else if (line.StartsWith("data: ") && {|CTM007:eventName == "completion"|})
                    {
                    }

                    bool equals = {|CTM007:"completion".Equals(eventName)|};
                    bool pattern = eventName is {|CTM007:"completion"|};
                }

                void Dispatch(string name)
                {
                    switch (name)
                    {
                        {|CTM007:case "completion":|}
                            break;
                        case "ping":
                            break;
                    }
                }

                int Kind(string name) => name switch
                {
                    {|CTM007:"completion"|} => 1,
                    "error" => 2,
                    _ => 0,
                };
            }
            """ + Legacy);

        [Fact]
        public Task DoneSentinel_IsReported() => Verify.VerifyAsync(
            """
            class C
            {
                void Parse(string line, string data)
                {
                    if ({|#0:line == "data: [DONE]"|}) { }
                    if ({|#1:data == "[DONE]"|}) { }
                    if ({|#2:line.Trim() != "data: [DONE]"|}) { }
                    if ({|#3:data.StartsWith("[DONE]")|}) { }
                    if ({|#4:line.EndsWith("[DONE]")|}) { }
                    if ({|#5:line.Contains("data:[DONE]")|}) { }
                    if (data is {|#6:"[DONE]"|}) { }
                    switch (data)
                    {
                        {|#7:case "[DONE]":|}
                            return;
                    }
                }
            }
            """ + Legacy,
            Verify.Diagnostic("CTM007").WithLocation(0).WithArguments(Done),
            Verify.Diagnostic("CTM007").WithLocation(1).WithArguments(Done),
            Verify.Diagnostic("CTM007").WithLocation(2).WithArguments(Done),
            Verify.Diagnostic("CTM007").WithLocation(3).WithArguments(Done),
            Verify.Diagnostic("CTM007").WithLocation(4).WithArguments(Done),
            Verify.Diagnostic("CTM007").WithLocation(5).WithArguments(Done),
            Verify.Diagnostic("CTM007").WithLocation(6).WithArguments(Done),
            Verify.Diagnostic("CTM007").WithLocation(7).WithArguments(Done));

        [Fact]
        public Task CumulativeStreamLoop_IsReported() => Verify.VerifyAsync(
            """
            using System.IO;
            using System.Net.Http;
            using System.Text.Json;
            using System.Threading.Tasks;

            class LegacyStreamer
            {
                // anthropic-version 2023-01-01: every chunk carries the whole text so far.
                async Task<string> StreamAsync(HttpClient http, HttpRequestMessage request)
                {
                    request.Headers.Add("anthropic-version", "2023-01-01");
                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    string text = "";
                    while (await reader.ReadLineAsync() is string line)
                    {
                        if (!line.StartsWith("data: "))
                        {
                            continue;
                        }

                        string data = line.Substring(6);
                        if ({|CTM007:data == "[DONE]"|})
                        {
                            break;
                        }

                        text = JsonDocument.Parse(data).RootElement.GetProperty("completion").GetString()!;
                    }

                    return text;
                }
            }
            """);

        [Fact]
        public Task NullConditionalPrefixTest_IsReported() => Verify.VerifyAsync(
            """
            class C
            {
                bool? Done(string? line) => {|CTM007:line?.StartsWith("data: [DONE]")|};
            }
            """ + Legacy);

        // ---------------- After the streaming fix: parsers of the shim's LegacyEventStream ----------------

        /// <summary>Stands in for the shim's adapter (the rule recognises its call by name, syntax only).</summary>
        private const string AdapterStub = """
            namespace CompletionsToMessages.Shim
            {
                static class LegacyEventStream { public static System.IO.Stream FromMessages(System.IO.Stream messages) => messages; }
            }

            """;

        [Fact]
        public Task ParsersOfTheAdapterStream_AreNotReported_AnUnwrappedReadInTheSameFileIs() => Verify.VerifyAsync(
            """
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            using CompletionsToMessages.Shim;

            class Streams
            {
                // What the fix leaves: the read wrapped in the adapter, the 2023-06-01 parser as it was.
                async Task<int> WrappedAsync(HttpClient http, HttpRequestMessage request)
                {
                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    using var reader = new StreamReader(LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync()));
                    int events = 0;
                    while (await reader.ReadLineAsync() is string line)
                    {
                        if (line == "event: completion" || line.StartsWith("event:completion")) events++;
                        if (line == "data: [DONE]") break;
                    }

                    return events;
                }

                // A parser handed the (adapter's) stream: it reads no response of its own.
                static bool IsCompletion(string eventName) => eventName == "completion";

                static async Task<bool> FirstIsCompletionAsync(Stream events)
                {
                    using var reader = new StreamReader(events);
                    return await reader.ReadLineAsync() == "event: completion";
                }

                // Another request of the same file, not migrated: still the legacy stream.
                async Task<bool> UnwrappedAsync(HttpClient http, HttpRequestMessage request)
                {
                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    return {|CTM007:await reader.ReadLineAsync() == "event: completion"|};
                }
            }
            """ + AdapterStub + Legacy);

        [Fact]
        public Task WithoutTheAdapterCall_TheSameParsersAreReported() => Verify.VerifyAsync(
            """
            using System.IO;
            using System.Threading.Tasks;

            class Streams
            {
                // The type's name alone (a comment, a nameof) is not the adapter's call: LegacyEventStream.
                static bool IsCompletion(string eventName) => {|CTM007:eventName == "completion"|};

                static async Task<bool> FirstIsCompletionAsync(Stream events)
                {
                    using var reader = new StreamReader(events);
                    return {|CTM007:await reader.ReadLineAsync() == "event: completion"|};
                }
            }
            """ + Legacy);

        // ---------------- Look-alikes ----------------

        [Fact]
        public Task OpenAiStreamingFile_WithoutAnthropicContext_IsNotReported()
        {
            // The compilation uses Text Completions (Api.cs), but the OpenAI file never mentions Anthropic/Claude.
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add(("Api.cs", Legacy));
            test.TestState.Sources.Add(("OpenAiStream.cs", """
                class OpenAiStream
                {
                    const string Url = "https://api.openai.com/v1/completions";

                    bool IsEnd(string line) => line == "data: [DONE]" || line.Trim() == "[DONE]";
                }
                """));
            return test.RunAsync();
        }

        [Fact]
        public Task OpenAiOnlyCompilation_IsNotReported() => Verify.VerifyAsync(
            """
            class OpenAiStream
            {
                const string Url = "https://api.openai.com/v1/completions";

                bool IsEnd(string line) => line == "data: [DONE]";
                bool IsChunk(string type) => type == "completion";
            }
            """);

        [Fact]
        public Task AnthropicFile_InCompilationWithoutTextCompletions_IsNotReported() => Verify.VerifyAsync(
            """
            class ClaudeMessagesStream
            {
                const string Url = "https://api.anthropic.com/v1/messages";

                bool IsEnd(string line) => line == "data: [DONE]";
            }
            """);

        [Fact]
        public Task MessagesStreamEvents_AreNotReported() => Verify.VerifyAsync(
            """
            class C
            {
                void OnEvent(string eventName, string line)
                {
                    if (eventName == "content_block_delta") { }
                    if (eventName == "message_stop") { }
                    if (line.StartsWith("event: content_block_delta")) { }
                    if (eventName == "ping" || eventName == "error") { }
                    if (line == "data: [DONE] ") { }
                    if (line == "[DONE]!") { }
                    if (line == "completions") { }
                    if (line == "event: completions") { }
                }
            }
            """ + Legacy);

        [Fact]
        public Task NonComparisons_AreNotReported() => Verify.VerifyAsync(
            """
            using System.IO;

            class Emulator
            {
                void Write(TextWriter writer, string eventName)
                {
                    writer.WriteLine("event: completion");
                    writer.WriteLine("data: [DONE]");
                    string name = "completion";
                    eventName = "completion";
                    string[] names = { "completion", "[DONE]" };
                }
            }
            """ + Legacy);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Verify.VerifyAsync(
            """
            // <auto-generated/>
            class C
            {
                bool A(string line) => line == "event: completion";
                bool B(string line) => line == "data: [DONE]";
            }

            """ + Legacy);
    }
}
