using System;
using System.Threading.Tasks;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    [CollectionDefinition(Name, DisableParallelization = true)]
    public class EnvironmentCollection
    {
        public const string Name = "environment variables";
    }

    /// <summary>The parameterless constructor reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL (process-wide, so not in parallel).</summary>
    [Collection(EnvironmentCollection.Name)]
    public class EnvironmentTests
    {
        [Fact]
        public async Task Default_constructor_takes_key_and_base_url_from_the_environment()
        {
            await using Harness h = await Harness.StartAsync();
            string? savedKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
            string? savedUrl = Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL");
            try
            {
                Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", "sk-from-environment");
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", h.Emulator.BaseUrl);
                using var client = new CompletionsClient();
                await client.CreateAsync(Requests.Simple());
            }
            finally
            {
                Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", savedKey);
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", savedUrl);
            }

            Assert.Equal("sk-from-environment", Assert.Single(h.Emulator.Requests).Header("x-api-key"));
        }

        [Fact]
        public async Task Supplied_client_key_header_and_base_address_win_over_the_environment()
        {
            await using Harness h = await Harness.StartAsync();
            string? savedKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
            string? savedUrl = Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL");
            try
            {
                // A client configured for the legacy API (the DTO clients the CTM001 shim fix routes through the shim).
                Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", "sk-from-environment");
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", "http://127.0.0.1:9");
                using var http = new System.Net.Http.HttpClient { BaseAddress = new Uri(h.Emulator.BaseUrl.TrimEnd('/') + "/") };
                http.DefaultRequestHeaders.Add("x-api-key", "sk-from-the-client");
                http.DefaultRequestHeaders.Add("anthropic-version", "2023-01-01");
                using var client = new CompletionsClient(http);
                await client.CreateAsync(Requests.Simple());
            }
            finally
            {
                Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", savedKey);
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", savedUrl);
            }

            var request = Assert.Single(h.Emulator.Requests);
            Assert.Equal("sk-from-the-client", request.Header("x-api-key"));
            Assert.Equal("2023-06-01", request.Header("anthropic-version"));
            Assert.Equal(200, request.StatusCode);
            Assert.Equal("/v1/messages", request.Path);
        }

        [Fact]
        public void Default_base_url_is_the_public_api()
        {
            string? savedUrl = Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL");
            try
            {
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", null);
                using var client = new CompletionsClient(new CompletionsClientOptions { ApiKey = "k" });
                Assert.Equal(new Uri("https://api.anthropic.com/v1/messages"), client.MessagesUri);
            }
            finally
            {
                Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", savedUrl);
            }
        }

        [Fact]
        public void Missing_key_is_reported_without_any_secret()
        {
            string? saved = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
            if (!string.IsNullOrEmpty(saved))
            {
                return; // a developer's real key is set: the missing-key path cannot be exercised here
            }

            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => new CompletionsClient(new CompletionsClientOptions { BaseUrl = "http://127.0.0.1:9" }));
            Assert.Contains("ANTHROPIC_API_KEY", e.Message);
        }
    }
}
