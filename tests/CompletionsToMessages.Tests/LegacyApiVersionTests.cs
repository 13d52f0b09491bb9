using System.Threading.Tasks;
using CompletionsToMessages.Analyzers.Rules;
using Xunit;
using Verify = CompletionsToMessages.Tests.Verifiers.AnalyzerVerifier<CompletionsToMessages.Analyzers.Rules.LegacyApiVersionAnalyzer>;

namespace CompletionsToMessages.Tests
{
    public class LegacyApiVersionTests
    {
        [Fact]
        public Task HeaderAddWithLegacyVersion_IsReported() => Verify.VerifyAsync("""
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
        public Task CurrentVersion_IsNotReported() => Verify.VerifyAsync("""
            using System.Net.Http;

            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                    var date = "2023-01-01";
                }
            }
            """);
    }
}
