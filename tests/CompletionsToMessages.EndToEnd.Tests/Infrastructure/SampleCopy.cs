using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace CompletionsToMessages.EndToEnd.Tests.Infrastructure
{
    /// <summary>
    /// A copy of one sample project under artifacts/ (<c>artifacts/PREFIX-GUID/NAME</c>, next to a copy of
    /// samples/Directory.Build.props, so the copy imports the repository's settings and analyzer projects as the sample
    /// does), with the steps the end-to-end migrations share: reference the shim, write an .editorconfig, build, run
    /// <c>dotnet format analyzers</c>, run the program against the emulator. Dispose deletes the copy (best effort).
    /// Every step that runs the dotnet CLI asserts that it exited 0 (the message is its exit code and output) and returns the <see cref="ProcessResult"/> for the test's own assertions.
    /// </summary>
    public sealed class SampleCopy : IDisposable
    {
        /// <summary>Every CTM id (CTM001 to CTM012), the set the migrations pass to <c>dotnet format analyzers</c>.</summary>
        public static readonly IReadOnlyList<string> AllIds = Enumerable.Range(1, 12).Select(i => $"CTM{i:000}").ToArray();

        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

        private readonly TempDirectory _root;

        private SampleCopy(TempDirectory root, string name)
        {
            _root = root;
            Name = name;
            ProjectDirectory = root.Combine(name);
        }

        /// <summary>The sample's name: its folder under samples/ and the name of its project file.</summary>
        public string Name { get; }

        /// <summary>The folder that holds the copy's folder and Directory.Build.props.</summary>
        public string Root => _root.Path;

        /// <summary>The copied project folder.</summary>
        public string ProjectDirectory { get; }

        public string ProjectFile => Name + ".csproj";

        /// <summary>
        /// Copies samples/<paramref name="name"/> to a fresh folder under artifacts/ named <paramref name="prefix"/>-GUID:
        /// the files of the sample folder (not its bin/ and obj/), or only <paramref name="files"/> when given.
        /// </summary>
        public static SampleCopy Create(string name, string prefix, params string[] files)
        {
            var root = new TempDirectory(Repository.Combine("artifacts"), prefix);
            var copy = new SampleCopy(root, name);
            try
            {
                Directory.CreateDirectory(copy.ProjectDirectory);
                File.Copy(Repository.Combine("samples", "Directory.Build.props"), root.Combine("Directory.Build.props"));
                IEnumerable<string> sources = files.Length == 0
                    ? Directory.GetFiles(Repository.Combine("samples", name))
                    : files.Select(file => Repository.Combine("samples", name, file));
                foreach (string file in sources)
                {
                    File.Copy(file, copy.Combine(Path.GetFileName(file)));
                }

                return copy;
            }
            catch
            {
                copy.Dispose();
                throw;
            }
        }

        /// <summary>A path inside the copied project folder.</summary>
        public string Combine(params string[] parts) => Path.Combine(ProjectDirectory, Path.Combine(parts));

        public string ReadFile(string name) => File.ReadAllText(Combine(name));

        /// <summary>
        /// What a user does after reading CTM001's or CTM007's message: a ProjectReference to CompletionsToMessages.Shim
        /// in the project file, which must not have one yet.
        /// </summary>
        public void AddShimReference()
        {
            string csproj = Combine(ProjectFile);
            string projectXml = File.ReadAllText(csproj);
            Assert.DoesNotContain("CompletionsToMessages.Shim", projectXml, StringComparison.Ordinal);
            File.WriteAllText(csproj, projectXml.Replace(
                "</Project>",
                "  <ItemGroup>\n    <ProjectReference Include=\"$(RepositoryRoot)src/CompletionsToMessages.Shim/CompletionsToMessages.Shim.csproj\" />\n  </ItemGroup>\n</Project>",
                StringComparison.Ordinal));
        }

        /// <summary>Writes the project folder's .editorconfig (e.g. the user's model successors).</summary>
        public void WriteEditorConfig(string text) => File.WriteAllText(Combine(".editorconfig"), text);

        /// <summary>
        /// <c>dotnet build NAME.csproj</c> with restore, in Debug: the configuration dotnet format loads (it takes the
        /// analyzer and code fix DLLs from that build). Asserts exit code 0.
        /// </summary>
        public async Task<ProcessResult> BuildAsync(params string[] arguments) =>
            Succeeded(await DotNet.RunAsync(ProjectDirectory, new[] { "build", ProjectFile }.Concat(arguments).ToArray(), Timeout));

        /// <summary>
        /// <c>dotnet build NAME.csproj --no-restore</c>: the build of the migrated copy. Asserts exit code 0 and
        /// " 0 Error(s)" in the build summary.
        /// </summary>
        public async Task<ProcessResult> RebuildAsync(params string[] arguments)
        {
            ProcessResult rebuild = Succeeded(await DotNet.RunAsync(ProjectDirectory, new[] { "build", ProjectFile, "--no-restore" }.Concat(arguments).ToArray(), Timeout));
            Assert.Contains(" 0 Error(s)", rebuild.Output, StringComparison.Ordinal);
            return rebuild;
        }

        /// <summary>
        /// <c>dotnet format analyzers NAME.csproj --diagnostics IDS --severity info --no-restore</c> with
        /// <see cref="AllIds"/>, then <paramref name="arguments"/> (e.g. <c>--verify-no-changes</c>). Asserts exit code 0.
        /// </summary>
        public async Task<ProcessResult> FormatAsync(params string[] arguments)
        {
            var format = new List<string> { "format", "analyzers", ProjectFile, "--diagnostics" };
            format.AddRange(AllIds);
            format.AddRange(new[] { "--severity", "info", "--no-restore" });
            format.AddRange(arguments);
            return Succeeded(await DotNet.RunAsync(ProjectDirectory, format, Timeout));
        }

        /// <summary><c>dotnet run --no-build</c> of the copy as it was last built. Asserts exit code 0.</summary>
        public async Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string> environment) =>
            Succeeded(await DotNet.RunAsync(ProjectDirectory, new[] { "run", "--project", ProjectDirectory, "--no-build" }, Timeout, environment));

        /// <summary>
        /// <c>dotnet run --project PROJECTDIRECTORY -c Release</c> from the repository root (the unchanged sample is
        /// samples/NAME). Asserts exit code 0.
        /// </summary>
        public static async Task<ProcessResult> RunInReleaseAsync(string projectDirectory, IReadOnlyDictionary<string, string> environment) =>
            Succeeded(await DotNet.RunAsync(Repository.Root, new[] { "run", "--project", projectDirectory, "-c", "Release" }, Timeout, environment));

        /// <summary>The environment that points a sample at the emulator, with the API key the tests expect it to send.</summary>
        public static IReadOnlyDictionary<string, string> EmulatorEnvironment(AnthropicEmulator.EmulatorServer emulator) =>
            new Dictionary<string, string>
            {
                ["ANTHROPIC_BASE_URL"] = emulator.BaseUrl,
                ["ANTHROPIC_API_KEY"] = "sk-ant-e2e-test",
            };

        /// <summary>
        /// The last two non-empty lines a sample printed (an answer and a stop reason), build warnings of
        /// <c>dotnet run</c> left out; fails when there are fewer, saying what was <paramref name="expected"/>.
        /// </summary>
        public static (string Answer, string StopReason) LastTwoLines(string output, string expected = "an answer and a stop reason")
        {
            string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.Contains(": warning ", StringComparison.Ordinal)).ToArray();
            Assert.True(lines.Length >= 2, "expected " + expected + " in:\n" + output);
            return (lines[^2], lines[^1]);
        }

        public void Dispose() => _root.Dispose();

        private static ProcessResult Succeeded(ProcessResult result)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            return result;
        }
    }
}
