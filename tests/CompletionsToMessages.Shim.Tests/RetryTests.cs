using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    /// <summary>Faults injected by the emulator; retry counts come from its request log, delays from the injected delay function.</summary>
    public class RetryTests
    {
        private static void AssertBackoff(TimeSpan actual, double nominalSeconds)
        {
            // Exponential backoff with up to 25 % jitter below the nominal value.
            Assert.InRange(actual.TotalSeconds, nominalSeconds * 0.75 - 1e-9, nominalSeconds + 1e-9);
        }

        [Fact]
        public async Task Rate_limit_with_retry_after_waits_exactly_that_long_then_succeeds()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("429;retry-after=3;times=1");
            CompletionResponse response = await client.CreateAsync(Requests.Simple());

            Assert.Equal("stop_sequence", response.StopReason);
            Assert.Equal(new[] { 429, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
            Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, h.Delays);
        }

        [Fact]
        public async Task Retry_after_ms_takes_precedence()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("429;retry-after=3;retry-after-ms=1250;times=1");
            await client.CreateAsync(Requests.Simple());
            Assert.Equal(new[] { TimeSpan.FromMilliseconds(1250) }, h.Delays);
        }

        [Fact]
        public async Task Retry_after_beyond_60_seconds_is_ignored_in_favour_of_backoff()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("429;retry-after=120;times=1");
            await client.CreateAsync(Requests.Simple());
            AssertBackoff(Assert.Single(h.Delays), 0.5);
        }

        [Fact]
        public async Task Overloaded_twice_is_retried_twice_with_doubling_backoff()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("529;times=2");
            await client.CreateAsync(Requests.Simple());

            Assert.Equal(new[] { 529, 529, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
            Assert.Equal(2, h.Delays.Count);
            AssertBackoff(h.Delays[0], 0.5);
            AssertBackoff(h.Delays[1], 1.0);
        }

        [Fact]
        public async Task Persistent_server_error_gives_up_after_max_retries()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("500");
            AnthropicApiException e = await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));

            Assert.Equal(500, e.StatusCode);
            Assert.Equal(3, h.Emulator.Requests.Count); // 1 + MaxRetries (2)
            Assert.Equal(h.Emulator.Requests[^1].RequestId, e.RequestId);
        }

        [Fact]
        public async Task Backoff_is_capped_at_the_maximum_delay()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("503", o =>
            {
                o.MaxRetries = 4;
                o.InitialRetryDelay = TimeSpan.FromSeconds(1);
                o.MaxRetryDelay = TimeSpan.FromSeconds(3);
            });
            await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));

            Assert.Equal(5, h.Emulator.Requests.Count);
            double[] nominal = { 1, 2, 3, 3 };
            Assert.Equal(nominal.Length, h.Delays.Count);
            for (int i = 0; i < nominal.Length; i++)
            {
                AssertBackoff(h.Delays[i], nominal[i]);
            }
        }

        [Theory]
        [InlineData("408")]
        [InlineData("409")]
        [InlineData("502")]
        [InlineData("504")]
        public async Task Other_retryable_statuses_are_retried(string status)
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient(status + ";times=1");
            await client.CreateAsync(Requests.Simple());
            Assert.Equal(2, h.Emulator.Requests.Count);
        }

        [Theory]
        [InlineData("400")]
        [InlineData("401")]
        [InlineData("403")]
        [InlineData("404")]
        [InlineData("413")]
        public async Task Client_errors_are_not_retried(string status)
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient(status + ";times=1");
            await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));
            Assert.Single(h.Emulator.Requests);
            Assert.Empty(h.Delays);
        }

        [Fact]
        public async Task Max_retries_zero_means_one_attempt()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("529;times=1", o => o.MaxRetries = 0);
            await Assert.ThrowsAsync<AnthropicApiException>(() => client.CreateAsync(Requests.Simple()));
            Assert.Single(h.Emulator.Requests);
        }

        [Fact]
        public async Task Dropped_connection_is_retried_and_then_succeeds()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("drop;times=1");
            CompletionResponse response = await client.CreateAsync(Requests.Simple());
            Assert.Equal("stop_sequence", response.StopReason);
            Assert.Equal(new[] { 0, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
            AssertBackoff(Assert.Single(h.Delays), 0.5);
        }

        [Fact]
        public async Task Connection_dropped_on_every_attempt_throws_HttpRequestException()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("drop");
            await Assert.ThrowsAsync<HttpRequestException>(() => client.CreateAsync(Requests.Simple()));
            Assert.Equal(3, h.Emulator.Requests.Count);
        }

        [Fact]
        public async Task Slow_response_beyond_the_timeout_throws_TimeoutException_without_waiting_for_it()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("slow=10000", o =>
            {
                o.MaxRetries = 0;
                o.Timeout = TimeSpan.FromMilliseconds(300);
            });
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAsync<TimeoutException>(() => client.CreateAsync(Requests.Simple()));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the timeout should cut the 10 s wait short, took " + watch.Elapsed);
            Assert.InRange(h.Emulator.Requests.Count, 0, 1); // one attempt (it may time out before reaching the server on a loaded machine)
        }

        [Fact]
        public async Task Timed_out_attempt_is_retried()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("slow=10000;times=1", o => o.Timeout = TimeSpan.FromSeconds(1));
            CompletionResponse response = await client.CreateAsync(Requests.Simple());
            Assert.Equal("stop_sequence", response.StopReason);
            Assert.Equal(2, h.Emulator.Requests.Count);
        }

        [Fact]
        public async Task Slow_response_within_the_timeout_succeeds_first_time()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("slow=200", o => o.Timeout = TimeSpan.FromSeconds(20));
            var watch = Stopwatch.StartNew();
            await client.CreateAsync(Requests.Simple());
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(180));
            Assert.Single(h.Emulator.Requests);
        }

        [Fact]
        public async Task Cancellation_during_a_slow_response_throws_OperationCanceledException_promptly()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("slow=10000");
            using var cts = new CancellationTokenSource();
            var watch = Stopwatch.StartNew();
            Task<CompletionResponse> call = client.CreateAsync(Requests.Simple(), cts.Token);

            // Cancel once the emulator holds the request, so the cancellation hits a request in flight.
            while (h.Emulator.Requests.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }

            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), "took " + watch.Elapsed);
            Assert.Single(h.Emulator.Requests);
        }

        [Fact]
        public async Task Cancellation_during_the_retry_delay_stops_retrying()
        {
            await using Harness h = await Harness.StartAsync();
            using var cts = new CancellationTokenSource();
            var options = h.Options(o => o.RetryDelay = (delay, ct) =>
            {
                cts.Cancel();
                return Task.Delay(delay, ct);
            });
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("x-emulator-fault", "529");
            using var client = new CompletionsClient(http, options);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateAsync(Requests.Simple(), cts.Token));
            Assert.Single(h.Emulator.Requests);
        }

        [Fact]
        public async Task Already_cancelled_token_sends_nothing()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateAsync(Requests.Simple(), new CancellationToken(canceled: true)));
            Assert.Empty(h.Emulator.Requests);
        }

        [Fact]
        public async Task Model_name_suffix_selects_a_fault_too()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.Client();
            await client.CreateAsync(Requests.Simple(model: Requests.Model + "#fault=529;times=1"));
            Assert.Equal(new[] { 529, 200 }, h.Emulator.Requests.Select(r => r.StatusCode));
        }

        [Fact]
        public async Task Retries_are_logged_without_the_api_key()
        {
            await using Harness h = await Harness.StartAsync();
            using CompletionsClient client = h.FaultyClient("429;retry-after=1;times=1");
            await client.CreateAsync(Requests.Simple());
            Assert.Contains(h.LogLines, l => l.Contains("429", StringComparison.Ordinal) && l.Contains("retrying", StringComparison.Ordinal));
            Assert.DoesNotContain(h.LogLines, l => l.Contains(Harness.ApiKey, StringComparison.Ordinal));
        }
    }
}
