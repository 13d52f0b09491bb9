using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using CompletionsToMessages.Analyzers.Infrastructure;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Rules
{
    /// <summary>
    /// CTM003: a prompt in the Human/Assistant format. A prompt is reported once, on its outermost expression
    /// (the whole concatenation, interpolation, <c>string.Concat</c> or <c>string.Format</c> call), as information,
    /// or as a warning when it is sent as a request's <c>prompt</c>. Pieces are literals containing
    /// "\n\nHuman:"/"\n\nAssistant:" and marker constants (HUMAN_PROMPT, AI_PROMPT, HumanSignal, AssistantSignal,
    /// or any string constant whose value is a marker).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LegacyPromptAnalyzer : CtmAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CTM003_LegacyPrompt);

        private static readonly string[] Words = { "Human:", "Assistant:" };

        internal override void Register(CompilationStartAnalysisContext context, CompilationState state)
        {
            // Literal pieces and the text of interpolated strings hold "Human:" or "Assistant:": one search of each file,
            // not a callback per string literal and per interpolated string.
            context.RegisterSemanticModelAction(c =>
            {
                var site = AnalysisSite.Of(c);
                if (LiteralSearch.Candidates(c.SemanticModel.SyntaxTree, Words, c.CancellationToken) is List<LiteralExpressionSyntax> literals)
                {
                    foreach (LiteralExpressionSyntax literal in literals)
                    {
                        if (ContainsMarker(literal.Token.ValueText))
                        {
                            Analyze(site, literal);
                        }
                    }
                }

                AnalyzeInterpolatedStrings(site);
            });

            // Identifier pieces (marker constants, other string constants) are visited from the nodes that can hold a
            // piece — '+', interpolation holes, arguments of prompt-building calls — not by a callback on every
            // identifier, which cost more than the rest of the rule.
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var add = (BinaryExpressionSyntax)c.Node;
                    AnalyzeOperand(c, add.Left, state);
                    AnalyzeOperand(c, add.Right, state);
                },
                SyntaxKind.AddExpression);

            context.RegisterSyntaxNodeAction(c => AnalyzeOperand(c, ((InterpolationSyntax)c.Node).Expression, state), SyntaxKind.Interpolation);

            // Prompt-building calls stay a callback per invocation: a search of each file's text for their names (about
            // 16,000 "Append" on the benchmark base) measured no cheaper, since nearly every hit is such a call.
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var invocation = (InvocationExpressionSyntax)c.Node;
                    if (!IsPromptBuildingCall(invocation) || invocation.ArgumentList.Arguments.Count == 0)
                    {
                        return;
                    }

                    foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
                    {
                        AnalyzeOperand(c, argument.Expression, state);
                    }
                },
                SyntaxKind.InvocationExpression);
        }

        /// <summary>The interpolated strings whose text holds a marker (searched for "Human:" and "Assistant:").</summary>
        private static void AnalyzeInterpolatedStrings(AnalysisSite site)
        {
            if (IdentifierSearch.InterpolatedStrings(site.SemanticModel.SyntaxTree, Words, site.CancellationToken) is List<InterpolatedStringExpressionSyntax> interpolations)
            {
                foreach (InterpolatedStringExpressionSyntax interpolated in interpolations)
                {
                    AnalyzeInterpolated(site, interpolated);
                }
            }
        }

        private static void AnalyzeInterpolated(AnalysisSite site, InterpolatedStringExpressionSyntax interpolated)
        {
            if (StringSyntax.InterpolatedTextContains(interpolated, LegacyWire.HumanMarker) || StringSyntax.InterpolatedTextContains(interpolated, LegacyWire.AssistantMarker))
            {
                Analyze(site, interpolated);
            }
        }

        private static void AnalyzeOperand(SyntaxNodeAnalysisContext context, ExpressionSyntax operand, CompilationState state)
        {
            if (PieceOf(operand, context.SemanticModel, state, context.CancellationToken) is ExpressionSyntax piece)
            {
                Analyze(AnalysisSite.Of(context), piece);
            }
        }

        /// <summary>
        /// An operand of a prompt-building expression that is a name (<c>X</c> or <c>T.X</c>, possibly parenthesized or
        /// cast): a marker constant name is a piece; another name is a piece when it is a string constant whose value
        /// has a marker (semantic, so only in legacy compilations, only unwrapped, and never for variables).
        /// </summary>
        private static ExpressionSyntax? PieceOf(ExpressionSyntax operand, SemanticModel model, CompilationState state, CancellationToken cancellationToken)
        {
            ExpressionSyntax inner = operand;
            while (inner is ParenthesizedExpressionSyntax || inner is CastExpressionSyntax)
            {
                inner = inner is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)inner).Expression;
            }

            IdentifierNameSyntax? name = inner switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax access => access.Name as IdentifierNameSyntax,
                _ => null,
            };
            if (name is null)
            {
                return null;
            }

            if (PromptSyntax.MarkerForName(name.Identifier.ValueText) != null)
            {
                ExpressionSyntax piece = PieceExpression(name);
                return IsMarkerByName(piece, model, cancellationToken) ? piece : null;
            }

            return inner == operand
                   && state.MentionsLegacyApi
                   && !VariableSyntax.IsVariableOrInstanceAccess(inner)
                   && StringSyntax.GetConstant(inner, model, cancellationToken) is string value
                   && ContainsMarker(value)
                ? inner
                : null;
        }

        /// <summary>
        /// A piece named like a marker constant (HUMAN_PROMPT, AI_PROMPT, HumanSignal, AssistantSignal, …) is a marker
        /// unless the code shows otherwise: a constant's value decides; a parameter, or a local, field or property of
        /// this compilation whose initializer is not a marker literal, is an ordinary string (a chat app's
        /// <c>AIPrompt</c>). An unresolved name (the community SDK no longer referenced) or a library member keeps the
        /// name's meaning. Only called for marker-named identifiers, which are rare.
        /// </summary>
        private static bool IsMarkerByName(ExpressionSyntax piece, SemanticModel model, CancellationToken cancellationToken)
        {
            if (StringSyntax.GetConstant(piece, model, cancellationToken) is string value)
            {
                return ContainsMarker(value);
            }

            ISymbol? symbol = model.GetSymbolInfo(piece, cancellationToken).Symbol;
            switch (symbol)
            {
                case null:
                    return true;
                case IParameterSymbol _:
                    return false;
                case ILocalSymbol _:
                case IFieldSymbol _:
                case IPropertySymbol _:
                    if (symbol.DeclaringSyntaxReferences.Length == 0)
                    {
                        return true;
                    }

                    ExpressionSyntax? initializer = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
                    {
                        VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                        PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
                        _ => null,
                    };
                    return initializer != null && StringSyntax.TryGetLiteral(initializer, out string literal) && ContainsMarker(literal);
                default:
                    return true;
            }
        }

        /// <summary>
        /// True when <paramref name="value"/> contains "\n\nHuman:" or "\n\nAssistant:". Called on every string literal:
        /// one ordinal search for the "\n\n" both markers start with (most literals have none), then the words after it.
        /// </summary>
        internal static bool ContainsMarker(string value)
        {
            const string Break = "\n\n";
            const string Human = "Human:";
            const string Assistant = "Assistant:";
            for (int at = value.IndexOf(Break, StringComparison.Ordinal); at >= 0; at = value.IndexOf(Break, at + 1, StringComparison.Ordinal))
            {
                int word = at + Break.Length;
                if (string.CompareOrdinal(value, word, Human, 0, Human.Length) == 0 || string.CompareOrdinal(value, word, Assistant, 0, Assistant.Length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static void Analyze(AnalysisSite site, ExpressionSyntax piece)
        {
            ExpressionSyntax prompt = TopOfPrompt(piece);
            if (!IsFirstPiece(prompt, piece, site.SemanticModel, site.CancellationToken) || IsMarkerDefinitionOrStopSequence(prompt))
            {
                return;
            }

            bool sent = FlowsIntoRequestPrompt(prompt);
            site.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CTM003_LegacyPrompt,
                prompt.GetLocation(),
                sent ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: null,
                sent ? " sent as the request's 'prompt'" : string.Empty));
        }

        /// <summary>The outermost expression a prompt piece belongs to.</summary>
        internal static ExpressionSyntax TopOfPrompt(ExpressionSyntax piece)
        {
            ExpressionSyntax current = piece;
            while (true)
            {
                SyntaxNode? parent = current.Parent;
                switch (parent)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        current = parenthesized;
                        continue;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        current = binary;
                        continue;
                    case InterpolationSyntax interpolation when interpolation.Parent is InterpolatedStringExpressionSyntax owner:
                        current = owner;
                        continue;
                    case ArgumentSyntax argument when argument.Parent?.Parent is InvocationExpressionSyntax invocation && IsStringConcatOrFormat(invocation):
                        current = invocation;
                        continue;
                    default:
                        return current;
                }
            }
        }

        private static bool IsStringConcatOrFormat(InvocationExpressionSyntax invocation) =>
            invocation.Expression is MemberAccessExpressionSyntax access
            && (access.Name.Identifier.ValueText == "Concat" || access.Name.Identifier.ValueText == "Format")
            && (access.Expression is PredefinedTypeSyntax || (access.Expression is IdentifierNameSyntax type && type.Identifier.ValueText == "String"));

        /// <summary>Reports once per prompt: only from the first marker piece in source order.</summary>
        private static bool IsFirstPiece(ExpressionSyntax prompt, ExpressionSyntax piece, SemanticModel model, CancellationToken cancellationToken)
        {
            if (prompt == piece)
            {
                return true;
            }

            foreach (SyntaxNode node in prompt.DescendantNodes())
            {
                if (node.SpanStart >= piece.SpanStart)
                {
                    break;
                }

                switch (node)
                {
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && ContainsMarker(literal.Token.ValueText):
                        return false;
                    case InterpolatedStringExpressionSyntax interpolated when StringSyntax.InterpolatedTextContains(interpolated, LegacyWire.HumanMarker) || StringSyntax.InterpolatedTextContains(interpolated, LegacyWire.AssistantMarker):
                        return false;
                    case IdentifierNameSyntax name when IsPromptPiecePosition(name) && PromptSyntax.MarkerForName(name.Identifier.ValueText) != null:
                        if (IsMarkerByName(PieceExpression(name), model, cancellationToken))
                        {
                            return false;
                        }

                        break;
                    case IdentifierNameSyntax name when IsPromptPiecePosition(name)
                                                        && StringSyntax.GetConstant(PieceExpression(name), model, cancellationToken) is string value
                                                        && ContainsMarker(value):
                        return false;
                }
            }

            return true;
        }

        /// <summary>A lone marker is a marker constant's definition or a stop sequence (CTM009), not a prompt.</summary>
        private static bool IsMarkerDefinitionOrStopSequence(ExpressionSyntax prompt)
        {
            bool lone = prompt is LiteralExpressionSyntax literal && IsLoneMarker(literal.Token.ValueText)
                        || prompt is IdentifierNameSyntax
                        || prompt is MemberAccessExpressionSyntax;
            if (!lone)
            {
                return false;
            }

            SyntaxNode? parent = StringSyntax.Outermost(prompt).Parent;
            return parent is EqualsValueClauseSyntax
                || parent is InitializerExpressionSyntax
                || parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax } }
                || parent?.Kind().ToString() == "ExpressionElement"; // collection expressions ([...]) on newer compilers
        }

        private static bool IsLoneMarker(string value)
        {
            string trimmed = value.Trim();
            return trimmed == "Human:" || trimmed == "Assistant:";
        }

        /// <summary>True when the prompt is a body's "prompt" member, directly or through a local variable.</summary>
        private static bool FlowsIntoRequestPrompt(ExpressionSyntax prompt)
        {
            if (RequestSyntax.TryGetMemberOfValue(prompt, out BodyMember member, out _) && member.Is(LegacyWire.Prompt))
            {
                return true;
            }

            if (!(StringSyntax.Outermost(prompt).Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax local }))
            {
                return false;
            }

            SyntaxNode? scope = local.FirstAncestorOrSelf<BlockSyntax>();
            if (scope is null)
            {
                return false;
            }

            string name = local.Identifier.ValueText;
            foreach (SyntaxNode node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax use && use.Identifier.ValueText == name
                    && RequestSyntax.TryGetMemberOfValue(use, out BodyMember useMember, out _) && useMember.Is(LegacyWire.Prompt))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Identifiers that can be prompt pieces: not declarations, not the name part of a member access.</summary>
        private static bool IsPromptPiecePosition(IdentifierNameSyntax name)
        {
            ExpressionSyntax piece = PieceExpression(name);
            if (piece.Parent is MemberAccessExpressionSyntax outer && outer.Name == piece)
            {
                return false;
            }

            SyntaxNode? parent = StringSyntax.Outermost(piece).Parent;
            return parent is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression)
                || parent is InterpolationSyntax
                || parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } && IsPromptBuildingCall(invocation);
        }

        /// <summary><c>x.Append/AppendLine/AppendFormat/Insert(…)</c>, <c>string.Concat/Format(…)</c>: one look at the name first (every invocation comes here).</summary>
        private static bool IsPromptBuildingCall(InvocationExpressionSyntax invocation)
        {
            if (!(invocation.Expression is MemberAccessExpressionSyntax access))
            {
                return false;
            }

            switch (access.Name.Identifier.ValueText)
            {
                case "Append":
                case "AppendLine":
                case "AppendFormat":
                case "Insert":
                    return true;
                case "Concat":
                case "Format":
                    return IsStringConcatOrFormat(invocation);
                default:
                    return false;
            }
        }

        /// <summary>The expression an identifier stands for as a piece: itself, or <c>Type.Name</c> when it is the right side.</summary>
        private static ExpressionSyntax PieceExpression(IdentifierNameSyntax name) =>
            name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
    }
}
