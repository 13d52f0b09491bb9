using System;
using System.Collections.Generic;

namespace AnthropicEmulator
{
    /// <summary>How the emulator treats a model id.</summary>
    public enum ModelStatus
    {
        /// <summary>A Text-Completions-era model (Claude 1.x, Instant 1.x, 2.x): accepted by /v1/complete, 404 on /v1/messages.</summary>
        LegacyCompletions,

        /// <summary>A retired Messages-era model: 404 <c>not_found_error</c> everywhere, 400 "use the Messages API" on /v1/complete.</summary>
        Retired,

        /// <summary>An active Messages model.</summary>
        Active,
    }

    /// <summary>What the emulator knows about one model id.</summary>
    public sealed class ModelInfo
    {
        public ModelInfo(string id, ModelStatus status, int maxOutputTokens = 0, bool rejectsPrefill = false, bool rejectsNonDefaultSampling = false, bool rejectsTemperatureWithTopP = false)
        {
            Id = id;
            Status = status;
            MaxOutputTokens = maxOutputTokens;
            RejectsPrefill = rejectsPrefill;
            RejectsNonDefaultSampling = rejectsNonDefaultSampling;
            RejectsTemperatureWithTopP = rejectsTemperatureWithTopP;
        }

        public string Id { get; }

        public ModelStatus Status { get; }

        /// <summary>The largest <c>max_tokens</c> accepted on /v1/messages (an emulator value, not a published figure).</summary>
        public int MaxOutputTokens { get; }

        /// <summary>Claude 4.6 and later: a final assistant message (prefill) is a 400.</summary>
        public bool RejectsPrefill { get; }

        /// <summary>Claude 4.7 and later: temperature ≠ 1.0, top_p &lt; 0.99 or any top_k is a 400.</summary>
        public bool RejectsNonDefaultSampling { get; }

        /// <summary>Sonnet 4.5, Haiku 4.5, Opus 4.1: temperature together with top_p is a 400.</summary>
        public bool RejectsTemperatureWithTopP { get; }
    }

    /// <summary>
    /// The emulator's model table, from shared/reference/models.md (as of 2026-08-22). Output-token maxima are
    /// emulator choices (the reference gives none); they only matter for the <c>max_tokens</c> bound check.
    /// </summary>
    public static class ModelCatalog
    {
        private static readonly Dictionary<string, ModelInfo> Models = Build();

        /// <summary>Looks a model id up; null when the emulator does not know it (a 404 like an unknown id on the real API).</summary>
        public static ModelInfo? Find(string id) => Models.TryGetValue(id, out ModelInfo? info) ? info : null;

        /// <summary>Every id the emulator knows.</summary>
        public static IEnumerable<ModelInfo> All => Models.Values;

        private static Dictionary<string, ModelInfo> Build()
        {
            var models = new Dictionary<string, ModelInfo>(StringComparer.Ordinal);

            void Legacy(params string[] ids)
            {
                foreach (string id in ids)
                {
                    models.Add(id, new ModelInfo(id, ModelStatus.LegacyCompletions, maxOutputTokens: 100_000));
                }
            }

            void Retired(params string[] ids)
            {
                foreach (string id in ids)
                {
                    models.Add(id, new ModelInfo(id, ModelStatus.Retired));
                }
            }

            void Active(int maxTokens, bool prefill, bool sampling, bool temperatureWithTopP, params string[] ids)
            {
                foreach (string id in ids)
                {
                    models.Add(id, new ModelInfo(id, ModelStatus.Active, maxTokens, prefill, sampling, temperatureWithTopP));
                }
            }

            // Text Completions era (retired on the real API; /v1/complete accepts them here, see README.md).
            Legacy("claude-1", "claude-1-100k", "claude-1.0", "claude-1.1", "claude-1.2", "claude-1.3", "claude-1.3-100k",
                "claude-v1", "claude-v1.3", "claude-v1-100k", "claude-v1.0", "claude-v1.2", "claude-v1.3-100k");
            Legacy("claude-instant-1", "claude-instant-1-100k", "claude-instant-1.0", "claude-instant-1.1", "claude-instant-1.1-100k",
                "claude-instant-1.2", "claude-instant-v1", "claude-instant-v1-100k");
            Legacy("claude-2", "claude-2.0", "claude-2.1");

            Retired("claude-3-sonnet-20240229", "claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-latest",
                "claude-3-opus-20240229", "claude-3-opus-latest", "claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest",
                "claude-3-5-haiku-20241022", "claude-3-5-haiku-latest", "claude-3-haiku-20240307",
                "claude-sonnet-4-20250514", "claude-sonnet-4-0", "claude-4-sonnet-20250514",
                "claude-opus-4-20250514", "claude-opus-4-0", "claude-4-opus-20250514",
                "claude-mythos-preview", "claude-opus-4-1-20250805", "claude-opus-4-1");

            // Active, 4.5 generation: prefill works; temperature with top_p is rejected on Sonnet/Haiku 4.5.
            Active(64_000, prefill: false, sampling: false, temperatureWithTopP: true, "claude-haiku-4-5-20251001", "claude-haiku-4-5", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5");
            Active(64_000, prefill: false, sampling: false, temperatureWithTopP: false, "claude-opus-4-5-20251101", "claude-opus-4-5");

            // 4.6: prefill rejected.
            Active(128_000, prefill: true, sampling: false, temperatureWithTopP: false, "claude-opus-4-6");
            Active(64_000, prefill: true, sampling: false, temperatureWithTopP: false, "claude-sonnet-4-6");

            // 4.7 and later: prefill and non-default sampling rejected.
            Active(128_000, prefill: true, sampling: true, temperatureWithTopP: false,
                "claude-opus-4-7", "claude-opus-4-8", "claude-fable-5", "claude-sonnet-5", "claude-opus-5", "claude-mythos-5");
            return models;
        }
    }
}
