using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyEndpointAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>
    /// CTM001 (request to /v1/complete): one positive test per way of writing the URL that docs/rules/CTM001.md
    /// claims, with the diagnostic at the exact span, and one negative test per look-alike.
    /// </summary>
    public class CTM001Tests
    {
        // ---------------------------------------------------------------- positives: where the URL is written

        [Fact]
        public Task FullUrlLiteral_PostAsync_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) =>
                    http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, body);
            }
            """);

        [Fact]
        public Task FullUrlLiteral_HasTheUrlInTheMessage() => Verify.VerifyAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) =>
                    http.PostAsync({|#0:"https://api.anthropic.com/v1/complete"|}, body);
            }
            """,
            Verify.Diagnostic("CTM001").WithLocation(0).WithArguments("https://api.anthropic.com/v1/complete"));

        [Fact]
        public Task VerbatimLiteral_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string Url() => {|CTM001:@"https://api.anthropic.com/v1/complete"|};
            }
            """);

        [Fact]
        public Task RawStringLiteral_IsReported() => Verify.VerifyAsync(""""
            class C
            {
                string Url() => {|CTM001:"""https://api.anthropic.com/v1/complete"""|};
            }
            """");

        [Theory]
        [InlineData("https://api.anthropic.com/v1/complete?beta=true")]
        [InlineData("https://api.anthropic.com/v1/complete/")]
        [InlineData("https://api.anthropic.com/v1/complete#top")]
        [InlineData("http://api.anthropic.com/v1/complete")]
        [InlineData("HTTPS://API.ANTHROPIC.COM/v1/complete")]
        public Task FullUrlWithQueryOrTrailingPart_IsReported(string url) => Verify.VerifyAsync($$"""
            class C
            {
                string Url() => {|CTM001:"{{url}}"|};
            }
            """);

        [Fact]
        public Task ConstField_IsReportedAtItsValue() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                private const string CompleteUrl = {|CTM001:"https://api.anthropic.com/v1/complete"|};

                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) => http.PostAsync(CompleteUrl, body);
            }
            """);

        [Fact]
        public Task StaticReadonlyStringField_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                private static readonly string Endpoint = {|CTM001:"https://api.anthropic.com/v1/complete"|};

                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) => http.PostAsync(Endpoint, body);
            }
            """);

        [Fact]
        public Task StaticReadonlyUriField_IsReported() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                private static readonly Uri Endpoint = new Uri({|CTM001:"https://api.anthropic.com/v1/complete"|});

                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) => http.PostAsync(Endpoint, body);
            }
            """);

        [Fact]
        public Task NewUri_IsReported() => Verify.VerifyAsync("""
            using System;

            class C
            {
                Uri M() => new Uri({|CTM001:"https://api.anthropic.com/v1/complete"|}, UriKind.Absolute);
            }
            """);

        [Fact]
        public Task InterpolatedBaseUrl_IsReportedOnTheWholeInterpolation() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                private readonly string _baseUrl = "https://api.anthropic.com";

                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) =>
                    http.PostAsync({|CTM001:$"{_baseUrl}/v1/complete"|}, body);
            }
            """);

        [Fact]
        public Task InterpolatedWithQueryHole_IsReported() => Verify.VerifyAsync("""
            class C
            {
                // talks to Claude
                string M(string baseUrl, bool beta) => {|CTM001:$"{baseUrl}/v1/complete?beta={beta}"|};
            }
            """);

        [Fact]
        public Task InterpolatedConstantHost_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string M(string version) => {|CTM001:$"https://api.anthropic.com/v1/complete?v={version}"|};
            }
            """);

        [Fact]
        public Task RawInterpolatedString_IsReported() => Verify.VerifyAsync(""""
            class C
            {
                string M(string host) => {|CTM001:$"""https://{host}/v1/complete"""|} + " for claude";
            }
            """");

        [Fact]
        public Task ConcatenatedPath_IsReportedOnThePathPart() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                private const string BaseUrl = "https://api.anthropic.com";

                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) =>
                    http.PostAsync(BaseUrl + {|CTM001:"/v1/complete"|}, body);
            }
            """);

        [Fact]
        public Task ConcatenatedLiterals_AreReportedOnThePathPart() => Verify.VerifyAsync("""
            class C
            {
                string Url() => "https://api.anthropic.com" + {|CTM001:"/v1/complete"|};
            }
            """);

        [Fact]
        public Task BaseAddressAndRelativePath_IsReported() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpContent body)
                {
                    var http = new HttpClient { BaseAddress = new Uri("https://api.anthropic.com") };
                    await http.PostAsync({|CTM001:"v1/complete"|}, body);
                }
            }
            """);

        [Fact]
        public Task BaseAddressAndRootedRelativePath_IsReported() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpContent body)
                {
                    var http = new HttpClient();
                    http.BaseAddress = new Uri("https://api.anthropic.com/");
                    await http.PostAsync({|CTM001:"/v1/complete"|}, body);
                }
            }
            """);

        [Fact]
        public Task RelativePathWithQuery_IsReported() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> M(HttpContent body)
                {
                    var http = new HttpClient { BaseAddress = new Uri("https://api.anthropic.com") };
                    return http.PostAsync({|CTM001:"v1/complete?beta=true"|}, body);
                }
            }
            """);

        [Fact]
        public Task HttpRequestMessageConstructor_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                HttpRequestMessage M() => new HttpRequestMessage(HttpMethod.Post, {|CTM001:"https://api.anthropic.com/v1/complete"|});
            }
            """);

        [Fact]
        public Task HttpRequestMessageRequestUri_IsReported() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;

            class C
            {
                HttpRequestMessage M(HttpContent body) => new HttpRequestMessage
                {
                    Method = HttpMethod.Post,
                    RequestUri = new Uri({|CTM001:"https://api.anthropic.com/v1/complete"|}),
                    Content = body,
                };
            }
            """);

        [Fact]
        public Task NonAnthropicHost_IsReported_WhenTheCompilationMentionsClaude() => Verify.VerifyAsync("""
            class C
            {
                // A company proxy in front of the Claude API.
                const string Model = "claude-2.1";
                string Url() => {|CTM001:"https://llm-gateway.internal.example/v1/complete"|};
            }
            """);

        [Fact]
        public Task RelativePathInOneFile_IsReported_WhenAnotherFileMentionsAnthropic()
        {
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add(("Client.cs", """
                class Client
                {
                    string Path() => {|CTM001:"/v1/complete"|};
                }
                """));
            test.TestState.Sources.Add(("Settings.cs", """
                class Settings
                {
                    public string Host = "https://api.anthropic.com";
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task RelativePath_IsReported_WhenTheCompilationHasATextCompletionsBody() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> M(HttpClient http, string prompt) =>
                    http.PostAsJsonAsync({|CTM001:"/v1/complete"|}, new { prompt, max_tokens_to_sample = 300 });
            }
            """);

        [Fact]
        public Task EveryLiteralHoldingTheUrl_IsReportedOnce() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpClient http, HttpContent body)
                {
                    await http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, body);
                    await http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, body);
                }
            }
            """);

        // ---------------------------------------------------------------- negatives: look-alikes

        [Theory]
        [InlineData("https://api.openai.com/v1/completions")]
        [InlineData("/v1/completions")]
        [InlineData("v1/completions")]
        [InlineData("https://api.anthropic.com/v1/completions")]
        public Task OpenAiCompletionsEndpoint_IsNotReported(string url) => Verify.VerifyAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                // claude and openai side by side
                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) => http.PostAsync("{{url}}", body);
            }
            """);

        [Theory]
        [InlineData("https://api.anthropic.com/v1/messages")]
        [InlineData("/v1/messages")]
        [InlineData("v1/messages")]
        [InlineData("https://api.anthropic.com/v1/messages/count_tokens")]
        [InlineData("https://api.anthropic.com/v1/messages/batches")]
        public Task MessagesEndpoint_IsNotReported(string url) => Verify.VerifyAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) => http.PostAsync("{{url}}", body);
            }
            """);

        [Theory]
        [InlineData("/v1/messages")]
        [InlineData("/v1/completions")]
        [InlineData("/v1/complete/{id}")]
        [InlineData("/api/{id}v1/complete")]
        public Task InterpolatedLookAlikes_AreNotReported(string path) => Verify.VerifyAsync($$"""
            class C
            {
                // anthropic
                string M(string baseUrl, int id) => $"{baseUrl}{{path}}";
            }
            """);

        [Theory]
        [InlineData("Call /v1/complete to get a completion")]
        [InlineData("POST v1/complete is retired")]
        [InlineData("see https://api.anthropic.com/v1/complete for details")]
        [InlineData("v1/complete and v1/complete")]
        public Task PathInProse_IsNotReported(string text) => Verify.VerifyAsync($$"""
            class C
            {
                string Note() => "{{text}}";
            }
            """);

        [Fact]
        public Task InterpolatedProse_IsNotReported() => Verify.VerifyAsync("""
            class C
            {
                string Note(int count) => $"anthropic: {count} calls still go to /v1/complete";
            }
            """);

        [Fact]
        public Task RoutesTheProgramServes_AreNotReported() => Verify.VerifyAsync("""
            using System;

            [AttributeUsage(AttributeTargets.All)]
            class HttpPostAttribute : Attribute { public HttpPostAttribute(string template) { } }

            class Endpoints
            {
                // anthropic: a local stand-in for the legacy API, which its tests call
                void Map(Routes app, string prefix)
                {
                    app.MapPost("/v1/complete", () => "{}");
                    app.MapMethods("v1/complete", new[] { "POST" }, () => "{}");
                    app.MapGet($"{prefix}/v1/complete", () => "{}");
                }

                [HttpPost("v1/complete")]
                public string Complete() => "{}";
            }

            class Routes
            {
                public void MapPost(string pattern, Func<string> handler) { }
                public void MapGet(string pattern, Func<string> handler) { }
                public void MapMethods(string pattern, string[] methods, Func<string> handler) { }
            }
            """);

        [Fact]
        public Task RequestBuiltInAMethodNamedLikeARouteMapping_IsStillReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                // anthropic
                HttpRequestMessage Mapper() => new HttpRequestMessage(HttpMethod.Post, {|CTM001:"/v1/complete"|});
                string MapToUrl(string path) => path;
                string M() => MapToUrl({|CTM001:"https://api.anthropic.com/v1/complete"|});
            }
            """);

        [Fact]
        public Task PathInComments_IsNotReported() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                /// <summary>Used to POST https://api.anthropic.com/v1/complete; now /v1/messages.</summary>
                Task<HttpResponseMessage> M(HttpClient http, HttpContent body)
                {
                    // was: http.PostAsync("https://api.anthropic.com/v1/complete", body)
                    /* "v1/complete" */
                    return http.PostAsync("https://api.anthropic.com/v1/messages", body);
                }
            }
            """);

        [Theory]
        [InlineData("https://api.anthropic.com/v1/completeness")]
        [InlineData("https://api.anthropic.com/v1/complete/status")]
        [InlineData("https://api.anthropic.com/api2v1/complete")]
        [InlineData("https://api.anthropic.com/v2/complete")]
        [InlineData("tasks/v1/complete")]
        public Task OtherPaths_AreNotReported(string url) => Verify.VerifyAsync($$"""
            class C
            {
                string Url() => "{{url}}";
            }
            """);

        [Fact]
        public Task OtherVendorsHost_IsNotReported_WhenNothingMentionsAnthropic() => Verify.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                Task<HttpResponseMessage> M(HttpClient http, HttpContent body) =>
                    http.PostAsync("https://api.example-llm.com/v1/complete", body);
            }
            """);

        [Fact]
        public Task RelativePathAndInterpolation_AreNotReported_WhenNothingMentionsAnthropic() => Verify.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(HttpContent body, string baseUrl)
                {
                    var http = new HttpClient { BaseAddress = new Uri("https://tasks.example.com") };
                    await http.PostAsync("v1/complete", body);
                    await http.PostAsync($"{baseUrl}/v1/complete", body);
                    await http.PostAsync(baseUrl + "/v1/complete", body);
                }
            }
            """);

        [Theory]
        [InlineData("Generated.g.cs", "")]
        [InlineData("Client.Designer.cs", "")]
        [InlineData("Client.cs", "// <auto-generated/>\n")]
        [InlineData("Client.cs", "// <auto-generated>\n// This code was generated by a tool.\n// </auto-generated>\n")]
        public Task GeneratedCode_IsNotReported(string fileName, string header)
        {
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add((fileName, header + """
                using System.Net.Http;
                using System.Threading.Tasks;

                class C
                {
                    Task<HttpResponseMessage> M(HttpClient http, HttpContent body) =>
                        http.PostAsync("https://api.anthropic.com/v1/complete", body);
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task SameSourceInAHandWrittenFile_IsReported()
        {
            // Control for GeneratedCode_IsNotReported: only the file name or header makes the difference.
            var test = new Verify.Test { ReferenceAssemblies = Verify.References };
            test.TestState.Sources.Add(("Client.cs", """
                using System.Net.Http;
                using System.Threading.Tasks;

                class C
                {
                    Task<HttpResponseMessage> M(HttpClient http, HttpContent body) =>
                        http.PostAsync({|CTM001:"https://api.anthropic.com/v1/complete"|}, body);
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
