using System;
using System.IO;

namespace CompletionsToMessages.EndToEnd.Tests.Infrastructure
{
    /// <summary>A fresh directory (under the system temp folder unless a parent is given), deleted on dispose.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory(string prefix)
            : this(System.IO.Path.GetTempPath(), prefix)
        {
        }

        public TempDirectory(string parent, string prefix)
        {
            Path = System.IO.Path.Combine(parent, prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file still held by a finished child process must not fail the test.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
