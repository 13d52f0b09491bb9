using System;
using System.IO;

namespace CompletionsToMessages.EndToEnd.Tests.Infrastructure
{
    /// <summary>Locates the repository the tests were built from.</summary>
    public static class Repository
    {
        public static readonly string Root = FindRoot();

        public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

        private static string FindRoot()
        {
            for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
