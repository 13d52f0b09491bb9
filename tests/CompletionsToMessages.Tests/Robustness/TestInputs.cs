using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Tests.Robustness
{
    /// <summary>
    /// The C# sources embedded in the rule tests (<c>Rules/CTM0xxTests.cs</c>) and the code fix tests
    /// (<c>CodeFixes/*.cs</c>), read from the test files themselves with Roslyn, markup stripped, deduplicated.
    /// </summary>
    /// <remarks>
    /// <para>
    /// What counts as a source: every string literal of those files — regular, verbatim and raw — whose value, with
    /// the testing markup removed, parses as C# that declares something: a namespace, a type, a delegate, or a
    /// member (a method, property, field, …; not a parse-error <c>IncompleteMember</c> and not a top-level
    /// statement). This finds the sources wherever the tests keep them (verifier arguments, <c>const</c> stubs
    /// appended to sources, arrays of files, <c>FixedCode</c> expectations) without hard-coding the verifier APIs,
    /// and it rejects the other literals of those files (URLs, model ids, <c>.editorconfig</c> lines, prose),
    /// which parse at best as top-level expressions. The expected code of the fix tests is included: the verifier
    /// analyzes it too (it must have no diagnostics left).
    /// </para>
    /// <para>
    /// Interpolated literals (<c>$$"""… {{url}} …"""</c>) are the sources of theories: each hole that names a
    /// parameter of the test method is filled from every <c>[InlineData]</c> row (the constant formatted with the
    /// invariant culture), giving one input per row. An interpolated literal whose holes cannot be filled that way
    /// (a local, an expression, a <c>MemberData</c> row) is skipped and counted.
    /// </para>
    /// <para>
    /// Markup is what Microsoft.CodeAnalysis.Testing strips from sources in its default markup mode: <c>$$</c>
    /// (caret), <c>[|</c> and <c>|]</c> (span), <c>{|Name:</c> and <c>|}</c> (named span, e.g. <c>{|CTM002:</c>,
    /// <c>{|#0:</c>). A literal in a test member that sets <c>MarkupMode.None</c> is taken as written, as the
    /// verifier does.
    /// </para>
    /// </remarks>
    internal static class TestInputs
    {
        private static readonly Lazy<Collection> Collected = new Lazy<Collection>(Collect);

        private static readonly Regex Markup = new Regex(@"\$\$|\[\||\|\]|\{\|[^:|\[\]{}\s]+:|\|\}", RegexOptions.CultureInvariant);

        /// <summary>The test files the inputs come from, relative to the test project, sorted.</summary>
        public static IReadOnlyList<string> SourceFiles => Collected.Value.Files;

        /// <summary>Every distinct input, in file order then position order.</summary>
        public static IReadOnlyList<TestInput> All => Collected.Value.Inputs;

        /// <summary>Interpolated literals with declarations in their text that could not be expanded into inputs (file:line).</summary>
        public static IReadOnlyList<string> SkippedInterpolations => Collected.Value.SkippedInterpolations;

        /// <summary>The test project folder (<c>tests/CompletionsToMessages.Tests</c>).</summary>
        public static string ProjectDirectory => Path.Combine(AnalyzerRun.RepositoryRoot(), "tests", "CompletionsToMessages.Tests");

        /// <summary>Removes the testing markup (see the remarks of the class).</summary>
        public static string StripMarkup(string text) => Markup.Replace(text, string.Empty);

        /// <summary>
        /// True when the text parses as C# that declares a namespace, type or delegate (with or without syntax errors:
        /// half-typed sources are inputs too), is a program of top-level statements without syntax errors, or a member without syntax errors (a lone field or method; prose such as
        /// "compiler errors, first" parses as a broken field declaration and is rejected).
        /// </summary>
        public static bool DeclaresSomething(string text)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(text, AnalyzerRun.ParseOptions);

            // A program of top-level statements, when it parses without errors (prose does not).
            if (tree.GetRoot().ChildNodes().Any(n => n is GlobalStatementSyntax) && !tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return true;
            }

            return tree.GetRoot().DescendantNodes().Any(n => n switch
            {
                BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => true,
                IncompleteMemberSyntax or GlobalStatementSyntax => false,
                MemberDeclarationSyntax member => !member.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error),
                _ => false,
            });
        }

        /// <summary>The literals of one test file that are sources, markup stripped (not deduplicated).</summary>
        public static IReadOnlyList<TestInput> Read(string relativePath, string fileText, ICollection<string> skippedInterpolations)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(fileText, AnalyzerRun.ParseOptions, relativePath).GetRoot();
            var result = new List<TestInput>();
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                IEnumerable<string> values;
                if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    values = new[] { literal.Token.ValueText };
                }
                else if (node is InterpolatedStringExpressionSyntax interpolated)
                {
                    IReadOnlyList<string>? expanded = ExpandTheoryRows(interpolated) ?? ExpandHelperTemplate(interpolated);
                    if (expanded is null)
                    {
                        if (DeclaresSomething(string.Concat(interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText))))
                        {
                            skippedInterpolations.Add($"{relativePath}:{line}");
                        }

                        continue;
                    }

                    values = expanded;
                }
                else
                {
                    continue;
                }

                bool markupOff = node.FirstAncestorOrSelf<MemberDeclarationSyntax>()?.ToString().Contains("MarkupMode.None", StringComparison.Ordinal) == true;
                foreach (string value in values)
                {
                    string text = markupOff ? value : StripMarkup(value);
                    if (DeclaresSomething(text))
                    {
                        result.Add(new TestInput(relativePath, line, text));
                    }
                }
            }

            return result;
        }

        private static Collection Collect()
        {
            string project = ProjectDirectory;
            var files = Directory.GetFiles(Path.Combine(project, "Rules"), "CTM*Tests.cs")
                .Concat(Directory.GetFiles(Path.Combine(project, "CodeFixes"), "*.cs"))
                .Select(f => Path.GetRelativePath(project, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

            var inputs = new List<TestInput>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var skipped = new List<string>();
            foreach (string file in files)
            {
                foreach (TestInput input in Read(file, File.ReadAllText(Path.Combine(project, file)), skipped))
                {
                    if (seen.Add(input.Text))
                    {
                        inputs.Add(input);
                    }
                }
            }

            return new Collection(files, inputs, skipped);
        }

        /// <summary>
        /// The texts of an interpolated literal for each [InlineData] row of its method, or null when a hole is not a
        /// plain parameter name, the method has no rows, or a row's argument is not a literal.
        /// </summary>
        /// <summary>
        /// A template of a helper method that builds sources (not a test: no <c>[Fact]</c>/<c>[Theory]</c>), whose holes
        /// all name its parameters: the surrounding text is an input with each hole left empty (the parts the callers pass
        /// in are literals of their own, collected where they are written).
        /// </summary>
        private static IReadOnlyList<string>? ExpandHelperTemplate(InterpolatedStringExpressionSyntax interpolated)
        {
            if (interpolated.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not MethodDeclarationSyntax method
                || method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Fact" or "Theory" or "InlineData" or "MemberData"))
            {
                return null;
            }

            var parameters = method.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
            var builder = new StringBuilder();
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                switch (content)
                {
                    case InterpolatedStringTextSyntax text:
                        builder.Append(text.TextToken.ValueText);
                        break;
                    case InterpolationSyntax { Expression: IdentifierNameSyntax name } when parameters.Contains(name.Identifier.ValueText):
                        break;
                    default:
                        return null;
                }
            }

            return new[] { builder.ToString() };
        }

        private static IReadOnlyList<string>? ExpandTheoryRows(InterpolatedStringExpressionSyntax interpolated)
        {
            if (interpolated.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not MethodDeclarationSyntax method)
            {
                return null;
            }

            List<string> parameters = method.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToList();
            var holes = interpolated.Contents.OfType<InterpolationSyntax>().ToList();
            if (holes.Any(h => h.AlignmentClause != null || h.FormatClause != null
                               || h.Expression is not IdentifierNameSyntax name || !parameters.Contains(name.Identifier.ValueText)))
            {
                return null;
            }

            var rows = method.AttributeLists.SelectMany(l => l.Attributes)
                .Where(a => a.Name.ToString() is "InlineData" or "InlineDataAttribute" or "Xunit.InlineData")
                .ToList();
            var texts = new List<string>();
            foreach (AttributeSyntax row in rows)
            {
                var arguments = row.ArgumentList?.Arguments.ToList() ?? new List<AttributeArgumentSyntax>();
                if (arguments.Count != parameters.Count || arguments.Any(a => a.NameEquals != null || a.NameColon != null || a.Expression is not LiteralExpressionSyntax))
                {
                    return null;
                }

                var builder = new StringBuilder();
                foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text)
                    {
                        builder.Append(text.TextToken.ValueText);
                    }
                    else
                    {
                        int index = parameters.IndexOf(((IdentifierNameSyntax)((InterpolationSyntax)content).Expression).Identifier.ValueText);
                        object? value = ((LiteralExpressionSyntax)arguments[index].Expression).Token.Value;
                        builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                    }
                }

                texts.Add(builder.ToString());
            }

            return texts.Count > 0 ? texts : null;
        }

        private sealed record Collection(IReadOnlyList<string> Files, IReadOnlyList<TestInput> Inputs, IReadOnlyList<string> SkippedInterpolations);
    }

    /// <summary>One source: the test file and line of its literal, and its text without markup.</summary>
    internal sealed record TestInput(string File, int Line, string Text)
    {
        /// <summary>The first non-blank line of the source, trimmed (at most 80 characters).</summary>
        public string FirstLine
        {
            get
            {
                string first = Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
                return first.Length <= 80 ? first : first.Substring(0, 80) + "…";
            }
        }

        /// <summary>How failures name the input: file, line and first line of the source.</summary>
        public override string ToString() => $"{File}:{Line} \"{FirstLine}\"";
    }
}
