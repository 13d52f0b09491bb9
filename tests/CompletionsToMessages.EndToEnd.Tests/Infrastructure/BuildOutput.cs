using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CompletionsToMessages.EndToEnd.Tests.Infrastructure
{
    /// <summary>Reads diagnostics out of console build output and SARIF error logs.</summary>
    public static class BuildOutput
    {
        private static readonly Regex DiagnosticLine = new Regex(@":\s(?<severity>warning|error)\s(?<id>[A-Z]+[0-9]+)\s*:", RegexOptions.CultureInvariant);

        /// <summary>Ids of the warnings and errors printed by the compiler (MSBuild prints each twice; deduplicated).</summary>
        public static ISet<string> Ids(string output, string severity) =>
            DiagnosticLine.Matches(output).Where(m => m.Groups["severity"].Value == severity).Select(m => m.Groups["id"].Value).ToHashSet();

        /// <summary>Every result of a SARIF 2.1 log: rule id and severity level ("warning", "note", "error").</summary>
        public static IReadOnlyList<(string Id, string Level)> SarifResults(string path)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            var results = new List<(string, string)>();
            foreach (JsonElement run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                if (!run.TryGetProperty("results", out JsonElement runResults))
                {
                    continue;
                }

                foreach (JsonElement result in runResults.EnumerateArray())
                {
                    string level = result.TryGetProperty("level", out JsonElement l) ? l.GetString() ?? "warning" : "warning";
                    results.Add((result.GetProperty("ruleId").GetString() ?? string.Empty, level));
                }
            }

            return results;
        }
    }
}
