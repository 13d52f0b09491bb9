using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Benchmarks.AnalyzerOverhead
{
    /// <summary>
    /// The installed .NET SDK the measurements use: the newest one <c>dotnet --list-sdks</c> reports, its
    /// NetAnalyzers, and the reference assemblies of the newest Microsoft.NETCore.App.Ref targeting pack.
    /// </summary>
    internal sealed class DotNetSdk
    {
        private DotNetSdk(string version, string sdkFolder, string dotnetRoot)
        {
            Version = version;
            SdkFolder = sdkFolder;
            DotNetRoot = dotnetRoot;
        }

        public string Version { get; }

        /// <summary>e.g. /usr/share/dotnet/sdk/10.0.401</summary>
        public string SdkFolder { get; }

        /// <summary>e.g. /usr/share/dotnet</summary>
        public string DotNetRoot { get; }

        public string NetAnalyzersFolder => Path.Combine(SdkFolder, "Sdks", "Microsoft.NET.Sdk", "analyzers");

        public static DotNetSdk Locate()
        {
            // "10.0.401 [/usr/share/dotnet/sdk]" per line; take the highest version.
            string output = Run("dotnet", "--list-sdks");
            var sdks = new List<(System.Version Version, string Text, string Folder)>();
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int bracket = line.IndexOf('[', StringComparison.Ordinal);
                if (bracket < 0)
                {
                    continue;
                }

                string text = line.Substring(0, bracket).Trim();
                string folder = line.Substring(bracket + 1).TrimEnd(']');
                if (System.Version.TryParse(text.Split('-')[0], out System.Version? parsed))
                {
                    sdks.Add((parsed, text, Path.Combine(folder, text)));
                }
            }

            if (sdks.Count == 0)
            {
                throw new InvalidOperationException("dotnet --list-sdks reported no SDK");
            }

            (System.Version _, string version, string sdkFolder) = sdks.OrderBy(s => s.Version).Last();
            return new DotNetSdk(version, sdkFolder, Path.GetDirectoryName(Path.GetDirectoryName(sdkFolder)!)!);
        }

        /// <summary>Reference assemblies of the newest targeting pack (<c>packs/Microsoft.NETCore.App.Ref/&lt;ver&gt;/ref/net*/</c>).</summary>
        public (string Folder, MetadataReference[] References) ReferenceAssemblies()
        {
            string packs = Path.Combine(DotNetRoot, "packs", "Microsoft.NETCore.App.Ref");
            string pack = Directory.GetDirectories(packs)
                .Where(d => System.Version.TryParse(Path.GetFileName(d).Split('-')[0], out _))
                .OrderBy(d => System.Version.Parse(Path.GetFileName(d).Split('-')[0]))
                .Last();
            string folder = Directory.GetDirectories(Path.Combine(pack, "ref")).OrderBy(d => d, StringComparer.Ordinal).Last();
            MetadataReference[] references = Directory.GetFiles(folder, "*.dll")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray();
            return (folder, references);
        }

        public static string Run(string fileName, string arguments)
        {
            var info = new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output;
        }

        public static string Describe(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
    }
}
