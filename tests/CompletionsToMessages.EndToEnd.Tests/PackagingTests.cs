using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using CompletionsToMessages.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CompletionsToMessages.EndToEnd.Tests
{
    /// <summary>
    /// What users install works: the package made by src/CompletionsToMessages.Package has the analyzer layout, and
    /// a fresh project that references it through a nuget.config (not a project reference) gets the CTM warnings.
    /// </summary>
    public sealed class PackagingTests : IClassFixture<PackagingTests.PackedFeed>
    {
        private const string PackageId = "CompletionsToMessages.Analyzers";

        private readonly PackedFeed _feed;

        public PackagingTests(PackedFeed feed)
        {
            _feed = feed;
        }

        [Fact]
        public void Package_HasOnlyAnalyzerAssets_AndIsADevelopmentDependency()
        {
            using ZipArchive archive = ZipFile.OpenRead(_feed.PackagePath);
            List<string> entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();

            Assert.Contains("analyzers/dotnet/cs/CompletionsToMessages.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/CompletionsToMessages.CodeFixes.dll", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(entries, e => e.StartsWith("ref/", StringComparison.OrdinalIgnoreCase));

            ZipArchiveEntry nuspecEntry = Assert.Single(archive.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            using Stream stream = nuspecEntry.Open();
            XDocument nuspec = XDocument.Load(stream);
            XElement metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

            Assert.Equal(PackageId, metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
            XElement? developmentDependency = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "developmentDependency");
            Assert.NotNull(developmentDependency);
            Assert.Equal("true", developmentDependency!.Value.Trim());

            // Roslyn is provided by the compiler that loads the analyzers; the package must not drag it in.
            Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
        }

        [Fact]
        public async Task FreshProject_ReferencingThePackage_ReportsCtmWarnings()
        {
            using var work = new TempDirectory("ctm-consumer");
            string project = work.Combine("LegacyConsumer");
            string packages = work.Combine("packages");
            Directory.CreateDirectory(project);

            // Stop MSBuild from importing anything from the folders above the temp directory.
            File.WriteAllText(work.Combine("Directory.Build.props"), "<Project />\n");
            File.WriteAllText(work.Combine("Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(work.Combine("Directory.Packages.props"), "<Project />\n");

            IReadOnlyList<string> registries = await RegistrySourcesAsync(work.Path);
            File.WriteAllText(work.Combine("nuget.config"), NuGetConfig(_feed.Directory, registries));

            File.WriteAllText(Path.Combine(project, "LegacyConsumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{PackageId}" Version="{_feed.Version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "Program.cs"), LegacyProgram);

            // An isolated package folder: the package is extracted from the feed just made, never from a cache.
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };
            ProcessResult build = await DotNet.RunAsync(
                project,
                new[] { "build", "-nodeReuse:false", "--disable-build-servers", "-p:TreatWarningsAsErrors=false" },
                TimeSpan.FromMinutes(3),
                environment);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.True(
                Directory.Exists(Path.Combine(packages, PackageId.ToLowerInvariant(), _feed.Version, "analyzers", "dotnet", "cs")),
                "The package was not restored from the local feed into the isolated package folder.\n" + build);

            ISet<string> warnings = BuildOutput.Ids(build.Output, "warning");
            foreach (string id in new[] { "CTM001", "CTM002", "CTM004", "CTM005", "CTM008" })
            {
                Assert.True(warnings.Contains(id), $"{id} missing from the build output.\n{build}");
            }

            // CS8032/CS8033: an analyzer could not be loaded/created; AD0001: an analyzer threw.
            foreach (string id in new[] { "CS8032", "CS8033", "AD0001" })
            {
                Assert.False(warnings.Contains(id), $"{id} in the build output.\n{build}");
            }

            Assert.Empty(BuildOutput.Ids(build.Output, "error"));
        }

        private const string LegacyProgram = """
            using System.Net.Http.Json;
            using System.Text.Json;

            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("x-api-key", Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? "");
            http.DefaultRequestHeaders.Add("anthropic-version", "2023-01-01");

            var body = new
            {
                model = "claude-2",
                prompt = "\n\nHuman: Hello there\n\nAssistant:",
                max_tokens_to_sample = 100,
            };

            using HttpResponseMessage response = await http.PostAsJsonAsync("https://api.anthropic.com/v1/complete", body);
            using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Console.WriteLine(document.RootElement.GetProperty("completion").GetString());
            """;

        /// <summary>
        /// The registries restore normally uses here (the user's and machine's NuGet configuration, as
        /// <c>dotnet nuget list source</c> reports them from a folder without a nuget.config of its own).
        /// </summary>
        private static async Task<IReadOnlyList<string>> RegistrySourcesAsync(string directory)
        {
            ProcessResult list = await DotNet.RunAsync(directory, new[] { "nuget", "list", "source", "--format", "short" }, TimeSpan.FromMinutes(1));
            Assert.True(list.ExitCode == 0, list.ToString());
            var sources = new List<string>();
            foreach (string line in list.Output.Split('\n'))
            {
                string trimmed = line.Trim();
                if (trimmed.StartsWith("E ", StringComparison.Ordinal))
                {
                    sources.Add(trimmed.Substring(2).Trim());
                }
            }

            if (sources.Count == 0)
            {
                sources.Add("https://api.nuget.org/v3/index.json");
            }

            return sources;
        }

        /// <summary>The local feed plus the normal registries; our package id may only come from the local feed.</summary>
        private static string NuGetConfig(string feed, IReadOnlyList<string> registries)
        {
            var sources = new List<string> { $"    <add key=\"ctm-local\" value=\"{feed}\" />" };
            var mapping = new List<string>
            {
                "    <packageSource key=\"ctm-local\">",
                $"      <package pattern=\"{PackageId}\" />",
                "    </packageSource>",
            };
            for (int i = 0; i < registries.Count; i++)
            {
                sources.Add($"    <add key=\"registry-{i}\" value=\"{registries[i]}\" />");
                mapping.Add($"    <packageSource key=\"registry-{i}\">");
                mapping.Add("      <package pattern=\"*\" />");
                mapping.Add("    </packageSource>");
            }

            return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
                   + string.Join("\n", sources)
                   + "\n  </packageSources>\n  <packageSourceMapping>\n"
                   + string.Join("\n", mapping)
                   + "\n  </packageSourceMapping>\n</configuration>\n";
        }

        /// <summary>Packs the package once for the tests of this class into a temporary local feed.</summary>
        public sealed class PackedFeed : IAsyncLifetime
        {
            private readonly TempDirectory _directory = new TempDirectory("ctm-feed");

            public string Directory => _directory.Path;

            public string PackagePath { get; private set; } = string.Empty;

            public string Version { get; private set; } = string.Empty;

            public async Task InitializeAsync()
            {
                ProcessResult pack = await DotNet.RunAsync(
                    Repository.Root,
                    new[] { "pack", Repository.Combine("src", "CompletionsToMessages.Package"), "-c", "Release", "-o", Directory, "-nodeReuse:false", "--disable-build-servers" },
                    TimeSpan.FromMinutes(3));
                Assert.True(pack.ExitCode == 0, pack.ToString());

                PackagePath = Assert.Single(System.IO.Directory.GetFiles(Directory, PackageId + ".*.nupkg"));
                string name = Path.GetFileNameWithoutExtension(PackagePath);
                Version = name.Substring(PackageId.Length + 1);
            }

            public Task DisposeAsync()
            {
                _directory.Dispose();
                return Task.CompletedTask;
            }
        }
    }
}
