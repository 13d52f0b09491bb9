using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CompletionsToMessages.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CompletionsToMessages.EndToEnd.Tests
{
    /// <summary>
    /// samples/DtoClient (request/response DTOs + a hand-written HttpClient wrapper) migrated the way a user would after
    /// reading CTM001's message: a copy under artifacts/ gets a ProjectReference to CompletionsToMessages.Shim, then
    /// `dotnet format analyzers` with every CTM id routes ClaudeClient.CompleteAsync through the shim ("Use
    /// CompletionsToMessages.Shim"). The copy builds with 0 errors; run against the emulator, the legacy sample sends
    /// /v1/complete and the migrated copy /v1/messages, both accepted, and both print the same answer and stop reason
    /// (the shim maps end_turn back to the legacy "stop_sequence").
    /// </summary>
    public sealed class DtoClientShimTests
    {
        [Fact]
        public async Task DtoClient_WithShimReferenced_IsRoutedThroughTheShim_AndPrintsTheSameAnswer()
        {
            using SampleCopy copy = SampleCopy.Create("DtoClient", "e2e-dto-shim");
            copy.AddShimReference();

            await copy.BuildAsync();
            await copy.FormatAsync();

            string client = copy.ReadFile("ClaudeClient.cs");
            Assert.Contains("new CompletionsToMessages.Shim.CompletionsClient(_http)", client, StringComparison.Ordinal);
            Assert.Contains("catch (CompletionsToMessages.Shim.AnthropicApiException error)", client, StringComparison.Ordinal);
            Assert.DoesNotContain("v1/complete", client, StringComparison.Ordinal);
            Assert.DoesNotContain("PostAsJsonAsync", client, StringComparison.Ordinal);
            Assert.Contains("public async Task<CompletionResponse> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default)", client, StringComparison.Ordinal);

            await copy.RebuildAsync();

            await using AnthropicEmulator.EmulatorServer emulator = await AnthropicEmulator.EmulatorServer.StartAsync();
            IReadOnlyDictionary<string, string> environment = SampleCopy.EmulatorEnvironment(emulator);

            ProcessResult legacy = await SampleCopy.RunInReleaseAsync(Repository.Combine("samples", "DtoClient"), environment);
            ProcessResult migrated = await copy.RunAsync(environment);

            Assert.Equal(new[] { "/v1/complete", "/v1/messages" }, emulator.Requests.Select(r => r.Path).ToArray());
            Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));
            Assert.All(emulator.Requests, r => Assert.Equal("sk-ant-e2e-test", r.Header("x-api-key")));

            (string Answer, string StopReason) before = SampleCopy.LastTwoLines(legacy.Output);
            (string Answer, string StopReason) after = SampleCopy.LastTwoLines(migrated.Output);
            Assert.StartsWith("Reply ", before.Answer, StringComparison.Ordinal);
            Assert.Equal(before.Answer, after.Answer);
            Assert.Equal("stop_sequence", before.StopReason);
            Assert.Equal("stop_sequence", after.StopReason);
        }
    }
}
