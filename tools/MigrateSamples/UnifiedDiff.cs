using System;
using System.Collections.Generic;
using System.Text;

namespace MigrateSamples
{
    /// <summary>A line-based unified diff (longest common subsequence, three lines of context), like `diff -u`.</summary>
    internal static class UnifiedDiff
    {
        private const int Context = 3;

        /// <summary>Lines of a text, without line terminators (CRLF and LF alike).</summary>
        public static string[] Lines(string text)
        {
            string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
        }

        /// <summary>The diff of two texts with ---/+++ headers, and the counts of added and removed lines.</summary>
        public static (string Text, int Added, int Removed) Create(string oldName, string newName, string[] oldLines, string[] newLines)
        {
            List<(char Kind, string Line)> edits = Edits(oldLines, newLines);
            int added = 0;
            int removed = 0;
            foreach ((char kind, _) in edits)
            {
                added += kind == '+' ? 1 : 0;
                removed += kind == '-' ? 1 : 0;
            }

            var text = new StringBuilder();
            text.Append("--- ").AppendLine(oldName);
            text.Append("+++ ").AppendLine(newName);

            int index = 0;
            while (index < edits.Count)
            {
                // The next change, and the hunk around it: changes closer than 2 * Context lines share a hunk.
                int firstChange = edits.FindIndex(index, e => e.Kind != ' ');
                if (firstChange < 0)
                {
                    break;
                }

                int start = Math.Max(index, firstChange - Context);
                int end = firstChange;
                for (int i = firstChange; i < edits.Count; i++)
                {
                    if (edits[i].Kind != ' ')
                    {
                        end = i;
                    }
                    else if (i - end > 2 * Context)
                    {
                        break;
                    }
                }

                end = Math.Min(edits.Count - 1, end + Context);

                (int oldStart, int newStart) = Position(edits, start);
                int oldCount = 0;
                int newCount = 0;
                for (int i = start; i <= end; i++)
                {
                    oldCount += edits[i].Kind != '+' ? 1 : 0;
                    newCount += edits[i].Kind != '-' ? 1 : 0;
                }

                text.Append("@@ -").Append(oldCount == 0 ? oldStart - 1 : oldStart).Append(',').Append(oldCount)
                    .Append(" +").Append(newCount == 0 ? newStart - 1 : newStart).Append(',').Append(newCount).AppendLine(" @@");
                for (int i = start; i <= end; i++)
                {
                    text.Append(edits[i].Kind).AppendLine(edits[i].Line);
                }

                index = end + 1;
            }

            return (text.ToString(), added, removed);
        }

        /// <summary>1-based old and new line numbers of the edit at <paramref name="index"/>.</summary>
        private static (int Old, int New) Position(List<(char Kind, string Line)> edits, int index)
        {
            int oldLine = 1;
            int newLine = 1;
            for (int i = 0; i < index; i++)
            {
                oldLine += edits[i].Kind != '+' ? 1 : 0;
                newLine += edits[i].Kind != '-' ? 1 : 0;
            }

            return (oldLine, newLine);
        }

        /// <summary>The edit script: ' ' kept, '-' removed, '+' added, removed lines before added ones.</summary>
        private static List<(char Kind, string Line)> Edits(string[] a, string[] b)
        {
            // Common prefix and suffix first: fixes touch a few lines of a file, so the table below stays small.
            int prefix = 0;
            while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
            {
                prefix++;
            }

            int suffix = 0;
            while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
            {
                suffix++;
            }

            int n = a.Length - prefix - suffix;
            int m = b.Length - prefix - suffix;
            var edits = new List<(char, string)>(a.Length + b.Length);
            for (int i = 0; i < prefix; i++)
            {
                edits.Add((' ', a[i]));
            }

            if ((long)n * m > 16_000_000)
            {
                // Too large for the table: show the middle as replaced.
                for (int i = 0; i < n; i++)
                {
                    edits.Add(('-', a[prefix + i]));
                }

                for (int j = 0; j < m; j++)
                {
                    edits.Add(('+', b[prefix + j]));
                }
            }
            else
            {
                // lcs[i, j]: length of the longest common subsequence of a[prefix+i..] and b[prefix+j..].
                var lcs = new int[n + 1, m + 1];
                for (int i = n - 1; i >= 0; i--)
                {
                    for (int j = m - 1; j >= 0; j--)
                    {
                        lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                    }
                }

                int x = 0;
                int y = 0;
                var added = new List<string>();
                while (x < n || y < m)
                {
                    if (x < n && y < m && a[prefix + x] == b[prefix + y])
                    {
                        Flush(edits, added);
                        edits.Add((' ', a[prefix + x]));
                        x++;
                        y++;
                    }
                    else if (y < m && (x == n || lcs[x, y + 1] > lcs[x + 1, y]))
                    {
                        added.Add(b[prefix + y]);
                        y++;
                    }
                    else
                    {
                        edits.Add(('-', a[prefix + x]));
                        x++;
                    }
                }

                Flush(edits, added);
            }

            for (int i = a.Length - suffix; i < a.Length; i++)
            {
                edits.Add((' ', a[i]));
            }

            return edits;
        }

        private static void Flush(List<(char, string)> edits, List<string> added)
        {
            foreach (string line in added)
            {
                edits.Add(('+', line));
            }

            added.Clear();
        }
    }
}
