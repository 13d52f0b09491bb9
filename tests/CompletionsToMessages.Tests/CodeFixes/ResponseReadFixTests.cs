using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Fixes;
using CompletionsToMessages.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// CTM005 "Read the text blocks of content". Expected code is written by hand from the Messages API response shape
    /// (text = concatenation of the "text" of the "type":"text" blocks of "content", other block types skipped). Sources
    /// compile with nullable reference types enabled (unless a test says otherwise) and must stay free of compiler
    /// WARNINGS before and after the fix, as in a project with TreatWarningsAsErrors. The verifier also checks Fix All
    /// (document, project, solution) against fixing one by one. The last test runs the fixed code on a real response.
    /// </summary>
    public class ResponseReadFixTests
    {
        /// <summary>Makes the compilation mention Anthropic (the rule's gate).</summary>
        private const string Anthropic = "static class Api { public const string Url = \"https://api.anthropic.com/v1/complete\"; }\n";

        // ---------------- System.Text.Json: JsonElement ----------------

        [Fact]
        public Task JsonElement_GetString_BecomesConcatenatedTextBlocks_AndLinqIsImported() => VerifyAsync(
            """
            using System.Text.Json;

            class C
            {
                string Read(string json)
                {
                    using JsonDocument doc = JsonDocument.Parse(json);
                    JsonElement root = doc.RootElement;
                    string a = {|CTM005:doc.RootElement.GetProperty("completion")|}.GetString()!;
                    string? b = {|CTM005:root.GetProperty("completion")|}.GetString();
                    return a + b;
                }
            }
            """ + Anthropic,
            """
            using System.Linq;
            using System.Text.Json;

            class C
            {
                string Read(string json)
                {
                    using JsonDocument doc = JsonDocument.Parse(json);
                    JsonElement root = doc.RootElement;
                    string a = string.Concat(doc.RootElement.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString()))!;
                    string? b = string.Concat(root.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString()));
                    return a + b;
                }
            }
            """ + Anthropic);

        [Fact]
        public Task JsonElement_FromAwaitedDeserialize_WithLinqAlreadyImported_KeepsTriviaAndAddsNoUsing() => VerifyAsync(
            """
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> Ask(HttpResponseMessage response)
                {
                    JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
                    string answer = /* the answer */ {|CTM005:body.GetProperty("completion")|}.GetString() ?? ""; // legacy
                    return answer.Trim();
                }
            }
            """ + Anthropic,
            """
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<string> Ask(HttpResponseMessage response)
                {
                    JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
                    string answer = /* the answer */ string.Concat(body.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString())) ?? ""; // legacy
                    return answer.Trim();
                }
            }
            """ + Anthropic);

        [Fact]
        public Task JsonElementDictionary_Indexer_BecomesContentIndexer() => VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using System.Text.Json;

            class C
            {
                async Task<string> Ask(HttpResponseMessage response)
                {
                    Dictionary<string, JsonElement> result = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>()
                        ?? new Dictionary<string, JsonElement>();
                    return {|CTM005:result["completion"]|}.GetString() ?? string.Empty;
                }
            }
            """ + Anthropic,
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using System.Text.Json;

            class C
            {
                async Task<string> Ask(HttpResponseMessage response)
                {
                    Dictionary<string, JsonElement> result = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>()
                        ?? new Dictionary<string, JsonElement>();
                    return string.Concat(result["content"].EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString())) ?? string.Empty;
                }
            }
            """ + Anthropic);

        [Fact]
        public Task LambdaParameter_AvoidsNamesInScope() => VerifyAsync(
            """
            using System.Text.Json;

            class C
            {
                string Read(string json, string block)
                {
                    JsonElement root = JsonDocument.Parse(json).RootElement;
                    string text = {|CTM005:root.GetProperty("completion")|}.GetString()!;
                    string block2 = block + text;
                    return block2;
                }
            }
            """ + Anthropic,
            """
            using System.Linq;
            using System.Text.Json;

            class C
            {
                string Read(string json, string block)
                {
                    JsonElement root = JsonDocument.Parse(json).RootElement;
                    string text = string.Concat(root.GetProperty("content").EnumerateArray().Where(block3 => block3.GetProperty("type").GetString() == "text").Select(block3 => block3.GetProperty("text").GetString()))!;
                    string block2 = block + text;
                    return block2;
                }
            }
            """ + Anthropic);

        // ---------------- System.Text.Json.Nodes ----------------

        [Fact]
        public Task JsonNode_GetValueToStringAndCast_BecomeTextBlocksOfTheArray() => VerifyAsync(
            """
            using System.Text.Json.Nodes;

            class C
            {
                string Read(string json)
                {
                    JsonNode node = JsonNode.Parse(json)!;
                    JsonObject obj = node.AsObject();
                    string a = {|CTM005:node["completion"]|}!.GetValue<string>();
                    string? b = {|CTM005:obj["completion"]|}?.GetValue<string>();
                    string? c = (string?){|CTM005:obj["completion"]|};
                    string d = {|CTM005:JsonNode.Parse(json)!["completion"]|}!.ToString();
                    return a + b + c + d;
                }
            }
            """ + Anthropic,
            """
            using System.Linq;
            using System.Text.Json.Nodes;

            class C
            {
                string Read(string json)
                {
                    JsonNode node = JsonNode.Parse(json)!;
                    JsonObject obj = node.AsObject();
                    string a = string.Concat(node["content"]!.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]));
                    string? b = string.Concat(obj["content"]!.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]));
                    string? c = string.Concat(obj["content"]!.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]));
                    string d = string.Concat(JsonNode.Parse(json)!["content"]!.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]));
                    return a + b + c + d;
                }
            }
            """ + Anthropic);

        // ---------------- Newtonsoft.Json ----------------

        [Fact]
        public Task Newtonsoft_EveryStringRead_BecomesTextBlocks() => VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                string Read(string text)
                {
                    JObject json = JObject.Parse(text);
                    string? a = {|CTM005:json["completion"]|}?.ToString();
                    string? b = (string?){|CTM005:json["completion"]|};
                    string? c = {|CTM005:json.Value<string>("completion")|};
                    string? d = {|CTM005:json["completion"]|}!.Value<string>();
                    string e = {|CTM005:JObject.Parse(text)["completion"]|}!.ToString();
                    return a + b + c + d + e;
                }
            }
            """ + Anthropic,
            """
            using System.Linq;
            using Newtonsoft.Json.Linq;

            class C
            {
                string Read(string text)
                {
                    JObject json = JObject.Parse(text);
                    string? a = string.Concat(json["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    string? b = string.Concat(json["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    string? c = string.Concat(json["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    string? d = string.Concat(json["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    string e = string.Concat(JObject.Parse(text)["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    return a + b + c + d + e;
                }
            }
            """ + Anthropic);

        [Fact]
        public Task Newtonsoft_WithoutNullableContext_HasNoAnnotations() => VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                string Read(string text)
                {
                    JObject json = JObject.Parse(text);
                    return (string){|CTM005:json["completion"]|} + {|CTM005:json["completion"]|}.ToString();
                }
            }
            """ + Anthropic,
            """
            using System.Linq;
            using Newtonsoft.Json.Linq;

            class C
            {
                string Read(string text)
                {
                    JObject json = JObject.Parse(text);
                    return string.Concat(json["content"].Where(block => (string)block["type"] == "text").Select(block => (string)block["text"])) + string.Concat(json["content"].Where(block => (string)block["type"] == "text").Select(block => (string)block["text"]));
                }
            }
            """ + Anthropic,
            nullable: false);

        // ---------------- dynamic (Newtonsoft) ----------------

        [Fact]
        public Task Dynamic_FromJsonConvert_ReadAsString_BecomesJArrayTextBlocks() => VerifyAsync(
            """
            using Newtonsoft.Json;

            class C
            {
                string Read(string json)
                {
                    dynamic result = JsonConvert.DeserializeObject(json)!;
                    string answer = (string){|CTM005:result.completion|};
                    string again = {|CTM005:JsonConvert.DeserializeObject<dynamic>(json)!.completion|};
                    return answer + again;
                }
            }
            """ + Anthropic,
            """
            using System.Linq;
            using Newtonsoft.Json;

            class C
            {
                string Read(string json)
                {
                    dynamic result = JsonConvert.DeserializeObject(json)!;
                    string answer = string.Concat(((Newtonsoft.Json.Linq.JArray)result.content).Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    string again = string.Concat(((Newtonsoft.Json.Linq.JArray)JsonConvert.DeserializeObject<dynamic>(json)!.content).Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    return answer + again;
                }
            }
            """ + Anthropic);

        // ---------------- usings ----------------

        [Fact]
        public Task FileWithoutUsings_GetsLinqFirst_AndNamespaceUsingsAreExtended() => VerifyAsync(
            new[]
            {
                """
                // A header comment.
                class C
                {
                    string Read(string json) => {|CTM005:System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("completion")|}.GetString()!;
                }
                """ + Anthropic,
                """
                namespace App
                {
                    using Newtonsoft.Json.Linq;
                    using System.Text.Json;

                    class D
                    {
                        string Read(string json) => {|CTM005:JsonDocument.Parse(json).RootElement.GetProperty("completion")|}.GetString() + (string?){|CTM005:JObject.Parse(json)["completion"]|};
                    }
                }
                """,
            },
            new[]
            {
                """
                using System.Linq;

                // A header comment.
                class C
                {
                    string Read(string json) => string.Concat(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString()))!;
                }
                """ + Anthropic,
                """
                namespace App
                {
                    using Newtonsoft.Json.Linq;
                    using System.Linq;
                    using System.Text.Json;

                    class D
                    {
                        string Read(string json) => string.Concat(JsonDocument.Parse(json).RootElement.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString())) + string.Concat(JObject.Parse(json)["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    }
                }
                """,
            });

        [Fact]
        public Task GlobalUsingOfLinq_AddsNoUsing() => VerifyAsync(
            new[]
            {
                "global using System.Linq;\n",
                """
                using System.Text.Json;

                class C
                {
                    string? Read(string json) => {|CTM005:JsonDocument.Parse(json).RootElement.GetProperty("completion")|}.GetString();
                }
                """ + Anthropic,
            },
            new[]
            {
                "global using System.Linq;\n",
                """
                using System.Text.Json;

                class C
                {
                    string? Read(string json) => string.Concat(JsonDocument.Parse(json).RootElement.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString()));
                }
                """ + Anthropic,
            });

        // ---------------- Fix All ----------------

        [Fact]
        public Task FixAll_SeveralReadsInOneDocument_OneUsing_FixableAndUnfixableSideBySide() => VerifyAsync(
            """
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using Newtonsoft.Json.Linq;

            class C
            {
                string Read(string text)
                {
                    using JsonDocument doc = JsonDocument.Parse(text);
                    JsonNode node = JsonNode.Parse(text)!;
                    JObject json = JObject.Parse(text);
                    string a = {|CTM005:doc.RootElement.GetProperty("completion")|}.GetString()!;
                    string b = {|CTM005:node["completion"]|}!.GetValue<string>();
                    string? c = (string?){|CTM005:json["completion"]|};
                    string d = {|CTM005:doc.RootElement.GetProperty("completion")|}.ToString();
                    return a + b + c + d;
                }

                string? Other(string text) => {|CTM005:JObject.Parse(text).Value<string>("completion")|};
            }
            """ + Anthropic,
            """
            using System.Linq;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using Newtonsoft.Json.Linq;

            class C
            {
                string Read(string text)
                {
                    using JsonDocument doc = JsonDocument.Parse(text);
                    JsonNode node = JsonNode.Parse(text)!;
                    JObject json = JObject.Parse(text);
                    string a = string.Concat(doc.RootElement.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString()))!;
                    string b = string.Concat(node["content"]!.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]));
                    string? c = string.Concat(json["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                    string d = {|CTM005:doc.RootElement.GetProperty("completion")|}.ToString();
                    return a + b + c + d;
                }

                string? Other(string text) => string.Concat(JObject.Parse(text)["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
            }
            """ + Anthropic);

        // ---------------- not offered ----------------

        [Fact]
        public Task Dto_HasNoFix() => VerifyNoFixAsync(
            """
            using System.Text.Json.Serialization;

            class CompletionResponse
            {
                [JsonPropertyName({|CTM005:"completion"|})]
                public string Text { get; set; } = "";

                [JsonPropertyName("stop_reason")]
                public string? StopReason { get; set; }
            }
            """ + Anthropic);

        [Fact]
        public Task TryGetProperty_AndTryGetValue_HaveNoFix() => VerifyNoFixAsync(
            """
            using System.Text.Json;
            using Newtonsoft.Json.Linq;

            class C
            {
                string? Read(string text)
                {
                    JsonElement root = JsonDocument.Parse(text).RootElement;
                    JObject json = JObject.Parse(text);
                    if ({|CTM005:root.TryGetProperty("completion", out JsonElement value)|})
                    {
                        return value.GetString();
                    }

                    return {|CTM005:json.TryGetValue("completion", out JToken? token)|} ? (string?)token : null;
                }
            }
            """ + Anthropic);

        [Fact]
        public Task ValueUsedAsJson_OrStjToString_HasNoFix() => VerifyNoFixAsync(
            """
            using System.Text.Json;
            using Newtonsoft.Json.Linq;

            class C
            {
                static string Show(JsonElement element) => element.GetRawText();

                string Read(string text)
                {
                    JsonElement root = JsonDocument.Parse(text).RootElement;
                    JObject json = JObject.Parse(text);
                    JToken? token = {|CTM005:json["completion"]|};
                    return Show({|CTM005:root.GetProperty("completion")|}) + {|CTM005:root.GetProperty("completion")|}.ToString() + token
                        + {|CTM005:json["completion"]|}?.ToString().Trim() + {|CTM005:json.Value<object>("completion")|};
                }
            }
            """ + Anthropic);

        [Fact]
        public Task ReceiverOutOfReach_HasNoFix() => VerifyNoFixAsync(
            """
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using Newtonsoft.Json.Linq;

            class C
            {
                private JObject _last = new JObject();

                // A parameter, a field, a nested object, a reassigned local, a null-conditional read of a parameter: the
                // origin is not a whole response in reach.
                string? Read(JsonElement parameter, string text, JsonNode? node)
                {
                    JsonElement root = JsonDocument.Parse(text).RootElement;
                    JsonElement reassigned = root;
                    reassigned = root.GetProperty("data");
                    return {|CTM005:parameter.GetProperty("completion")|}.GetString()
                        + (string?){|CTM005:_last["completion"]|}
                        + {|CTM005:root.GetProperty("data").GetProperty("completion")|}.GetString()
                        + {|CTM005:reassigned.GetProperty("completion")|}.GetString()
                        + {|CTM005:node?["completion"]|}?.GetValue<string>();
                }
            }
            """ + Anthropic);

        [Fact]
        public Task StreamParsingMember_HasNoFix() => VerifyNoFixAsync(
            """
            using System.IO;
            using System.Text.Json;

            class C
            {
                string Read(StreamReader reader)
                {
                    string answer = "";
                    string? line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        if (!line.StartsWith("data:"))
                        {
                            continue;
                        }

                        using JsonDocument document = JsonDocument.Parse(line.Substring(5));
                        answer += {|CTM005:document.RootElement.GetProperty("completion")|}.GetString();
                    }

                    return answer;
                }
            }
            """ + Anthropic);

        [Fact]
        public Task Dynamic_OfUnknownOriginOrNotReadAsString_HasNoFix() => VerifyNoFixAsync(
            """
            using System;
            using Newtonsoft.Json;

            class C
            {
                string Read(dynamic parameter, string json)
                {
                    dynamic fromStj = System.Text.Json.JsonSerializer.Deserialize<dynamic>(json)!;
                    dynamic result = JsonConvert.DeserializeObject(json)!;
                    Console.WriteLine({|CTM005:result.completion|});
                    var kept = {|CTM005:result.completion|};
                    return (string){|CTM005:parameter.completion|} + (string){|CTM005:fromStj.completion|} + kept;
                }
            }
            """ + Anthropic);

        // ---------------- the produced code on a real Messages response ----------------

        private const string RuntimeSource = """
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            internal static class Reader
            {
                public static string Element(string json)
                {
                    using JsonDocument doc = JsonDocument.Parse(json);
                    return {|CTM005:doc.RootElement.GetProperty("completion")|}.GetString() ?? "";
                }

                public static string Dictionary(string json)
                {
                    Dictionary<string, JsonElement> root = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
                    return {|CTM005:root["completion"]|}.GetString() ?? "";
                }

                public static string Node(string json)
                {
                    JsonNode root = JsonNode.Parse(json)!;
                    return {|CTM005:root["completion"]|}!.GetValue<string>();
                }

                public static string Token(string json)
                {
                    JObject root = JObject.Parse(json);
                    return (string?){|CTM005:root["completion"]|} ?? "";
                }

                public static string Dynamic(string json)
                {
                    dynamic root = JsonConvert.DeserializeObject(json)!;
                    return (string){|CTM005:root.completion|};
                }
            }
            """ + Anthropic;

        private const string RuntimeFixed = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            internal static class Reader
            {
                public static string Element(string json)
                {
                    using JsonDocument doc = JsonDocument.Parse(json);
                    return string.Concat(doc.RootElement.GetProperty("content").EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString())) ?? "";
                }

                public static string Dictionary(string json)
                {
                    Dictionary<string, JsonElement> root = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
                    return string.Concat(root["content"].EnumerateArray().Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString())) ?? "";
                }

                public static string Node(string json)
                {
                    JsonNode root = JsonNode.Parse(json)!;
                    return string.Concat(root["content"]!.AsArray().Where(block => (string?)block!["type"] == "text").Select(block => (string?)block!["text"]));
                }

                public static string Token(string json)
                {
                    JObject root = JObject.Parse(json);
                    return string.Concat(root["content"]!.Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"])) ?? "";
                }

                public static string Dynamic(string json)
                {
                    dynamic root = JsonConvert.DeserializeObject(json)!;
                    return string.Concat(((JArray)root.content).Where(block => (string?)block["type"] == "text").Select(block => (string?)block["text"]));
                }
            }
            """ + Anthropic;

        /// <summary>A Messages response with a thinking block, text split around a tool_use block (reference/messages-api.md).</summary>
        private const string MessagesResponse = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-opus-4-8",
             "content":[
               {"type":"thinking","thinking":"The user greets.","signature":"sig"},
               {"type":"text","text":"Hello "},
               {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","text":"not this"}},
               {"type":"text","text":"world"}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":7}}
            """;

        [Fact]
        public Task RuntimeReaders_AreFixedAsWritten() => VerifyAsync(RuntimeSource, RuntimeFixed);

        [Theory]
        [InlineData("Element")]
        [InlineData("Dictionary")]
        [InlineData("Node")]
        [InlineData("Token")]
        [InlineData("Dynamic")]
        public void FixedCode_ReturnsTheTextBlocksOfARealMessagesResponse(string reader)
        {
            // RuntimeFixed is exactly what the fix produces (RuntimeReaders_AreFixedAsWritten); compile it and run it.
            MethodInfo read = CompiledReader().GetType("Reader")!.GetMethod(reader)!;
            Assert.Equal("Hello world", read.Invoke(null, new object[] { MessagesResponse }));
            Assert.Equal("", read.Invoke(null, new object[] { """{"type":"message","role":"assistant","content":[],"stop_reason":"end_turn"}""" }));
            Assert.Equal("Hi", read.Invoke(null, new object[] { """{"content":[{"type":"tool_use","id":"t","name":"n","input":{}},{"type":"text","text":"Hi"}]}""" }));
        }

        private static readonly Lazy<Assembly> Compiled = new Lazy<Assembly>(() =>
        {
            string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            IEnumerable<MetadataReference> references = platform
                .Select(path => MetadataReference.CreateFromFile(path))
                .Append(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.Linq.JArray).Assembly.Location));
            var compilation = CSharpCompilation.Create(
                "ResponseReaders",
                new[] { CSharpSyntaxTree.ParseText(RuntimeFixed, new CSharpParseOptions(LanguageVersion.Latest)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
            using var stream = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(stream);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            Assert.Empty(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            return Assembly.Load(stream.ToArray());
        });

        private static Assembly CompiledReader() => Compiled.Value;

        // ---------------- verifier ----------------

        private static Task VerifyAsync(string source, string fixedSource, bool nullable = true) =>
            VerifyAsync(new[] { source }, new[] { fixedSource }, nullable);

        private static Task VerifyNoFixAsync(string source) => VerifyAsync(source, source);

        /// <summary>
        /// The CodeFixVerifier test, stricter: nullable context as asked, and compiler warnings (not only errors) in the
        /// code before and after the fix fail the test.
        /// </summary>
        private static Task VerifyAsync(string[] sources, string[] fixedSources, bool nullable = true)
        {
            var test = new CodeFixVerifier<LegacyResponseReadAnalyzer, LegacyResponseReadCodeFix>.Test
            {
                ReferenceAssemblies = AnalyzerVerifier<LegacyResponseReadAnalyzer>.References,
                CompilerDiagnostics = CompilerDiagnostics.Warnings,
            };
            test.FixedState.MarkupHandling = MarkupMode.Allow; // reads left unfixed are marked in the expected code
            for (int i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
                test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
            }

            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
                return solution.WithProjectCompilationOptions(
                    projectId,
                    options.WithNullableContextOptions(nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable)
                        // Reference unification notes, suppressed by the .NET SDK by default too (NoWarn CS1701;CS1702).
                        .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions
                            .SetItem("CS1701", ReportDiagnostic.Suppress)
                            .SetItem("CS1702", ReportDiagnostic.Suppress)));
            });
            return test.RunAsync(CancellationToken.None);
        }
    }
}
