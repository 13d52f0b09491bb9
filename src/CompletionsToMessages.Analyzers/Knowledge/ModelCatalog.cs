using System;
using System.Collections.Generic;

namespace CompletionsToMessages.Analyzers.Knowledge
{
    internal enum ModelStatus
    {
        Unknown,
        Active,
        Deprecated,
        Retired,
    }

    [Flags]
    internal enum ModelRestrictions
    {
        None = 0,

        /// <summary>A final assistant message (prefill) is rejected with 400 (Claude 4.6 and later).</summary>
        RejectsPrefill = 1,

        /// <summary>Non-default temperature, top_p or top_k are rejected with 400 (Claude 4.7 and later).</summary>
        RejectsNonDefaultSampling = 2,

        /// <summary>temperature together with top_p is rejected with 400 (Sonnet 4.5, Haiku 4.5, Opus 4.1).</summary>
        RejectsTemperatureWithTopP = 4,
    }

    internal sealed class ModelInfo
    {
        public ModelInfo(string id, ModelStatus status, string? retiredOn, string? successor, ModelRestrictions restrictions)
        {
            Id = id;
            Status = status;
            RetiredOn = retiredOn;
            Successor = successor;
            Restrictions = restrictions;
        }

        public string Id { get; }

        public ModelStatus Status { get; }

        public string? RetiredOn { get; }

        public string? Successor { get; }

        public ModelRestrictions Restrictions { get; }
    }

    /// <summary>
    /// The model table: every Claude model id we know, its status, retirement date and recommended successor.
    /// Data, not logic: update the rows and <see cref="AsOf"/> when Anthropic's deprecation page changes.
    /// Users override successors and mark ids deprecated through .editorconfig (see <see cref="ModelTable"/>).
    /// Source: shared/reference/models.md (model-deprecations page, 2026-08-22 revision).
    /// </summary>
    internal static class ModelCatalog
    {
        public const string AsOf = "2026-08-22";

        private const string Haiku45 = "claude-haiku-4-5-20251001";
        private const string Sonnet46 = "claude-sonnet-4-6";
        private const string Opus48 = "claude-opus-4-8";
        private const string Mythos5 = "claude-mythos-5";

        private const ModelRestrictions NoPrefill = ModelRestrictions.RejectsPrefill;
        private const ModelRestrictions NoPrefillNoSampling = ModelRestrictions.RejectsPrefill | ModelRestrictions.RejectsNonDefaultSampling;
        private const ModelRestrictions NoTemperatureWithTopP = ModelRestrictions.RejectsTemperatureWithTopP;

        private static readonly Dictionary<string, ModelInfo> Table = Build();

        /// <summary>Bedrock ids of the Text Completions era that do not follow the "anthropic.{id}-v1:0" pattern.</summary>
        private static readonly Dictionary<string, string> BedrockLegacyIds = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["claude-v1"] = "claude-1",
            ["claude-v1-100k"] = "claude-1-100k",
            ["claude-v2"] = "claude-2.0",
            ["claude-v2:1"] = "claude-2.1",
            ["claude-instant-v1"] = "claude-instant-1",
        };

