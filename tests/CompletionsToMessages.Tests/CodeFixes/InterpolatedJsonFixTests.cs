using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Fixes;
using CompletionsToMessages.Shim;
using CompletionsToMessages.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// JSON request text with holes (regular, verbatim and raw interpolated strings): CTM002 rewrites it when every hole
    /// is a JSON value and the prompt is a serialized hole (<c>JsonSerializer.Serialize(x)</c>,
    /// <c>JsonConvert.SerializeObject(x)</c>); CTM001 migrates the whole request of samples/InterpolatedJson's shape
    /// (a const endpoint through <c>new Uri(…)</c>, either branch of a base-address choice); CTM005 reads
    /// <c>R?["completion"]?.GetValue&lt;string&gt;()</c> from the text blocks of <c>content</c>. The fixed code is also
    /// compiled and run: its output must parse as the Messages body the API rules call for.
    /// </summary>
    public class InterpolatedJsonFixTests
    {
        // ---------------- CTM002: raw interpolated string, prompt local with a prefill (the sample's shape) ----------------

        private const string RawSource = """"
            using System.Text.Json;

            class C
            {
                public static string Body(string sentence)
                {
                    string prompt = $"\n\nHuman: Extract the city from <sentence>{sentence}</sentence>. Answer with {{\"city\": \"...\"}} only.\n\nAssistant: {{";

                    string json = $$"""
                        {
                          "model": "claude-2.0",
                          "prompt": {{JsonSerializer.Serialize(prompt)}},
                          "max_tokens_to_sample": 200,
                          "temperature": 0
                        }
                        """;
                    return json;
                }
            }
            """";

        // The user turn keeps its hole; the prefill "{" (its trailing space trimmed) is the final assistant message; the
        // prompt local is gone (its only use was the body).
        private const string RawFixed = """"
            using System.Text.Json;

            class C
            {
                public static string Body(string sentence)
                {
                    string json = $$"""
                        {
                          "model": "claude-2.0",
                          "messages": {{JsonSerializer.Serialize(new[] { new { role = "user", content = $"Extract the city from <sentence>{sentence}</sentence>. Answer with {{\"city\": \"...\"}} only." }, new { role = "assistant", content = "{" } })}},
                          "max_tokens": 200,
                          "temperature": 0
                        }
                        """;
                    return json;
                }
            }
            """";

        [Fact]
        public Task Raw_SerializedPromptLocal_WithPrefill_BecomesSerializedMessages() =>
            VerifyWithoutMarkupAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(RawSource, RawFixed, shim: false, Ctm002(RawSource, "$$\"\"\"", "\"\"\""));

        // ---------------- CTM002: raw interpolated string, inline interpolated prompt with system text ----------------

        private const string RawSystemSource = """"
            using System.Text.Json;

            class C
            {
                public static string Body(string question)
                {
                    return $$"""
                        {
                          "model": "claude-2.1",
                          "prompt": {{JsonSerializer.Serialize($"You are terse.\n\nHuman: {question}\n\nAssistant:")}},
                          "max_tokens_to_sample": 50
                        }
                        """;
                }
            }
            """";

        // system and messages each on a line of their own, indented like the prompt member.
        private const string RawSystemFixed = """"
            using System.Text.Json;

            class C
            {
                public static string Body(string question)
                {
                    return $$"""
                        {
                          "model": "claude-2.1",
                          "system": {{JsonSerializer.Serialize("You are terse.")}},
                          "messages": {{JsonSerializer.Serialize(new[] { new { role = "user", content = question } })}},
                          "max_tokens": 50
                        }
                        """;
                }
            }
            """";

        [Fact]
        public Task Raw_InlinePromptWithSystemText_OneMemberPerLine() =>
            VerifyWithoutMarkupAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(RawSystemSource, RawSystemFixed, shim: false, Ctm002(RawSystemSource, "$$\"\"\"", "\"\"\""));

        // ---------------- CTM002: regular interpolated string, inline concatenation with system text ----------------

        private const string RegularFixed = """
            using System.Text.Json;

            class C
            {
                public static string Body(string question, int max) => $"{{\"model\": \"claude-2.1\", \"system\": {JsonSerializer.Serialize("You answer in French.")}, \"messages\": {JsonSerializer.Serialize(new[] { new { role = "user", content = question } })}, \"max_tokens\": {max}}}";
            }
            """;

        [Fact]
        public Task Regular_InlineConcatenation_WithSystemText() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Text.Json;

            class C
            {
                public static string Body(string question, int max) => {|CTM002:$"{{\"model\": \"claude-2.1\", \"prompt\": {JsonSerializer.Serialize("You answer in French.\n\nHuman: " + question + "\n\nAssistant:")}, \"max_tokens_to_sample\": {max}}}"|};
            }
            """,
            RegularFixed,
            shim: false);

        // ---------------- CTM002: verbatim interpolated string, Newtonsoft, one member per line ----------------

        private const string VerbatimFixed = """
            using Newtonsoft.Json;

            class C
            {
                public static string Body(string text)
                {
                    var prompt = "\n\nHuman: Summarize: " + text + "\n\nAssistant:";
                    var other = prompt.Length;
                    return $@"{{
              ""model"": ""claude-instant-1.2"",
              ""messages"": {JsonConvert.SerializeObject(new[] { new { role = "user", content = $"Summarize: {text}" } })},
              ""max_tokens"": 300,
              ""stop_sequences"": [""END""]
            }}";
                }
            }
            """;

        [Fact]
        public Task Verbatim_Newtonsoft_PromptLocalUsedElsewhere_Stays() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using Newtonsoft.Json;

            class C
            {
                public static string Body(string text)
                {
                    var prompt = "\n\nHuman: Summarize: " + text + "\n\nAssistant:";
                    var other = prompt.Length;
                    return {|CTM002:$@"{{
              ""model"": ""claude-instant-1.2"",
              ""prompt"": {JsonConvert.SerializeObject(prompt)},
              ""max_tokens_to_sample"": 300,
              ""stop_sequences"": [""END""]
            }}"|};
                }
            }
            """,
            VerbatimFixed,
            shim: false);

        // ---------------- CTM002: prompt known only at run time, shim referenced ----------------

        private const string RuntimeFixed = """
            using System.Linq;
            using System.Text.Json;
            using CompletionsToMessages.Shim;

            class C
            {
                public static string Body(string prompt)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    string json = $"{{\"model\": \"claude-2.1\", \"system\": {JsonSerializer.Serialize(converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } })}, \"messages\": {JsonSerializer.Serialize(converted.Messages.Select(m => new { role = m.Role, content = m.Content }))}, \"max_tokens\": 256}}";
                    return json;
                }
            }
            """;

        [Fact]
        public Task Regular_ParameterPrompt_WithShim_IsConvertedAtRunTime() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Text.Json;

            class C
            {
                public static string Body(string prompt)
                {
                    string json = {|CTM002:$"{{\"model\": \"claude-2.1\", \"prompt\": {JsonSerializer.Serialize(prompt)}, \"max_tokens_to_sample\": 256}}"|};
                    return json;
                }
            }
            """,
            RuntimeFixed,
            shim: true);

        // ---------------- CTM002: not offered ----------------

        [Fact]
        public Task NotOffered_PromptSplicedAsRawText_MessageSaysWhy() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            class C
            {
                string Body(string question) => {|#0:$"{{\"model\": \"claude-2.1\", \"prompt\": \"\\n\\nHuman: {question}\\n\\nAssistant:\", \"max_tokens_to_sample\": 300}}"|};
            }
            """,
            null,
            shim: true,
            new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("JSON text" + LegacyRequestBodyAnalyzer.RawTextHoleNote));

        [Fact]
        public Task NotOffered_AnotherHoleIsRawText_EvenWithASerializedPrompt() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Text.Json;

            class C
            {
                string Body(string model, string q) => {|#0:$"{{\"model\": \"{model}\", \"prompt\": {JsonSerializer.Serialize("\n\nHuman: " + q + "\n\nAssistant:")}, \"max_tokens_to_sample\": 300}}"|};
            }
            """,
            null,
            shim: false,
            new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("JSON text" + LegacyRequestBodyAnalyzer.RawTextHoleNote));

        [Fact]
        public Task NotOffered_PromptLocalReassigned() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Text.Json;

            class C
            {
                string Body(string q, bool polite)
                {
                    string prompt = $"\n\nHuman: {q}\n\nAssistant:";
                    if (polite)
                    {
                        prompt = $"\n\nHuman: Please, {q}\n\nAssistant:";
                    }

                    return {|#0:$"{{\"model\": \"claude-2.1\", \"prompt\": {JsonSerializer.Serialize(prompt)}, \"max_tokens_to_sample\": 300}}"|};
                }
            }
            """,
            null,
            shim: false,
            new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("JSON text"));

        [Fact]
        public Task NotOffered_PromptParameter_WithoutShim_MessageSaysTheShimWould() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Text.Json;

            class C
            {
                string Body(string prompt) => {|#0:$"{{\"model\": \"claude-2.1\", \"prompt\": {JsonSerializer.Serialize(prompt)}, \"max_tokens_to_sample\": 300}}"|};
            }
            """,
            null,
            shim: false,
            new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("JSON text" + LegacyRequestBodyAnalyzer.RuntimePromptNote));

        [Fact]
        public Task NotOffered_HumanStopSequence_InTextWithHoles() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Text.Json;

            class C
            {
                string Body(string q) => {|CTM002:$"{{\"model\": \"claude-2.1\", \"prompt\": {JsonSerializer.Serialize("\n\nHuman: " + q + "\n\nAssistant:")}, \"max_tokens_to_sample\": 300, \"stop_sequences\": [\"\\n\\nHuman:\"]}}"|};
            }
            """,
            null,
            shim: false);

        [Fact]
        public Task LookAlike_MessagesJsonWithHoles_IsNotReported() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Text.Json;

            class C
            {
                string Body(string q) => $"{{\"model\": \"claude-haiku-4-5\", \"messages\": {JsonSerializer.Serialize(new[] { new { role = "user", content = q } })}, \"max_tokens\": 300}}";
            }
            """,
            null,
            shim: false);

        // ---------------- CTM004: the "model" id in the text of an interpolated string ----------------

        private const string Successor = "completions_to_messages.model_successors = claude-2.0=claude-haiku-4-5";

        [Fact]
        public Task Ctm004_ModelInRegularInterpolatedJson_GetsTheConfiguredSuccessor() => CodeFixVerifier<ModelIdAnalyzer, ModelIdCodeFix>.VerifyAsync(
            """
            class C
            {
                string Body(int max) => $"{|CTM004:{{\"model\": \"claude-2.0\", \"max_tokens\": |}{max}}}";
            }
            """,
            """
            class C
            {
                string Body(int max) => $"{{\"model\": \"claude-haiku-4-5\", \"max_tokens\": {max}}}";
            }
            """,
            Successor);

        [Fact]
        public Task Ctm004_ModelInRawInterpolatedJson_GetsTheConfiguredSuccessor()
        {
            const string source = """"
                class C
                {
                    string Body(int max) => $$"""
                        {
                          "model": "claude-2.0",
                          "max_tokens": {{max}}
                        }
                        """;
                }
                """";
            int from = source.IndexOf("$$\"\"\"\n", StringComparison.Ordinal) + 6; // the text part starts on the line after the opening quotes
            int to = source.IndexOf("{{max}}", StringComparison.Ordinal);
            return VerifyWithoutMarkupAsync<ModelIdAnalyzer, ModelIdCodeFix>(
                source,
                source.Replace("\"claude-2.0\"", "\"claude-haiku-4-5\"", StringComparison.Ordinal),
                shim: false,
                Successor,
                Span(new DiagnosticResult("CTM004", DiagnosticSeverity.Warning), source, from, to));
        }

        [Fact]
        public Task Ctm004_LookAlikes_ModelHoleOrProse_AreNotReported() => CodeFixVerifier<ModelIdAnalyzer, ModelIdCodeFix>.VerifyAsync(
            """
            class C
            {
                string Body(string model) => $"{{\"model\": \"{model}\", \"note\": \"claude-2.0 was retired\"}}";
            }
            """,
            """
            class C
            {
                string Body(string model) => $"{{\"model\": \"{model}\", \"note\": \"claude-2.0 was retired\"}}";
            }
            """,
            Successor);

        // ---------------- CTM001: the sample's whole request ----------------

        private const string RequestSource = """"
            using System;
            using System.Net.Http;
            using System.Text;
            using System.Text.Json;
            using System.Threading.Tasks;

            static class Program
            {
                private const string Endpoint = "https://api.anthropic.com/v1/complete";

                static async Task<string> Ask(HttpClient http, string baseUrl, string sentence)
                {
                    Uri endpoint = string.IsNullOrEmpty(baseUrl) ? new Uri(Endpoint) : new Uri(new Uri(baseUrl), new Uri(Endpoint).AbsolutePath);
                    string prompt = $"\n\nHuman: Where is <sentence>{sentence}</sentence>?\n\nAssistant: {{";
                    string json = $$"""
                        {
                          "model": "claude-2.0",
                          "prompt": {{JsonSerializer.Serialize(prompt)}},
                          "max_tokens_to_sample": 200
                        }
                        """;
                    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                    {
                        Content = new StringContent(json, Encoding.UTF8, "application/json"),
                    };
                    using HttpResponseMessage response = await http.SendAsync(request);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """";

        [Fact]
        public Task Ctm001_ConstEndpointThroughNewUri_BothBranches_BodyInReach() =>
            VerifyWithoutMarkupAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(
                RequestSource,
                """"
                using System;
                using System.Net.Http;
                using System.Text;
                using System.Text.Json;
                using System.Threading.Tasks;

                static class Program
                {
                    private const string Endpoint = "https://api.anthropic.com/v1/messages";

                    static async Task<string> Ask(HttpClient http, string baseUrl, string sentence)
                    {
                        Uri endpoint = string.IsNullOrEmpty(baseUrl) ? new Uri(Endpoint) : new Uri(new Uri(baseUrl), new Uri(Endpoint).AbsolutePath);
                        string json = $$"""
                            {
                              "model": "claude-2.0",
                              "messages": {{JsonSerializer.Serialize(new[] { new { role = "user", content = $"Where is <sentence>{sentence}</sentence>?" }, new { role = "assistant", content = "{" } })}},
                              "max_tokens": 200
                            }
                            """;
                        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                        {
                            Content = new StringContent(json, Encoding.UTF8, "application/json"),
                        };
                        using HttpResponseMessage response = await http.SendAsync(request);
                        return await response.Content.ReadAsStringAsync();
                    }
                }
                """",
                shim: false,
                Ctm001(RequestSource, "\"https://api.anthropic.com/v1/complete\""));

        [Fact]
        public Task Ctm001_NotOffered_WhenAnotherUseOfTheEndpointHasNoBody()
        {
            string source = RequestSource.Replace(
                "        using HttpResponseMessage response = await http.SendAsync(request);",
                "        using HttpResponseMessage probe = await http.GetAsync(new Uri(Endpoint));\n        using HttpResponseMessage response = await http.SendAsync(request);");
            Assert.NotEqual(RequestSource, source);
            return VerifyWithoutMarkupAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(source, source, shim: false, Ctm001(source, "\"https://api.anthropic.com/v1/complete\""));
        }

        [Fact]
        public Task Ctm001_NotOffered_WhenTheBodySplicesRawText()
        {
            string source = RequestSource.Replace("\"model\": \"claude-2.0\"", "\"model\": \"{{sentence}}\"");
            Assert.NotEqual(RequestSource, source);
            return VerifyWithoutMarkupAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(source, source, shim: false, Ctm001(source, "\"https://api.anthropic.com/v1/complete\""));
        }

        // ---------------- CTM005: JsonNode with null-conditional indexers ----------------

        // Null where the original was null (no response, no content); the concatenated text blocks otherwise.
        private const string Ctm005Fixed = """
            #nullable enable
            using System.Linq;
            using System.Text.Json.Nodes;

            class C
            {
                // The answer of the Anthropic API.
                string Read(string text)
                {
                    JsonNode? result = JsonNode.Parse(text);
                    string completion = result?["content"]?.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]).Aggregate(string.Empty, (text2, part) => text2 + part) ?? string.Empty;
                    string raw = result?["content"]?.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]).Aggregate(string.Empty, (text2, part) => text2 + part) ?? "none";
                    return completion + raw + JsonNode.Parse(text)?["content"]?.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]).Aggregate(string.Empty, (text2, part) => text2 + part);
                }
            }
            """;

        [Fact]
        public Task Ctm005_NullConditionalJsonNodeRead_BecomesTextBlocksOfContent() => VerifyAsync<LegacyResponseReadAnalyzer, LegacyResponseReadCodeFix>(
            """
            #nullable enable
            using System.Text.Json.Nodes;

            class C
            {
                // The answer of the Anthropic API.
                string Read(string text)
                {
                    JsonNode? result = JsonNode.Parse(text);
                    string completion = {|CTM005:result?["completion"]|}?.GetValue<string>() ?? string.Empty;
                    string raw = {|CTM005:result?["completion"]|}?.ToString() ?? "none";
                    return completion + raw + {|CTM005:JsonNode.Parse(text)?["completion"]|}?.GetValue<string>();
                }
            }
            """,
            Ctm005Fixed,
            shim: false);

        [Fact]
        public Task Ctm005_NotOffered_ForAParameterOrANestedRead() => VerifyAsync<LegacyResponseReadAnalyzer, LegacyResponseReadCodeFix>(
            """
            #nullable enable
            using System.Text.Json.Nodes;

            class C
            {
                // The answer of the Anthropic API.
                string Read(JsonNode? result) => {|CTM005:result?["completion"]|}?.GetValue<string>() ?? string.Empty;

                int Length(string text)
                {
                    JsonNode? result = JsonNode.Parse(text);
                    return {|CTM005:result?["completion"]|}?.GetValue<string>()?.Length ?? 0;
                }
            }
            """,
            null,
            shim: false);

        // ---------------- the fixed code, compiled and run ----------------

        private const string Tricky = "Lisbon \"Alfama\" \\ {braces} }} <tag> é 😀\nnext line\ttab";

        [Fact]
        public void RawFixed_SendsTheConvertedTurns_EscapedAsJson()
        {
            using var document = System.Text.Json.JsonDocument.Parse(Run(RawFixed, "C", "Body", Tricky));
            System.Text.Json.JsonElement root = document.RootElement;
            Assert.Equal(new[] { "model", "messages", "max_tokens", "temperature" }, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(200, root.GetProperty("max_tokens").GetInt32());
            Assert.Equal(
                new[]
                {
                    ("user", "Extract the city from <sentence>" + Tricky + "</sentence>. Answer with {\"city\": \"...\"} only."),
                    ("assistant", "{"),
                },
                Messages(root));
        }

        [Fact]
        public void RawSystemFixed_SendsSystemAndTurn()
        {
            using var document = System.Text.Json.JsonDocument.Parse(Run(RawSystemFixed, "C", "Body", Tricky));
            System.Text.Json.JsonElement root = document.RootElement;
            Assert.Equal(new[] { "model", "system", "messages", "max_tokens" }, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("You are terse.", root.GetProperty("system").GetString());
            Assert.Equal(50, root.GetProperty("max_tokens").GetInt32());
            Assert.Equal(new[] { ("user", Tricky) }, Messages(root));
        }

        [Fact]
        public void RegularFixed_SendsSystemAndTurn()
        {
            using var document = System.Text.Json.JsonDocument.Parse(Run(RegularFixed, "C", "Body", Tricky, 77));
            System.Text.Json.JsonElement root = document.RootElement;
            Assert.Equal(new[] { "model", "system", "messages", "max_tokens" }, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("You answer in French.", root.GetProperty("system").GetString());
            Assert.Equal(77, root.GetProperty("max_tokens").GetInt32());
            Assert.Equal(new[] { ("user", Tricky) }, Messages(root));
        }

        [Fact]
        public void VerbatimFixed_Newtonsoft_SendsTheTurn()
        {
            using var document = System.Text.Json.JsonDocument.Parse(Run(VerbatimFixed, "C", "Body", Tricky));
            System.Text.Json.JsonElement root = document.RootElement;
            Assert.Equal(new[] { "model", "messages", "max_tokens", "stop_sequences" }, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(new[] { ("user", "Summarize: " + Tricky) }, Messages(root));
        }

        [Fact]
        public void RuntimeFixed_SendsSystemBlocksAndTurns()
        {
            using (var document = System.Text.Json.JsonDocument.Parse(Run(RuntimeFixed, "C", "Body", "Be terse.\n\nHuman: " + Tricky + "\n\nAssistant: { ")))
            {
                System.Text.Json.JsonElement root = document.RootElement;
                Assert.Equal(new[] { "model", "system", "messages", "max_tokens" }, root.EnumerateObject().Select(p => p.Name));
                System.Text.Json.JsonElement block = Assert.Single(root.GetProperty("system").EnumerateArray());
                Assert.Equal("text", block.GetProperty("type").GetString());
                Assert.Equal("Be terse.", block.GetProperty("text").GetString());
                Assert.Equal(new[] { ("user", Tricky), ("assistant", "{") }, Messages(root));
            }

            using (var document = System.Text.Json.JsonDocument.Parse(Run(RuntimeFixed, "C", "Body", "\n\nHuman: Hi\n\nAssistant:")))
            {
                Assert.Empty(document.RootElement.GetProperty("system").EnumerateArray());
                Assert.Equal(new[] { ("user", "Hi") }, Messages(document.RootElement));
            }
        }

        [Fact]
        public void Ctm005Fixed_ReadsTheTextBlocksOfAMessagesResponse()
        {
            // Two text blocks around a tool_use block (no text): their texts, concatenated; read three times.
            const string response = "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"{\\\"city\\\": \"},{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}},{\"type\":\"text\",\"text\":\"\\\"Lisbon\\\"}\"}],\"stop_reason\":\"end_turn\"}";
            string answer = "{\"city\": \"Lisbon\"}";
            Assert.Equal(answer + answer + answer, Run(Ctm005Fixed, "C", "Read", response));

            // No content (an error body): the reads are null, as "completion" was, and the defaults apply.
            Assert.Equal("none", Run(Ctm005Fixed, "C", "Read", "{\"type\":\"error\"}"));
        }

        private static IEnumerable<(string Role, string Content)> Messages(System.Text.Json.JsonElement root) =>
            root.GetProperty("messages").EnumerateArray().Select(m =>
            {
                Assert.Equal(new[] { "role", "content" }, m.EnumerateObject().Select(p => p.Name));
                return (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!);
            }).ToList();

        /// <summary>Compiles <paramref name="source"/> (against this process's framework, Newtonsoft and the shim) and calls a method.</summary>
        private static string Run(string source, string type, string method, params object[] arguments)
        {
            string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator);
            IEnumerable<MetadataReference> references = platform
                .Select(path => MetadataReference.CreateFromFile(path))
                .Append(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.Linq.JArray).Assembly.Location))
                .Append(MetadataReference.CreateFromFile(typeof(LegacyPrompt).Assembly.Location));
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "InterpolatedJson" + Guid.NewGuid().ToString("N"),
                new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)) },
                references,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
            using var stream = new System.IO.MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(stream);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            System.Reflection.Assembly assembly = System.Reflection.Assembly.Load(stream.ToArray());
            Type compiled = assembly.GetType(type)!;
            System.Reflection.MethodInfo target = compiled.GetMethod(method, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance)!;
            return (string)target.Invoke(target.IsStatic ? null : Activator.CreateInstance(compiled, nonPublic: true), arguments)!;
        }

        // ---------------- verifier ----------------

        private static DiagnosticResult Ctm002(string source, string start, string end) =>
            At(new DiagnosticResult("CTM002", DiagnosticSeverity.Warning), source, start, end);

        private static DiagnosticResult Ctm001(string source, string literal) =>
            At(new DiagnosticResult("CTM001", DiagnosticSeverity.Warning), source, literal, null);

        /// <summary>The span from the first <paramref name="start"/> to the end of the next <paramref name="end"/> (or of <paramref name="start"/>).</summary>
        private static DiagnosticResult At(DiagnosticResult result, string source, string start, string? end)
        {
            int from = source.IndexOf(start, StringComparison.Ordinal);
            Assert.True(from >= 0, start);
            int to = end is null ? from + start.Length : source.IndexOf(end, from + start.Length, StringComparison.Ordinal) + end.Length;
            return Span(result, source, from, to);
        }

        private static DiagnosticResult Span(DiagnosticResult result, string source, int from, int to)
        {
            (int Line, int Column) Position(int offset)
            {
                string before = source.Substring(0, offset);
                int line = before.Count(c => c == '\n') + 1;
                return (line, offset - before.LastIndexOf('\n'));
            }

            (int startLine, int startColumn) = Position(from);
            (int endLine, int endColumn) = Position(to);
            return result.WithSpan("/0/Test0.cs", startLine, startColumn, endLine, endColumn);
        }

        /// <summary>Sources with <c>$$</c> (the caret in test markup) are verified without markup, with explicit spans.</summary>
        private static Task VerifyWithoutMarkupAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, bool shim, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new() =>
            VerifyWithoutMarkupAsync<TAnalyzer, TCodeFix>(source, fixedSource, shim, null, expected);

        private static Task VerifyWithoutMarkupAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, bool shim, string? editorConfig, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new()
        {
            CodeFixVerifier<TAnalyzer, TCodeFix>.Test test = Create<TAnalyzer, TCodeFix>(shim);
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
                test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            test.TestState.MarkupHandling = MarkupMode.None;
            test.FixedState.MarkupHandling = MarkupMode.None;
            test.TestState.Sources.Add(("/0/Test0.cs", source));
            test.FixedState.Sources.Add(("/0/Test0.cs", fixedSource));
            test.ExpectedDiagnostics.AddRange(expected);
            if (fixedSource == source)
            {
                test.FixedState.ExpectedDiagnostics.AddRange(expected);
            }

            return test.RunAsync(CancellationToken.None);
        }

        private static Task VerifyAsync<TAnalyzer, TCodeFix>(string source, string? fixedSource, bool shim, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new()
        {
            CodeFixVerifier<TAnalyzer, TCodeFix>.Test test = Create<TAnalyzer, TCodeFix>(shim);
            test.TestCode = source;
            test.FixedCode = fixedSource ?? source;
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private static CodeFixVerifier<TAnalyzer, TCodeFix>.Test Create<TAnalyzer, TCodeFix>(bool shim)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new()
        {
            var test = new CodeFixVerifier<TAnalyzer, TCodeFix>.Test { ReferenceAssemblies = AnalyzerVerifier<TAnalyzer>.References };
            if (shim)
            {
                MetadataReference reference = MetadataReference.CreateFromFile(typeof(LegacyPrompt).Assembly.Location);
                test.TestState.AdditionalReferences.Add(reference);
                test.FixedState.AdditionalReferences.Add(reference);
            }

            return test;
        }
    }
}
