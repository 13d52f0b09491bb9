using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyRequestBodyAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>
    /// CTM002 (Text Completions request body): one positive test per body shape that docs/rules/CTM002.md claims,
    /// with the diagnostic where <c>max_tokens_to_sample</c> is named, and one negative test per look-alike.
    /// </summary>
    public class CTM002Tests
    {
        /// <summary>A stand-in for the AWS SDK's Bedrock runtime types (not referenced by the tests).</summary>
        private const string BedrockStub = """

            namespace Amazon.BedrockRuntime.Model
            {
                public class InvokeModelRequest
                {
                    public string ModelId { get; set; } = "";
                    public string ContentType { get; set; } = "";
                    public System.IO.MemoryStream Body { get; set; } = new System.IO.MemoryStream();
                }
            }
            """;

        // ---------------------------------------------------------------- anonymous objects

        [Fact]
        public Task AnonymousObject_IsReportedOnTheMemberName() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> M(HttpClient http, string question) =>
                    http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = "claude-2.1",
                        prompt = $"\n\nHuman: {question}\n\nAssistant:",
                        {|CTM002:max_tokens_to_sample|} = 300,
                        stop_sequences = new[] { "\n\nHuman:" },
                    });
            }
            """);

        [Fact]
        public Task AnonymousObject_MessageNamesTheShape() => Verify.VerifyAsync(
            """
            class C
            {
                object M() => new { model = "claude-2", prompt = "p", {|#0:max_tokens_to_sample|} = 300 };
            }
            """,
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("anonymous object"));

        [Fact]
        public Task AnonymousObject_WithProjectedLocal_IsReported() => Verify.VerifyAsync("""
            class C
            {
                object M(string model, string prompt)
                {
                    int max_tokens_to_sample = 300;
                    return new { model, prompt, {|CTM002:max_tokens_to_sample|} };
                }
            }
            """);

        [Fact]
        public Task AnonymousObject_WithProjectedMember_IsReportedOnTheMemberName() => Verify.VerifyAsync("""
            class Defaults
            {
                public const int max_tokens_to_sample = 256;
            }

            class C
            {
                object M(string prompt) => new { model = "claude-2", prompt, Defaults.{|CTM002:max_tokens_to_sample|} };
            }
            """);

        [Fact]
        public Task AnonymousObject_InsideJsonSerializer_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Text;
            using System.Text.Json;

            class C
            {
                HttpContent M(string prompt) => new StringContent(
                    JsonSerializer.Serialize(new { model = "claude-instant-1.2", prompt, {|CTM002:max_tokens_to_sample|} = 1024, temperature = 0.2 }),
                    Encoding.UTF8,
                    "application/json");
            }
            """);

        // ---------------------------------------------------------------- dictionaries

        [Fact]
        public Task Dictionary_CollectionInitializer_IsReportedOnTheKey() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> M(string prompt) => new Dictionary<string, object>
                {
                    { "model", "claude-2" },
                    { "prompt", prompt },
                    { {|CTM002:"max_tokens_to_sample"|}, 300 },
                };
            }
            """);

        [Fact]
        public Task Dictionary_IndexInitializer_IsReportedOnTheKey() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> M(string prompt) => new Dictionary<string, object>
                {
                    ["model"] = "claude-2",
                    ["prompt"] = prompt,
                    [{|CTM002:"max_tokens_to_sample"|}] = 300,
                };
            }
            """);

        [Fact]
        public Task Dictionary_MessageNamesTheShape() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> M() => new Dictionary<string, object> { [{|#0:"max_tokens_to_sample"|}] = 300 };
            }
            """,
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("dictionary"));

        [Fact]
        public Task Dictionary_TargetTypedNew_IsReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                void M(string prompt)
                {
                    Dictionary<string, object> body = new() { ["prompt"] = prompt, [{|CTM002:"max_tokens_to_sample"|}] = 300 };
                }
            }
            """);

        [Fact]
        public Task Dictionary_LaterIndexerAssignment_IsReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, object> M(string prompt, int maxTokens)
                {
                    var body = new Dictionary<string, object>();
                    body["model"] = "claude-2";
                    body["prompt"] = prompt;
                    body[{|CTM002:"max_tokens_to_sample"|}] = maxTokens;
                    return body;
                }
            }
            """);

        [Fact]
        public Task Dictionary_LaterAdd_IsReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                IDictionary<string, object> M(string prompt)
                {
                    IDictionary<string, object> body = new Dictionary<string, object>();
                    body.Add("prompt", prompt);
                    body.Add({|CTM002:"max_tokens_to_sample"|}, 300);
                    return body;
                }
            }
            """);

        // ---------------------------------------------------------------- System.Text.Json nodes

        [Fact]
        public Task JsonObject_Initializer_IsReported() => Verify.VerifyAsync(
            """
            using System.Text.Json.Nodes;

            class C
            {
                JsonObject M(string prompt) => new JsonObject
                {
                    ["model"] = "claude-2.1",
                    ["prompt"] = prompt,
                    [{|#0:"max_tokens_to_sample"|}] = 300,
                };
            }
            """,
            // The prompt is a parameter: the message says the fix needs the shim.
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("JsonObject" + ", prompt known only at run time: the code fix can convert it with LegacyPrompt.ToMessages when the project references CompletionsToMessages.Shim"));

        [Fact]
        public Task JsonNode_LaterIndexerAssignment_IsReported() => Verify.VerifyAsync("""
            using System.Text.Json.Nodes;

            class C
            {
                string M(string prompt)
                {
                    JsonNode body = new JsonObject();
                    body["model"] = "claude-2.1";
                    body["prompt"] = prompt;
                    body[{|CTM002:"max_tokens_to_sample"|}] = 300;
                    return body.ToJsonString();
                }
            }
            """);

        [Fact]
        public Task JsonObject_Add_IsReported() => Verify.VerifyAsync("""
            using System.Text.Json.Nodes;

            class C
            {
                JsonObject M(string prompt)
                {
                    var body = new JsonObject();
                    body.Add("prompt", prompt);
                    body.Add({|CTM002:"max_tokens_to_sample"|}, 300);
                    return body;
                }
            }
            """);

        [Fact]
        public Task JsonNodeParse_IsReportedAsJsonText() => Verify.VerifyAsync(
            """
            using System.Text.Json.Nodes;

            class C
            {
                JsonNode M() => JsonNode.Parse({|#0:"{\"model\":\"claude-2\",\"prompt\":\"\\n\\nHuman: Hi\\n\\nAssistant:\",\"max_tokens_to_sample\":300}"|});
            }
            """,
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("JSON text"));

        // ---------------------------------------------------------------- Newtonsoft

        [Fact]
        public Task JObject_Initializer_IsReported() => Verify.VerifyAsync("""
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject M(string prompt) => new JObject
                {
                    ["model"] = "claude-2",
                    ["prompt"] = prompt,
                    [{|CTM002:"max_tokens_to_sample"|}] = 300,
                };
            }
            """);

        [Fact]
        public Task JObject_FromJProperties_IsReported() => Verify.VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject M(string prompt) => new JObject(
                    new JProperty("model", "claude-2"),
                    new JProperty("prompt", prompt),
                    new JProperty({|#0:"max_tokens_to_sample"|}, 300));
            }
            """,
            // The prompt is a parameter: the message says the fix needs the shim.
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("JObject" + ", prompt known only at run time: the code fix can convert it with LegacyPrompt.ToMessages when the project references CompletionsToMessages.Shim"));

        [Fact]
        public Task JObject_LaterAssignmentAndAdd_AreReported() => Verify.VerifyAsync("""
            using Newtonsoft.Json.Linq;

            class C
            {
                void M(string prompt)
                {
                    var first = new JObject();
                    first["prompt"] = prompt;
                    first[{|CTM002:"max_tokens_to_sample"|}] = 300;

                    var second = new JObject();
                    second.Add("prompt", prompt);
                    second.Add({|CTM002:"max_tokens_to_sample"|}, 300);
                }
            }
            """);

        [Fact]
        public Task JObjectFromObject_IsReportedOnTheAnonymousMember() => Verify.VerifyAsync("""
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject M(string prompt) => JObject.FromObject(new { prompt, {|CTM002:max_tokens_to_sample|} = 300 });
            }
            """);

        [Fact]
        public Task JObjectParse_IsReportedAsJsonText() => Verify.VerifyAsync("""
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject M() => JObject.Parse({|CTM002:@"{ ""model"": ""claude-2"", ""max_tokens_to_sample"": 300 }"|});
            }
            """);

        [Fact]
        public Task JObjectParse_WithSingleQuotedKey_IsReported() => Verify.VerifyAsync("""
            using Newtonsoft.Json.Linq;

            class C
            {
                // Newtonsoft accepts single-quoted property names.
                JObject M() => JObject.Parse({|CTM002:"{ 'model': 'claude-2', 'max_tokens_to_sample': 300 }"|});
            }
            """);

        // ---------------------------------------------------------------- DTO classes

        [Fact]
        public Task Dto_JsonPropertyName_IsReportedOnTheAttributeArgument() => Verify.VerifyAsync(
            """
            using System.Text.Json.Serialization;

            class CompletionRequest
            {
                [JsonPropertyName("model")] public string Model { get; set; } = "claude-2";
                [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
                [JsonPropertyName({|#0:"max_tokens_to_sample"|})] public int MaxTokensToSample { get; set; } = 300;
            }
            """,
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("DTO property"));

        [Fact]
        public Task Dto_NewtonsoftJsonProperty_IsReported() => Verify.VerifyAsync("""
            using Newtonsoft.Json;

            class CompletionRequest
            {
                [JsonProperty("prompt")] public string Prompt { get; set; } = "";
                [JsonProperty({|CTM002:"max_tokens_to_sample"|})] public int MaxTokens { get; set; }
            }
            """);

        [Fact]
        public Task Dto_NewtonsoftJsonPropertyNamedArgument_IsReported() => Verify.VerifyAsync("""
            using Newtonsoft.Json;

            class CompletionRequest
            {
                [JsonProperty(PropertyName = {|CTM002:"max_tokens_to_sample"|}, Required = Required.Always)]
                public int MaxTokens { get; set; }
            }
            """);

        [Fact]
        public Task Dto_DataMemberName_IsReported() => Verify.VerifyAsync("""
            using System.Runtime.Serialization;

            [DataContract]
            class CompletionRequest
            {
                [DataMember(Name = "prompt")] public string Prompt { get; set; } = "";
                [DataMember(Name = {|CTM002:"max_tokens_to_sample"|}, Order = 2)] public int MaxTokens { get; set; }
            }
            """);

        [Fact]
        public Task Dto_AttributeOnField_IsReported() => Verify.VerifyAsync("""
            using System.Text.Json.Serialization;

            class CompletionRequest
            {
                [JsonPropertyName({|CTM002:"max_tokens_to_sample"|})] [JsonInclude] public int MaxTokens;
            }
            """);

        [Fact]
        public Task Dto_SnakeCaseProperty_IsReportedOnTheIdentifier() => Verify.VerifyAsync(
            """
            class CompletionRequest
            {
                public string model { get; set; } = "claude-2";
                public string prompt { get; set; } = "";
                public int {|#0:max_tokens_to_sample|} { get; set; } = 300;
            }
            """,
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("DTO property"));

        [Fact]
        public Task Dto_SnakeCaseField_IsReported() => Verify.VerifyAsync("""
            class CompletionRequest
            {
                public string prompt = "";
                public int {|CTM002:max_tokens_to_sample|} = 300;
            }
            """);

        [Fact]
        public Task Dto_SnakeCasePropertyWithUnrelatedAttributes_IsReported() => Verify.VerifyAsync("""
            using System;
            using System.ComponentModel.DataAnnotations;
            using System.Runtime.Serialization;

            [DataContract]
            class CompletionRequest
            {
                [Obsolete("Use max_tokens with /v1/messages")]
                [Range(1, 100000, ErrorMessage = "too many tokens")]
                [DataMember(Order = 1)]
                public int {|CTM002:max_tokens_to_sample|} { get; set; } = 300;
            }
            """);

        [Fact]
        public Task Dto_SnakeCasePropertyWithItsWireNameInAnAttribute_IsReportedOnce() => Verify.VerifyAsync("""
            using System.Text.Json.Serialization;

            class CompletionRequest
            {
                [JsonPropertyName({|CTM002:"max_tokens_to_sample"|})] public int max_tokens_to_sample { get; set; }
            }
            """);

        [Fact]
        public Task Dto_PositionalRecord_SnakeCaseParameter_IsReported() => Verify.VerifyAsync("""
            record CompletionRequest(string model, string prompt, int {|CTM002:max_tokens_to_sample|});
            record struct CompletionOptions(int {|CTM002:max_tokens_to_sample|}, double temperature);
            """);

        [Fact]
        public Task Dto_PositionalRecord_PropertyAttribute_IsReported() => Verify.VerifyAsync("""
            using System.Text.Json.Serialization;

            record CompletionRequest(
                [property: JsonPropertyName("prompt")] string Prompt,
                [property: JsonPropertyName({|CTM002:"max_tokens_to_sample"|})] int MaxTokens);
            """);

        // ---------------------------------------------------------------- JSON text

        [Fact]
        public Task JsonStringLiteral_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Text;

            class C
            {
                HttpContent M() => new StringContent(
                    {|CTM002:"{\"model\":\"claude-2\",\"prompt\":\"\\n\\nHuman: Hi\\n\\nAssistant:\",\"max_tokens_to_sample\": 300}"|},
                    Encoding.UTF8,
                    "application/json");
            }
            """);

        [Fact]
        public Task JsonVerbatimLiteral_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string M() => {|CTM002:@"{
                    ""model"": ""claude-2"",
                    ""max_tokens_to_sample"" : 300
                }"|};
            }
            """);

        [Fact]
        public Task JsonRawLiteral_IsReported() => Verify.VerifyAsync(""""
            class C
            {
                string M() => {|CTM002:"""
                    {
                      "model": "claude-2.1",
                      "prompt": "\n\nHuman: Hello\n\nAssistant:",
                      "max_tokens_to_sample": 256
                    }
                    """|};
            }
            """");

        [Fact]
        public Task JsonInterpolatedString_IsReported() => Verify.VerifyAsync(
            """
            class C
            {
                string M(string prompt, int max) => {|#0:$"{{\"prompt\": \"{prompt}\", \"max_tokens_to_sample\": {max}}}"|};
            }
            """,
            Verify.Diagnostic("CTM002").WithLocation(0).WithArguments("JSON text" + CompletionsToMessages.Analyzers.Rules.LegacyRequestBodyAnalyzer.RawTextHoleNote));

        [Fact]
        public Task JsonVerbatimInterpolatedString_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string M(string prompt) => {|CTM002:$@"{{ ""prompt"": ""{prompt}"", ""max_tokens_to_sample"": 300 }}"|};
            }
            """);

        [Fact]
        public Task JsonRawInterpolatedString_IsReported()
        {
            // "$$" is the caret in test markup, so this source is verified without markup and with an explicit span.
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.MarkupHandling = MarkupMode.None;
            test.TestState.Sources.Add(("/0/Test0.cs", """"
                class C
                {
                    string M(string model, int max) => $$"""
                        { "model": "{{model}}", "max_tokens_to_sample": {{max}} }
                        """;
                }
                """"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("CTM002").WithSpan("/0/Test0.cs", 3, 40, 5, 12).WithArguments("JSON text" + CompletionsToMessages.Analyzers.Rules.LegacyRequestBodyAnalyzer.RawTextHoleNote));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task JsonConcatenation_IsReportedOnTheLiteralThatNamesTheMember() => Verify.VerifyAsync("""
            class C
            {
                string M(string prompt, int max) => "{\"prompt\": \"" + prompt + {|CTM002:"\", \"max_tokens_to_sample\": "|} + max + "}";
            }
            """);

        // ---------------------------------------------------------------- Bedrock InvokeModel

        [Fact]
        public Task BedrockInvokeModel_AnonymousBody_IsReported() => Verify.VerifyAsync("""
            using System.IO;
            using System.Text;
            using System.Text.Json;
            using Amazon.BedrockRuntime.Model;

            class C
            {
                InvokeModelRequest M(string question)
                {
                    string payload = JsonSerializer.Serialize(new
                    {
                        prompt = "\n\nHuman: " + question + "\n\nAssistant:",
                        {|CTM002:max_tokens_to_sample|} = 200,
                        temperature = 0.5,
                    });
                    return new InvokeModelRequest
                    {
                        ModelId = "anthropic.claude-v2",
                        ContentType = "application/json",
                        Body = new MemoryStream(Encoding.UTF8.GetBytes(payload)),
                    };
                }
            }
            """ + BedrockStub);

        [Fact]
        public Task BedrockInvokeModel_JsonTextBody_IsReported() => Verify.VerifyAsync("""
            using System.IO;
            using System.Text;
            using Amazon.BedrockRuntime.Model;

            class C
            {
                InvokeModelRequest M(string prompt) => new InvokeModelRequest
                {
                    ModelId = "anthropic.claude-v2:1",
                    Body = new MemoryStream(Encoding.UTF8.GetBytes({|CTM002:$"{{\"prompt\":\"{prompt}\",\"max_tokens_to_sample\":300}}"|})),
                };
            }
            """ + BedrockStub);

        [Fact]
        public Task BedrockInvokeModel_JsonObjectBody_IsReported() => Verify.VerifyAsync("""
            using System.IO;
            using System.Text;
            using System.Text.Json.Nodes;
            using Amazon.BedrockRuntime.Model;

            class C
            {
                InvokeModelRequest M(string prompt)
                {
                    var body = new JsonObject { ["prompt"] = prompt, [{|CTM002:"max_tokens_to_sample"|}] = 300 };
                    return new InvokeModelRequest
                    {
                        ModelId = "anthropic.claude-instant-v1",
                        Body = new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())),
                    };
                }
            }
            """ + BedrockStub);

        // ---------------------------------------------------------------- negatives

        [Fact]
        public Task OpenAiCompletionsBodies_AreNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Text.Json.Nodes;
            using System.Text.Json.Serialization;

            class OpenAiRequest
            {
                [JsonPropertyName("model")] public string Model { get; set; } = "gpt-3.5-turbo-instruct";
                [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
                [JsonPropertyName("max_tokens")] public int MaxTokens { get; set; } = 7;
            }

            class C
            {
                void M(string prompt)
                {
                    var anonymous = new { model = "gpt-3.5-turbo-instruct", prompt, max_tokens = 7, temperature = 0 };
                    var dictionary = new Dictionary<string, object> { ["model"] = "davinci-002", ["prompt"] = prompt, ["max_tokens"] = 16 };
                    var node = new JsonObject { ["prompt"] = prompt, ["max_tokens"] = 16 };
                    string json = "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\",\"max_tokens\":7}";
                    string url = "https://api.openai.com/v1/completions";
                }
            }
            """);

        [Fact]
        public Task LonePromptMember_IsNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            class ImageRequest
            {
                public string prompt { get; set; } = "";
                [JsonProperty("prompt")] public string Prompt2 { get; set; } = "";
            }

            class C
            {
                void M(string prompt)
                {
                    var a = new { prompt };
                    var b = new { prompt = "a cat in a hat", size = "1024x1024" };
                    var d = new Dictionary<string, object> { ["prompt"] = prompt };
                    d["prompt"] = "again";
                    var j = new JObject(new JProperty("prompt", prompt));
                    string json = "{\"prompt\": \"a cat\"}";
                }
            }
            """);

        [Fact]
        public Task MessagesBodies_AreNotReported() => Verify.VerifyAsync(""""
            using System.Collections.Generic;
            using System.Text.Json.Nodes;
            using System.Text.Json.Serialization;

            class MessagesRequest
            {
                [JsonPropertyName("model")] public string Model { get; set; } = "claude-opus-4-8";
                [JsonPropertyName("max_tokens")] public int MaxTokens { get; set; } = 1024;
                [JsonPropertyName("messages")] public List<object> Messages { get; set; } = new List<object>();
                public int max_tokens { get; set; }
            }

            class C
            {
                void M(string question)
                {
                    var anonymous = new
                    {
                        model = "claude-opus-4-8",
                        max_tokens = 1024,
                        system = "You are terse.",
                        messages = new[] { new { role = "user", content = question } },
                    };
                    var dictionary = new Dictionary<string, object> { ["model"] = "claude-opus-4-8", ["max_tokens"] = 1024 };
                    var node = new JsonObject { ["max_tokens"] = 1024, ["messages"] = new JsonArray() };
                    string json = """{"model":"claude-opus-4-8","max_tokens":1024,"messages":[{"role":"user","content":"Hi"}]}""";
                    string bedrock = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"messages":[]}""";
                }
            }
            """");

        [Fact]
        public Task DtoMemberNamedLikeTheLegacyFieldButMappedToMaxTokens_IsNotReported() => Verify.VerifyAsync("""
            using System.Runtime.Serialization;
            using System.Text.Json.Serialization;

            class MessagesRequest
            {
                [JsonPropertyName("max_tokens")] public int max_tokens_to_sample { get; set; }
            }

            [DataContract]
            class Other
            {
                [DataMember(Name = "max_tokens")] public int max_tokens_to_sample;
            }

            record R([property: JsonPropertyName("max_tokens")] int max_tokens_to_sample);
            """);

        [Fact]
        public Task LocalsAndParametersNamedLikeTheField_AreNotReported() => Verify.VerifyAsync("""
            class C
            {
                int M(int max_tokens_to_sample)
                {
                    int local = max_tokens_to_sample;
                    var max_tokens = max_tokens_to_sample * 2;
                    return local + max_tokens;
                }
            }
            """);

        [Theory]
        [InlineData("max_tokens_to_sample was renamed to max_tokens")]
        [InlineData("Replace \\\"max_tokens_to_sample\\\" with \\\"max_tokens\\\".")]
        [InlineData("\\\"max_tokens_to_sample\\\" is not permitted")]
        [InlineData("\\\"max_tokens_to_sample_hint\\\": 1")]
        public Task FieldNameInProse_IsNotReported(string text) => Verify.VerifyAsync($$"""
            class C
            {
                string Message() => "{{text}}";
                string Interpolated(int n) => $"{n}: {{text}}";
            }
            """);

        [Fact]
        public Task FieldNameInComments_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                /// <summary>Sends max_tokens_to_sample to the legacy API.</summary>
                // new { max_tokens_to_sample = 300 }
                /* {"max_tokens_to_sample": 300} */
                void M() { }
            }
            """);

        [Theory]
        [InlineData("Request.g.cs", "")]
        [InlineData("Request.cs", "// <auto-generated/>\n")]
        public Task GeneratedCode_IsNotReported(string fileName, string header)
        {
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add((fileName, header + """
                using System.Collections.Generic;

                class CompletionRequest
                {
                    public int max_tokens_to_sample { get; set; }
                    object Anonymous() => new { max_tokens_to_sample = 300 };
                    object Dictionary() => new Dictionary<string, object> { ["max_tokens_to_sample"] = 300 };
                    string Json() => "{\"max_tokens_to_sample\": 300}";
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task SameSourceInAHandWrittenFile_IsReported()
        {
            // Control for GeneratedCode_IsNotReported.
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add(("Request.cs", """
                using System.Collections.Generic;

                class CompletionRequest
                {
                    public int {|CTM002:max_tokens_to_sample|} { get; set; }
                    object Anonymous() => new { {|CTM002:max_tokens_to_sample|} = 300 };
                    object Dictionary() => new Dictionary<string, object> { [{|CTM002:"max_tokens_to_sample"|}] = 300 };
                    string Json() => {|CTM002:"{\"max_tokens_to_sample\": 300}"|};
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
