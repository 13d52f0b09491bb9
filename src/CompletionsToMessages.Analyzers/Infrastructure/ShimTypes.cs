using Microsoft.CodeAnalysis;

namespace CompletionsToMessages.Analyzers.Infrastructure
{
    /// <summary>
    /// The types of the runtime shim (CompletionsToMessages.Shim) that fixes write into user code, and the one test of
    /// whether a compilation can use one: the type is visible (the project references the shim) and public. Each fix asks
    /// for the type it writes, so a shim version without that type offers no fix instead of code that does not compile.
    /// </summary>
    internal static class ShimTypes
    {
        public const string Namespace = "CompletionsToMessages.Shim";

        public const string CompletionsClient = Namespace + ".CompletionsClient";

        public const string CompletionRequest = Namespace + ".CompletionRequest";

        public const string CompletionResponse = Namespace + ".CompletionResponse";

        public const string LegacyPrompt = Namespace + ".LegacyPrompt";

        public const string LegacyEventStream = Namespace + ".LegacyEventStream";

        /// <summary>The shim type named <paramref name="metadataName"/> when <paramref name="compilation"/> can use it; otherwise null.</summary>
        public static INamedTypeSymbol? Find(Compilation compilation, string metadataName) =>
            compilation.GetTypeByMetadataName(metadataName) is INamedTypeSymbol type && type.DeclaredAccessibility == Accessibility.Public ? type : null;

        /// <summary>True when <paramref name="compilation"/> can use the shim type named <paramref name="metadataName"/>.</summary>
        public static bool Has(Compilation compilation, string metadataName) => Find(compilation, metadataName) != null;
    }
}
