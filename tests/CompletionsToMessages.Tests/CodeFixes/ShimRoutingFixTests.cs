using System.Threading;
using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using CompletionsToMessages.CodeFixes.Fixes;
using CompletionsToMessages.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace CompletionsToMessages.Tests.CodeFixes
{
    /// <summary>
    /// CTM001 "Use CompletionsToMessages.Shim": a hand-written DTO client method (PostAsJsonAsync of a request DTO to
    /// v1/complete, own exception on a non-success status, ReadFromJsonAsync of a response DTO) becomes a call of the
    /// shim's CompletionsClient.CreateAsync over the same HttpClient. Request members are mapped by the wire name
    /// System.Text.Json gives them under PostAsJsonAsync's web defaults ([JsonPropertyName], else camelCase of the C#
    /// name), response members by the case-insensitive name ReadFromJsonAsync reads. Expected code is written by hand
    /// from those rules and the shim's API. The verifier also checks Fix All (document/project/solution) and that the
    /// fixed code compiles against the shim. No fix without the shim, for a member the shim lacks, or another shape.
    /// </summary>
    public class ShimRoutingFixTests
    {
        private const string Usings = """
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text.Json.Serialization;
            using System.Threading;
            using System.Threading.Tasks;

            """;

        private const string Exception = """

            public sealed class ClaudeApiException : Exception
            {
                public ClaudeApiException(int statusCode, string body)
                    : base($"Anthropic API returned {statusCode}: {body}")
                {
                    StatusCode = statusCode;
                }

                public int StatusCode { get; }
            }
            """;

        private const string SampleDtos = """

            public sealed class CompletionRequest
            {
                [JsonPropertyName("model")]
                public string Model { get; set; } = string.Empty;

                [JsonPropertyName("prompt")]
                public string Prompt { get; set; } = string.Empty;

                [JsonPropertyName("max_tokens_to_sample")]
                public int MaxTokensToSample { get; set; }

                [JsonPropertyName("stop_sequences")]
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public List<string>? StopSequences { get; set; }

                [JsonPropertyName("temperature")]
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
                public double? Temperature { get; set; }
            }

            public sealed class CompletionResponse
            {
                [JsonPropertyName("completion")]
                public string Completion { get; set; } = string.Empty;

                [JsonPropertyName("stop_reason")]
                public string? StopReason { get; set; }

                [JsonPropertyName("model")]
                public string? Model { get; set; }
            }
            """;

        /// <summary>samples/DtoClient's ClaudeClient; <paramref name="method"/> is the body of CompleteAsync's class after the constructor.</summary>
        private static string SampleClient(string endpointField, string method) => Usings + Exception + SampleDtos + $$"""


            public sealed class ClaudeClient : IDisposable
            {
            {{endpointField}}    private readonly HttpClient _http;

                public ClaudeClient(string baseUrl, string apiKey)
                {
                    _http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };
                    _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
                    _http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                }

            {{method}}

                public void Dispose() => _http.Dispose();
            }

            """;

        private const string LegacyField = "    private const string CompletePath = {|CTM001:\"v1/complete\"|};\n\n";

        private const string LegacyMethod = """
                public async Task<CompletionResponse> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default)
                {
                    using HttpResponseMessage response = await _http.PostAsJsonAsync(CompletePath, request, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        string body = await response.Content.ReadAsStringAsync(cancellationToken);
                        throw new ClaudeApiException((int)response.StatusCode, body);
                    }

                    return await response.Content.ReadFromJsonAsync<CompletionResponse>(cancellationToken)
                           ?? throw new InvalidOperationException("The API returned an empty body.");
                }
            """;

        private const string RoutedMethod = """
                public async Task<CompletionResponse> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default)
                {
                    using var completions = new CompletionsToMessages.Shim.CompletionsClient(_http);
                    CompletionsToMessages.Shim.CompletionResponse response;
                    try
                    {
                        response = await completions.CreateAsync(new CompletionsToMessages.Shim.CompletionRequest
                        {
                            Model = request.Model,
                            Prompt = request.Prompt,
                            MaxTokensToSample = request.MaxTokensToSample,
                            StopSequences = request.StopSequences,
                            Temperature = request.Temperature,
                        }, cancellationToken);
                    }
                    catch (CompletionsToMessages.Shim.AnthropicApiException error)
                    {
                        throw new ClaudeApiException(error.StatusCode, error.Message);
                    }

                    return new CompletionResponse
                    {
                        Completion = response.Completion,
                        StopReason = response.StopReason,
                        Model = response.Model,
                    };
                }
            """;

        // ---------------------------------------------------------------- routed

        [Fact]
        public Task DtoClientSample_JsonPropertyName_RoutedThroughShim_EndpointConstantRemoved() => VerifyAsync(
            SampleClient(LegacyField, LegacyMethod),
            SampleClient(string.Empty, RoutedMethod),
            expectedTitle: "Use CompletionsToMessages.Shim");

        [Fact]
        public Task SnakeCaseMemberNames_AbsoluteUrlAtTheCall_BaseUrlOption_NoToken_ConfigureAwait() => VerifyAsync(
            Usings + """
            public class Req
            {
                public string model { get; set; } = "";
                public string prompt { get; set; } = "";
                public int max_tokens_to_sample { get; set; }
                public float? top_p { get; set; }
                public int? top_k { get; set; }
                public string[]? stop_sequences { get; set; }
                public static int Count { get; set; }
                public string NotSent = "fields are not serialized";
                [JsonIgnore]
                public string Note { get; set; } = "";
            }

            public class Res
            {
                public string? id { get; set; }
                public string completion { get; set; } = "";
                public string stop_reason { get; set; } = "";
                public string Summary => completion.Trim();
            }

            public class ApiError : Exception
            {
                public ApiError(System.Net.HttpStatusCode status, string text) : base(text) { }
            }

            public class Client
            {
                private readonly HttpClient http = new HttpClient();

                public async Task<Res?> Ask(Req req)
                {
                    var reply = await http.PostAsJsonAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, req).ConfigureAwait(false);
                    if (!reply.IsSuccessStatusCode)
                        throw new ApiError(reply.StatusCode, "Claude failed");
                    return await reply.Content.ReadFromJsonAsync<Res>().ConfigureAwait(false);
                }
            }
            """,
            Usings + """
            public class Req
            {
                public string model { get; set; } = "";
                public string prompt { get; set; } = "";
                public int max_tokens_to_sample { get; set; }
                public float? top_p { get; set; }
                public int? top_k { get; set; }
                public string[]? stop_sequences { get; set; }
                public static int Count { get; set; }
                public string NotSent = "fields are not serialized";
                [JsonIgnore]
                public string Note { get; set; } = "";
            }

            public class Res
            {
                public string? id { get; set; }
                public string completion { get; set; } = "";
                public string stop_reason { get; set; } = "";
                public string Summary => completion.Trim();
            }

            public class ApiError : Exception
            {
                public ApiError(System.Net.HttpStatusCode status, string text) : base(text) { }
            }

            public class Client
            {
                private readonly HttpClient http = new HttpClient();

                public async Task<Res?> Ask(Req req)
                {
                    using var completions = new CompletionsToMessages.Shim.CompletionsClient(http, new CompletionsToMessages.Shim.CompletionsClientOptions { BaseUrl = "https://api.anthropic.com" });
                    CompletionsToMessages.Shim.CompletionResponse reply;
                    try
                    {
                        reply = await completions.CreateAsync(new CompletionsToMessages.Shim.CompletionRequest
                        {
                            Model = req.model,
                            Prompt = req.prompt,
                            MaxTokensToSample = req.max_tokens_to_sample,
                            TopP = req.top_p,
                            TopK = req.top_k,
                            StopSequences = req.stop_sequences,
                        }).ConfigureAwait(false);
                    }
                    catch (CompletionsToMessages.Shim.AnthropicApiException error)
                    {
                        throw new ApiError((System.Net.HttpStatusCode)error.StatusCode, "Claude failed");
                    }

                    return new Res
                    {
                        id = reply.Id,
                        completion = reply.Completion,
                        stop_reason = reply.StopReason!,
                    };
                }
            }
            """);

        [Fact]
        public Task FixAll_TwoClientsInOneDocument_BothRouted() => VerifyAsync(
            SampleClient(LegacyField, LegacyMethod) + """

            public sealed class SecondClient
            {
                private static readonly string Path = {|CTM001:"v1/complete"|};
                private readonly HttpClient client;

                public SecondClient(HttpClient client) => this.client = client;

                public async Task<CompletionResponse> SendAsync(CompletionRequest request)
                {
                    using var response = await this.client.PostAsJsonAsync(Path, request);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new ClaudeApiException((int)response.StatusCode, "failed");
                    }

                    return (await response.Content.ReadFromJsonAsync<CompletionResponse>())!;
                }
            }

            """,
            SampleClient(string.Empty, RoutedMethod) + """

            public sealed class SecondClient
            {
                private readonly HttpClient client;

                public SecondClient(HttpClient client) => this.client = client;

                public async Task<CompletionResponse> SendAsync(CompletionRequest request)
                {
                    using var completions = new CompletionsToMessages.Shim.CompletionsClient(this.client);
                    CompletionsToMessages.Shim.CompletionResponse response;
                    try
                    {
                        response = await completions.CreateAsync(new CompletionsToMessages.Shim.CompletionRequest
                        {
                            Model = request.Model,
                            Prompt = request.Prompt,
                            MaxTokensToSample = request.MaxTokensToSample,
                            StopSequences = request.StopSequences,
                            Temperature = request.Temperature,
                        });
                    }
                    catch (CompletionsToMessages.Shim.AnthropicApiException error)
                    {
                        throw new ClaudeApiException(error.StatusCode, "failed");
                    }

                    return new CompletionResponse
                    {
                        Completion = response.Completion,
                        StopReason = response.StopReason,
                        Model = response.Model,
                    };
                }
            }

            """);

        // ---------------------------------------------------------------- not offered

        [Fact]
        public Task ShimNotReferenced_NoFix()
        {
            string source = SampleClient(LegacyField, LegacyMethod);
            return VerifyAsync(source, source, referenceShim: false);
        }

        [Fact]
        public Task RequestMemberWithoutShimCounterpart_Stream_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod).Replace(
                "public double? Temperature { get; set; }",
                "public double? Temperature { get; set; }\n\n    [JsonPropertyName(\"stream\")]\n    public bool Stream { get; set; }"));

        [Fact]
        public Task RequestMemberWithoutShimCounterpart_OwnMetadataType_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod).Replace(
                "public double? Temperature { get; set; }",
                "public double? Temperature { get; set; }\n\n    [JsonPropertyName(\"metadata\")]\n    public Dictionary<string, string>? Metadata { get; set; }"));

        [Fact]
        public Task ResponseMemberWithoutShimCounterpart_LogId_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod).Replace(
                "public string? Model { get; set; }",
                "public string? Model { get; set; }\n\n    [JsonPropertyName(\"log_id\")]\n    public string? LogId { get; set; }"));

        [Fact]
        public Task RequestMemberOfIncompatibleType_LongMaxTokens_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod).Replace("public int MaxTokensToSample", "public long MaxTokensToSample"));

        [Fact]
        public Task NewtonsoftJsonProperty_SentWithPostAsJsonAsync_WireNamesAreCamelCase_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod)
                .Replace("[JsonPropertyName(\"max_tokens_to_sample\")]", "[Newtonsoft.Json.JsonProperty(\"max_tokens_to_sample\")]"));

        [Fact]
        public Task OmittedWhenDefault_NoShimEquivalent_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod).Replace(
                "[JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]\n    public double? Temperature",
                "[JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]\n    public double? Temperature"));

        [Fact]
        public Task EndpointConstantUsedElsewhere_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod.Replace(
                "using HttpResponseMessage response",
                "Console.WriteLine(CompletePath);\n        using HttpResponseMessage response")));

        [Fact]
        public Task MethodDoesMoreThanTheRequest_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod.Replace(
                "string body = await response.Content.ReadAsStringAsync(cancellationToken);",
                "string body = await response.Content.ReadAsStringAsync(cancellationToken);\n            Console.Error.WriteLine(response.ReasonPhrase);")));

        [Fact]
        public Task ErrorUsesMoreOfTheResponse_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod.Replace(
                "throw new ClaudeApiException((int)response.StatusCode, body);",
                "throw new ClaudeApiException((int)response.StatusCode, response.ReasonPhrase + body);")));

        [Fact]
        public Task EnsureSuccessStatusCode_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, """
                public async Task<CompletionResponse?> CompleteAsync(CompletionRequest request)
                {
                    using HttpResponseMessage response = await _http.PostAsJsonAsync(CompletePath, request);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<CompletionResponse>();
                }
            """));

        [Fact]
        public Task SerializerOptionsPassed_NoFix() => VerifyNoFixAsync(
            SampleClient(LegacyField, LegacyMethod.Replace(
                "_http.PostAsJsonAsync(CompletePath, request, cancellationToken)",
                "_http.PostAsJsonAsync(CompletePath, request, new System.Text.Json.JsonSerializerOptions(), cancellationToken)")));

        [Fact]
        public Task LeadingSlashPath_ResolvesAgainstTheHostRoot_NotRouted() => VerifyNoFixAsync(
            SampleClient(LegacyField.Replace("\"v1/complete\"", "\"/v1/complete\""), LegacyMethod));

        // ---------------------------------------------------------------- verifier

        private static Task VerifyNoFixAsync(string source) => VerifyAsync(source, source);

        private static Task VerifyAsync(string source, string fixedSource, bool referenceShim = true, string? expectedTitle = null)
        {
            var test = new CodeFixVerifier<LegacyEndpointAnalyzer, LegacyEndpointCodeFix>.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = AnalyzerVerifier<LegacyEndpointAnalyzer>.References,
            };
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
