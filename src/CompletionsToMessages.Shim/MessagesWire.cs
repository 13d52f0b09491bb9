using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace CompletionsToMessages.Shim
{
    /// <summary>The Messages API wire format: request body, response body and stream events.</summary>
    internal static class MessagesWire
    {
        private const string LegacyHumanStop = "\n\nHuman:";

        /// <summary>Builds the <c>/v1/messages</c> body for a legacy request (the prompt already converted).</summary>
        public static byte[] BuildRequestBody(CompletionRequest request, ConvertedPrompt prompt, string model, bool stream)
        {
            using var buffer = new MemoryStream(256 + (request.Prompt.Length * 2));
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("model", model);
                writer.WriteNumber("max_tokens", request.MaxTokensToSample);
                if (prompt.System is not null)
                {
                    writer.WriteString("system", prompt.System);
                }

                writer.WriteStartArray("messages");
                foreach (PromptMessage message in prompt.Messages)
                {
                    writer.WriteStartObject();
                    writer.WriteString("role", message.Role);
                    writer.WriteString("content", message.Content);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                if (request.StopSequences is { } stops)
                {
                    bool any = false;
                    foreach (string stop in stops)
                    {
                        if (stop is null || stop == LegacyHumanStop)
                        {
                            continue;
                        }

                        if (!any)
                        {
                            writer.WriteStartArray("stop_sequences");
                            any = true;
                        }

                        writer.WriteStringValue(stop);
                    }

                    if (any)
                    {
                        writer.WriteEndArray();
                    }
                }

                if (request.Temperature is { } temperature)
                {
                    writer.WriteNumber("temperature", temperature);
                }

                if (request.TopP is { } topP)
                {
                    writer.WriteNumber("top_p", topP);
                }

                if (request.TopK is { } topK)
                {
                    writer.WriteNumber("top_k", topK);
                }

                if (request.Metadata is { } metadata)
                {
                    writer.WriteStartObject("metadata");
                    if (metadata.UserId is null)
                    {
                        writer.WriteNull("user_id");
                    }
                    else
                    {
                        writer.WriteString("user_id", metadata.UserId);
                    }

                    writer.WriteEndObject();
                }

                if (stream)
                {
                    writer.WriteBoolean("stream", true);
                }

                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        /// <summary>Maps a Messages stop reason to the legacy one.</summary>
        public static string? MapStopReason(string? stopReason) => stopReason switch
        {
            null => null,
            "end_turn" => "stop_sequence",
            "stop_sequence" => "stop_sequence",
            _ => stopReason,
        };

        /// <summary>Maps a <c>/v1/messages</c> response body to a <see cref="CompletionResponse"/>.</summary>
        public static CompletionResponse ParseMessage(ReadOnlyMemory<byte> json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            var text = new StringBuilder();
            if (root.TryGetProperty("content", out JsonElement content) && content.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement block in content.EnumerateArray())
                {
                    if (block.ValueKind == JsonValueKind.Object
                        && block.TryGetProperty("type", out JsonElement type) && type.ValueEquals("text")
                        && block.TryGetProperty("text", out JsonElement t) && t.ValueKind == JsonValueKind.String)
                    {
                        text.Append(t.GetString());
                    }
                }
            }

            return new CompletionResponse
            {
                Id = GetString(root, "id") ?? string.Empty,
                Completion = text.ToString(),
                Model = GetString(root, "model") ?? string.Empty,
                StopReason = MapStopReason(GetString(root, "stop_reason")),
                Stop = GetString(root, "stop_sequence"),
            };
        }

        /// <summary>Reads an error body; null fields when it is not the API's error shape.</summary>
        public static (string? Type, string? Message, string? RequestId) ParseError(string body)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return (null, null, null);
                }

                string? requestId = GetString(root, "request_id");
                if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
                {
                    return (GetString(error, "type"), GetString(error, "message"), requestId);
                }

                return (null, null, requestId);
            }
            catch (JsonException)
            {
                return (null, null, null);
            }
        }

        internal static string? GetString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }

    /// <summary>
    /// Turns Messages stream events into legacy chunks. Feed it one event's <c>data</c> at a time;
    /// unknown events and <c>ping</c> yield nothing.
    /// </summary>
    internal sealed class MessagesStreamMapper
    {
        private string _id = string.Empty;
        private string _model = string.Empty;
        private string? _stopReason;
        private string? _stopSequence;

        /// <summary>True once <c>message_stop</c> arrived.</summary>
        public bool Finished { get; private set; }

        /// <summary>Handles one event; returns a chunk to yield, or null.</summary>
        /// <exception cref="AnthropicApiException">The event is an <c>error</c>.</exception>
        public CompletionResponse? OnEvent(string? eventName, string data, string? requestId)
        {
            using JsonDocument document = JsonDocument.Parse(data);
            JsonElement root = document.RootElement;
            string? type = MessagesWire.GetString(root, "type") ?? eventName;
            switch (type)
            {
                case "message_start":
                    if (root.TryGetProperty("message", out JsonElement message))
                    {
                        _id = MessagesWire.GetString(message, "id") ?? _id;
                        _model = MessagesWire.GetString(message, "model") ?? _model;
                    }

                    return null;
                case "content_block_delta":
                    if (root.TryGetProperty("delta", out JsonElement delta)
                        && MessagesWire.GetString(delta, "type") == "text_delta"
                        && MessagesWire.GetString(delta, "text") is { Length: > 0 } text)
                    {
                        return new CompletionResponse { Id = _id, Model = _model, Completion = text };
                    }

                    return null;
                case "message_delta":
                    if (root.TryGetProperty("delta", out JsonElement messageDelta))
                    {
                        _stopReason = MessagesWire.GetString(messageDelta, "stop_reason") ?? _stopReason;
                        _stopSequence = MessagesWire.GetString(messageDelta, "stop_sequence") ?? _stopSequence;
                    }

                    return null;
                case "message_stop":
                    Finished = true;
                    return new CompletionResponse { Id = _id, Model = _model, Completion = string.Empty, StopReason = MessagesWire.MapStopReason(_stopReason), Stop = _stopSequence };
                case "error":
                    JsonElement error = root.TryGetProperty("error", out JsonElement e) ? e : default;
                    string errorType = MessagesWire.GetString(error, "type") ?? AnthropicErrorTypes.Api;
                    string errorMessage = MessagesWire.GetString(error, "message") ?? "The stream reported an error.";
                    throw new AnthropicApiException(AnthropicErrorTypes.StatusCodeOf(errorType), errorType, errorMessage, MessagesWire.GetString(root, "request_id") ?? requestId, isStreamError: true);
                default:
                    return null; // ping, content_block_start/stop and event types this client does not know
            }
        }
    }

    /// <summary>A minimal server-sent-events line reader: collects <c>event:</c> and <c>data:</c> lines until a blank line.</summary>
    internal sealed class SseEventAssembler
    {
        private readonly StringBuilder _data = new StringBuilder();
        private string? _event;
        private bool _hasData;

        /// <summary>Adds one line; returns true when an event is complete, with its name and data in the out parameters.</summary>
        public bool AddLine(string line, out string? eventName, out string data)
        {
            eventName = null;
            data = string.Empty;
            if (line.Length == 0)
            {
                if (!_hasData)
                {
                    _event = null;
                    return false;
                }

                eventName = _event;
                data = _data.ToString();
                _data.Clear();
                _event = null;
                _hasData = false;
                return true;
            }

            if (line[0] == ':')
            {
                return false; // comment
            }

            int colon = line.IndexOf(':');
            string field = colon < 0 ? line : line.Substring(0, colon);
            string value = colon < 0 ? string.Empty : line.Substring(colon + 1);
            if (value.Length > 0 && value[0] == ' ')
            {
                value = value.Substring(1);
            }

            if (field == "event")
            {
                _event = value;
            }
            else if (field == "data")
            {
                if (_hasData)
                {
                    _data.Append('\n');
                }

                _data.Append(value);
                _hasData = true;
            }

            return false;
        }
    }
}
