using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// JSON text written as an interpolated string (regular, verbatim or raw): its text with each interpolation hole
    /// replaced by one placeholder character, and the members of the top-level object. A hole is a JSON value when it
    /// stands where a value goes (not inside a JSON string or a key) and its expression produces JSON: a serializer call
    /// (<c>JsonSerializer.Serialize(x)</c>, <c>JsonConvert.SerializeObject(x)</c>, <c>node.ToJsonString()</c>) or an
    /// integer. Anything else splices raw text into the JSON.
    /// </summary>
    internal sealed class JsonTemplate
    {
        /// <summary>Hole <c>i</c> is the character <c>HoleBase + i</c> (private use area).</summary>
        public const char HoleBase = '\uE000';

        private const int MaxHoles = 0x1000;

        private JsonTemplate(string text, List<InterpolationSyntax> holes, List<TemplateMember>? members, bool holesAtValues)
        {
            Text = text;
            Holes = holes;
            Members = members;
            HolesAtValues = holesAtValues;
        }

        public string Text { get; }

        public List<InterpolationSyntax> Holes { get; }

        /// <summary>The members of the top-level object; null when the text is not one JSON object (with holes as values).</summary>
        public List<TemplateMember>? Members { get; }

        /// <summary>False when some hole stands inside a JSON string or where no value goes (raw text spliced into the JSON); true when no hole was met outside a value before the scan ended.</summary>
        public bool HolesAtValues { get; }

        public static JsonTemplate? Create(InterpolatedStringExpressionSyntax interpolated)
        {
            var builder = new StringBuilder();
            var holes = new List<InterpolationSyntax>();
            bool raw = IsRaw(interpolated);
            foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
            {
                switch (content)
                {
                    case InterpolatedStringTextSyntax text:
                        string value = PartText(text, raw);
                        foreach (char c in value)
                        {
                            if (c >= HoleBase && c < HoleBase + MaxHoles)
                            {
                                return null;
                            }
                        }

                        builder.Append(value);
                        break;
                    case InterpolationSyntax hole:
                        if (holes.Count >= MaxHoles)
                        {
                            return null;
                        }

                        builder.Append((char)(HoleBase + holes.Count));
                        holes.Add(hole);
                        break;
                }
            }

            string template = builder.ToString();
            var scanner = Scanner.ForTemplate(template);
            List<TemplateMember>? members = scanner.ReadObject();
            return new JsonTemplate(template, holes, members, !scanner.HoleOutsideValue);
        }

        public static bool IsRaw(InterpolatedStringExpressionSyntax interpolated) =>
            interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken)
            || interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken);

        /// <summary>
        /// The text of a part: its value, with the doubled braces of a regular or verbatim interpolated string undoubled
        /// (the token's value keeps them; a raw string's literal braces are single and its indentation is already removed).
        /// </summary>
        public static string PartText(InterpolatedStringTextSyntax part, bool raw) =>
            raw ? part.TextToken.ValueText : part.TextToken.ValueText.Replace("{{", "{").Replace("}}", "}");

        /// <summary>The index of the hole that is the whole value of <paramref name="member"/>, or -1.</summary>
        public int HoleOf(TemplateMember member) =>
            member.ValueEnd == member.ValueStart + 1 && IsHole(Text[member.ValueStart]) ? Text[member.ValueStart] - HoleBase : -1;

        public static bool IsHole(char c) => c >= HoleBase && c < HoleBase + MaxHoles;

        /// <summary>True when the text has <paramref name="name"/> as a member name of some object.</summary>
        public bool HasKey(string name)
        {
            string quoted = "\"" + name + "\"";
            for (int index = Text.IndexOf(quoted, System.StringComparison.Ordinal); index >= 0; index = Text.IndexOf(quoted, index + 1, System.StringComparison.Ordinal))
            {
                int next = index + quoted.Length;
                while (next < Text.Length && char.IsWhiteSpace(Text[next]))
                {
                    next++;
                }

                if (next < Text.Length && Text[next] == ':')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when every hole stands at a value position and produces JSON (see the type's summary).</summary>
        public bool AllHolesAreJsonValues(SemanticModel model, CancellationToken cancellationToken)
        {
            if (!HolesAtValues || Members is null)
            {
                return false;
            }

            foreach (InterpolationSyntax hole in Holes)
            {
                if (!IsJsonValue(hole, model, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A hole whose text is JSON: a serializer call or an integer, without alignment or format.</summary>
        public static bool IsJsonValue(InterpolationSyntax hole, SemanticModel model, CancellationToken cancellationToken)
        {
            if (hole.AlignmentClause != null || hole.FormatClause != null)
            {
                return false;
            }

            ExpressionSyntax expression = StringSyntax.Unwrap(hole.Expression);
            if (SerializerCall(expression, model, cancellationToken) != null)
            {
                return true;
            }

            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ToJsonString" } } } }
                && model.GetSymbolInfo(expression, cancellationToken).Symbol is IMethodSymbol toJson
                && toJson.ContainingNamespace?.ToDisplayString() == "System.Text.Json.Nodes")
            {
                return true;
            }

            switch (model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType)
            {
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>JsonSerializer.Serialize(x)</c> (System.Text.Json) or <c>JsonConvert.SerializeObject(x)</c> (Newtonsoft) with one
        /// positional argument and no type argument written: the argument; otherwise null.
        /// </summary>
        public static ExpressionSyntax? SerializerCall(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!(expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name }, ArgumentList: { Arguments: { Count: 1 } arguments } } invocation)
                || arguments[0].NameColon != null || !arguments[0].RefKindKeyword.IsKind(SyntaxKind.None)
                || (name.Identifier.ValueText != "Serialize" && name.Identifier.ValueText != "SerializeObject")
                || !(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method)
                || !(method.ContainingType?.ToDisplayString() is "System.Text.Json.JsonSerializer" or "Newtonsoft.Json.JsonConvert"))
            {
                return null;
            }

            return arguments[0].Expression;
        }

        /// <summary>A member of a JSON object (positions in the scanned text), or an element of an array (no key, KeyStart = ValueStart).</summary>
        internal sealed class TemplateMember
        {
            public TemplateMember(string key, int keyStart, int keyEnd, int valueStart, int valueEnd)
            {
                Key = key;
                KeyStart = keyStart;
                KeyEnd = keyEnd;
                ValueStart = valueStart;
                ValueEnd = valueEnd;
            }

            public string Key { get; }

            public int KeyStart { get; }

            public int KeyEnd { get; }

            public int ValueStart { get; }

            public int ValueEnd { get; }
        }

        /// <summary>
        /// Just enough JSON, with holes as values; null on anything else. Also the scanner of plain JSON text (the JSON
        /// literal rewrite of the code fixes): <see cref="ForPlainText"/> refuses text holding the hole characters, so
        /// there every value is real JSON. Nesting deeper than 64 levels is refused (no unbounded recursion).
        /// </summary>
        internal sealed class Scanner
        {
            private const int MaxDepth = 64;
            private readonly string text;
            private int position;

            private Scanner(string text) => this.text = text;

            /// <summary>A scanner of template text (holes as <see cref="HoleBase"/> characters).</summary>
            public static Scanner ForTemplate(string template) => new Scanner(template);

            /// <summary>A scanner of plain JSON text; null when the text holds a character this class uses for holes.</summary>
            public static Scanner? ForPlainText(string json)
            {
                foreach (char c in json)
                {
                    if (IsHole(c))
                    {
                        return null;
                    }
                }

                return new Scanner(json);
            }

            /// <summary>The JSON string starting at <paramref name="start"/>, unescaped; null when none starts there.</summary>
            public string? StringAt(int start)
            {
                position = start;
                return ReadString();
            }

            /// <summary>The elements of an array of strings starting at <paramref name="start"/> (no key: KeyStart = ValueStart); null when it is something else.</summary>
            public List<TemplateMember>? StringArrayAt(int start)
            {
                position = start;
                if (!Take('['))
                {
                    return null;
                }

                var elements = new List<TemplateMember>();
                SkipSpace();
                if (Take(']'))
                {
                    return elements;
                }

                while (true)
                {
                    SkipSpace();
                    int valueStart = position;
                    if (ReadString() is null)
                    {
                        return null;
                    }

                    elements.Add(new TemplateMember(string.Empty, valueStart, valueStart, valueStart, position));
                    SkipSpace();
                    if (Take(']'))
                    {
                        return elements;
                    }

                    if (!Take(','))
                    {
                        return null;
                    }
                }
            }

            /// <summary>Set when a hole was met inside a string or a key.</summary>
            public bool HoleOutsideValue { get; private set; }

            public List<TemplateMember>? ReadObject()
            {
                position = 0;
                SkipSpace();
                List<TemplateMember>? members = Members(0);
                SkipSpace();
                return position == text.Length ? members : null;
            }

            private List<TemplateMember>? Members(int depth)
            {
                if (depth > MaxDepth || !Take('{'))
                {
                    return null;
                }

                var members = new List<TemplateMember>();
                SkipSpace();
                if (Take('}'))
                {
                    return members;
                }

                while (true)
                {
                    SkipSpace();
                    int keyStart = position;
                    if (position < text.Length && IsHole(text[position]))
                    {
                        HoleOutsideValue = true;
                        return null;
                    }

                    string? key = ReadString();
                    if (key is null)
                    {
                        return null;
                    }

                    int keyEnd = position;
                    SkipSpace();
                    if (!Take(':'))
                    {
                        return null;
                    }

                    SkipSpace();
                    int valueStart = position;
                    if (!SkipValue(depth))
                    {
                        return null;
                    }

                    members.Add(new TemplateMember(key, keyStart, keyEnd, valueStart, position));
                    SkipSpace();
                    if (Take('}'))
                    {
                        return members;
                    }

                    if (!Take(','))
                    {
                        return null;
                    }
                }
            }

            private bool SkipValue(int depth)
            {
                if (position >= text.Length || depth > MaxDepth)
                {
                    return false;
                }

                char c = text[position];
                if (IsHole(c))
                {
                    position++;
                    return true;
                }

                if (c == '"')
                {
                    return ReadString() != null;
                }

                if (c == '{')
                {
                    return Members(depth + 1) != null;
                }

                if (c == '[')
                {
                    position++;
                    SkipSpace();
                    if (Take(']'))
                    {
                        return true;
                    }

                    while (true)
                    {
                        SkipSpace();
                        if (!SkipValue(depth + 1))
                        {
                            return false;
                        }

                        SkipSpace();
                        if (Take(']'))
                        {
                            return true;
                        }

                        if (!Take(','))
                        {
                            return false;
                        }
                    }
                }

                int start = position;
                while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '-' || text[position] == '+' || text[position] == '.'))
                {
                    position++;
                }

                if (position < text.Length && IsHole(text[position]))
                {
                    HoleOutsideValue = true; // a hole glued to a literal: 1{n}
                    return false;
                }

                return position > start;
            }

            private string? ReadString()
            {
                if (!Take('"'))
                {
                    return null;
                }

                var builder = new StringBuilder();
                while (position < text.Length)
                {
                    char c = text[position++];
                    if (c == '"')
                    {
                        return builder.ToString();
                    }

                    if (IsHole(c))
                    {
                        HoleOutsideValue = true;
                        return null;
                    }

                    if (c < ' ')
                    {
                        return null;
                    }

                    if (c != '\\')
                    {
                        builder.Append(c);
                        continue;
                    }

                    if (position >= text.Length)
                    {
                        return null;
                    }

                    char escape = text[position++];
                    switch (escape)
                    {
                        case '"': builder.Append('"'); break;
                        case '\\': builder.Append('\\'); break;
                        case '/': builder.Append('/'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case 'u' when position + 4 <= text.Length
                                      && int.TryParse(text.Substring(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code):
                            builder.Append((char)code);
                            position += 4;
                            break;
                        default:
                            return null;
                    }
                }

                return null;
            }

            private void SkipSpace()
            {
                while (position < text.Length && (text[position] == ' ' || text[position] == '\t' || text[position] == '\n' || text[position] == '\r'))
                {
                    position++;
                }
            }

            private bool Take(char c)
            {
                if (position < text.Length && text[position] == c)
                {
                    position++;
                    return true;
                }

                return false;
            }
        }
    }
}
