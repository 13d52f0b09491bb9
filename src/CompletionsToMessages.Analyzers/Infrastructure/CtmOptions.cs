using System;
using System.Collections.Generic;
using CompletionsToMessages.Analyzers.Knowledge;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>The .editorconfig keys of CompletionsToMessages (documented in README.md and the rule pages).</summary>
    internal sealed class CtmOptions
    {
        /// <summary>
        /// <c>old=new,old=new</c>: successor overrides for retired or deprecated model ids. Separate entries with
        /// commas: the .editorconfig parser treats <c>;</c> and <c>#</c> as the start of a comment and drops the rest.
        /// </summary>
        public const string ModelSuccessorsKey = "completions_to_messages.model_successors";

        /// <summary><c>id</c>: the model the hazard rules (CTM011, CTM012) assume when the code's model is not a constant.</summary>
        public const string TargetModelKey = "completions_to_messages.target_model";

        /// <summary><c>id,id</c>: ids to report as deprecated (information) before the shipped table knows them (commas: see above).</summary>
        public const string DeprecatedModelsKey = "completions_to_messages.deprecated_models";

        public static readonly CtmOptions Default = new CtmOptions(ModelTable.Default, null);

        public CtmOptions(ModelTable models, string? targetModel)
        {
            Models = models;
            TargetModel = targetModel;
        }

        public ModelTable Models { get; }

        public string? TargetModel { get; }

        public static CtmOptions Read(AnalyzerConfigOptions options)
        {
            options.TryGetValue(ModelSuccessorsKey, out string? successors);
            options.TryGetValue(TargetModelKey, out string? target);
            options.TryGetValue(DeprecatedModelsKey, out string? deprecated);
            if (string.IsNullOrWhiteSpace(successors) && string.IsNullOrWhiteSpace(target) && string.IsNullOrWhiteSpace(deprecated))
            {
                return Default;
            }

            var successorMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in Split(successors))
            {
                int equals = pair.IndexOf('=');
                if (equals <= 0 || equals == pair.Length - 1)
                {
                    continue; // Malformed entries are ignored rather than failing the build.
                }

                successorMap[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1).Trim();
            }

            var deprecatedSet = new HashSet<string>(Split(deprecated), StringComparer.Ordinal);
            // Model ids are lower case; "Claude-Opus-4-8" in a config file means the same model.
            string? targetModel = string.IsNullOrWhiteSpace(target) ? null : target!.Trim().ToLowerInvariant();
            return new CtmOptions(new ModelTable(successorMap, deprecatedSet), targetModel);
        }

        private static IEnumerable<string> Split(string? list)
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                yield break;
            }

            foreach (string item in list!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string trimmed = item.Trim();
                if (trimmed.Length > 0)
                {
                    yield return trimmed;
                }
            }
        }
    }
}
