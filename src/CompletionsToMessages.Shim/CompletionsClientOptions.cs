using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CompletionsToMessages.Shim
{
    /// <summary>Settings of a <see cref="CompletionsClient"/>. <see cref="ToString"/> never shows the API key.</summary>
    public sealed class CompletionsClientOptions
    {
        /// <summary>The API key sent as <c>x-api-key</c>. Null: the <c>ANTHROPIC_API_KEY</c> environment variable.</summary>
        public string? ApiKey { get; set; }

        /// <summary>
        /// The API root, e.g. <c>https://api.anthropic.com</c> (<c>/v1/messages</c> is appended). Null: the
        /// <c>BaseAddress</c> of a supplied <see cref="System.Net.Http.HttpClient"/>, else <c>ANTHROPIC_BASE_URL</c>, else
        /// <c>https://api.anthropic.com</c>.
        /// </summary>
        public string? BaseUrl { get; set; }

        /// <summary>How many times a failed attempt is retried (default 2, so at most 3 attempts). 0 disables retries.</summary>
        public int MaxRetries { get; set; } = 2;

        /// <summary>
        /// The limit of one attempt (default 10 minutes): the whole response for <see cref="CompletionsClient.CreateAsync"/>,
        /// the response headers for <see cref="CompletionsClient.StreamAsync"/>. A timed-out attempt is retried; when none is
        /// left, <see cref="TimeoutException"/> is thrown.
        /// </summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The <c>anthropic-beta</c> header (comma-separated beta names), sent when not null or empty.</summary>
        public string? AnthropicBeta { get; set; }

        /// <summary>
        /// Opt-in model replacement: when a request's model is a key, its value is sent instead (e.g. a retired
        /// <c>claude-2.1</c> → a current model). <see cref="KnownModels.RecommendedSuccessors"/> is a ready table.
        /// </summary>
        public IDictionary<string, string>? ModelSuccessors { get; set; }

        /// <summary>The first retry delay (default 0.5 s); it doubles per retry up to <see cref="MaxRetryDelay"/>, minus up to 25 % jitter.</summary>
        public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(0.5);

        /// <summary>The largest computed retry delay (default 8 s). A server's <c>retry-after</c> of up to 60 s is honoured as is.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(8);

        /// <summary>
        /// How the client waits between attempts; default <see cref="Task.Delay(TimeSpan, CancellationToken)"/>. Replace it to
        /// observe or shorten delays (tests) or to plug in a scheduler.
        /// </summary>
        public Func<TimeSpan, CancellationToken, Task>? RetryDelay { get; set; }

        /// <summary>Optional diagnostics sink: one line per attempt outcome and retry. Never receives the API key.</summary>
        public Action<string>? Log { get; set; }

        /// <inheritdoc/>
        public override string ToString() =>
            $"CompletionsClientOptions {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "[redacted]")}, BaseUrl = {BaseUrl ?? "(default)"}, " +
            $"MaxRetries = {MaxRetries}, Timeout = {Timeout}, AnthropicBeta = {AnthropicBeta ?? "(none)"}, ModelSuccessors = {ModelSuccessors?.Count ?? 0} }}";
    }
}
