using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using CompletionsToMessages.Analyzers;
using CompletionsToMessages.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace CompletionsToMessages.Tests
{
    /// <summary>
    /// Every rule is findable from its id and documented where users look: descriptor, analyzer, help link,
    /// docs/rules page, README row and release-tracking line must agree.
    /// </summary>
    public class ConsistencyTests
    {
        public static IEnumerable<object[]> Rules() => AllDescriptors().Select(d => new object[] { d.Id });

        [Fact]
        public void EveryRuleIdHasExactlyOneDescriptor()
        {
            string[] ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).OrderBy(x => x).ToArray();
            string[] described = AllDescriptors().Select(d => d.Id).OrderBy(x => x).ToArray();
            Assert.Equal(ids, described);
            Assert.Equal(Enumerable.Range(1, 12).Select(i => $"CTM{i:000}"), ids);
        }

        [Fact]
        public void EveryDescriptorIsReportedByExactlyOneAnalyzer_AndEveryAnalyzerUsesTheBasePolicy()
        {
            List<DiagnosticAnalyzer> analyzers = AllAnalyzers();
            Assert.All(analyzers, a => Assert.IsAssignableFrom<CtmAnalyzer>(a));
            foreach (DiagnosticDescriptor descriptor in AllDescriptors())
            {
                Assert.Single(analyzers, a => a.SupportedDiagnostics.Any(d => d.Id == descriptor.Id));
            }
        }

        [Theory]
        [MemberData(nameof(Rules))]
        public void HelpLinkPointsToTheRulePage_AndThePageTitleIsTheDescriptorTitle(string id)
        {
            DiagnosticDescriptor descriptor = AllDescriptors().Single(d => d.Id == id);
            Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);

            string page = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");
            Assert.True(File.Exists(page), "missing " + page);
            string[] lines = File.ReadAllLines(page);
            Assert.Equal("# " + id + ": " + descriptor.Title, lines[0]);
            string text = string.Join("\n", lines);
            Assert.Contains("## What it finds", text, StringComparison.Ordinal);
            Assert.Contains("## Why it matters", text, StringComparison.Ordinal);
            Assert.Contains("## Before / after", text, StringComparison.Ordinal);
            Assert.Contains("## Options", text, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Rules))]
        public void ReadmeTableListsTheRule(string id)
        {
            DiagnosticDescriptor descriptor = AllDescriptors().Single(d => d.Id == id);
            string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
            Assert.Contains($"| [{id}](docs/rules/{id}.md) | {descriptor.Title} |", readme, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Rules))]
        public void ReleaseTrackingHasTheRuleWithItsDefaultSeverity(string id)
        {
            DiagnosticDescriptor descriptor = AllDescriptors().Single(d => d.Id == id);
            string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(Path.Combine(RepositoryRoot(), "AnalyzerReleases.Shipped.md")))
                .ToArray();
            string line = Assert.Single(lines, l => l.StartsWith(id + " ", StringComparison.Ordinal));
            string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal(descriptor.Category, cells[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
        }

        [Fact]
        public void ReadmeDocumentsEveryEditorConfigKey()
        {
            string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
            string[] keys = typeof(CtmOptions).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToArray();
            Assert.NotEmpty(keys);
            Assert.All(keys, key => Assert.Contains(key + " =", readme, StringComparison.Ordinal));
        }

        internal static List<DiagnosticDescriptor> AllDescriptors() =>
            typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .ToList();

        internal static List<DiagnosticAnalyzer> AllAnalyzers() =>
            typeof(CtmAnalyzer).Assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToList();

        internal static string RepositoryRoot()
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
