namespace AnthropicEmulator
{
    /// <summary>Settings of one emulator instance (as a program: <c>--Emulator:ApiKey=…</c>, <c>--Emulator:LegacyLeadingSpace=false</c>).</summary>
    public sealed class EmulatorOptions
    {
        /// <summary>When set, the only accepted API key (others get 401); when null, any non-empty key is accepted.</summary>
        public string? ApiKey { get; set; }

        /// <summary>
        /// When true (default, like the real legacy API), a /v1/complete <c>completion</c> is the Messages answer text with
        /// one leading space. Set false to make both endpoints return byte-identical text.
        /// </summary>
        public bool LegacyLeadingSpace { get; set; } = true;
    }
}
