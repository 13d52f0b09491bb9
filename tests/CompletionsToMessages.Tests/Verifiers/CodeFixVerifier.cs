using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CompletionsToMessages.Tests.Verifiers
{
    /// <summary>
    /// Verifies a code fix: the diagnostics in <c>source</c> (markup), the code after fixing one by one, and the
    /// code after Fix All in document, project and solution scope (the testing library runs all four and requires
    /// the same result unless <c>batchFixed</c> differs). The fixed code must compile and have no diagnostics left.
    /// </summary>
    public static class CodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static Task VerifyAsync(string source, string fixedSource, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = AnalyzerVerifier<TAnalyzer>.References,
            };
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
                test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The diagnostic is reported but no fix is offered: the code stays as it is.</summary>
        public static Task VerifyNoFixAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, source, null, expected);

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            public Test()
            {
                MarkupOptions = MarkupOptions.UseFirstDescriptor;
            }

            /// <summary>The C# version the sources are parsed with (the newest by default).</summary>
            public Microsoft.CodeAnalysis.CSharp.LanguageVersion LanguageVersion { get; set; } = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest;

            protected override ParseOptions CreateParseOptions() =>
                ((Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
        }
    }
}
