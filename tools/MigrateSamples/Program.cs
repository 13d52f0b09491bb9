using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace MigrateSamples
{
    /// <summary>
    /// Migrates the bundled legacy samples with the repository's own analyzers and code fixes, the way a user migrates
    /// a solution: build and list the CTM findings, `dotnet format analyzers` with every CTM id, rebuild, and show the
    /// diff and what is left. Works on a copy (artifacts/migrated-samples/) unless --in-place is given.
    /// Exit codes: 0 done (findings may remain: not every rule has a fix), 1 a build or dotnet format failed, 2 usage.
    /// </summary>
    public static class Program
    {
        /// <summary>Where a copy keeps the build outputs and SARIF logs of the run (never copied or diffed).</summary>
        public const string LogFolderName = ".migrate";

        private const string DefaultOutput = "artifacts/migrated-samples";
        private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(15);
        private static readonly Regex RuleId = new Regex("\"(?<id>CTM[0-9]{3})\"", RegexOptions.CultureInvariant);
        private static readonly Regex UnableToFix = new Regex(@"Unable to fix (?<id>CTM[0-9]{3})\.\s*(?<reason>.*)$", RegexOptions.CultureInvariant | RegexOptions.Multiline);
        private static readonly Regex ErrorLine = new Regex(@"^.*:\s(error)\s[A-Za-z]+[0-9]+\s*:.*$", RegexOptions.CultureInvariant | RegexOptions.Multiline);

        public static int Main(string[] args)
        {
            Console.OutputEncoding = Encoding.UTF8;
            string? output = null;
            bool inPlace = false;
            bool showDiff = true;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--output" or "-o" when i + 1 < args.Length:
                        output = args[++i];
                        break;
                    case "--in-place":
                        inPlace = true;
                        break;
                    case "--no-diff":
                        showDiff = false;
                        break;
                    case "--help" or "-h" or "-?":
                        PrintUsage(Console.Out);
                        return 0;
                    default:
                        Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                        PrintUsage(Console.Error);
                        return 2;
                }
            }

            if (inPlace && output != null)
            {
                Console.Error.WriteLine("--in-place and --output exclude each other.");
                return 2;
            }

            try
            {
                return Run(output, inPlace, showDiff);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }

        private static void PrintUsage(TextWriter writer)
        {
            writer.WriteLine("Usage: dotnet run --project tools/MigrateSamples [-- [--output <dir>] [--in-place] [--no-diff]]");
            writer.WriteLine();
            writer.WriteLine("Migrates samples/ from the Text Completions API to the Messages API with this repository's analyzers");
            writer.WriteLine("and code fixes: builds and lists the CTM findings, runs `dotnet format analyzers` with every CTM id,");
            writer.WriteLine("rebuilds, and prints the diff and the findings that remain.");
            writer.WriteLine();
            writer.WriteLine($"  --output <dir>  where the copy goes (default {DefaultOutput}; inside the repository, so the copy");
            writer.WriteLine("                  finds Directory.Build.props and the analyzer projects); replaced on every run");
            writer.WriteLine("  --in-place      migrate samples/ itself instead of a copy (`git diff samples/` then shows the change)");
            writer.WriteLine("  --no-diff       print the list of changed files but not the diffs");
            writer.WriteLine();
            writer.WriteLine("Exit code 0 when the migration ran and the migrated samples build (findings may remain),");
            writer.WriteLine("1 when a build or dotnet format failed, 2 on bad options.");
        }

        private static int Run(string? outputOption, bool inPlace, bool showDiff)
        {
            var total = Stopwatch.StartNew();
            string root = FindRepositoryRoot();
            string samples = Path.Combine(root, "samples");
            string[] ids = ReadRuleIds(root);

            string work;
            string logs;
            if (inPlace)
            {
                work = samples;
                logs = Path.Combine(root, "artifacts", "migrate-samples-logs");
                DeleteDirectory(logs);
            }
            else
            {
                work = Path.GetFullPath(outputOption ?? Path.Combine(root, DefaultOutput));
                ValidateOutput(root, samples, work);
                logs = Path.Combine(work, LogFolderName);
                PrepareOutput(work);
                SampleTree.Copy(samples, work);
                Directory.CreateDirectory(logs);
            }

            string[] projects = Directory.GetDirectories(work)
                .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
                .Select(d => Path.GetFileName(d)!)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
            Dictionary<string, byte[]> original = SampleTree.Snapshot(samples);

            Console.WriteLine("Migrating the bundled samples from the Text Completions API to the Messages API");
            Console.WriteLine($"  samples   {Relative(root, samples)}/ ({projects.Length} programs: {string.Join(", ", projects)})");
            Console.WriteLine(inPlace
                ? "  working   in place: samples/ is changed; `git diff samples/` shows it, `git checkout samples/` undoes it"
                : $"  working   on a copy: {Relative(root, work)}/ (samples/ is not modified)");
            Console.WriteLine($"  rules     {string.Join(" ", ids)}");
            Console.WriteLine($"  logs      {Relative(root, logs)}/");
            Console.WriteLine();

            // 1. The analyzers and code fixes, once; the sample builds below then only compile the samples.
            Step(1, "Build the analyzers and code fixes");
            CliResult analyzers = DotNetCli.Run(
                root,
                new[] { "build", Path.Combine(root, "src", "CompletionsToMessages.CodeFixes", "CompletionsToMessages.CodeFixes.csproj"), "-nodeReuse:false", "--disable-build-servers" },
                Path.Combine(logs, "1-build-analyzers.log"),
                StepTimeout);
            if (analyzers.ExitCode != 0)
            {
                return Fail("Building the analyzers and code fixes failed.", analyzers, logs);
            }

            Done(analyzers);

            // 2. The samples as they are: every CTM finding, Info ones included (read from SARIF, not the console).
            Step(2, "Build the samples and collect the CTM findings");
            (CliResult before, List<Finding> beforeFindings) = BuildSamples(root, work, projects, Path.Combine(logs, "before"), Path.Combine(logs, "2-build-before.log"));
            if (before.ExitCode != 0 || beforeFindings.Any(f => f.Level == "error"))
            {
                return Fail("The samples do not build before any fix was applied.", before, logs);
            }

            Done(before);
            List<Finding> beforeCtm = beforeFindings.Where(f => f.Id.StartsWith("CTM", StringComparison.Ordinal)).ToList();
            Console.WriteLine($"  {beforeCtm.Count} CTM findings ({Severities(beforeCtm)}):");
            PrintTable(projects, beforeCtm, null);
            Console.WriteLine();

            // 3. The fixes, exactly as a user applies them to a solution.
            var formatArguments = new List<string> { "format", "analyzers", "Samples.sln", "--diagnostics" };
            formatArguments.AddRange(ids);
            formatArguments.AddRange(new[] { "--severity", "info", "--include", "./", "--no-restore", "--verbosity", "diagnostic" });
            Step(3, "Apply the code fixes");
            Console.WriteLine($"  (cd {Relative(root, work)} && dotnet format analyzers Samples.sln --diagnostics {string.Join(" ", ids)} --severity info)");
            CliResult format = DotNetCli.Run(work, formatArguments, Path.Combine(logs, "3-dotnet-format.log"), StepTimeout);
            if (format.ExitCode != 0)
            {
                return Fail("dotnet format analyzers failed.", format, logs);
            }

            Done(format);
            Dictionary<string, string> notFixable = UnableToFix.Matches(format.Output)
                .GroupBy(m => m.Groups["id"].Value, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Groups["reason"].Value.Trim(), StringComparer.Ordinal);
            string[] fixerWarnings = format.Output.Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Where(l => l.Contains("exception", StringComparison.OrdinalIgnoreCase) && !l.Contains("Unable to fix", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            string[] withFix = beforeCtm.Select(f => f.Id).Distinct().Where(id => !notFixable.ContainsKey(id)).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            Console.WriteLine($"  code fixes found and run for: {(withFix.Length == 0 ? "(none)" : string.Join(" ", withFix))}");
            foreach (KeyValuePair<string, string> pair in notFixable.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  no code fix for {pair.Key} (dotnet format: {pair.Value.TrimEnd('.')})");
            }

            foreach (string warning in fixerWarnings)
            {
                Console.WriteLine($"  WARNING from dotnet format: {warning.Trim()}");
            }

            Console.WriteLine();

            // 4. What the fixes changed.
            Step(4, "What the fixes changed (original -> migrated)");
            Dictionary<string, byte[]> migrated = SampleTree.Snapshot(work);
            int changedFiles = PrintChanges(root, work, original, migrated, showDiff);
            Console.WriteLine();

            // 5. The migrated samples must still compile; what the analyzers still find is what is left to do.
            Step(5, "Rebuild the migrated samples");
            (CliResult after, List<Finding> afterFindings) = BuildSamples(root, work, projects, Path.Combine(logs, "after"), Path.Combine(logs, "5-build-after.log"));
            List<Finding> errors = afterFindings.Where(f => f.Level == "error").ToList();
            if (after.ExitCode != 0 || errors.Count > 0)
            {
                foreach (Finding error in errors)
                {
                    Console.WriteLine($"  error {error.Id}: {Relative(work, error.File)}({error.Line},{error.Column}): {error.Message}");
                }

                return Fail("The migrated samples do not build: a code fix produced code that does not compile (errors above).", after, logs);
            }

            Done(after);
            Console.WriteLine("  0 errors");
            List<Finding> afterCtm = afterFindings.Where(f => f.Id.StartsWith("CTM", StringComparison.Ordinal)).ToList();
            PrintNewCompilerWarnings(work, beforeFindings, afterFindings);
            Console.WriteLine();

            Console.WriteLine($"CTM findings before -> after fixing ({beforeCtm.Count} -> {afterCtm.Count}):");
            PrintTable(projects, beforeCtm, afterCtm);
            Console.WriteLine();
            PrintRemaining(work, afterCtm, notFixable);

            Console.WriteLine();
            Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:F0} s: {changedFiles} files changed, {beforeCtm.Count - afterCtm.Count} of {beforeCtm.Count} findings fixed, "
                + $"{afterCtm.Count} remain, the migrated samples build with 0 errors.");
            Console.WriteLine(inPlace
                ? "Review with `git diff samples/`; undo with `git checkout samples/`."
                : $"The migrated samples are in {Relative(root, work)}/; samples/ is unchanged. Same on your code:");
            Console.WriteLine($"  dotnet format analyzers YourSolution.sln --diagnostics {string.Join(" ", ids)} --severity info");
            return 0;
        }

        private static (CliResult Result, List<Finding> Findings) BuildSamples(string root, string work, string[] projects, string sarifDirectory, string logFile)
        {
            Directory.CreateDirectory(sarifDirectory);
            // --no-incremental: the compiler writes the SARIF log only when it runs. BuildProjectReferences=false: the
            // analyzer projects were built in step 1 and must not be rebuilt (twice) by --no-incremental.
            CliResult result = DotNetCli.Run(
                root,
                new[]
                {
                    "build", Path.Combine(work, "Samples.sln"), "--no-incremental", "-p:BuildProjectReferences=false",
                    "-nodeReuse:false", "--disable-build-servers", "-p:SamplesErrorLogDirectory=" + sarifDirectory,
                },
                logFile,
                StepTimeout);

            var findings = new List<Finding>();
            foreach (string project in projects)
            {
                string log = Path.Combine(sarifDirectory, project + ".sarif");
                if (File.Exists(log))
                {
                    findings.AddRange(Sarif.Read(log, project));
                }
                else if (result.ExitCode == 0)
                {
                    findings.Add(new Finding(project, "MIGRATE", "error", string.Empty, 0, 0, $"no SARIF log was written for {project} ({log})"));
                }
            }

            return (result, findings);
        }

        private static int PrintChanges(string root, string work, Dictionary<string, byte[]> original, Dictionary<string, byte[]> migrated, bool showDiff)
        {
            var changed = new List<(string File, string Diff, int Added, int Removed)>();
            foreach (string file in original.Keys.Union(migrated.Keys).OrderBy(f => f, StringComparer.Ordinal))
            {
                byte[] oldBytes = original.TryGetValue(file, out byte[]? o) ? o : Array.Empty<byte>();
                byte[] newBytes = migrated.TryGetValue(file, out byte[]? n) ? n : Array.Empty<byte>();
                if (oldBytes.AsSpan().SequenceEqual(newBytes))
                {
                    continue;
                }

                string oldName = original.ContainsKey(file) ? "samples/" + file : "/dev/null";
                string newName = migrated.ContainsKey(file) ? Relative(root, Path.Combine(work, file)) : "/dev/null";
                (string diff, int added, int removed) = UnifiedDiff.Create(
                    oldName,
                    newName,
                    UnifiedDiff.Lines(Encoding.UTF8.GetString(oldBytes)),
                    UnifiedDiff.Lines(Encoding.UTF8.GetString(newBytes)));
                changed.Add((file, diff, added, removed));
            }

            if (changed.Count == 0)
            {
                Console.WriteLine("  no file changed");
                return 0;
            }

            int width = changed.Max(c => c.File.Length);
            foreach ((string file, _, int added, int removed) in changed)
            {
                Console.WriteLine($"  {file.PadRight(width)}  +{added} -{removed}");
            }

            Console.WriteLine($"  {changed.Count} files changed, {changed.Sum(c => c.Added)} lines added, {changed.Sum(c => c.Removed)} removed");
            if (showDiff)
            {
                foreach ((_, string diff, _, _) in changed)
                {
                    Console.WriteLine();
                    Console.Write(diff);
                }
            }

            return changed.Count;
        }

        /// <summary>Counts per sample and id; with <paramref name="after"/>, each cell is "before->after".</summary>
        private static void PrintTable(string[] projects, List<Finding> before, List<Finding>? after)
        {
            string[] ids = before.Concat(after ?? new List<Finding>()).Select(f => f.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
            int nameWidth = Math.Max("sample".Length, projects.Length == 0 ? 0 : projects.Max(p => p.Length));

            string Cell(string project, string? id)
            {
                int b = before.Count(f => (project.Length == 0 || f.Sample == project) && (id == null || f.Id == id));
                if (after == null)
                {
                    return b == 0 ? "." : b.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                int a = after.Count(f => (project.Length == 0 || f.Sample == project) && (id == null || f.Id == id));
                return a == 0 && b == 0 ? "." : b == a ? a.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{b}->{a}";
            }

            int cellWidth = after == null ? 6 : 7;
            var header = new StringBuilder("  " + "sample".PadRight(nameWidth));
            foreach (string id in ids)
            {
                header.Append(' ').Append(id.PadLeft(cellWidth));
            }

            header.Append(' ').Append("total".PadLeft(cellWidth + 1));
            Console.WriteLine(header.ToString());
            foreach (string project in projects.Append(string.Empty))
            {
                var row = new StringBuilder("  " + (project.Length == 0 ? "all" : project).PadRight(nameWidth));
                foreach (string id in ids)
                {
                    row.Append(' ').Append(Cell(project, id).PadLeft(cellWidth));
                }

                row.Append(' ').Append(Cell(project, null).PadLeft(cellWidth + 1));
                Console.WriteLine(row.ToString());
            }
        }

        private static void PrintRemaining(string work, List<Finding> remaining, Dictionary<string, string> notFixable)
        {
            if (remaining.Count == 0)
            {
                Console.WriteLine("No CTM finding remains.");
                return;
            }

            Console.WriteLine($"Findings that remain ({remaining.Count}) and why no fix changed them:");
            foreach (IGrouping<string, Finding> group in remaining.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                string reason = notFixable.TryGetValue(group.Key, out string? why)
                    ? $"no code fix for {group.Key} yet ({why.TrimEnd('.')}); migrate by hand, see docs/rules/{group.Key}.md"
                    : $"{group.Key} has a code fix, but it does not rewrite this code shape; migrate by hand, see docs/rules/{group.Key}.md";
                Console.WriteLine($"  {group.Key} x{group.Count()}: {reason}");
                foreach (Finding finding in group.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line))
                {
                    Console.WriteLine($"      {Relative(work, finding.File)}({finding.Line},{finding.Column}) {Shorten(finding.Message, 110)}");
                }
            }
        }

        /// <summary>Compiler and other non-CTM warnings the fixes introduced (for example an unused variable).</summary>
        private static void PrintNewCompilerWarnings(string work, List<Finding> before, List<Finding> after)
        {
            var known = before.Where(f => !f.Id.StartsWith("CTM", StringComparison.Ordinal)).Select(f => (f.Sample, f.Id, f.Message)).ToHashSet();
            List<Finding> added = after.Where(f => !f.Id.StartsWith("CTM", StringComparison.Ordinal) && f.Level != "note" && !known.Contains((f.Sample, f.Id, f.Message))).ToList();
            if (added.Count == 0)
            {
                Console.WriteLine("  no new compiler warnings");
                return;
            }

            Console.WriteLine($"  {added.Count} new compiler warnings after the fixes:");
            foreach (Finding finding in added)
            {
                Console.WriteLine($"      {Relative(work, finding.File)}({finding.Line},{finding.Column}) {finding.Id} {Shorten(finding.Message, 110)}");
            }
        }

        private static string Severities(List<Finding> findings)
        {
            int warnings = findings.Count(f => f.Level == "warning");
            int infos = findings.Count(f => f.Level == "note");
            return $"{warnings} warnings, {infos} infos";
        }

        private static string Shorten(string text, int length) =>
            text.Length <= length ? text : text.Substring(0, length - 3).TrimEnd() + "...";

        private static void Step(int number, string title) => Console.WriteLine($"[{number}/5] {title}");

        private static void Done(CliResult result) => Console.WriteLine($"  ok ({result.Elapsed.TotalSeconds:F0} s)");

        private static int Fail(string what, CliResult result, string logs)
        {
            Console.WriteLine("  FAILED");
            Console.Out.Flush();
            string[] errors = ErrorLine.Matches(result.Output).Select(m => m.Value.Trim()).Distinct(StringComparer.Ordinal).Take(30).ToArray();
            Console.Error.WriteLine();
            Console.Error.WriteLine($"MIGRATION FAILED: {what}");
            Console.Error.WriteLine($"  command:   {result.CommandLine}");
            Console.Error.WriteLine($"  exit code: {result.ExitCode}");
            if (errors.Length > 0)
            {
                foreach (string error in errors)
                {
                    Console.Error.WriteLine("  " + error);
                }
            }
            else
            {
                string[] tail = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(30).ToArray();
                foreach (string line in tail)
                {
                    Console.Error.WriteLine("  | " + line);
                }
            }

            Console.Error.WriteLine($"  full output in {logs}");
            return 1;
        }

        /// <summary>Every rule id the analyzers declare (src/CompletionsToMessages.Analyzers/DiagnosticIds.cs).</summary>
        private static string[] ReadRuleIds(string root)
        {
            string file = Path.Combine(root, "src", "CompletionsToMessages.Analyzers", "DiagnosticIds.cs");
            string[] ids = RuleId.Matches(File.ReadAllText(file)).Select(m => m.Groups["id"].Value).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
            if (ids.Length == 0)
            {
                throw new UsageException("No CTM rule id found in " + file);
            }

            return ids;
        }

        private static string FindRepositoryRoot()
        {
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (DirectoryInfo? directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")) && File.Exists(Path.Combine(directory.FullName, "samples", "Samples.sln")))
                    {
                        return directory.FullName;
                    }
                }
            }

            throw new UsageException("Run this inside the CompletionsToMessages repository (no Analyzers.sln with samples/Samples.sln found above the current directory).");
        }

        private static void ValidateOutput(string root, string samples, string work)
        {
            string relative = Path.GetRelativePath(root, work);
            if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new UsageException($"--output must be a folder inside the repository ({root}): the copied projects import its Directory.Build.props and reference its analyzer projects. Got {work}.");
            }

            string fromSamples = Path.GetRelativePath(samples, work);
            if (fromSamples == "." || !fromSamples.StartsWith("..", StringComparison.Ordinal))
            {
                throw new UsageException("--output must not be samples/ or inside it; use --in-place to migrate samples/ itself.");
            }

            string fromWork = Path.GetRelativePath(work, root);
            if (!fromWork.StartsWith("..", StringComparison.Ordinal))
            {
                throw new UsageException("--output must not contain the repository.");
            }
        }

        /// <summary>Empties the output folder if an earlier run made it; refuses to delete a folder the tool did not make.</summary>
        private static void PrepareOutput(string work)
        {
            if (Directory.Exists(work) && Directory.EnumerateFileSystemEntries(work).Any())
            {
                if (!Directory.Exists(Path.Combine(work, LogFolderName)))
                {
                    throw new UsageException($"{work} exists and was not made by this tool (no {LogFolderName} folder); choose another --output or remove it.");
                }

                DeleteDirectory(work);
            }

            Directory.CreateDirectory(work);
        }

        private static void DeleteDirectory(string path)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        private static string Relative(string root, string path) =>
            path.Length == 0 ? path : Path.GetRelativePath(root, path).Replace('\\', '/');

        private sealed class UsageException : Exception
        {
            public UsageException(string message)
                : base(message)
            {
            }
        }
    }
}
