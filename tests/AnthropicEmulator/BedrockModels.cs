using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AnthropicEmulator
{
    /// <summary>A Bedrock model id of the InvokeModel URL, resolved to the emulator's catalogue.</summary>
    /// <param name="BedrockId">The id as the URL named it (decoded, with any cross-region prefix).</param>
    /// <param name="CatalogId">The Claude API id the emulator answers as (e.g. <c>claude-2.1</c>).</param>
    /// <param name="Legacy">True for a Text-Completions-era id: it takes the Text Completions body.</param>
    public sealed record BedrockModel(string BedrockId, string CatalogId, bool Legacy);

    /// <summary>
    /// The Bedrock model ids the emulator serves on <c>POST /model/{modelId}/invoke</c> (shared/reference/models.md,
    /// "Model ids on other platforms"; text-completions-api.md, "Endpoint and headers"):
    /// <list type="bullet">
    /// <item>the Text Completions era: <c>anthropic.claude-v1</c>, <c>anthropic.claude-v2</c>, <c>anthropic.claude-v2:1</c>,
    /// <c>anthropic.claude-instant-v1</c>, answered as <c>claude-1</c>, <c>claude-2.0</c>, <c>claude-2.1</c>,
    /// <c>claude-instant-1</c> (the same mapping as the analyzers' model table);</item>
    /// <item><c>anthropic.{id}-v{major}:{minor}</c> where <c>{id}</c> is an active model of <see cref="ModelCatalog"/>;</item>
    /// <item>either with an optional cross-region prefix <c>us.</c>, <c>eu.</c> or <c>apac.</c>.</item>
    /// </list>
    /// Anything else (other platforms' ids, retired Messages-era ids, unknown ids) is not found.
    /// </summary>
    public static class BedrockModels
    {
        private static readonly Dictionary<string, string> LegacyIds = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["claude-v1"] = "claude-1",
            ["claude-v2"] = "claude-2.0",
            ["claude-v2:1"] = "claude-2.1",
            ["claude-instant-v1"] = "claude-instant-1",
        };

        private static readonly Regex Versioned = new Regex(@"^(?<id>.+)-v(?<major>[0-9]+):(?<minor>[0-9]+)$", RegexOptions.CultureInvariant);

        /// <summary>The model a Bedrock id names, or null when the emulator serves no such model on Bedrock.</summary>
        public static BedrockModel? Resolve(string bedrockId)
        {
            string id = bedrockId;
            foreach (string prefix in new[] { "us.", "eu.", "apac." })
            {
                if (id.StartsWith(prefix, StringComparison.Ordinal))
                {
                    id = id.Substring(prefix.Length);
                    break;
                }
            }

            if (!id.StartsWith("anthropic.", StringComparison.Ordinal))
            {
                return null;
            }

            id = id.Substring("anthropic.".Length);
            if (LegacyIds.TryGetValue(id, out string? legacy))
            {
                return new BedrockModel(bedrockId, legacy, Legacy: true);
            }

            Match match = Versioned.Match(id);
            if (!match.Success)
            {
                return null;
            }

            ModelInfo? info = ModelCatalog.Find(match.Groups["id"].Value);
            return info is { Status: ModelStatus.Active } ? new BedrockModel(bedrockId, info.Id, Legacy: false) : null;
        }
    }
}
