using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace MigrateSamples
{
    /// <summary>One diagnostic of a sample build: rule id, SARIF level ("error", "warning", "note"), place and message.</summary>
    internal sealed record Finding(string Sample, string Id, string Level, string File, int Line, int Column, string Message);

    /// <summary>
    /// Reads the SARIF 2.1 log the compiler writes per sample (samples/Directory.Build.props, SamplesErrorLogDirectory).
    /// The log, unlike the console output of a build, also holds the Info-severity findings (CTM003, CTM006, CTM009).
    /// </summary>
    internal static class Sarif
    {
        public static List<Finding> Read(string path, string sample)
        {
            var findings = new List<Finding>();
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (JsonElement run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                if (!run.TryGetProperty("results", out JsonElement results))
                {
                    continue;
                }

                foreach (JsonElement result in results.EnumerateArray())
                {
                    string id = result.TryGetProperty("ruleId", out JsonElement r) ? r.GetString() ?? string.Empty : string.Empty;
                    string level = result.TryGetProperty("level", out JsonElement l) ? l.GetString() ?? "warning" : "warning";
                    string message = result.TryGetProperty("message", out JsonElement m) && m.TryGetProperty("text", out JsonElement t)
                        ? t.GetString() ?? string.Empty
                        : string.Empty;
                    if (result.TryGetProperty("suppressions", out JsonElement suppressions) && suppressions.GetArrayLength() > 0)
                    {
                        continue;
                    }

                    string file = string.Empty;
                    int line = 0;
                    int column = 0;
                    if (result.TryGetProperty("locations", out JsonElement locations) && locations.GetArrayLength() > 0
                        && locations[0].TryGetProperty("physicalLocation", out JsonElement physical))
                    {
                        if (physical.TryGetProperty("artifactLocation", out JsonElement artifact) && artifact.TryGetProperty("uri", out JsonElement uri))
                        {
                            file = FromUri(uri.GetString() ?? string.Empty);
                        }

                        if (physical.TryGetProperty("region", out JsonElement region))
                        {
                            line = region.TryGetProperty("startLine", out JsonElement sl) ? sl.GetInt32() : 0;
                            column = region.TryGetProperty("startColumn", out JsonElement sc) ? sc.GetInt32() : 0;
                        }
                    }

                    findings.Add(new Finding(sample, id, level, file, line, column, message));
                }
            }

            return findings;
        }

        private static string FromUri(string uri) =>
            Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) && parsed.IsFile ? parsed.LocalPath : uri;
    }
}
