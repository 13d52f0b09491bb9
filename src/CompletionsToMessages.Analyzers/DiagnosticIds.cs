namespace CompletionsToMessages.Analyzers
{
    /// <summary>The rule ids, shared by analyzers, code fixes, tests and docs (docs/rules/ID.md).</summary>
    public static class DiagnosticIds
    {
        public const string LegacyEndpoint = "CTM001";
        public const string LegacyRequestBody = "CTM002";
        public const string LegacyPrompt = "CTM003";
        public const string ModelId = "CTM004";
        public const string LegacyResponseRead = "CTM005";
        public const string LegacyStopReason = "CTM006";
        public const string LegacyStreaming = "CTM007";
        public const string LegacyApiVersion = "CTM008";
        public const string HumanStopSequence = "CTM009";
        public const string LegacyClientLibrary = "CTM010";
        public const string PrefillHazard = "CTM011";
        public const string SamplingHazard = "CTM012";
    }
}
