using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    public class KeyRedactionTests
    {
        [Fact]
        public async Task Key_echoed_by_the_server_never_reaches_the_exception_or_the_log()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("401;message=invalid x-api-key " + Harness.ApiKey, o => o.MaxRetries = 0);
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));

            Assert.Contains("invalid x-api-key", e.Message);
            Assert.DoesNotContain(Harness.ApiKey, e.Message);
            Assert.DoesNotContain(Harness.ApiKey, e.ToString());
            Assert.NotEmpty(h.LogLines);
            Assert.DoesNotContain(h.LogLines, l => l.Contains(Harness.ApiKey, StringComparison.Ordinal));
        }

        [Fact]
        public async Task Key_echoed_in_a_mid_stream_error_is_redacted()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("stream-error;message=key " + Harness.ApiKey + " is over quota");
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(async () =>
            {
                await foreach (CompletionResponse chunk in client.StreamAsync(Requests.Simple()))
                {
                }
            });
            Assert.Contains("is over quota", e.Message);
            Assert.DoesNotContain(Harness.ApiKey, e.ToString());
        }

        [Fact]
        public async Task Key_is_not_in_ToString_of_client_or_options_but_is_sent()
        {
            await using Harness h = await Harness.StartAsync();
            CompletionsClientOptions options = h.Options();
            using var client = new CompletionsClient(options);
            Assert.DoesNotContain(Harness.ApiKey, options.ToString());
            Assert.DoesNotContain(Harness.ApiKey, client.ToString());
            Assert.Contains("redacted", client.ToString());

            await client.CreateAsync(Requests.Simple());
            Assert.Equal(Harness.ApiKey, Assert.Single(h.Emulator.Requests).Header("x-api-key"));
        }

        [Fact]
        public async Task Timeout_and_connection_exceptions_do_not_contain_the_key()
        {
            await using Harness h = await Harness.StartAsync();
            var errors = new List<Exception>();
            using (CompletionsClient client = h.FaultyClient("slow=5000", o => { o.MaxRetries = 0; o.Timeout = TimeSpan.FromMilliseconds(100); }))
            {
                errors.Add(await Assert.ThrowsAsync<TimeoutException>(() => client.CreateAsync(Requests.Simple())));
            }

            using (CompletionsClient client = h.FaultyClient("drop", o => o.MaxRetries = 0))
            {
                errors.Add(await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => client.CreateAsync(Requests.Simple())));
            }

            Assert.All(errors, e => Assert.DoesNotContain(Harness.ApiKey, e.ToString()));
        }
    }
}
