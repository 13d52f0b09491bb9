using System.Threading.Tasks;
using Xunit;
using Files = CompletionsToMessages.Tests.Rules.RuleTest<CompletionsToMessages.Analyzers.Rules.LegacyApiVersionAnalyzer>;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyApiVersionAnalyzer>;

namespace CompletionsToMessages.Tests.Rules
{
    /// <summary>CTM008: anthropic-version 2023-01-01 (docs/rules/CTM008.md).</summary>
    public class CTM008Tests
    {
        // ---------------- header value paired with the "anthropic-version" key ----------------

        [Fact]
        public Task DefaultRequestHeadersAdd_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", {|CTM008:"2023-01-01"|});
                }
            }
            """);

        [Fact]
        public Task TryAddWithoutValidation_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.TryAddWithoutValidation("anthropic-version", {|CTM008:"2023-01-01"|});
                }
            }
            """);

        [Fact]
        public Task RequestHeadersAdd_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                HttpRequestMessage M()
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "https://api.anthropic.com/v1/messages");
                    request.Headers.Add("anthropic-version", {|CTM008:"2023-01-01"|});
                    request.Headers.TryAddWithoutValidation("Anthropic-Version", {|CTM008:"2023-01-01"|});
                    return request;
                }
            }
            """);

        [Fact]
        public Task HeaderKeyCasing_IsIgnored() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                void M(HttpClient client) => client.DefaultRequestHeaders.Add("ANTHROPIC-VERSION", {|CTM008:"2023-01-01"|});
            }
            """);

        [Fact]
        public Task DictionaryInitializers_AreReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                Dictionary<string, string> A = new() { { "anthropic-version", {|CTM008:"2023-01-01"|} }, { "x-api-key", "k" } };
                Dictionary<string, string> B = new() { ["anthropic-version"] = {|CTM008:"2023-01-01"|}, ["x-api-key"] = "k" };
            }
            """);

        [Fact]
        public Task IndexerAssignment_IsReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                void M(Dictionary<string, string> headers)
                {
                    headers["anthropic-version"] = {|CTM008:"2023-01-01"|};
                }
            }
            """);

        [Fact]
        public Task KeyValuePairConstruction_IsReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;

            class C
            {
                KeyValuePair<string, string> Header = new("anthropic-version", {|CTM008:"2023-01-01"|});
            }
            """);

        [Fact]
        public Task HeaderNameConstant_IsAKeyToo() => Verify.VerifyAsync("""
            using System.Net.Http;

            static class Headers
            {
                public const string Version = "anthropic-version";
            }

            class C
            {
                private const string VersionHeaderName = "anthropic-" + "version";

                void M(HttpClient client, HttpRequestMessage request)
                {
                    client.DefaultRequestHeaders.Add(Headers.Version, {|CTM008:"2023-01-01"|});
                    request.Headers.TryAddWithoutValidation(VersionHeaderName, {|CTM008:"2023-01-01"|});
                }
            }
            """);

        [Fact]
        public Task OtherHeaderNameConstant_IsNotAKey() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                private const string SinceHeader = "x-since";

                void M(HttpClient client, string header)
                {
                    client.DefaultRequestHeaders.Add(SinceHeader, "2023-01-01");
                    client.DefaultRequestHeaders.Add(header, "2023-01-01");
                }
            }
            """);

        // ---------------- version constants, fields and locals ----------------

        [Fact]
        public Task VersionConstant_IsReportedOnceAtTheDeclaration() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                const string AnthropicVersion = {|CTM008:"2023-01-01"|};

                void M(HttpClient client, HttpRequestMessage request)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", AnthropicVersion);
                    request.Headers.Add("anthropic-version", C.AnthropicVersion);
                }
            }
            """);

        [Fact]
        public Task StaticReadonlyField_IsReportedAtTheDeclaration() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                private static readonly string ApiVersion = {|CTM008:"2023-01-01"|};

                void M(HttpClient client) => client.DefaultRequestHeaders.Add("anthropic-version", ApiVersion);
            }
            """);

        [Fact]
        public Task VersionLocalAndSnakeCaseConstant_AreReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                public const string ANTHROPIC_VERSION = {|CTM008:"2023-01-01"|};

                void M(HttpClient client)
                {
                    var anthropicVersion = {|CTM008:"2023-01-01"|};
                    client.DefaultRequestHeaders.Add("anthropic-version", anthropicVersion);
                }
            }
            """);

        [Fact]
        public Task ConstantWithAnUnrelatedName_IsReportedAtTheHeaderKey() => Verify.VerifyAsync("""
            using System.Net.Http;

            static class Defaults
            {
                public const string Legacy = "2023-01-01";
            }

            class C
            {
                void M(HttpClient client) => client.DefaultRequestHeaders.Add({|CTM008:"anthropic-version"|}, Defaults.Legacy);
            }
            """);

        [Fact]
        public Task VersionConstantDefinedThroughAnotherConstant_IsReportedAtTheHeaderKey() => Verify.VerifyAsync("""
            using System.Net.Http;

            static class Defaults
            {
                public const string Initial = "2023-01-01";
                public const string ApiVersion = Initial;
            }

            class C
            {
                void M(HttpClient client) => client.DefaultRequestHeaders.Add({|CTM008:"anthropic-version"|}, Defaults.ApiVersion);
            }
            """);

        // ---------------- raw header text ----------------

        [Fact]
        public Task RawHeaderText_IsReported() => Verify.VerifyAsync("""
            class C
            {
                string Raw = {|CTM008:"anthropic-version: 2023-01-01"|};
                string Http = {|CTM008:"POST /v1/complete HTTP/1.1\r\nanthropic-version:2023-01-01\r\nx-api-key: k\r\n"|};
                string Json = {|CTM008:"{\"anthropic-version\": \"2023-01-01\"}"|};
            }
            """);

        // ---------------- look-alikes ----------------

        [Fact]
        public Task CurrentVersion_IsNotReported() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class C
            {
                const string AnthropicVersion = "2023-06-01";
                string Raw = "anthropic-version: 2023-06-01";
                Dictionary<string, string> Headers = new() { ["anthropic-version"] = "2023-06-01" };

                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                    client.DefaultRequestHeaders.Add("anthropic-version", AnthropicVersion);
                }
            }
            """);

        [Fact]
        public Task UnrelatedDate_IsNotReported() => Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;

            class C
            {
                const string ReleaseDate = "2023-01-01";
                DateTime Since = DateTime.Parse("2023-01-01");
                Dictionary<string, string> Query = new() { ["since"] = "2023-01-01", ["until"] = "2023-06-01" };
                string Log = "deployed 2023-01-01 to production";

                void M(HttpClient client)
                {
                    var date = "2023-01-01";
                    client.DefaultRequestHeaders.Add("x-since", "2023-01-01");
                    client.DefaultRequestHeaders.Add("If-Modified-Since", date);
                }
            }
            """);

        [Fact]
        public Task ApiVersionOfAnotherService_IsNotReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            // An Azure Resource Manager client: its api-version happens to be a 2023-01-01 date.
            class StorageManagementClient
            {
                private const string ApiVersion = "2023-01-01";

                string Url(string subscription) => $"https://management.azure.com/subscriptions/{subscription}/providers/Microsoft.Storage/storageAccounts?api-version={ApiVersion}";
            }
            """);

        [Fact]
        public Task ApiVersionName_InAnAnthropicFile_IsReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class ClaudeClient
            {
                private const string ApiVersion = {|CTM008:"2023-01-01"|};

                void Configure(HttpClient http) => http.DefaultRequestHeaders.Add("anthropic-version", ApiVersion);
            }
            """);

        [Fact]
        public Task BedrockVersionAndOtherHeaders_AreNotReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                object Body = new { anthropic_version = "bedrock-2023-05-31", max_tokens = 10 };
                string Raw = "anthropic-beta: 2023-01-01-preview";

                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("anthropic-beta", "2023-01-01");
                    client.DefaultRequestHeaders.Add("x-api-version", "2023-01-01");
                }
            }
            """);

        [Fact]
        public Task GeneratedCode_IsNotReported() => Files.VerifyReportedButSilentWhenGeneratedAsync("""
            using System.Net.Http;

            class C
            {
                const string AnthropicVersion = {|CTM008:"2023-01-01"|};

                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", {|CTM008:"2023-01-01"|});
                }
            }
            """);
    }
}
