using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CompletionsToMessages.Shim
{
    /// <summary>
    /// Recommended replacements for retired model ids, from Anthropic's model-deprecations page as of
    /// <see cref="AsOf"/>. Replacements change often: check the date, and copy and edit the table if needed.
    /// </summary>
    public static class KnownModels
    {
        /// <summary>The date of the deprecations page this table reflects.</summary>
        public static readonly DateTime AsOf = new DateTime(2026, 8, 22);

        /// <summary>Retired id → recommended successor, for <see cref="CompletionsClientOptions.ModelSuccessors"/>.</summary>
        public static IReadOnlyDictionary<string, string> RecommendedSuccessors { get; } = Build();

        private static IReadOnlyDictionary<string, string> Build()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            void Add(string successor, params string[] ids)
            {
                foreach (string id in ids)
                {
                    map[id] = successor;
                }
            }

            const string Haiku = "claude-haiku-4-5-20251001";
            const string Opus = "claude-opus-4-8";
            const string Sonnet = "claude-sonnet-4-6";
            Add(Haiku, "claude-1", "claude-1-100k", "claude-1.0", "claude-1.1", "claude-1.2", "claude-1.3", "claude-1.3-100k", "claude-v1", "claude-v1.3",
                "claude-v1-100k", "claude-v1.0", "claude-v1.2", "claude-v1.3-100k");
            Add(Haiku, "claude-instant-1", "claude-instant-1-100k", "claude-instant-1.0", "claude-instant-1.1", "claude-instant-1.1-100k", "claude-instant-1.2",
                "claude-instant-v1", "claude-instant-v1-100k");
            Add(Opus, "claude-2", "claude-2.0", "claude-2.1");
            Add(Sonnet, "claude-3-sonnet-20240229", "claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-latest");
            Add(Opus, "claude-3-opus-20240229", "claude-3-opus-latest");
            Add(Sonnet, "claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest");
            Add(Haiku, "claude-3-5-haiku-20241022", "claude-3-5-haiku-latest", "claude-3-haiku-20240307");
            Add(Sonnet, "claude-sonnet-4-20250514", "claude-sonnet-4-0", "claude-4-sonnet-20250514");
            Add(Opus, "claude-opus-4-20250514", "claude-opus-4-0", "claude-4-opus-20250514");
            Add("claude-mythos-5", "claude-mythos-preview");
            Add(Opus, "claude-opus-4-1-20250805", "claude-opus-4-1");
            return new ReadOnlyDictionary<string, string>(map);
        }
    }
}
