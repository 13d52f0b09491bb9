using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM001: a string that is the Text Completions endpoint — a full URL, a relative "v1/complete" path, or
    /// the path part of an interpolation/concatenation — wherever it is written (literal, const, static field,
    /// <c>new Uri(...)</c>, <c>PostAsync(...)</c> argument).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyEndpointAnalyzer : CtmAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM001_LegacyEndpoint);

        private static readonly string[] Words = { LegacyWire.LegacyPath };

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // Every literal finding holds "v1/complete": one search of each file, not a callback per literal.
            context.RegisterSyntaxTreeAction(
                c =>
                {
                    if (!(LiteralSearch.Candidates(c.Tree, Words, c.CancellationToken) is List<LiteralExpressionSyntax> literals))
                    {
                        return;
                    }

                    foreach (LiteralExpressionSyntax literal in literals)
                    {
                        string value = literal.Token.ValueText;
                        if (value.IndexOf(LegacyWire.LegacyPath, StringComparison.Ordinal) >= 0 && IsLegacyEndpoint(value) && !IsServerRoute(literal) && InAnthropicContext(value, state))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM001_LegacyEndpoint, literal.GetLocation(), value));
                        }
                    }
                });

            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var interpolated = (InterpolatedStringExpressionSyntax)c.Node;
                    if (!StringSyntax.InterpolatedTextContains(interpolated, LegacyWire.LegacyPath))
                    {
                        return;
                    }

                    string shape = Shape(interpolated);
                    if (IsLegacyEndpoint(shape) && !IsServerRoute(interpolated) && InAnthropicContext(shape, state))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM001_LegacyEndpoint, interpolated.GetLocation(), interpolated.ToString()));
                    }
                },
                SyntaxKind.InterpolatedStringExpression);
        }

        /// <summary>
        /// True when the whole value is a URL or path whose last segment is "v1/complete" (optionally with a
        /// query or fragment): "https://api.anthropic.com/v1/complete", "/v1/complete", "v1/complete?beta=true".
        /// OpenAI's "/v1/completions" and prose mentioning the path are not endpoints. \u0001 stands for a hole.
        /// </summary>
        internal static bool IsLegacyEndpoint(string value)
        {
            int index = value.IndexOf(LegacyWire.LegacyPath, StringComparison.Ordinal);
            if (index < 0 || value.IndexOf(LegacyWire.LegacyPath, index + 1, StringComparison.Ordinal) >= 0)
            {
                return false;
            }

            int end = index + LegacyWire.LegacyPath.Length;
            if (end < value.Length)
            {
                char next = value[end];
                bool trailingSlash = next == '/' && end + 1 == value.Length;
                if (!(trailingSlash || next == '?' || next == '#'))
                {
                    return false;
                }
            }

            if (index > 0 && value[index - 1] != '/')
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsWhiteSpace(value[i]))
                {
                    return false;
                }
            }

            // What comes before must look like a base URL: a scheme, a leading slash, or a hole.
            string prefix = value.Substring(0, index);
            return prefix.Length == 0
                || prefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || prefix.StartsWith("/", StringComparison.Ordinal)
                || prefix.StartsWith("\u0001", StringComparison.Ordinal);
        }

        /// <summary>
        /// A route the program itself serves (a proxy or a test double of the legacy API), not a request it sends:
        /// an attribute argument (<c>[HttpPost("v1/complete")]</c>, <c>[Route(…)]</c>) or the pattern of an ASP.NET
        /// Core endpoint mapping (<c>app.MapPost("/v1/complete", …)</c>, <c>MapGet</c>, <c>MapMethods</c>, …). Syntax only.
        /// </summary>
        internal static bool IsServerRoute(ExpressionSyntax value)
        {
            SyntaxNode? parent = value.Parent;
            if (parent is AttributeArgumentSyntax)
            {
                return true;
            }

            if (parent is ArgumentSyntax argument
                && argument.Parent is ArgumentListSyntax list
                && list.Parent is InvocationExpressionSyntax invocation)
            {
                string? name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => null,
                };
                return name != null
                    && name.StartsWith("Map", StringComparison.Ordinal)
                    && (name == "Map" || name == "MapGet" || name == "MapPost" || name == "MapPut" || name == "MapPatch"
                        || name == "MapDelete" || name == "MapMethods" || name == "MapGroup" || name == "MapFallback");
            }

            return false;
        }

        private static bool InAnthropicContext(string value, CompilationState state) =>
            value.IndexOf("anthropic", StringComparison.OrdinalIgnoreCase) >= 0 || state.MentionsAnthropic;

        /// <summary>The interpolated string's text with \u0001 for each hole (what <see cref="IsLegacyEndpoint"/> takes).</summary>
        internal static string Shape(InterpolatedStringExpressionSyntax interpolated)
        {
            var builder = new System.Text.StringBuilder();
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                builder.Append(content is InterpolatedStringTextSyntax text ? text.TextToken.ValueText : "\u0001");
            }

            return builder.ToString();
        }
    }
}
