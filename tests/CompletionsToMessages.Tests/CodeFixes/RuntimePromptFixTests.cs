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
    /// CTM002 (and CTM001's whole-request migration) when the prompt is known only at run time: with the shim referenced,
    /// the prompt is converted by <c>LegacyPrompt.ToMessages</c> in a local before the statement, and the body sends
    /// <c>system</c> as text blocks (none when there is no system text: never <c>"system": null</c>) and <c>messages</c>
    /// with lowercase <c>role</c>/<c>content</c>, in the body's own C# shape. Without the shim: no fix.
    /// </summary>
    public class RuntimePromptFixTests
    {
        // ---------------- anonymous objects ----------------

        [Fact]
        public Task Anonymous_ParameterPrompt() => VerifyBodyAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<HttpResponseMessage> Ask(HttpClient http, string prompt)
                {
                    return await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = "claude-2.1",
                        prompt = prompt,
                        {|CTM002:max_tokens_to_sample|} = 256,
                    });
                }
            }
            """,
            """
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using CompletionsToMessages.Shim;

            class C
            {
                async Task<HttpResponseMessage> Ask(HttpClient http, string prompt)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    return await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", new
                    {
                        model = "claude-2.1",
                        system = converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } },
                        messages = converted.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(),
                        max_tokens = 256,
                    });
                }
            }
            """);

        [Fact]
        public Task Anonymous_StringBuilderPrompt_BuiltInALoop() => VerifyBodyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using CompletionsToMessages.Shim;

            class C
            {
                object Body(IEnumerable<string> questions)
                {
                    var sb = new StringBuilder();
                    foreach (string q in questions)
                    {
                        sb.Append("\n\nHuman: ").Append(q).Append("\n\nAssistant: Noted.");
                    }

                    sb.Append("\n\nHuman: Summarise.\n\nAssistant:");
                    var body = new { model = "claude-2.1", prompt = sb.ToString(), {|CTM002:max_tokens_to_sample|} = 100, stop_sequences = new[] { "\n\nHuman:" } };
                    return body;
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using CompletionsToMessages.Shim;

            class C
            {
                object Body(IEnumerable<string> questions)
                {
                    var sb = new StringBuilder();
                    foreach (string q in questions)
                    {
                        sb.Append("\n\nHuman: ").Append(q).Append("\n\nAssistant: Noted.");
                    }

                    sb.Append("\n\nHuman: Summarise.\n\nAssistant:");
                    var converted = LegacyPrompt.ToMessages(sb.ToString());
                    var body = new { model = "claude-2.1", system = converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } }, messages = converted.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(), max_tokens = 100 };
                    return body;
                }
            }
            """);

        // ---------------- dictionaries ----------------

        [Fact]
        public Task Dictionary_IndexInitializer_ParameterPrompt_LambdaAndLocalNamesDoNotCollide() => VerifyBodyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                Dictionary<string, object> Body(string prompt, int m)
                {
                    int converted = m;
                    var body = new Dictionary<string, object>
                    {
                        ["model"] = "claude-2.1",
                        ["prompt"] = prompt,
                        [{|CTM002:"max_tokens_to_sample"|}] = converted,
                    };
                    return body;
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                Dictionary<string, object> Body(string prompt, int m)
                {
                    int converted = m;
                    var converted2 = LegacyPrompt.ToMessages(prompt);
                    var body = new Dictionary<string, object>
                    {
                        ["model"] = "claude-2.1",
                        ["system"] = converted2.System is null ? new object[0] : new object[] { new Dictionary<string, object> { ["type"] = "text", ["text"] = converted2.System } },
                        ["messages"] = converted2.Messages.Select(m2 => new Dictionary<string, object> { ["role"] = m2.Role, ["content"] = m2.Content }).ToArray(),
                        ["max_tokens"] = converted,
                    };
                    return body;
                }
            }
            """);

        [Fact]
        public Task Dictionary_CollectionInitializer_StringBuilderPrompt() => VerifyBodyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using CompletionsToMessages.Shim;

            class C
            {
                Dictionary<string, object> Body(StringBuilder history)
                {
                    return new Dictionary<string, object> { { "model", "claude-2.1" }, { "prompt", history.ToString() }, { {|CTM002:"max_tokens_to_sample"|}, 300 } };
                }
            }
            """,
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using CompletionsToMessages.Shim;

            class C
            {
                Dictionary<string, object> Body(StringBuilder history)
                {
                    var converted = LegacyPrompt.ToMessages(history.ToString());
                    return new Dictionary<string, object> { { "model", "claude-2.1" }, { "system", converted.System is null ? new object[0] : new object[] { new Dictionary<string, object> { { "type", "text" }, { "text", converted.System } } } }, { "messages", converted.Messages.Select(m => new Dictionary<string, object> { { "role", m.Role }, { "content", m.Content } }).ToArray() }, { "max_tokens", 300 } };
                }
            }
            """);

        // ---------------- JsonObject ----------------

        [Fact]
        public Task JsonObject_ParameterPrompt() => VerifyBodyAsync(
            """
            using System.Linq;
            using System.Text.Json.Nodes;
            using CompletionsToMessages.Shim;

            class C
            {
                JsonObject Body(string prompt)
                {
                    var body = new JsonObject { ["model"] = "claude-2.1", ["prompt"] = prompt, [{|CTM002:"max_tokens_to_sample"|}] = 300 };
                    return body;
                }
            }
            """,
            """
            using System.Linq;
            using System.Text.Json.Nodes;
            using CompletionsToMessages.Shim;

            class C
            {
                JsonObject Body(string prompt)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new JsonObject { ["model"] = "claude-2.1", ["system"] = converted.System is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = converted.System }), ["messages"] = new JsonArray(converted.Messages.Select(m => new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray()), ["max_tokens"] = 300 };
                    return body;
                }
            }
            """);

        [Fact]
        public Task JsonObject_StringBuilderPrompt_Bedrock() => VerifyBodyAsync(
            """
            using System.Linq;
            using System.Text;
            using System.Text.Json.Nodes;
            using CompletionsToMessages.Shim;

            class C
            {
                // Sent with InvokeModel to anthropic.claude-v2.
                string Body(StringBuilder sb)
                {
                    var body = new JsonObject { ["prompt"] = sb.ToString(), [{|CTM002:"max_tokens_to_sample"|}] = 300 };
                    return body.ToJsonString();
                }
            }
            """,
            """
            using System.Linq;
            using System.Text;
            using System.Text.Json.Nodes;
            using CompletionsToMessages.Shim;

            class C
            {
                // Sent with InvokeModel to anthropic.claude-v2.
                string Body(StringBuilder sb)
                {
                    var converted = LegacyPrompt.ToMessages(sb.ToString());
                    var body = new JsonObject { ["anthropic_version"] = "bedrock-2023-05-31", ["system"] = converted.System is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = converted.System }), ["messages"] = new JsonArray(converted.Messages.Select(m => new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray()), ["max_tokens"] = 300 };
                    return body.ToJsonString();
                }
            }
            """);

        // ---------------- JObject ----------------

        [Fact]
        public Task JObject_JProperties_ParameterPrompt() => VerifyBodyAsync(
            """
            using System.Linq;
            using CompletionsToMessages.Shim;
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string prompt)
                {
                    var body = new JObject(new JProperty("model", "claude-2.1"), new JProperty("prompt", prompt), new JProperty({|CTM002:"max_tokens_to_sample"|}, 300));
                    return body;
                }
            }
            """,
            """
            using System.Linq;
            using CompletionsToMessages.Shim;
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(string prompt)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new JObject(new JProperty("model", "claude-2.1"), new JProperty("system", converted.System is null ? new JArray() : new JArray(new JObject(new JProperty("type", "text"), new JProperty("text", converted.System)))), new JProperty("messages", new JArray(converted.Messages.Select(m => new JObject(new JProperty("role", m.Role), new JProperty("content", m.Content))))), new JProperty("max_tokens", 300));
                    return body;
                }
            }
            """);

        [Fact]
        public Task JObject_Initializer_StringBuilderPrompt() => VerifyBodyAsync(
            """
            using System.Linq;
            using System.Text;
            using CompletionsToMessages.Shim;
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(StringBuilder sb)
                {
                    return new JObject { ["model"] = "claude-2.1", ["prompt"] = sb.ToString(), [{|CTM002:"max_tokens_to_sample"|}] = 300 };
                }
            }
            """,
            """
            using System.Linq;
            using System.Text;
            using CompletionsToMessages.Shim;
            using Newtonsoft.Json.Linq;

            class C
            {
                JObject Body(StringBuilder sb)
                {
                    var converted = LegacyPrompt.ToMessages(sb.ToString());
                    return new JObject { ["model"] = "claude-2.1", ["system"] = converted.System is null ? new JArray() : new JArray(new JObject { ["type"] = "text", ["text"] = converted.System }), ["messages"] = new JArray(converted.Messages.Select(m => new JObject { ["role"] = m.Role, ["content"] = m.Content })), ["max_tokens"] = 300 };
                }
            }
            """);

        // ---------------- evaluation order, Fix All, not offered ----------------

        [Fact]
        public Task PromptWithSideEffects_IsEvaluatedOnce_BeforeTheStatement() => VerifyBodyAsync(
            """
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                int calls;
                string NextPrompt() => "\n\nHuman: call " + (++calls) + "\n\nAssistant:";

                object Body()
                {
                    var body = new { model = "claude-2.1", prompt = NextPrompt(), {|CTM002:max_tokens_to_sample|} = 10 };
                    return body;
                }
            }
            """,
            """
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                int calls;
                string NextPrompt() => "\n\nHuman: call " + (++calls) + "\n\nAssistant:";

                object Body()
                {
                    var converted = LegacyPrompt.ToMessages(NextPrompt());
                    var body = new { model = "claude-2.1", system = converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } }, messages = converted.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(), max_tokens = 10 };
                    return body;
                }
            }
            """);

        [Fact]
        public Task FixAll_TwoBodiesInOneMethod_GetTheirOwnLocals() => VerifyBodyAsync(
            """
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                object[] Bodies(string first, string second)
                {
                    var a = new { model = "claude-2.1", prompt = first, {|CTM002:max_tokens_to_sample|} = 10 };
                    var b = new { model = "claude-2.1", prompt = second, {|CTM002:max_tokens_to_sample|} = 20 };
                    return new object[] { a, b };
                }
            }
            """,
            """
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                object[] Bodies(string first, string second)
                {
                    var converted = LegacyPrompt.ToMessages(first);
                    var a = new { model = "claude-2.1", system = converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } }, messages = converted.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(), max_tokens = 10 };
                    var converted2 = LegacyPrompt.ToMessages(second);
                    var b = new { model = "claude-2.1", system = converted2.System is null ? new object[0] : new object[] { new { type = "text", text = converted2.System } }, messages = converted2.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(), max_tokens = 20 };
                    return new object[] { a, b };
                }
            }
            """);

        private const string Rejects = "): the Messages API rejects 'max_tokens_to_sample' and 'prompt'; send 'max_tokens' and 'messages' (plus 'system') to /v1/messages";

        private const string RuntimeNote = ", prompt known only at run time: the code fix can convert it with LegacyPrompt.ToMessages when the project references CompletionsToMessages.Shim";

        [Fact]
        public Task WithoutTheShim_NoFix_AndTheMessageSaysWhy() => CodeFixVerifier<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>.VerifyNoFixAsync(
            """
            using System.Collections.Generic;
            using System.Text;

            class C
            {
                object Body(string prompt)
                {
                    var body = new { model = "claude-2.1", prompt = prompt, max_tokens_to_sample = 10 };
                    return body;
                }

                object Built(StringBuilder sb)
                {
                    var text = sb.ToString();
                    return new Dictionary<string, object> { ["model"] = "claude-2.1", ["prompt"] = text, ["max_tokens_to_sample"] = 10 };
                }

                // The turns are in the code: a fix is not offered here for another reason (the hole before the first turn), and no note.
                object Visible(string history, string q) => new { model = "claude-2.1", prompt = history + "\n\nHuman: " + q + "\n\nAssistant:", max_tokens_to_sample = 10 };
            }
            """,
            new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithSpan(8, 65, 8, 85).WithMessage("Text Completions request body (anonymous object" + RuntimeNote + Rejects),
            new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithSpan(15, 95, 15, 117).WithMessage("Text Completions request body (dictionary" + RuntimeNote + Rejects),
            new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithSpan(19, 134, 19, 154).WithMessage("Text Completions request body (anonymous object" + Rejects));

        [Fact]
        public Task WithTheShim_TheMessageHasNoNote() => VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(
            """
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                object Body(string prompt)
                {
                    var body = new { model = "claude-2.1", prompt = prompt, max_tokens_to_sample = 10 };
                    return body;
                }
            }
            """,
            """
            using System.Linq;
            using CompletionsToMessages.Shim;

            class C
            {
                object Body(string prompt)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new { model = "claude-2.1", system = converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } }, messages = converted.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(), max_tokens = 10 };
                    return body;
                }
            }
            """,
            new[] { new DiagnosticResult("CTM002", DiagnosticSeverity.Warning).WithSpan(8, 65, 8, 85).WithMessage("Text Completions request body (anonymous object" + Rejects) });

        [Fact]
        public Task NotOffered_WhenSomethingWithAnEffectIsEvaluatedBeforeThePrompt() => VerifyBodyAsync(
            """
            class C
            {
                string PickModel() => "claude-2.1";

                object Body(string prompt)
                {
                    var body = new { model = PickModel(), prompt = prompt, {|CTM002:max_tokens_to_sample|} = 10 };
                    return body;
                }
            }
            """,
            null);

        [Fact]
        public Task NotOffered_WhenTheBodyIsBuiltConditionally_OrInAnExpressionBody() => VerifyBodyAsync(
            """
            class C
            {
                object Body(string prompt, bool send)
                {
                    var body = send ? new { model = "claude-2.1", prompt = prompt, {|CTM002:max_tokens_to_sample|} = 10 } : null;
                    return body!;
                }

                object Lazy(string prompt) => new { model = "claude-2.1", prompt = prompt, {|CTM002:max_tokens_to_sample|} = 10 };
            }
            """,
            null);

        [Fact]
        public Task NotOffered_WhenTheWholePromptIsInTheCodeAndInvalid() => VerifyBodyAsync(
            """
            class C
            {
                const string Prompt = "Tell me a joke";

                object Body()
                {
                    var body = new { model = "claude-2.1", prompt = Prompt, {|CTM002:max_tokens_to_sample|} = 10 };
                    return body;
                }
            }
            """,
            null);

        // ---------------- CTM001: the whole request ----------------

        [Fact]
        public Task Ctm001_WholeRequest_WithRuntimePrompt() => VerifyAsync<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                async Task<HttpResponseMessage> Ask(HttpClient http, string prompt)
                {
                    var body = new { model = "claude-2.1", prompt, max_tokens_to_sample = 300 };
                    return await http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, body);
                }
            }
            """,
            """
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using CompletionsToMessages.Shim;

            class C
            {
                async Task<HttpResponseMessage> Ask(HttpClient http, string prompt)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new { model = "claude-2.1", system = converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } }, messages = converted.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(), max_tokens = 300 };
                    return await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                }
            }
            """,
            Array.Empty<DiagnosticResult>());

        // ---------------- the fixed code, compiled and run ----------------

        /// <summary>The bodies exactly as the fix writes them (the expected code above), serialised as the code would send them.</summary>
        private const string RuntimeFixed = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using CompletionsToMessages.Shim;
            using Newtonsoft.Json.Linq;

            public static class Bodies
            {
                public static string Anonymous(string prompt, int serializer)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new { model = "claude-2.1", system = converted.System is null ? new object[0] : new object[] { new { type = "text", text = converted.System } }, messages = converted.Messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(), max_tokens = 100 };
                    return Serialize(body, serializer);
                }

                public static string Dictionary(string prompt, int serializer)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new Dictionary<string, object>
                    {
                        ["model"] = "claude-2.1",
                        ["system"] = converted.System is null ? new object[0] : new object[] { new Dictionary<string, object> { ["type"] = "text", ["text"] = converted.System } },
                        ["messages"] = converted.Messages.Select(m => new Dictionary<string, object> { ["role"] = m.Role, ["content"] = m.Content }).ToArray(),
                        ["max_tokens"] = 100,
                    };
                    return Serialize(body, serializer);
                }

                public static string Node(string prompt, int serializer)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new JsonObject { ["model"] = "claude-2.1", ["system"] = converted.System is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = converted.System }), ["messages"] = new JsonArray(converted.Messages.Select(m => new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray()), ["max_tokens"] = 100 };
                    return serializer == 0 ? body.ToJsonString() : Serialize(body, serializer);
                }

                public static string Token(string prompt, int serializer)
                {
                    var converted = LegacyPrompt.ToMessages(prompt);
                    var body = new JObject(new JProperty("model", "claude-2.1"), new JProperty("system", converted.System is null ? new JArray() : new JArray(new JObject(new JProperty("type", "text"), new JProperty("text", converted.System)))), new JProperty("messages", new JArray(converted.Messages.Select(m => new JObject(new JProperty("role", m.Role), new JProperty("content", m.Content))))), new JProperty("max_tokens", 100));
                    return serializer == 2 ? Newtonsoft.Json.JsonConvert.SerializeObject(body) : body.ToString(Newtonsoft.Json.Formatting.None);
                }

                private static string Serialize(object body, int serializer) => serializer switch
                {
                    0 => JsonSerializer.Serialize(body),
                    1 => JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
                    _ => Newtonsoft.Json.JsonConvert.SerializeObject(body),
                };
            }
            """;

        [Theory]
        [InlineData("Anonymous", 0)]
        [InlineData("Anonymous", 1)]
        [InlineData("Anonymous", 2)]
        [InlineData("Dictionary", 0)]
        [InlineData("Dictionary", 1)]
        [InlineData("Dictionary", 2)]
        [InlineData("Node", 0)]
        [InlineData("Node", 1)]
        [InlineData("Token", 1)]
        [InlineData("Token", 2)]
        public void FixedCode_SendsAValidMessagesBody(string shape, int serializer)
        {
            System.Reflection.MethodInfo build = CompiledBodies.Value.GetType("Bodies")!.GetMethod(shape)!;

            // System text, two turns and a prefill (its trailing space trimmed).
            string json = (string)build.Invoke(null, new object[] { "You are terse.\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: JSON please\n\nAssistant: { ", serializer })!;
            using (var document = System.Text.Json.JsonDocument.Parse(json))
            {
                System.Text.Json.JsonElement root = document.RootElement;
                Assert.Equal(new[] { "model", "system", "messages", "max_tokens" }, root.EnumerateObject().Select(p => p.Name));
                Assert.Equal(100, root.GetProperty("max_tokens").GetInt32());
                System.Text.Json.JsonElement block = Assert.Single(root.GetProperty("system").EnumerateArray());
                Assert.Equal(new[] { "type", "text" }, block.EnumerateObject().Select(p => p.Name));
                Assert.Equal("text", block.GetProperty("type").GetString());
                Assert.Equal("You are terse.", block.GetProperty("text").GetString());
                Assert.Equal(
                    new[] { ("user", "Hi"), ("assistant", "Hello."), ("user", "JSON please"), ("assistant", "{") },
                    root.GetProperty("messages").EnumerateArray().Select(m =>
                    {
                        Assert.Equal(new[] { "role", "content" }, m.EnumerateObject().Select(p => p.Name));
                        return (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!);
                    }));
            }

            // No system text: no system block, and never "system": null.
            json = (string)build.Invoke(null, new object[] { "\n\nHuman: Hi\n\nAssistant:", serializer })!;
            using (var document = System.Text.Json.JsonDocument.Parse(json))
            {
                System.Text.Json.JsonElement root = document.RootElement;
                Assert.Equal(System.Text.Json.JsonValueKind.Array, root.GetProperty("system").ValueKind);
                Assert.Empty(root.GetProperty("system").EnumerateArray());
                System.Text.Json.JsonElement message = Assert.Single(root.GetProperty("messages").EnumerateArray());
                Assert.Equal("user", message.GetProperty("role").GetString());
                Assert.Equal("Hi", message.GetProperty("content").GetString());
            }

            // A prompt the legacy API rejected fails before anything is sent, as the 400 did.
            var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => build.Invoke(null, new object[] { "Tell me a joke", serializer }));
            Assert.IsType<ArgumentException>(thrown.InnerException);
        }

        private static readonly Lazy<System.Reflection.Assembly> CompiledBodies = new Lazy<System.Reflection.Assembly>(() =>
        {
            string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator);
            IEnumerable<MetadataReference> references = platform
                .Select(path => MetadataReference.CreateFromFile(path))
                .Append(MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.Linq.JArray).Assembly.Location))
                .Append(MetadataReference.CreateFromFile(typeof(LegacyPrompt).Assembly.Location));
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "RuntimePromptBodies",
                new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(RuntimeFixed, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)) },
                references,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
            using var stream = new System.IO.MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(stream);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            Assert.Empty(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            return System.Reflection.Assembly.Load(stream.ToArray());
        });

        // ---------------- verifier ----------------

        private static Task VerifyBodyAsync(string source, string? fixedSource) =>
            VerifyAsync<LegacyRequestBodyAnalyzer, LegacyRequestBodyCodeFix>(source, fixedSource ?? source, Array.Empty<DiagnosticResult>());

        private static Task VerifyAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new()
        {
            var test = new CodeFixVerifier<TAnalyzer, TCodeFix>.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = AnalyzerVerifier<TAnalyzer>.References,
            };
            MetadataReference shim = MetadataReference.CreateFromFile(typeof(LegacyPrompt).Assembly.Location);
            test.TestState.AdditionalReferences.Add(shim);
            test.FixedState.AdditionalReferences.Add(shim);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
