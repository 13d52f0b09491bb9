using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AnthropicEmulator
{
    /// <summary>Answers /v1/messages and /v1/complete (record, inject faults, authenticate, validate, answer) and Bedrock's /model/{modelId}/invoke.</summary>
    internal sealed class ApiHandler
    {
        /// <summary>The request header that selects a fault (see <see cref="Fault"/>).</summary>
        public const string FaultHeader = "x-emulator-fault";


        private readonly EmulatorOptions _options;
        private readonly RequestLog _log;
        private readonly FaultCounter _faults = new FaultCounter();

        public ApiHandler(EmulatorOptions options, RequestLog log)
        {
            _options = options;
            _log = log;
        }

        public Task MessagesAsync(HttpContext context) => HandleAsync(context, legacy: false);

        public Task CompleteAsync(HttpContext context) => HandleAsync(context, legacy: true);

        /// <summary>
        /// <c>POST /model/{modelId}/invoke</c>, Amazon Bedrock's InvokeModel as a company gateway forwards it: the model is
        /// in the URL, a Text-Completions-era id takes the Text Completions body (answered like /v1/complete), an active
        /// model the Messages body with <c>anthropic_version</c> (answered like /v1/messages). Errors have the Bedrock-like
        /// shape of <see cref="WriteBedrockErrorAsync"/>. No faults, no streaming (see README.md).
        /// </summary>
        public async Task BedrockInvokeAsync(HttpContext context)
        {
            RecordedRequest request = await RecordAsync(context);
            try
            {
                CheckApiKey(context);
                // Route values are decoded by Kestrel/routing: "anthropic.claude-v2%3A1" arrives as "anthropic.claude-v2:1".
                string modelId = context.Request.RouteValues["modelId"] as string ?? string.Empty;
                BedrockModel? bedrock = BedrockModels.Resolve(modelId);
                if (bedrock is null)
                {
                    throw new ApiError(404, "not_found_error", $"The model {modelId} is not available on this Bedrock emulator.");
                }

                if (request.Json is not { } body)
                {
                    throw ApiError.Invalid("The request body is not valid JSON.");
                }

                ValidatedRequest validated = bedrock.Legacy
                    ? RequestValidator.ValidateBedrockComplete(body, bedrock.CatalogId)
                    : RequestValidator.ValidateBedrockMessages(body, bedrock.CatalogId);
                // The response names the model the way the request did (the URL's id).
                validated = new ValidatedRequest(bedrock.BedrockId, validated.Conversation, validated.MaxTokens, validated.StopSequences, stream: false);
                Generation generation = AnswerGenerator.Generate(validated.Conversation, validated.MaxTokens, validated.StopSequences);
                if (bedrock.Legacy)
                {
                    await WriteCompletionAsync(context, request, validated, generation, "2023-06-01", streamFault: null);
                }
                else
                {
                    await WriteMessageAsync(context, request, validated, generation, streamFault: null);
                }
            }
            catch (ApiError error)
            {
                await WriteBedrockErrorAsync(context, error);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
            }
        }

        /// <summary>Any other path: recorded, then 404 <c>not_found_error</c>.</summary>
        public async Task NotFoundAsync(HttpContext context)
        {
            RecordedRequest request = await RecordAsync(context);
            await WriteErrorAsync(context, request, new ApiError(404, "not_found_error", "Not found"));
        }

        private async Task HandleAsync(HttpContext context, bool legacy)
        {
            RecordedRequest request = await RecordAsync(context);
            CancellationToken aborted = context.RequestAborted;
            try
            {
                Fault? fault = FindFault(context, request);
                if (fault is not null && fault.SlowMilliseconds > 0)
                {
                    await Task.Delay(fault.SlowMilliseconds, aborted);
                }

                if (fault?.Kind == FaultKind.Drop)
                {
                    request.Dropped = true;
                    context.Abort();
                    return;
                }

                if (fault?.Kind == FaultKind.Status)
                {
                    string type = fault.ErrorType ?? Fault.ErrorTypeFor(fault.Status);
                    if (fault.RetryAfter is not null)
                    {
                        context.Response.Headers["retry-after"] = fault.RetryAfter;
                    }

                    if (fault.RetryAfterMs is not null)
                    {
                        context.Response.Headers["retry-after-ms"] = fault.RetryAfterMs;
                    }

                    throw new ApiError(fault.Status, type, fault.Message ?? Fault.MessageFor(type));
                }

                string version = Authenticate(context);
                if (request.Json is not { } body)
                {
                    throw ApiError.Invalid("There was an issue with your request body: it is not valid JSON.");
                }

                ValidatedRequest validated = legacy ? RequestValidator.ValidateComplete(body) : RequestValidator.ValidateMessages(body);
                Generation generation = AnswerGenerator.Generate(validated.Conversation, validated.MaxTokens, validated.StopSequences);
                Fault? streamFault = fault is { Kind: FaultKind.StreamError or FaultKind.StreamDrop } ? fault : null;
                if (legacy)
                {
                    await WriteCompletionAsync(context, request, validated, generation, version, streamFault);
                }
                else
                {
                    await WriteMessageAsync(context, request, validated, generation, streamFault);
                }
            }
            catch (ApiError error)
            {
                await WriteErrorAsync(context, request, error);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client went away (cancellation or timeout on its side).
            }
        }

        private static async Task<RecordedRequest> RecordAsync(HttpContext context)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
            {
                headers[header.Key] = header.Value.ToString();
            }

            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            var log = context.RequestServices.GetService(typeof(RequestLog)) as RequestLog
                ?? throw new InvalidOperationException("RequestLog not registered");
            RecordedRequest request = log.Add(context.Request.Method, context.Request.Path.Value ?? string.Empty, headers, body);
            context.Response.Headers["request-id"] = RequestId(request);
            // OnStarting runs before the status line goes out, so a client never sees a response before it is recorded.
            context.Response.OnStarting(() =>
            {
                if (!request.Dropped)
                {
                    request.StatusCode = context.Response.StatusCode;
                }

                return Task.CompletedTask;
            });
            return request;
        }

        private Fault? FindFault(HttpContext context, RecordedRequest request)
        {
            string? text = context.Request.Headers[FaultHeader].ToString();
            if (string.IsNullOrEmpty(text)
                && request.Json is { ValueKind: JsonValueKind.Object } body
                && body.TryGetProperty("model", out JsonElement model)
                && model.ValueKind == JsonValueKind.String)
            {
                string id = model.GetString()!;
                int at = id.IndexOf("#fault=", StringComparison.Ordinal);
                text = at < 0 ? null : id.Substring(at + "#fault=".Length);
            }

            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            Fault fault;
            try
            {
                fault = Fault.Parse(text);
            }
            catch (FormatException e)
            {
                throw ApiError.Invalid("x-emulator-fault: " + e.Message);
            }

            return _faults.ShouldApply(fault) ? fault : null;
        }

        /// <summary>Checks the API key and the version header; returns the version.</summary>
        private string Authenticate(HttpContext context)
        {
            CheckApiKey(context);
            string version = context.Request.Headers["anthropic-version"].ToString();
            if (version.Length == 0)
            {
                throw ApiError.Invalid("anthropic-version: header is required");
            }

            // 2023-01-01 and 2023-06-01 are the documented versions; the official C# SDK 13.x sends a newer date
            // (2026-10-21), so any well-formed date is accepted. Only 2023-01-01 changes behaviour (legacy streaming).
            if (!DateTime.TryParseExact(version, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateTime date)
                || date < new DateTime(2023, 1, 1))
            {
                throw ApiError.Invalid($"anthropic-version: \"{version}\" is not a valid version");
            }

            return version;
        }

        /// <summary>The API key: <c>x-api-key</c> or <c>Authorization: Bearer</c>, and the configured one when set.</summary>
        private void CheckApiKey(HttpContext context)
        {
            string key = context.Request.Headers["x-api-key"].ToString();
            if (key.Length == 0)
            {
                string authorization = context.Request.Headers.Authorization.ToString();
                if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    key = authorization.Substring("Bearer ".Length).Trim();
                }
            }

            if (key.Length == 0)
            {
                throw new ApiError(401, "authentication_error", "x-api-key header is required");
            }

            if (_options.ApiKey is not null && !string.Equals(key, _options.ApiKey, StringComparison.Ordinal))
            {
                throw new ApiError(401, "authentication_error", "invalid x-api-key");
            }
        }

        private static string RequestId(RecordedRequest request) => request.RequestId;

        private static async Task WriteErrorAsync(HttpContext context, RecordedRequest request, ApiError error)
        {
            if (context.Response.HasStarted)
            {
                return;
            }

            context.Response.StatusCode = error.Status;
            context.Response.ContentType = "application/json";
            var body = new JsonObject
            {
                ["type"] = "error",
                ["error"] = new JsonObject { ["type"] = error.ErrorType, ["message"] = error.Message },
                ["request_id"] = RequestId(request),
            };
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }

        /// <summary>
        /// A Bedrock-like error (the reference gives no Bedrock error shape; this is the emulator's choice, see README.md):
        /// <c>{"message":"…"}</c> with the exception name in <c>x-amzn-ErrorType</c> and the request id in
        /// <c>x-amzn-RequestId</c> (and <c>request-id</c>, as on every emulator response). 400 ValidationException,
        /// 403 AccessDeniedException (a missing or wrong key, which the emulator's 401 becomes), 404 ResourceNotFoundException.
        /// </summary>
        private static async Task WriteBedrockErrorAsync(HttpContext context, ApiError error)
        {
            if (context.Response.HasStarted)
            {
                return;
            }

            (int status, string exception) = error.Status switch
            {
                400 => (400, "ValidationException"),
                401 or 403 => (403, "AccessDeniedException"),
                404 => (404, "ResourceNotFoundException"),
                _ => (error.Status, "InternalServerException"),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.Headers["x-amzn-ErrorType"] = exception;
            context.Response.Headers["x-amzn-RequestId"] = context.Response.Headers["request-id"].ToString();
            var body = new JsonObject { ["message"] = error.Message };
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }

        private static int CountWords(Conversation conversation)
        {
            int words = AnswerGenerator.Tokens(conversation.System).Count;
            foreach (Turn turn in conversation.Turns)
            {
                words += AnswerGenerator.Tokens(turn.Text).Count;
            }

            return words;
        }

        private static async Task WriteMessageAsync(HttpContext context, RecordedRequest request, ValidatedRequest validated, Generation generation, Fault? streamFault)
        {
            string id = "msg_emu_" + validated.Conversation.Hash();
            int inputTokens = CountWords(validated.Conversation);
            IReadOnlyList<string> deltas = AnswerGenerator.Tokens(generation.Text);
            CancellationToken ct = context.RequestAborted;
            if (!validated.Stream)
            {
                var message = new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "message",
                    ["role"] = "assistant",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = generation.Text }),
                    ["model"] = validated.Model,
                    ["stop_reason"] = generation.StopReason,
                    ["stop_sequence"] = generation.StopSequence,
                    ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = deltas.Count },
                };
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(message.ToJsonString(), ct);
                return;
            }

            var sse = new SseWriter(context);
            await sse.EventAsync("message_start", new JsonObject
            {
                ["type"] = "message_start",
                ["message"] = new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "message",
                    ["role"] = "assistant",
                    ["content"] = new JsonArray(),
                    ["model"] = validated.Model,
                    ["stop_reason"] = null,
                    ["stop_sequence"] = null,
                    ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = 1 },
                },
            });
            await sse.EventAsync("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty },
            });
            await sse.EventAsync("ping", new JsonObject { ["type"] = "ping" });
            for (int i = 0; i < deltas.Count; i++)
            {
                await sse.EventAsync("content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta",
                    ["index"] = 0,
                    ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = deltas[i] },
                });
                if (i == 0 && await StreamFaultAsync(context, sse, streamFault, legacyData: false))
                {
                    return;
                }

                if (i == 1)
                {
                    // An event type no client knows: clients must ignore it.
                    await sse.EventAsync("emulator_unknown_event", new JsonObject { ["type"] = "emulator_unknown_event", ["note"] = "clients must ignore unknown event types" });
                }
            }

            await sse.EventAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
            await sse.EventAsync("message_delta", new JsonObject
            {
                ["type"] = "message_delta",
                ["delta"] = new JsonObject { ["stop_reason"] = generation.StopReason, ["stop_sequence"] = generation.StopSequence },
                ["usage"] = new JsonObject { ["output_tokens"] = deltas.Count },
            });
            await sse.EventAsync("message_stop", new JsonObject { ["type"] = "message_stop" });
        }

        private async Task WriteCompletionAsync(HttpContext context, RecordedRequest request, ValidatedRequest validated, Generation generation, string version, Fault? streamFault)
        {
            string id = "compl_emu_" + validated.Conversation.Hash();
            string lead = _options.LegacyLeadingSpace && generation.Text.Length > 0 ? " " : string.Empty;
            string completion = lead + generation.Text;
            bool initialVersion = version == "2023-01-01";
            CancellationToken ct = context.RequestAborted;

            JsonObject Body(string text, string? stopReason)
            {
                var body = new JsonObject();
                if (!initialVersion)
                {
                    body["type"] = "completion";
                    body["id"] = id;
                }

                body["completion"] = text;
                body["stop_reason"] = stopReason;
                body["model"] = validated.Model;
                if (initialVersion)
                {
                    // Fields the initial API version still had (removed in 2023-06-01).
                    body["truncated"] = false;
                    body["exception"] = null;
                    body["log_id"] = id;
                }

                return body;
            }

            if (!validated.Stream)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Body(completion, generation.LegacyStopReason).ToJsonString(), ct);
                return;
            }

            var sse = new SseWriter(context);
            IReadOnlyList<string> pieces = AnswerGenerator.Tokens(completion);
            var cumulative = new StringBuilder();
            for (int i = 0; i < pieces.Count; i++)
            {
                cumulative.Append(pieces[i]);
                if (initialVersion)
                {
                    await sse.DataAsync(Body(cumulative.ToString(), null).ToJsonString());
                }
                else
                {
                    await sse.EventAsync("completion", Body(pieces[i], null));
                    if (i == 0)
                    {
                        await sse.EventAsync("ping", new JsonObject { ["type"] = "ping" });
                    }
                }

                if (i == 0 && await StreamFaultAsync(context, sse, streamFault, legacyData: initialVersion))
                {
                    return;
                }
            }

            if (initialVersion)
            {
                await sse.DataAsync(Body(cumulative.ToString(), generation.LegacyStopReason).ToJsonString());
                await sse.DataAsync("[DONE]");
            }
            else
            {
                await sse.EventAsync("completion", Body(string.Empty, generation.LegacyStopReason));
            }
        }

        /// <summary>Applies a stream fault after the first delta; true when the stream is over.</summary>
        private static async Task<bool> StreamFaultAsync(HttpContext context, SseWriter sse, Fault? fault, bool legacyData)
        {
            if (fault is null)
            {
                return false;
            }

            if (fault.Kind == FaultKind.StreamDrop)
            {
                // Kestrel discards output not yet on the wire when a connection is aborted: give the first event time to leave.
                await Task.Delay(100, context.RequestAborted);
                context.Abort();
                return true;
            }

            string type = fault.ErrorType ?? "overloaded_error";
            var error = new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = fault.Message ?? Fault.MessageFor(type) } };
            if (legacyData)
            {
                await sse.DataAsync(error.ToJsonString());
            }
            else
            {
                await sse.EventAsync("error", error);
            }

            return true;
        }

        /// <summary>Writes server-sent events and flushes each one.</summary>
        private sealed class SseWriter
        {
            private readonly HttpContext _context;

            public SseWriter(HttpContext context)
            {
                _context = context;
                context.Response.ContentType = "text/event-stream; charset=utf-8";
                context.Response.Headers.CacheControl = "no-cache";
            }

            public async Task EventAsync(string name, JsonObject data)
            {
                await _context.Response.WriteAsync("event: " + name + "\ndata: " + data.ToJsonString() + "\n\n", _context.RequestAborted);
                await _context.Response.Body.FlushAsync(_context.RequestAborted);
            }

            public async Task DataAsync(string data)
            {
                await _context.Response.WriteAsync("data: " + data + "\n\n", _context.RequestAborted);
                await _context.Response.Body.FlushAsync(_context.RequestAborted);
            }
        }
    }
}
