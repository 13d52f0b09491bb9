using System;
using System.Collections.Generic;
using System.IO;
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
            string root = Repository.Combine("artifacts", "e2e-dto-shim-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            string project = Path.Combine(root, "DtoClient");
            try
            {
                Directory.CreateDirectory(project);
                File.Copy(Repository.Combine("samples", "Directory.Build.props"), Path.Combine(root, "Directory.Build.props"));
                foreach (string file in Directory.GetFiles(Repository.Combine("samples", "DtoClient")))
                {
                    File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
                }

                string csproj = Path.Combine(project, "DtoClient.csproj");
                string projectXml = File.ReadAllText(csproj);
                Assert.DoesNotContain("CompletionsToMessages.Shim", projectXml, StringComparison.Ordinal);
                File.WriteAllText(csproj, projectXml.Replace(
                    "</Project>",
                    "  <ItemGroup>\n    <ProjectReference Include=\"$(RepositoryRoot)src/CompletionsToMessages.Shim/CompletionsToMessages.Shim.csproj\" />\n  </ItemGroup>\n</Project>",
                    StringComparison.Ordinal));

                // Debug, the configuration dotnet format loads: it takes the analyzer and code fix DLLs from that build.
                ProcessResult build = await DotNet.RunAsync(project, new[] { "build", "DtoClient.csproj" }, TimeSpan.FromMinutes(5));
                Assert.True(build.ExitCode == 0, build.ToString());

                var format = new List<string> { "format", "analyzers", "DtoClient.csproj", "--diagnostics" };
                format.AddRange(Enumerable.Range(1, 12).Select(i => $"CTM{i:000}"));
                format.AddRange(new[] { "--severity", "info", "--no-restore" });
                ProcessResult formatted = await DotNet.RunAsync(project, format, TimeSpan.FromMinutes(5));
                Assert.True(formatted.ExitCode == 0, formatted.ToString());

                string client = File.ReadAllText(Path.Combine(project, "ClaudeClient.cs"));
                Assert.Contains("new CompletionsToMessages.Shim.CompletionsClient(_http)", client, StringComparison.Ordinal);
                Assert.Contains("catch (CompletionsToMessages.Shim.AnthropicApiException error)", client, StringComparison.Ordinal);
                Assert.DoesNotContain("v1/complete", client, StringComparison.Ordinal);
                Assert.DoesNotContain("PostAsJsonAsync", client, StringComparison.Ordinal);
                Assert.Contains("public async Task<CompletionResponse> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default)", client, StringComparison.Ordinal);

                ProcessResult rebuild = await DotNet.RunAsync(project, new[] { "build", "DtoClient.csproj", "--no-restore" }, TimeSpan.FromMinutes(5));
                Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
                Assert.Contains(" 0 Error(s)", rebuild.Output, StringComparison.Ordinal);

                await using AnthropicEmulator.EmulatorServer emulator = await AnthropicEmulator.EmulatorServer.StartAsync();
                var environment = new Dictionary<string, string>
                {
                    ["ANTHROPIC_BASE_URL"] = emulator.BaseUrl,
                    ["ANTHROPIC_API_KEY"] = "sk-ant-e2e-test",
                };

                ProcessResult legacy = await DotNet.RunAsync(Repository.Root, new[] { "run", "--project", Repository.Combine("samples", "DtoClient"), "-c", "Release" }, TimeSpan.FromMinutes(5), environment);
                ProcessResult migrated = await DotNet.RunAsync(project, new[] { "run", "--project", project, "--no-build" }, TimeSpan.FromMinutes(5), environment);
                Assert.True(legacy.ExitCode == 0, legacy.ToString());
                Assert.True(migrated.ExitCode == 0, migrated.ToString());

                Assert.Equal(new[] { "/v1/complete", "/v1/messages" }, emulator.Requests.Select(r => r.Path).ToArray());
                Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));
                Assert.All(emulator.Requests, r => Assert.Equal("sk-ant-e2e-test", r.Header("x-api-key")));

                (string Answer, string StopReason) before = LastTwoLines(legacy.Output);
                (string Answer, string StopReason) after = LastTwoLines(migrated.Output);
                Assert.StartsWith("Reply ", before.Answer, StringComparison.Ordinal);
                Assert.Equal(before.Answer, after.Answer);
                Assert.Equal("stop_sequence", before.StopReason);
                Assert.Equal("stop_sequence", after.StopReason);
            }
            finally
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private static (string Answer, string StopReason) LastTwoLines(string output)
        {
            string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.Contains(": warning ", StringComparison.Ordinal)).ToArray();
            Assert.True(lines.Length >= 2, "expected an answer and a stop reason in:\n" + output);
            return (lines[^2], lines[^1]);
        }
    }
}
