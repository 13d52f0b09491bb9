using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CompletionsToMessages.Shim
{
    /// <summary>
    /// Sends legacy Text Completions requests to Anthropic's Messages API (<c>POST /v1/messages</c>) and maps the answers
    /// back to the legacy shape. Thread-safe; create one and reuse it. Works with <c>IHttpClientFactory</c> through the
    /// <see cref="CompletionsClient(HttpClient, CompletionsClientOptions?)"/> constructor.
    /// </summary>
    public sealed class CompletionsClient : IDisposable
    {
        /// <summary>The <c>anthropic-version</c> header value sent.</summary>
        public const string ApiVersion = "2023-06-01";

        private const string DefaultBaseUrl = "https://api.anthropic.com";

        [ThreadStatic]
        private static Random? _random;

        private readonly HttpClient _http;
        private readonly bool _ownsHttpClient;
        private readonly string _apiKey;
        private readonly Uri _messagesUri;
        private readonly string? _beta;
        private readonly int _maxRetries;
        private readonly TimeSpan _timeout;
        private readonly TimeSpan _initialDelay;
        private readonly TimeSpan _maxDelay;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Action<string>? _log;
        private readonly Dictionary<string, string>? _successors;

        /// <summary>A client configured from the environment (<c>ANTHROPIC_API_KEY</c>, <c>ANTHROPIC_BASE_URL</c>).</summary>
        public CompletionsClient()
            : this(new CompletionsClientOptions())
        {
        }

        /// <summary>A client with its own <see cref="HttpClient"/>.</summary>
        /// <exception cref="InvalidOperationException">No API key in the options or in <c>ANTHROPIC_API_KEY</c>.</exception>
        public CompletionsClient(CompletionsClientOptions options)
            : this(new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, options ?? throw new ArgumentNullException(nameof(options)), ownsHttpClient: true)
        {
        }

        /// <summary>
        /// A client that sends through <paramref name="httpClient"/> (e.g. from <c>IHttpClientFactory</c>); the client is
        /// not disposed by this one. Its <c>BaseAddress</c> is used when <see cref="CompletionsClientOptions.BaseUrl"/> is
        /// null, and its default request headers are sent too. Its own <c>Timeout</c> also applies. When
        /// <see cref="CompletionsClientOptions.ApiKey"/> is null, an <c>x-api-key</c> default request header of the client is the
        /// key (before <c>ANTHROPIC_API_KEY</c>): a client configured for the legacy API keeps working as it is.
        /// </summary>
        /// <exception cref="InvalidOperationException">No API key in the options, the client's headers or <c>ANTHROPIC_API_KEY</c>.</exception>
        public CompletionsClient(HttpClient httpClient, CompletionsClientOptions? options = null)
            : this(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), options ?? new CompletionsClientOptions(), ownsHttpClient: false)
        {
        }

        private CompletionsClient(HttpClient httpClient, CompletionsClientOptions options, bool ownsHttpClient)
        {
            _http = httpClient;
            _ownsHttpClient = ownsHttpClient;
            string? key = !string.IsNullOrEmpty(options.ApiKey) ? options.ApiKey
                : !ownsHttpClient && DefaultApiKeyOf(httpClient) is { } fromClient ? fromClient
                : Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
            if (string.IsNullOrEmpty(key))
            {
                if (ownsHttpClient)
                {
                    httpClient.Dispose();
                }

                throw new InvalidOperationException("No Anthropic API key: set CompletionsClientOptions.ApiKey or the ANTHROPIC_API_KEY environment variable.");
            }

            _apiKey = key!;
            string baseUrl = !string.IsNullOrEmpty(options.BaseUrl) ? options.BaseUrl!
                : httpClient.BaseAddress is { } address ? address.ToString()
                : Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") is { Length: > 0 } fromEnvironment ? fromEnvironment
                : DefaultBaseUrl;
            _messagesUri = new Uri(baseUrl.TrimEnd('/') + "/v1/messages", UriKind.Absolute);
            _beta = string.IsNullOrEmpty(options.AnthropicBeta) ? null : options.AnthropicBeta;
            _maxRetries = Math.Max(0, options.MaxRetries);
            _timeout = options.Timeout <= TimeSpan.Zero ? System.Threading.Timeout.InfiniteTimeSpan : options.Timeout;
            _initialDelay = options.InitialRetryDelay < TimeSpan.Zero ? TimeSpan.Zero : options.InitialRetryDelay;
            _maxDelay = options.MaxRetryDelay < _initialDelay ? _initialDelay : options.MaxRetryDelay;
            _delay = options.RetryDelay ?? ((delay, ct) => Task.Delay(delay, ct));
            _log = options.Log;
            _successors = options.ModelSuccessors is null ? null : new Dictionary<string, string>(options.ModelSuccessors, StringComparer.Ordinal);
        }

        /// <summary>The <c>x-api-key</c> default request header of a supplied client (the key it already sends), if any.</summary>
        private static string? DefaultApiKeyOf(HttpClient httpClient) =>
            httpClient.DefaultRequestHeaders.TryGetValues("x-api-key", out IEnumerable<string>? values) ? values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) : null;

        /// <summary>The <c>/v1/messages</c> URL requests go to.</summary>
        public Uri MessagesUri => _messagesUri;

        /// <summary>Sends the request and returns the whole completion.</summary>
        /// <exception cref="ArgumentException">The prompt is one the legacy API rejected.</exception>
        /// <exception cref="AnthropicApiException">The API answered with an error (after any retries).</exception>
        /// <exception cref="HttpRequestException">The connection failed on every attempt.</exception>
        /// <exception cref="TimeoutException">Every attempt timed out.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public async Task<CompletionResponse> CreateAsync(CompletionRequest request, CancellationToken cancellationToken = default)
        {
            byte[] payload = Prepare(request, stream: false);
            (HttpResponseMessage response, byte[]? body) = await SendAsync(payload, stream: false, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            return MessagesWire.ParseMessage(body!);
        }

        /// <summary>
        /// Sends the request with streaming and yields each new piece of text as a <see cref="CompletionResponse"/> whose
        /// <see cref="CompletionResponse.Completion"/> is only that piece, then a last chunk with empty text and the
        /// <see cref="CompletionResponse.StopReason"/>. Retries happen only before the first chunk.
        /// </summary>
        /// <exception cref="AnthropicApiException">An HTTP error (after retries) or an <c>error</c> event in the stream.</exception>
        /// <exception cref="IOException">The connection broke or the stream ended early after it had started.</exception>
        public async IAsyncEnumerable<CompletionResponse> StreamAsync(CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            byte[] payload = Prepare(request, stream: true);
            (HttpResponseMessage response, _) = await SendAsync(payload, stream: true, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                string? requestId = RequestIdOf(response);
                Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                using CancellationTokenRegistration registration = cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
                var assembler = new SseEventAssembler();
                var mapper = new MessagesStreamMapper();
                while (true)
                {
                    // Lines already buffered are returned without looking at the token: check it on every line.
                    cancellationToken.ThrowIfCancellationRequested();
                    string? line;
                    try
                    {
                        line = await ReadLineAsync(reader, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception) when (cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }

                    if (line is null)
                    {
                        throw new IOException("The Messages API stream ended before message_stop.");
                    }

                    if (!assembler.AddLine(line, out string? eventName, out string data))
                    {
                        continue;
                    }

                    CompletionResponse? chunk;
                    try
                    {
                        chunk = mapper.OnEvent(eventName, data, requestId);
                    }
                    catch (AnthropicApiException e)
                    {
                        throw Redact(e);
                    }

                    if (chunk is not null)
                    {
                        yield return chunk;
                    }

                    if (mapper.Finished)
                    {
                        yield break;
                    }
                }
            }
        }

        /// <inheritdoc/>
        public override string ToString() => $"CompletionsClient {{ MessagesUri = {_messagesUri}, ApiKey = [redacted], MaxRetries = {_maxRetries}, Timeout = {_timeout} }}";

        /// <summary>Disposes the <see cref="HttpClient"/> if this client created it.</summary>
        public void Dispose()
        {
            if (_ownsHttpClient)
            {
                _http.Dispose();
            }
        }

        /// <summary>Converts the legacy request into the <c>/v1/messages</c> body (throws on an invalid prompt).</summary>
        internal byte[] Prepare(CompletionRequest request, bool stream)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (string.IsNullOrEmpty(request.Model))
            {
                throw new ArgumentException("CompletionRequest.Model is required.", nameof(request));
            }

            ConvertedPrompt prompt = LegacyPrompt.ToMessages(request.Prompt ?? throw new ArgumentException("CompletionRequest.Prompt is required.", nameof(request)));
            string model = _successors is not null && _successors.TryGetValue(request.Model, out string? successor) ? successor : request.Model;
            return MessagesWire.BuildRequestBody(request, prompt, model, stream);
        }

        private async Task<(HttpResponseMessage Response, byte[]? Body)> SendAsync(byte[] payload, bool stream, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TimeSpan delay;
                HttpResponseMessage? response = null;
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    if (_timeout != System.Threading.Timeout.InfiniteTimeSpan)
                    {
                        attemptCts.CancelAfter(_timeout);
                    }

                    try
                    {
                        using (HttpRequestMessage request = CreateRequest(payload, stream))
                        {
                            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                        }

                        int status = (int)response.StatusCode;
                        if (status >= 200 && status < 300)
                        {
                            if (stream)
                            {
                                return (response, null);
                            }

                            byte[] body = await ReadBytesAsync(response.Content, attemptCts.Token).ConfigureAwait(false);
                            return (response, body);
                        }

                        string errorBody = Encoding.UTF8.GetString(await ReadBytesAsync(response.Content, attemptCts.Token).ConfigureAwait(false));
                        AnthropicApiException error = CreateError(response, errorBody);
                        TimeSpan? retryAfter = RetryAfter(response.Headers);
                        response.Dispose();
                        if (attempt >= _maxRetries || !IsRetryable(status))
                        {
                            Log($"attempt {attempt + 1}: HTTP {status} {error.ErrorType} (request-id {error.RequestId ?? "none"}); not retried");
                            throw error;
                        }

                        delay = ComputeDelay(attempt, retryAfter);
                        Log($"attempt {attempt + 1}: HTTP {status} {error.ErrorType} (request-id {error.RequestId ?? "none"}); retrying in {Seconds(delay)}");
                    }
                    catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not AnthropicApiException)
                    {
                        response?.Dispose();
                        throw new OperationCanceledException("The request was cancelled.", e, cancellationToken);
                    }
                    catch (OperationCanceledException e)
                    {
                        // Not the caller's token: our per-attempt timeout or the HttpClient's own Timeout.
                        response?.Dispose();
                        if (attempt >= _maxRetries)
                        {
                            Log($"attempt {attempt + 1}: timed out after {Seconds(_timeout)}; not retried");
                            throw new TimeoutException($"The request to {_messagesUri} timed out (attempt {attempt + 1}, limit {Seconds(_timeout)}).", e);
                        }

                        delay = ComputeDelay(attempt, null);
                        Log($"attempt {attempt + 1}: timed out; retrying in {Seconds(delay)}");
                    }
                    catch (Exception e) when (e is HttpRequestException || e is IOException)
                    {
                        response?.Dispose();
                        if (attempt >= _maxRetries)
                        {
                            Log($"attempt {attempt + 1}: connection error ({Redact(e.Message)}); not retried");
                            throw;
                        }

                        delay = ComputeDelay(attempt, null);
                        Log($"attempt {attempt + 1}: connection error ({Redact(e.Message)}); retrying in {Seconds(delay)}");
                    }
                }

                await _delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private HttpRequestMessage CreateRequest(byte[] payload, bool stream)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _messagesUri)
            {
                Content = new ByteArrayContent(payload),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("x-api-key", _apiKey);
            request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
            if (_beta is not null)
            {
                request.Headers.TryAddWithoutValidation("anthropic-beta", _beta);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
            request.Headers.TryAddWithoutValidation("User-Agent", "CompletionsToMessages.Shim/" + typeof(CompletionsClient).Assembly.GetName().Version);
            return request;
        }

        /// <summary>408, 409, 429 and every 5xx (including 529) are worth another attempt.</summary>
        private static bool IsRetryable(int status) => status == 408 || status == 409 || status == 429 || status >= 500;

        /// <summary>A server-given delay of 0 to 60 s wins; otherwise 0.5 s doubling per retry, capped, minus up to 25 % jitter.</summary>
        private TimeSpan ComputeDelay(int retry, TimeSpan? retryAfter)
        {
            if (retryAfter is { } given && given >= TimeSpan.Zero && given <= TimeSpan.FromSeconds(60))
            {
                return given;
            }

            double ticks = Math.Min(_initialDelay.Ticks * Math.Pow(2, retry), _maxDelay.Ticks);
            double jitter = 1 - (0.25 * (_random ??= new Random()).NextDouble());
            return TimeSpan.FromTicks((long)(ticks * jitter));
        }

        private static TimeSpan? RetryAfter(HttpResponseHeaders headers)
        {
            if (headers.TryGetValues("retry-after-ms", out IEnumerable<string>? ms)
                && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds))
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }

            if (headers.TryGetValues("retry-after", out IEnumerable<string>? values))
            {
                string value = values.FirstOrDefault() ?? string.Empty;
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
                {
                    return date - DateTimeOffset.UtcNow;
                }
            }

            return null;
        }

        private AnthropicApiException CreateError(HttpResponseMessage response, string body)
        {
            int status = (int)response.StatusCode;
            (string? type, string? message, string? bodyRequestId) = MessagesWire.ParseError(body);
            string? requestId = RequestIdOf(response) ?? bodyRequestId;
            if (message is null)
            {
                string excerpt = body.Length > 200 ? body.Substring(0, 200) + "…" : body;
                message = $"HTTP {status} {response.ReasonPhrase}" + (excerpt.Length > 0 ? ": " + excerpt : string.Empty);
            }

            return new AnthropicApiException(status, type ?? AnthropicErrorTypes.ForStatusCode(status), Redact(message), requestId);
        }

        private static string? RequestIdOf(HttpResponseMessage response) =>
            response.Headers.TryGetValues("request-id", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

        private AnthropicApiException Redact(AnthropicApiException e)
        {
            string message = Redact(e.Message);
            return ReferenceEquals(message, e.Message) ? e : new AnthropicApiException(e.StatusCode, e.ErrorType, message, e.RequestId, e.IsStreamError);
        }

        /// <summary>Removes the API key from text that came from elsewhere (a server message, an exception).</summary>
        private string Redact(string text) => text.IndexOf(_apiKey, StringComparison.Ordinal) < 0 ? text : text.Replace(_apiKey, "[redacted]");

        private void Log(string line) => _log?.Invoke("CompletionsClient: POST " + _messagesUri.AbsolutePath + " " + Redact(line));

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

        private static async Task<byte[]> ReadBytesAsync(HttpContent content, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            return await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
            using (cancellationToken.Register(static state => ((HttpContent)state!).Dispose(), content))
            {
                try
                {
                    return await content.ReadAsByteArrayAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("Reading the response was cancelled.", e, cancellationToken);
                }
            }
#endif
        }

        private static Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            return reader.ReadLineAsync(cancellationToken).AsTask();
#else
            return reader.ReadLineAsync();
#endif
        }
    }
}
