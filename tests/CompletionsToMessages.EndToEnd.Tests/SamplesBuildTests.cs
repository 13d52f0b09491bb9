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
    /// Builds samples/Samples.sln once (with the analyzers of this repository) and checks every sample for the
    /// findings its code demonstrably contains. Findings are read from the SARIF log of each project, because the
    /// console output of a build leaves out diagnostics whose rule's default severity is Info (CTM003, CTM006, CTM009).
    /// </summary>
    public sealed class SamplesBuildTests : IClassFixture<SamplesBuildTests.SamplesBuild>
    {
        /// <summary>
        /// Per sample: the CTM ids it must show (each backed by the line of code named in the comment), and the
        /// ids of usage the sample contains that the analyzers do not find yet (allowed, not required; move an id to
        /// the expected list when its analyzer learns the shape).
        /// </summary>
        public static readonly IReadOnlyDictionary<string, (string[] Expected, string[] NotYetDetected)> Expectations =
            new Dictionary<string, (string[], string[])>
            {
                ["RawHttpAnonymous"] = (
                    new[]
                    {
                        "CTM001", // baseUrl + "/v1/complete"
                        "CTM002", // new { ..., max_tokens_to_sample = 300 }
                        "CTM003", // $"{SystemPrompt}\n\nHuman: {question}\n\nAssistant:" sent as prompt
                        "CTM004", // "claude-2.1"
                        "CTM005", // root.GetProperty("completion")
                        "CTM009", // stop_sequences = new[] { "\n\nHuman:" }
                        "CTM012", // temperature = 0.2, rejected by the successor of claude-2.1
                    },
                    Array.Empty<string>()),
                ["NewtonsoftDynamic"] = (
                    new[]
                    {
                        "CTM001", // baseUrl + "/v1/complete"
                        "CTM002", // new JProperty("max_tokens_to_sample", 256)
                        "CTM003", // "\n\nHuman: " + previousQuestion + "\n\nAssistant: " + ...
                        "CTM004", // "claude-instant-1.2"
                        "CTM005", // dynamic result.completion
                        "CTM008", // anthropic-version "2023-01-01"
                    },
                    Array.Empty<string>()),
                ["DtoClient"] = (
                    new[]
                    {
                        "CTM001", // const string CompletePath = "v1/complete" on a BaseAddress client
                        "CTM002", // [JsonPropertyName("max_tokens_to_sample")]
                        "CTM003", // Prompt = "\n\nHuman: " + question + "\n\nAssistant:"
                        "CTM004", // "claude-2.0"
                        "CTM005", // [JsonPropertyName("completion")] on the response DTO
                        "CTM006", // response.StopReason == "stop_sequence"
                        "CTM009", // StopSequences = new List<string> { "\n\nHuman:" }
                    },
                    new[]
                    {
                        "CTM010", // hand-written CompletionRequest/CompletionResponse client (design table), not recognised yet
                    }),
                ["InterpolatedJson"] = (
                    new[]
                    {
                        "CTM001", // const string Endpoint = "https://api.anthropic.com/v1/complete"
                        "CTM002", // "max_tokens_to_sample" in the raw interpolated JSON
                        "CTM003", // $"\n\nHuman: ...\n\nAssistant: {{" (with prefill)
                        "CTM004", // "model": "claude-2.0" inside an interpolated raw string
                        "CTM005", // result?["completion"] (conditional element access on JsonNode)
                        "CTM011", // the prefill "{" with claude-2.0, whose successor claude-opus-4-8 rejects prefill (JSON text body)
                    },
                    Array.Empty<string>()),
                ["StreamingSse"] = (
                    new[]
                    {
                        "CTM001", // baseUrl + "/v1/complete"
                        "CTM002", // ["max_tokens_to_sample"] = 512 in a JsonObject
                        "CTM003", // prompt.Append("\n\nHuman: ") ... on a StringBuilder
                        "CTM004", // "claude-2"
                        "CTM005", // payload.GetProperty("completion")
                        "CTM007", // eventName == "completion", data == "[DONE]"
                    },
                    Array.Empty<string>()),
                ["BedrockHttp"] = (
                    new[]
                    {
                        "CTM002", // ["max_tokens_to_sample"] = 300 in a Dictionary<string, object>
                        "CTM003", // string.Format("\n\nHuman: {0}\n\nAssistant:", question) sent as prompt
                        "CTM004", // const string ModelId = "anthropic.claude-v2"
                        "CTM005", // result["completion"] on Dictionary<string, JsonElement>
                        "CTM009", // ["stop_sequences"] = new List<string> { "\n\nHuman:" }
                    },
                    Array.Empty<string>()),
            };

        private readonly SamplesBuild _build;

        public SamplesBuildTests(SamplesBuild build)
        {
            _build = build;
        }

        public static IEnumerable<object[]> Samples => Expectations.Keys.Select(name => new object[] { name });

        [Fact]
        public void EverySampleFolder_IsInTheSolution_AndHasExpectations()
        {
            string[] folders = Directory.GetDirectories(Repository.Combine("samples"))
                .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
                .Select(Path.GetFileName)
                .Select(n => n!)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(Expectations.Keys.OrderBy(n => n, StringComparer.Ordinal), folders);

            string solution = File.ReadAllText(Repository.Combine("samples", "Samples.sln"));
            foreach (string name in folders)
            {
                Assert.Contains($"\"{name}\\{name}.csproj\"", solution, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void SamplesSolution_BuildsWithoutErrors()
        {
            Assert.True(_build.Result.ExitCode == 0, _build.Result.ToString());
            Assert.Empty(BuildOutput.Ids(_build.Result.Output, "error"));
            Assert.Contains("0 Error(s)", _build.Result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("AD0001", _build.Result.Output, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Samples))]
        public void Sample_ShowsTheFindingsOfItsCode(string sample)
        {
            (string[] expected, string[] notYetDetected) = Expectations[sample];
            string log = Path.Combine(_build.LogDirectory, sample + ".sarif");
            Assert.True(File.Exists(log), $"No SARIF log for {sample}.\n{_build.Result}");

            IReadOnlyList<(string Id, string Level)> results = BuildOutput.SarifResults(log);
            var found = results.Select(r => r.Id).Where(id => id.StartsWith("CTM", StringComparison.Ordinal)).ToHashSet();

            string[] missing = expected.Where(id => !found.Contains(id)).ToArray();
            Assert.True(missing.Length == 0, $"{sample}: expected {string.Join(", ", missing)}; found {string.Join(", ", found.OrderBy(x => x))}");

            string[] unexpected = found.Where(id => !expected.Contains(id) && !notYetDetected.Contains(id)).OrderBy(x => x).ToArray();
            Assert.True(unexpected.Length == 0, $"{sample}: unexpected {string.Join(", ", unexpected)} (a false positive, or update the expectations)");

            Assert.DoesNotContain(results, r => r.Id == "AD0001" || r.Level == "error");
        }

        /// <summary>Builds samples/Samples.sln once, with a SARIF log per sample.</summary>
        public sealed class SamplesBuild : IAsyncLifetime
        {
            private readonly TempDirectory _logs = new TempDirectory("ctm-samples-sarif");

            public string LogDirectory => _logs.Path;

            public ProcessResult Result { get; private set; } = new ProcessResult(-1, "not run", TimeSpan.Zero);

            public async Task InitializeAsync()
            {
                // --no-incremental: the compiler writes the SARIF log only when it runs, so an up-to-date sample
                // from an earlier build must be compiled again.
                Result = await DotNet.RunAsync(
                    Repository.Root,
                    new[]
                    {
                        "build", Repository.Combine("samples", "Samples.sln"), "--no-incremental",
                        "-nodeReuse:false", "--disable-build-servers", "-p:SamplesErrorLogDirectory=" + LogDirectory,
                    },
                    TimeSpan.FromMinutes(4));
            }

            public Task DisposeAsync()
            {
                _logs.Dispose();
                return Task.CompletedTask;
            }
        }
    }
}
