using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM009: "\n\nHuman:" (a literal or a marker constant) as an element of a request's stop_sequences /
    /// StopSequences collection, or inside a JSON "stop_sequences" array.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HumanStopSequenceAnalyzer : CtmAnalyzer
    {
        private static readonly Regex JsonStopHuman = new Regex("\"stop_sequences\"\\s*:\\s*\\[[^\\]]*\"\\\\n\\\\nHuman:", RegexOptions.CultureInvariant);

        private static readonly string[] Words = { "Human:" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM009_HumanStopSequence);

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // Every finding holds "Human:" (a literal) or is a marker constant named HUMAN_PROMPT, HumanSignal or
            // HumanPrompt: one search of each file's text, not a callback per literal, initializer or object creation.
            context.RegisterSyntaxTreeAction(AnalyzeTree);
        }

        private static void AnalyzeTree(SyntaxTreeAnalysisContext context)
        {
            if (LiteralSearch.Candidates(context.Tree, Words, context.CancellationToken) is List<LiteralExpressionSyntax> literals)
            {
                foreach (LiteralExpressionSyntax literal in literals)
                {
                    string value = literal.Token.ValueText;
                    if (IsHumanMarker(value) ? IsStopSequenceElement(literal) : value.IndexOf("\"stop_sequences\"", StringComparison.Ordinal) >= 0 && JsonStopHuman.IsMatch(value))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM009_HumanStopSequence, literal.GetLocation()));
                    }
                }
            }

            string text = LiteralSearch.TextOf(context.Tree, context.CancellationToken);
            if (IdentifierSearch.MayHideNames(text))
            {
                // A Unicode escape may spell a constant's name: look at every name of the file.
                foreach (SyntaxNode node in context.Tree.GetRoot(context.CancellationToken).DescendantNodes())
                {
                    if (node is IdentifierNameSyntax name && LegacyWire.IsHumanMarkerConstantName(name.Identifier.ValueText))
                    {
                        AnalyzeConstantName(context, name);
                    }
                }

                return;
            }

            SyntaxNode? root = null;
            foreach (string constantName in LegacyWire.HumanMarkerConstantNames)
            {
                if (text.IndexOf(constantName, StringComparison.Ordinal) < 0)
                {
                    continue; // most files
                }

                foreach (SyntaxToken token in IdentifierSearch.Find(root ??= context.Tree.GetRoot(context.CancellationToken), text, constantName, context.CancellationToken))
                {
                    if (token.Parent is IdentifierNameSyntax name)
                    {
                        AnalyzeConstantName(context, name);
                    }
                }
            }
        }

        /// <summary><c>value.TrimEnd() == "\n\nHuman:"</c> without allocating.</summary>
        private static bool IsHumanMarker(string value)
        {
            if (!value.StartsWith(LegacyWire.HumanMarker, StringComparison.Ordinal))
            {
                return false;
            }

            for (int i = LegacyWire.HumanMarker.Length; i < value.Length; i++)
            {
                if (!char.IsWhiteSpace(value[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A marker constant named as a direct element (<c>HUMAN_PROMPT</c>, <c>Markers.HumanSignal</c>, possibly
        /// parenthesized or cast): report when the collection is stop_sequences. A name in any other position — the
        /// receiver of a member access, the type of a cast, an argument of a call — is not an element.
        /// </summary>
        private static void AnalyzeConstantName(SyntaxTreeAnalysisContext context, IdentifierNameSyntax name)
        {
            ExpressionSyntax element = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            ExpressionSyntax outer = element;
            while (outer.Parent is ParenthesizedExpressionSyntax || (outer.Parent is CastExpressionSyntax cast && cast.Expression == outer))
            {
                outer = (ExpressionSyntax)outer.Parent;
            }

            if (!(outer.Parent is CastExpressionSyntax) && IsStopSequenceElement(element))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CTM009_HumanStopSequence, element.GetLocation()));
            }
        }

        /// <summary>Is the expression an element of a collection that is the value of a stop_sequences member?</summary>
        internal static bool IsStopSequenceElement(ExpressionSyntax element)
        {
            SyntaxNode? parent = StringSyntax.Outermost(element).Parent;
            ExpressionSyntax? collection = null;
            if (parent is InitializerExpressionSyntax initializer)
            {
                collection = initializer.Parent as ExpressionSyntax; // new[] { … }, new List<string> { … }
            }
            else if (parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax array } }
                     && RequestSyntax.LastName(array.Type) is "JArray" or "JsonArray")
            {
                collection = array; // new JArray("…"), new JsonArray("…")
            }
            else if (parent is ExpressionElementSyntax)
            {
                collection = parent.Parent as ExpressionSyntax; // [ … ] collection expressions
            }

            return collection != null
                && RequestSyntax.TryGetMemberOfValue(collection, out BodyMember member, out _)
                && member.Is(LegacyWire.StopSequences);
        }
    }
}
