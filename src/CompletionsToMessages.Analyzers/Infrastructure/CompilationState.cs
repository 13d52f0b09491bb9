using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// What the CTM analyzers know about one compilation, computed lazily and at most once, shared by all rules.
    /// Thread-safe: only <see cref="Lazy{T}"/> and concurrent dictionaries.
    /// </summary>
    internal sealed class CompilationState
    {
        private static readonly ConditionalWeakTable<Compilation, CompilationState> States = new ConditionalWeakTable<Compilation, CompilationState>();

        private static readonly string[] AnthropicNeedles = { "anthropic", "claude", "max_tokens_to_sample", "maxtokenstosample", "human:" };
        private static readonly string[] AdapterNeedles = { "legacyeventstream.frommessages" };
        private static readonly string[] LegacyNeedles = { "v1/complete\"", "v1/complete?", "v1/complete/", "max_tokens_to_sample", "maxtokenstosample", "\\n\\nhuman:", "human_prompt", "humansignal", "2023-01-01" };

        private readonly Compilation _compilation;
        private readonly AnalyzerOptions _options;
        private readonly Lazy<bool> _mentionsAnthropic;
        private readonly Lazy<bool> _mentionsLegacy;
        private readonly ConcurrentDictionary<SyntaxTree, bool> _treeMentionsAnthropic = new ConcurrentDictionary<SyntaxTree, bool>();
        private readonly ConcurrentDictionary<SyntaxTree, bool> _treeReadsAdapter = new ConcurrentDictionary<SyntaxTree, bool>();
        private readonly ConcurrentDictionary<SyntaxTree, CtmOptions> _treeOptions = new ConcurrentDictionary<SyntaxTree, CtmOptions>();

        private CompilationState(Compilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            _options = options;
            _mentionsAnthropic = new Lazy<bool>(() => AnyTreeContains(AnthropicNeedles), LazyThreadSafetyMode.ExecutionAndPublication);
            _mentionsLegacy = new Lazy<bool>(() => AnyTreeContains(LegacyNeedles), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>True when some source file mentions Anthropic, Claude or a Text Completions marker (case-insensitive).</summary>
        public bool MentionsAnthropic => _mentionsAnthropic.Value;

        /// <summary>True when some source file shows Text Completions usage (endpoint, legacy field, prompt marker, 2023-01-01).</summary>
        public bool MentionsLegacyApi => _mentionsLegacy.Value;

        public static CompilationState Get(Compilation compilation, AnalyzerOptions options) =>
            States.GetValue(compilation, c => new CompilationState(c, options));

        /// <summary>True when this file mentions Anthropic/Claude, and not only another vendor.</summary>
        public bool TreeMentionsAnthropic(SyntaxTree tree) =>
            _treeMentionsAnthropic.GetOrAdd(tree, t => TextScan.ContainsAny(t.GetText(), AnthropicNeedles));

        /// <summary>
        /// True when this file mentions the shim's <c>LegacyEventStream</c> (what the streaming fix wraps a response stream
        /// in): its legacy event parsing reads events the adapter makes from the Messages stream. Ordinal text test, cached.
        /// </summary>
        public bool TreeReadsLegacyEventAdapter(SyntaxTree tree) =>
            _treeReadsAdapter.GetOrAdd(tree, t => TextScan.ContainsAny(t.GetText(), AdapterNeedles));

        /// <summary>The same test as <see cref="TreeMentionsAnthropic"/>, without a cache (for code fixes).</summary>
        public static bool TextMentionsAnthropic(SyntaxTree tree) => TextScan.ContainsAny(tree.GetText(), AnthropicNeedles);

        public CtmOptions OptionsFor(SyntaxTree tree) =>
            _treeOptions.GetOrAdd(tree, t => CtmOptions.Read(_options.AnalyzerConfigOptionsProvider.GetOptions(t)));

        private bool AnyTreeContains(string[] needles)
        {
            foreach (SyntaxTree tree in _compilation.SyntaxTrees)
            {
                if (TextScan.ContainsAny(tree.GetText(), needles))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Case-insensitive search of source text in chunks, without materialising whole files.</summary>
    internal static class TextScan
    {
        private const int ChunkSize = 16 * 1024;

        /// <param name="lowerCaseNeedles">Needles in lower case.</param>
        public static bool ContainsAny(SourceText text, string[] lowerCaseNeedles)
        {
            int overlap = 0;
            foreach (string needle in lowerCaseNeedles)
            {
                overlap = Math.Max(overlap, needle.Length - 1);
            }

            var buffer = new char[ChunkSize + overlap];
            int position = 0;
            while (position < text.Length)
            {
                int count = Math.Min(buffer.Length, text.Length - position);
                text.CopyTo(position, buffer, 0, count);
                string chunk = new string(buffer, 0, count);
                foreach (string needle in lowerCaseNeedles)
                {
                    if (chunk.IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }

                if (position + count >= text.Length)
                {
                    break;
                }

                position += count - overlap;
            }

            return false;
        }
    }
}