        /// <summary>Vertex AI ids that are not "{Claude API id without date}@{date}".</summary>
        private static readonly Dictionary<string, string> VertexIrregularIds = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["claude-3-5-sonnet-v2@20241022"] = "claude-3-5-sonnet-20241022",
        };

        public static IEnumerable<ModelInfo> All => Table.Values;

        /// <summary>Looks up a model id exactly as the Claude API names it.</summary>
        public static ModelInfo? Find(string id) => Table.TryGetValue(id, out ModelInfo? info) ? info : null;

        /// <summary>
        /// Maps a Bedrock ("anthropic.claude-v2", "us.anthropic.claude-3-haiku-20240307-v1:0") or Vertex
        /// ("claude-3-5-sonnet@20240620") id to the Claude API id; other strings are returned unchanged.
        /// </summary>
        public static string ToClaudeApiId(string value)
        {
            string id = value;
            int anthropic = id.IndexOf("anthropic.", StringComparison.Ordinal);
            if (anthropic >= 0)
            {
                string prefix = id.Substring(0, anthropic);
                if (prefix.Length != 0 && prefix != "us." && prefix != "eu." && prefix != "apac." && prefix != "global." && prefix != "jp." && prefix != "au.")
                {
                    return value;
                }

                id = id.Substring(anthropic + "anthropic.".Length);
                if (BedrockLegacyIds.TryGetValue(id, out string? legacy))
                {
                    return legacy;
                }

                int version = id.LastIndexOf("-v", StringComparison.Ordinal);
                if (version > 0 && IsBedrockVersionSuffix(id, version + 2))
                {
                    id = id.Substring(0, version);
                }

                return id;
            }

            int at = id.IndexOf('@');
            if (at > 0)
            {
                return VertexIrregularIds.TryGetValue(id, out string? irregular) ? irregular : id.Substring(0, at) + "-" + id.Substring(at + 1);
            }

            return id;
        }

        /// <summary>Restrictions of a model id, including ids newer than the table (inferred from "claude-{name}-{major}[-{minor}]").</summary>
        public static ModelRestrictions RestrictionsOf(string id)
        {
            ModelInfo? info = Find(id);
            if (info != null)
            {
                return info.Restrictions;
            }

            return InferRestrictions(id);
        }

        private static bool IsBedrockVersionSuffix(string id, int start)
        {
            // "1:0", "2", "1:0:200k" — digits and colons only after "-v".
            if (start >= id.Length)
            {
                return false;
            }

            for (int i = start; i < id.Length; i++)
            {
                char c = id[i];
                if (!(char.IsDigit(c) || c == ':' || c == 'k'))
                {
                    return false;
                }
            }

            return true;
        }

        private static ModelRestrictions InferRestrictions(string id)
        {
            // Dateless ids from the 4.6 generation on: claude-{name}-{major}[-{minor}].
            string[] parts = id.Split('-');
            if (parts.Length < 3 || parts[0] != "claude")
            {
                return ModelRestrictions.None;
            }

            if (!int.TryParse(parts[2], out int major) || major < 4 || major > 99)
            {
                return ModelRestrictions.None;
            }

            int minor = 0;
            if (parts.Length > 3 && (!int.TryParse(parts[3], out minor) || minor > 99))
            {
                return ModelRestrictions.None;
            }

            if (major > 4 || minor >= 7)
            {
                return NoPrefillNoSampling;
            }

            return minor == 6 ? NoPrefill : ModelRestrictions.None;
        }

        private static Dictionary<string, ModelInfo> Build()
        {
            var table = new Dictionary<string, ModelInfo>(StringComparer.Ordinal);

            void Retired(string retiredOn, string successor, ModelRestrictions restrictions, params string[] ids)
            {
                foreach (string id in ids)
                {
                    table[id] = new ModelInfo(id, ModelStatus.Retired, retiredOn, successor, restrictions);
                }
            }

            void Active(ModelRestrictions restrictions, params string[] ids)
            {
                foreach (string id in ids)
                {
                    table[id] = new ModelInfo(id, ModelStatus.Active, null, null, restrictions);
                }
            }

            Retired("2024-11-06", Haiku45, ModelRestrictions.None,
                "claude-1", "claude-1-100k", "claude-1.0", "claude-1.1", "claude-1.2", "claude-1.3", "claude-1.3-100k", "claude-v1", "claude-v1.3",
                "claude-v1-100k", "claude-v1.0", "claude-v1.2", "claude-v1.3-100k");
            Retired("2024-11-06", Haiku45, ModelRestrictions.None,
                "claude-instant-1", "claude-instant-1-100k", "claude-instant-1.0", "claude-instant-1.1", "claude-instant-1.1-100k", "claude-instant-1.2",
                "claude-instant-v1", "claude-instant-v1-100k");
            Retired("2025-07-21", Opus48, ModelRestrictions.None, "claude-2", "claude-2.0", "claude-2.1");
            Retired("2025-07-21", Sonnet46, ModelRestrictions.None, "claude-3-sonnet-20240229");
            Retired("2025-10-28", Sonnet46, ModelRestrictions.None, "claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-latest");
            Retired("2026-01-05", Opus48, ModelRestrictions.None, "claude-3-opus-20240229", "claude-3-opus-latest");
            Retired("2026-02-19", Sonnet46, ModelRestrictions.None, "claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest");
            Retired("2026-02-19", Haiku45, ModelRestrictions.None, "claude-3-5-haiku-20241022", "claude-3-5-haiku-latest");
            Retired("2026-04-20", Haiku45, ModelRestrictions.None, "claude-3-haiku-20240307");
            Retired("2026-06-15", Sonnet46, ModelRestrictions.None, "claude-sonnet-4-20250514", "claude-sonnet-4-0", "claude-4-sonnet-20250514");
            Retired("2026-06-15", Opus48, ModelRestrictions.None, "claude-opus-4-20250514", "claude-opus-4-0", "claude-4-opus-20250514");
            Retired("2026-06-30", Mythos5, NoPrefill, "claude-mythos-preview");
            Retired("2026-08-05", Opus48, NoTemperatureWithTopP, "claude-opus-4-1-20250805", "claude-opus-4-1");

            Active(NoTemperatureWithTopP, "claude-haiku-4-5-20251001", "claude-haiku-4-5", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5");
            Active(ModelRestrictions.None, "claude-opus-4-5-20251101", "claude-opus-4-5");
            Active(NoPrefill, "claude-opus-4-6", "claude-sonnet-4-6");
            Active(NoPrefillNoSampling, "claude-opus-4-7", "claude-opus-4-8", "claude-fable-5", "claude-sonnet-5", "claude-opus-5", "claude-mythos-5", "claude-fable-5-1");
            return table;
        }
    }
}
