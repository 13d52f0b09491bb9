using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CompletionsToMessages.Tests.Verifiers
{
    /// <summary>
    /// Runs one analyzer over test sources written with markup (<c>{|CTM002:…|}</c>). Sources compile against
    /// .NET 8 reference assemblies plus Newtonsoft.Json; compiler errors in the test source fail the test unless
    /// the test opts out (half-typed code, missing community SDKs).
    /// </summary>
    public static class AnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static readonly ReferenceAssemblies References = ReferenceAssemblies.Net.Net80.AddPackages(
            ImmutableArray.Create(new PackageIdentity("Newtonsoft.Json", "13.0.3")));

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, editorConfig: null, compilerErrorsAllowed: false, expected);

        public static Task VerifyAsync(string source, string? editorConfig, bool compilerErrorsAllowed, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, ReferenceAssemblies = References };
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            if (compilerErrorsAllowed)
            {
                test.CompilerDiagnostics = CompilerDiagnostics.None;
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                // Markup diagnostics take the descriptor's default severity; rules that raise or lower it per
                // finding (CTM003, CTM004) are checked with explicit DiagnosticResults.
                MarkupOptions = MarkupOptions.UseFirstDescriptor;
            }
        }
    }
}
