using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace MigrateSamples
{
    /// <summary>The result of one dotnet CLI invocation: exit code, stdout and stderr together, duration.</summary>
    internal sealed record CliResult(int ExitCode, string Output, TimeSpan Elapsed, string CommandLine);

    /// <summary>
    /// Runs the dotnet CLI in a child process with no build servers and no node reuse (nothing outlives the tool),
    /// captures its output and writes it to a log file; the whole process tree is killed on timeout.
    /// </summary>
    internal static class DotNetCli
    {
        public static readonly string Executable = Find();

        public static CliResult Run(string workingDirectory, IReadOnlyList<string> arguments, string logFile, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            // Settings of an MSBuild that launched this tool (dotnet run, a test host) must not leak into the child.
            foreach (string name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(name);
            }

            string commandLine = "dotnet " + string.Join(" ", arguments);
            var output = new StringBuilder();
            var stopwatch = Stopwatch.StartNew();
            using (var process = new Process { StartInfo = start })
            {
                process.OutputDataReceived += (_, e) => Append(output, e.Data);
                process.ErrorDataReceived += (_, e) => Append(output, e.Data);
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();

                if (!process.WaitForExit((int)timeout.TotalMilliseconds))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    Append(output, $"[MigrateSamples] killed after {timeout.TotalMinutes:F0} min: {commandLine}");
                    WriteLog(logFile, commandLine, output);
                    return new CliResult(-1, Snapshot(output), stopwatch.Elapsed, commandLine);
                }

                process.WaitForExit(); // drains the redirected streams
                WriteLog(logFile, commandLine, output);
                return new CliResult(process.ExitCode, Snapshot(output), stopwatch.Elapsed, commandLine);
            }
        }

        private static void WriteLog(string logFile, string commandLine, StringBuilder output)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
            File.WriteAllText(logFile, "> " + commandLine + Environment.NewLine + Snapshot(output));
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static string Snapshot(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        /// <summary>The dotnet host that started this tool (DOTNET_HOST_PATH, or this process), else the one on PATH.</summary>
        private static string Find()
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string? processPath = Environment.ProcessPath;
            if (processPath != null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return processPath;
            }

            string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root))
            {
                string candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return "dotnet";
        }
    }
}
