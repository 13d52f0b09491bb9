using System;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>Server-sent-event parsing, recognised by its strings (syntax only).</summary>
    internal static class StreamSyntax
    {
        /// <summary>The member that holds <paramref name="node"/> (the compilation unit for top-level statements), or null.</summary>
        public static SyntaxNode? Member(SyntaxNode node)
        {
            MemberDeclarationSyntax? member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            return member is GlobalStatementSyntax ? member.Parent : member;
        }

        /// <summary>
        /// In a file that reads the shim's <c>LegacyEventStream</c> (<see cref="CompilationState.TreeReadsLegacyEventAdapter"/>,
        /// tested first): does the member holding <paramref name="node"/> parse the adapter's events? Yes when the member
        /// wraps a read in the adapter, or reads no response stream of its own (a parser handed the stream); no when it
        /// reads a response stream without the adapter (a request the fix has not migrated). Tokens only.
        /// </summary>
        public static bool ReadsAdapterEvents(SyntaxNode node, CompilationState state)
        {
            if (!state.TreeReadsLegacyEventAdapter(node.SyntaxTree) || !(Member(node) is SyntaxNode member))
            {
                return false;
            }

            bool readsResponseStream = false;
            foreach (SyntaxToken token in member.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    switch (token.ValueText)
                    {
                        case "LegacyEventStream":
                            return true;
                        case "ReadAsStreamAsync":
                        case "ReadAsStream":
                            readsResponseStream = true;
                            break;
                    }
                }
            }

            return !readsResponseStream;
        }

        /// <summary>
        /// A member that parses server-sent events (a "data:"/"event:" line prefix, "[DONE]", "text/event-stream"): its
        /// "completion" is a stream event's field, which the Messages stream does not have as content blocks either.
        /// </summary>
        public static bool ParsesAStream(SyntaxNode scope)
        {
            foreach (SyntaxToken token in scope.DescendantTokens())
            {
                switch (token.Kind())
                {
                    case SyntaxKind.StringLiteralToken:
                    case SyntaxKind.InterpolatedStringTextToken:
                    case SyntaxKind.SingleLineRawStringLiteralToken:
                    case SyntaxKind.MultiLineRawStringLiteralToken:
                        string value = token.ValueText;
                        if (value.StartsWith("data:", StringComparison.Ordinal) || value.StartsWith("event:", StringComparison.Ordinal)
                            || value.IndexOf(LegacyWire.StreamDone, StringComparison.Ordinal) >= 0 || value.IndexOf("text/event-stream", StringComparison.Ordinal) >= 0)
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }
    }
}
