using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyResponseReadAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM005: reading the legacy "completion" field of a response (docs/rules/CTM005.md).</summary>
    public class CTM005Tests
    {
        /// <summary>A line that makes the compilation mention Anthropic (the rule's gate).</summary>
        private const string Anthropic = "static class Api { public const string Url = \"https://api.anthropic.com/v1/complete\"; }\n";

        // ---------------- System.Text.Json ----------------

        [Fact]
        public Task JsonElement_GetProperty_IsReported() => Verify.VerifyAsync(
            """
            using System.Text.Json;

            class C
            {
                string Read(string json)
                {
                    using JsonDocument doc = JsonDocument.Parse(json);
                    JsonElement root = doc.RootElement;
                    string a = {|CTM005:doc.RootElement.GetProperty("completion")|}.GetString()!;
                    string b = {|CTM005:root.GetProperty("completion")|}.GetString()!;
                    return a + b;
                }
            }
            """ + Anthropic);

        [Fact]
        public Task JsonElement_TryGetProperty_IsReported() => Verify.VerifyAsync(
            """
            using System.Text.Json;

            class C
            {
                string? Read(JsonElement root)
                {
                    if ({|CTM005:root.TryGetProperty("completion", out JsonElement text)|})
                    {
                        return text.GetString();
                    }

                    return null;
                }
            }
            """ + Anthropic);

        [Fact]
        public Task JsonNodeAndJsonObject_Indexers_AreReported() => Verify.VerifyAsync(
            """
            using System.Text.Json.Nodes;

            class C
            {
                void Read(string json, JsonNode node, JsonObject obj)
                {
                    string a = {|CTM005:node["completion"]|}!.GetValue<string>();
                    string b = (string)({|CTM005:obj["completion"]|})!;
                    string c = {|CTM005:JsonNode.Parse(json)!["completion"]|}!.ToString();
                    bool d = {|CTM005:obj.TryGetPropertyValue("completion", out JsonNode? value)|};
                }
            }
            """ + Anthropic);

        [Fact]
        public Task ConditionalAccess_IsReported() => Verify.VerifyAsync(
            """
            using System.Text.Json.Nodes;
            using Newtonsoft.Json.Linq;

            class C
            {
                void Read(string json, JObject? jobject, JsonObject? wrapper)
                {
                    string? a = {|CTM005:JsonNode.Parse(json)?["completion"]|}?.GetValue<string>();
                    string? b = {|CTM005:jobject?.Value<string>("completion")|};
                    string? c = {|CTM005:jobject?["completion"]|}?.ToString();
                    string? d = {|CTM005:wrapper?["data"]?["completion"]|}?.ToString();
                }
            }
            """ + Anthropic);

        // ---------------- Newtonsoft.Json ----------------

        [Fact]
        public Task Newtonsoft_IndexersAndReadMethods_AreReported() => Verify.VerifyAsync(
            """
            using Newtonsoft.Json.Linq;

            class C
            {
                void Read(string text, JToken token)
                {
                    JObject json = JObject.Parse(text);
                    string a = (string){|CTM005:json["completion"]|}!;
                    string b = {|CTM005:json.Value<string>("completion")|}!;
                    string c = {|CTM005:json.GetValue("completion")|}!.ToString();
                    string d = {|CTM005:json.SelectToken("completion")|}!.ToString();
                    string e = {|CTM005:token["completion"]|}!.ToString();
                    string f = {|CTM005:JObject.Parse(text)["completion"]|}!.ToString();
                    bool g = {|CTM005:json.TryGetValue("completion", out JToken? h)|};
                }
            }
            """ + Anthropic);

        // ---------------- dynamic ----------------

        [Fact]
        public Task Dynamic_MemberAccessAndIndexer_AreReported() => Verify.VerifyAsync(
            """
            using Newtonsoft.Json;

            class C
            {
                string Read(string text)
                {
                    dynamic response = JsonConvert.DeserializeObject<dynamic>(text)!;
                    string a = {|CTM005:response.completion|};
                    string b = {|CTM005:response["completion"]|};
                    string c = {|CTM005:JsonConvert.DeserializeObject<dynamic>(text)!.completion|};
                    string? d = {|CTM005:response?.completion|};
                    return a + b + c + d;
                }
            }
            """ + Anthropic);

        // dynamic reads are looked for per file (a text search for "completion", then the file's member accesses and
        // bindings): a name spelt with a Unicode escape (the only spelling here) is still found; generated files stay
        // silent; a dynamic read of another member and a typed '.completion' are not reports.
        [Fact]
        public Task Dynamic_ReadSpeltWithAUnicodeEscape_IsReported_AndSilentWhenGenerated() =>
            RuleTest<LegacyResponseReadAnalyzer>.VerifyReportedButSilentWhenGeneratedAsync(
                """
                class Reply
                {
                    public string \u0063ompletion = "";
                }

                class C
                {
                    string Read(dynamic response, Reply reply)
                    {
                        string a = {|CTM005:response.\u0063ompletion|};
                        string? b = {|CTM005:response?.\u0063ompletion|};
                        string c = response.stop_reason;
                        return a + b + c + reply.\u0063ompletion;
                    }
                }
                """ + Anthropic);

        // ---------------- Dictionaries ----------------

        [Fact]
        public Task ResponseDictionaries_AreReported() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text.Json;

            class C
            {
                void Read(string text, IDictionary<string, object> map, IReadOnlyDictionary<string, JsonElement> elements)
                {
                    var response = JsonSerializer.Deserialize<Dictionary<string, object>>(text)!;
                    object a = {|CTM005:response["completion"]|};
                    bool b = {|CTM005:response.TryGetValue("completion", out object? c)|};
                    var strings = JsonSerializer.Deserialize<Dictionary<string, string>>(text)!;
                    string d = {|CTM005:strings["completion"]|};
                    object e = {|CTM005:map["completion"]|};
                    JsonElement f = {|CTM005:elements["completion"]|};
                }
            }
            """ + Anthropic);

        [Fact]
        public Task UnrelatedDictionaries_AreNotReported() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;

            class C
            {
                // Token counters keyed "prompt"/"completion", and a dictionary keyed by something else than strings.
                void Count(Dictionary<string, int> tokens, Dictionary<string, long> totals, Dictionary<int, string> byId)
                {
                    tokens["completion"] += 10;
                    int a = tokens["completion"];
                    bool b = totals.TryGetValue("completion", out long c);
                }
            }
            """ + Anthropic);

        // ---------------- Response DTOs ----------------

        [Fact]
        public Task Dto_WithJsonPropertyName_IsReported() => Verify.VerifyAsync(
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
        public Task Dto_WithNewtonsoftJsonProperty_IsReported() => Verify.VerifyAsync(
            """
            using Newtonsoft.Json;

            class LegacyAnswer
            {
                [JsonProperty({|CTM005:"completion"|})]
                public string Completion { get; set; } = "";

                [JsonProperty("stop_reason")]
                public string? Reason { get; set; }
            }

            class Other
            {
                [JsonProperty(PropertyName = {|CTM005:"completion"|})]
                public string Value { get; set; } = "";

                public string? StopReason { get; set; }
            }
            """ + Anthropic);

        [Fact]
        public Task Dto_WithQualifiedOrNamedArgumentAttributes_IsReported() => Verify.VerifyAsync(
            """
            class Qualified
            {
                [System.Text.Json.Serialization.JsonPropertyNameAttribute({|CTM005:"completion"|})]
                public string Text { get; init; } = "";

                [global::Newtonsoft.Json.JsonProperty(propertyName: "stop_reason")]
                public string? Reason { get; init; }
            }
            """ + Anthropic);

        [Fact]
        public Task Dto_WithDataMember_IsReported() => Verify.VerifyAsync(
            """
            using System.Runtime.Serialization;

            [DataContract]
            class CompletionResult
            {
                [DataMember(Name = {|CTM005:"completion"|})]
                public string Text { get; set; } = "";

                [DataMember(Name = "stop_reason")]
                public string? StopReason { get; set; }
            }
            """ + Anthropic);

        [Fact]
        public Task Dto_WithMemberNamedCompletion_IsReported() => Verify.VerifyAsync(
            """
            class CompletionResponse
            {
                public string {|CTM005:completion|} { get; set; } = "";
                public string? stop_reason { get; set; }
            }
            """ + Anthropic);

        [Fact]
        public Task Dto_Fields_AreReported() => Verify.VerifyAsync(
            """
            using Newtonsoft.Json;

            class WithFields
            {
                [JsonProperty({|CTM005:"completion"|})]
                public string Text = "";

                [JsonProperty("stop_reason")]
                public string? StopReason;
            }

            class PlainFields
            {
                public string {|CTM005:completion|} = "", stop_reason = "";
            }
            """ + Anthropic);

        [Fact]
        public Task Dto_PositionalRecord_IsReported() => Verify.VerifyAsync(
            """
            using System.Text.Json.Serialization;

            record CompletionResponse(
                [property: JsonPropertyName({|CTM005:"completion"|})] string Text,
                [property: JsonPropertyName("stop_reason")] string? StopReason);

            record struct Plain(string {|CTM005:completion|}, string stop_reason);
            """ + Anthropic);

        [Fact]
        public Task Dto_WithoutStopReason_OrMappedElsewhere_IsNotReported() => Verify.VerifyAsync(
            """
            using System.ComponentModel;
            using System.Text.Json.Serialization;

            class Lone
            {
                [JsonPropertyName("completion")]
                public string Text { get; set; } = "";
            }

            class LoneByName
            {
                public string completion { get; set; } = "";
            }

            class Renamed
            {
                [JsonPropertyName("text")]
                public string completion { get; set; } = "";

                [JsonPropertyName("stop_reason")]
                public string? StopReason { get; set; }
            }

            class NotAMapping
            {
                [Description("completion")]
                public string Text { get; set; } = "";

                public string? StopReason { get; set; }
            }
            """ + Anthropic);

        // ---------------- Look-alikes ----------------

        [Fact]
        public Task WritingCompletion_IsNotReported() => Verify.VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text.Json.Nodes;
            using Newtonsoft.Json.Linq;

            class Emulator
            {
                void Write(JsonObject node, JObject jobject, Dictionary<string, object> map, dynamic d)
                {
                    node["completion"] = " Hello";
                    jobject["completion"] = " Hello";
                    map["completion"] = " Hello";
                    d.completion = " Hello";
                    var built = new JsonObject { ["completion"] = " Hello", ["stop_reason"] = "stop_sequence" };
                    var dict = new Dictionary<string, object> { ["completion"] = " Hello" };
                    var anonymous = new { completion = " Hello", stop_reason = "stop_sequence" };
                }
            }
            """ + Anthropic);

        [Fact]
        public Task OpenAiAndMessagesReads_AreNotReported() => Verify.VerifyAsync(
            """
            using System.Linq;
            using System.Text.Json;

            class C
            {
                string OpenAi(JsonElement root) =>
                    root.GetProperty("choices")[0].GetProperty("text").GetString()!
                    + root.GetProperty("usage").GetProperty("completion_tokens").GetInt32();

                string Messages(JsonElement root) => string.Concat(root.GetProperty("content").EnumerateArray()
                    .Where(block => block.GetProperty("type").GetString() == "text")
                    .Select(block => block.GetProperty("text").GetString()));
            }
            """ + Anthropic);

        [Fact]
        public Task NonJsonReceivers_AreNotReported() => Verify.VerifyAsync(
            """
            using System.Resources;

            class Settings
            {
                public string this[string key] => key;
                public string GetValue(string key) => key;
            }

            class Result
            {
                public string completion = "";
            }

            class C
            {
                void M(Settings settings, ResourceManager resources, string text, Result result)
                {
                    string a = settings["completion"];
                    string b = settings.GetValue("completion");
                    string? c = resources.GetString("completion");
                    bool d = text.Contains("completion");
                    string e = result.completion;
                    string f = nameof(Result.completion);
                }
            }
            """ + Anthropic);

        // ---------------- After the streaming fix: parsers of the shim's LegacyEventStream ----------------

        [Fact]
        public Task EventsOfTheAdapterStream_AreNotReported_OtherReadsInTheSameFileAre() => Verify.VerifyAsync(
            """
            using System.IO;
            using System.Net.Http;
            using System.Text.Json;
            using System.Threading.Tasks;
            using CompletionsToMessages.Shim;

            class Streams
            {
                // What the streaming fix leaves: the read wrapped in the adapter; its "completion" events are the adapter's.
                async Task<string> WrappedAsync(HttpClient http, HttpRequestMessage request)
                {
                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    using var reader = new StreamReader(LegacyEventStream.FromMessages(await response.Content.ReadAsStreamAsync()));
                    string text = "";
                    while (await reader.ReadLineAsync() is string line)
                    {
                        if (line.StartsWith("data:"))
                        {
                            text += JsonDocument.Parse(line.Substring(5)).RootElement.GetProperty("completion").GetString();
                        }
                    }

                    return text;
                }

                // A parser handed the adapter's stream.
                static async Task<string?> FirstAsync(Stream events)
                {
                    using var reader = new StreamReader(events);
                    string? line = await reader.ReadLineAsync();
                    return line != null && line.StartsWith("data:") ? JsonDocument.Parse(line.Substring(5)).RootElement.GetProperty("completion").GetString() : null;
                }

                // Not a stream parser: a whole (non-streamed) response, still the legacy field.
                static string? Whole(JsonElement root) => {|CTM005:root.GetProperty("completion")|}.GetString();

                // A stream of another request that is not wrapped.
                async Task<string?> UnwrappedAsync(HttpClient http, HttpRequestMessage request)
                {
                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                    string? line = await reader.ReadLineAsync();
                    return line != null && line.StartsWith("data:") ? {|CTM005:JsonDocument.Parse(line.Substring(5)).RootElement.GetProperty("completion")|}.GetString() : null;
                }
            }

            namespace CompletionsToMessages.Shim
            {
                static class LegacyEventStream { public static System.IO.Stream FromMessages(System.IO.Stream messages) => messages; }
            }

            """ + Anthropic);

        [Fact]
        public Task CompilationWithoutAnthropic_IsNotReported() => Verify.VerifyAsync(
            """
            using System.Text.Json;
            using Newtonsoft.Json.Linq;

            class OpenAiLegacyClient
            {
                string Read(JsonElement root, JObject json, dynamic d) =>
                    root.GetProperty("completion").GetString()! + json["completion"] + d.completion;
            }
            """);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Verify.VerifyAsync(
            """
            // <auto-generated/>
            using System.Text.Json;
            using System.Text.Json.Serialization;

            class C
            {
                string Read(JsonElement root, dynamic d) => root.GetProperty("completion").GetString()! + d.completion;
            }

            class CompletionResponse
            {
                [JsonPropertyName("completion")]
                public string Text { get; set; } = "";

                [JsonPropertyName("stop_reason")]
                public string? StopReason { get; set; }
            }

            """ + Anthropic);
    }
}
