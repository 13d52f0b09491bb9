using System;
using System.Collections.Generic;

namespace CompletionsToMessages.Analyzers.Knowledge
{
    /// <summary>What a model id means for this project: the catalog plus the user's .editorconfig overrides.</summary>
    internal sealed class ModelTable
    {
        public static readonly ModelTable Default = new ModelTable(new Dictionary<string, string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

        private readonly Dictionary<string, string> _successors;
        private readonly HashSet<string> _deprecated;

        public ModelTable(Dictionary<string, string> successors, HashSet<string> deprecated)
        {
            _successors = successors;
            _deprecated = deprecated;
        }

        /// <summary>
        /// Classifies a whole string value as a model id. Returns null when the value is not a retired or
        /// deprecated model id (active ids, unknown ids and prose all return null).
        /// </summary>
        public ModelFinding? Classify(string value)
        {
            if (value.Length < 6 || value.Length > 80 || value.IndexOf("claude", StringComparison.Ordinal) < 0)
            {
                return null;
            }

            string id = ModelCatalog.ToClaudeApiId(value);
            ModelInfo? info = ModelCatalog.Find(id);
            if (info != null && info.Status == ModelStatus.Retired)
            {
                // Retired wins over a "deprecated_models" entry: the request fails today, whatever the configuration says.
                return new ModelFinding(value, id, ModelStatus.Retired, info.RetiredOn, SuccessorOf(value, id, info));
            }

            if (_deprecated.Contains(value) || _deprecated.Contains(id))
            {
                return new ModelFinding(value, id, ModelStatus.Deprecated, null, SuccessorOf(value, id, info));
            }

            return null;
        }

        /// <summary>
        /// The model a request will really talk to: the model itself if it is current, or the configured successor
        /// of a retired/deprecated id.
        /// </summary>
        public string EffectiveModel(string value)
        {
            ModelFinding? finding = Classify(value);
            return finding?.Successor ?? ModelCatalog.ToClaudeApiId(value);
        }

        private string SuccessorOf(string value, string id, ModelInfo? info)
        {
            if (_successors.TryGetValue(value, out string? configured) || _successors.TryGetValue(id, out configured))
            {
                return configured;
            }

            return info?.Successor ?? "a current model";
        }
    }

    internal sealed class ModelFinding
    {
        public ModelFinding(string value, string claudeApiId, ModelStatus status, string? retiredOn, string successor)
        {
            Value = value;
            ClaudeApiId = claudeApiId;
            Status = status;
            RetiredOn = retiredOn;
            Successor = successor;
        }

        public string Value { get; }

        public string ClaudeApiId { get; }

        public ModelStatus Status { get; }

        public string? RetiredOn { get; }

        public string Successor { get; }
    }
}
