using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MigrateSamples
{
    /// <summary>Copies and snapshots a samples folder, leaving out build output and the tool's own logs.</summary>
    internal static class SampleTree
    {
        /// <summary>Folder names never copied, snapshotted or diffed.</summary>
        public static readonly string[] Skipped = { "bin", "obj", ".vs", Program.LogFolderName };

        /// <summary>Relative paths (forward slashes, ordinal order) of the files under <paramref name="root"/>.</summary>
        public static List<string> Files(string root)
        {
            var files = new List<string>();
            Walk(root, root, files);
            files.Sort(StringComparer.Ordinal);
            return files;
        }

        public static void Copy(string from, string to)
        {
            foreach (string relative in Files(from))
            {
                string target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(from, relative), target, overwrite: true);
            }
        }

        /// <summary>Every file's bytes, by relative path.</summary>
        public static Dictionary<string, byte[]> Snapshot(string root) =>
            Files(root).ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(root, f)), StringComparer.Ordinal);

        private static void Walk(string root, string directory, List<string> files)
        {
            foreach (string file in Directory.GetFiles(directory))
            {
                files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }

            foreach (string child in Directory.GetDirectories(directory))
            {
                if (!Skipped.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
                {
                    Walk(root, child, files);
                }
            }
        }
    }
}
