using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using CompletionsToMessages.Shared;

namespace AnthropicEmulator
{
    /// <summary>Fields common to both endpoints after validation.</summary>
    public sealed class ValidatedRequest
    {
        public ValidatedRequest(string model, Conversation conversation, long maxTokens, IReadOnlyList<string> stopSequences, bool stream)
        {
            Model = model;
            Conversation = conversation;
            MaxTokens = maxTokens;
            StopSequences = stopSequences;
            Stream = stream;
        }

        public string Model { get; }

        public Conversation Conversation { get; }

        public long MaxTokens { get; }

        public IReadOnlyList<string> StopSequences { get; }

        public bool Stream { get; }
    }

    /// <summary>Request validation for /v1/messages and /v1/complete, as shared/reference describes the real API.</summary>
    public static class RequestValidator
    {
        private static readonly HashSet<string> MessagesFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "model", "max_tokens", "messages", "system", "stop_sequences", "temperature", "top_p", "top_k", "metadata", "stream",
            "tools", "tool_choice", "thinking", "service_tier", "container", "mcp_servers", "context_management",
        };

        private static readonly HashSet<string> CompleteFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "model", "prompt", "max_tokens_to_sample", "stop_sequences", "temperature", "top_p", "top_k", "metadata", "stream",
        };

        /// <summary>The <c>anthropic_version</c> a Bedrock Messages body must carry.</summary>
        public const string BedrockAnthropicVersion = "bedrock-2023-05-31";

        /// <summary>Bedrock's own default <c>max_tokens_to_sample</c> when the body has none.</summary>
        public const long BedrockDefaultMaxTokensToSample = 200;

        private static readonly HashSet<string> BedrockMessagesFields = new HashSet<string>(MessagesFields, StringComparer.Ordinal) { "anthropic_version" }
            .Except(new[] { "model", "stream" }, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);

        private static readonly HashSet<string> BedrockCompleteFields = new HashSet<string>(CompleteFields, StringComparer.Ordinal)
            .Except(new[] { "model", "stream" }, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);

        /// <summary>The model id without a <c>#fault=…</c> suffix.</summary>
        public static string BaseModel(string model)
        {
            int hash = model.IndexOf("#fault=", StringComparison.Ordinal);
            return hash < 0 ? model : model.Substring(0, hash);
        }

        public static ValidatedRequest ValidateMessages(JsonElement body) => ValidateMessages(body, bedrockModel: null);

        /// <summary>
        /// A Bedrock InvokeModel body for an active model (<paramref name="catalogModel"/>, the Claude API id of the URL's
        /// model): the Messages body without <c>model</c> and with <c>"anthropic_version": "bedrock-2023-05-31"</c>.
        /// </summary>
        public static ValidatedRequest ValidateBedrockMessages(JsonElement body, string catalogModel) => ValidateMessages(body, catalogModel);

        private static ValidatedRequest ValidateMessages(JsonElement body, string? bedrockModel)
        {
            RequireObject(body);
            string model;
            if (bedrockModel is null)
            {
                RejectExtraFields(body, MessagesFields);
                model = BaseModel(RequireString(body, "model"));
            }
            else
            {
                foreach (string legacyField in new[] { "prompt", "max_tokens_to_sample" })
                {
                    if (body.TryGetProperty(legacyField, out _))
                    {
                        throw ApiError.Invalid($"{legacyField}: this model takes the Messages API body (anthropic_version, max_tokens, messages), not the Text Completions body (prompt, max_tokens_to_sample)");
                    }
                }

                RejectBedrockModelAndStream(body);
                if (!body.TryGetProperty("anthropic_version", out JsonElement version))
                {
                    throw ApiError.Invalid("anthropic_version: Field required");
                }

                if (version.ValueKind != JsonValueKind.String || version.GetString() != BedrockAnthropicVersion)
                {
                    throw ApiError.Invalid($"anthropic_version: Input should be \"{BedrockAnthropicVersion}\"");
                }

                RejectExtraFields(body, BedrockMessagesFields);
                model = bedrockModel;
            }

            long maxTokens = RequireInteger(body, "max_tokens");
            if (maxTokens < 1)
            {
                throw ApiError.Invalid("max_tokens: Input should be greater than or equal to 1");
            }

            if (!body.TryGetProperty("messages", out JsonElement messages))
            {
                throw ApiError.Invalid("messages: Field required");
            }

            if (messages.ValueKind != JsonValueKind.Array)
            {
                throw ApiError.Invalid("messages: Input should be a valid list");
            }

            if (messages.GetArrayLength() == 0)
            {
                throw ApiError.Invalid("messages: at least one message is required");
            }

            var turns = new List<Turn>();
            int index = 0;
            foreach (JsonElement message in messages.EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Object)
                {
                    throw ApiError.Invalid($"messages.{index}: Input should be a valid dictionary");
                }

                string role = message.TryGetProperty("role", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : string.Empty;
                if (role != "user" && role != "assistant")
                {
                    throw ApiError.Invalid($"messages.{index}.role: Input should be 'user' or 'assistant'");
                }

                if (!message.TryGetProperty("content", out JsonElement content))
                {
                    throw ApiError.Invalid($"messages.{index}.content: Field required");
                }

                turns.Add(new Turn(role, ContentText(content, $"messages.{index}.content")));
                index++;
            }

            if (turns[0].Role != "user")
            {
                throw ApiError.Invalid("messages: first message must use the \"user\" role");
            }

            for (int i = 0; i < turns.Count; i++)
            {
                if (i > 0 && turns[i].Role == turns[i - 1].Role)
                {
                    throw ApiError.Invalid($"messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"{turns[i].Role}\" roles in a row");
                }

                bool finalAssistant = i == turns.Count - 1 && turns[i].Role == "assistant";
                if (!finalAssistant && string.IsNullOrWhiteSpace(turns[i].Text))
                {
                    throw ApiError.Invalid($"messages.{i}: all messages must have non-empty content except for the optional final assistant message");
                }
            }

            Turn last = turns[turns.Count - 1];
            if (last.Role == "assistant" && last.Text.Length > 0 && char.IsWhiteSpace(last.Text[last.Text.Length - 1]))
            {
                throw ApiError.Invalid("messages: final assistant content cannot end with trailing whitespace");
            }

            if (last.Role == "assistant" && last.Text.Length == 0)
            {
                // An empty final assistant message adds nothing; treat the conversation as ending with the user turn.
                turns.RemoveAt(turns.Count - 1);
            }

            string system = string.Empty;
            if (body.TryGetProperty("system", out JsonElement systemElement) && systemElement.ValueKind != JsonValueKind.Null)
            {
                system = ContentText(systemElement, "system");
            }

            IReadOnlyList<string> stops = StopSequences(body);
            Metadata(body);
            (double? temperature, double? topP, long? topK) = Sampling(body);
            bool stream = Stream(body);

            ModelInfo? info = ModelCatalog.Find(model);
            if (info is null || info.Status != ModelStatus.Active)
            {
                throw new ApiError(404, "not_found_error", "model: " + model);
            }

            if (maxTokens > info.MaxOutputTokens)
            {
                throw ApiError.Invalid(string.Create(CultureInfo.InvariantCulture,
                    $"max_tokens: {maxTokens} > {info.MaxOutputTokens}, which is the maximum allowed number of output tokens for {model}"));
            }

            if (info.RejectsPrefill && last.Role == "assistant")
            {
                throw ApiError.Invalid("This model does not support assistant message prefill. The conversation must end with a user message.");
            }

            if (info.RejectsNonDefaultSampling)
            {
                if (temperature is { } t && t != 1.0)
                {
                    throw ApiError.Invalid($"temperature: {model} only supports the default value (1.0)");
                }

                if (topP is { } p && p < 0.99)
                {
                    throw ApiError.Invalid($"top_p: {model} only supports the default value (top_p >= 0.99)");
                }

                if (topK is not null)
                {
                    throw ApiError.Invalid($"top_k: {model} does not support top_k");
                }
            }

            if (info.RejectsTemperatureWithTopP && temperature is not null && topP is not null)
            {
                throw ApiError.Invalid("`temperature` and `top_p` cannot both be specified for this model. Please use only one.");
            }

            return new ValidatedRequest(model, new Conversation(system.Trim(), turns), maxTokens, stops, stream);
        }

        public static ValidatedRequest ValidateComplete(JsonElement body) => ValidateComplete(body, bedrockModel: null);

        /// <summary>
        /// A Bedrock InvokeModel body for a Text-Completions-era model (<paramref name="catalogModel"/>, the Claude API id
        /// of the URL's model): the Text Completions body without <c>model</c>; <c>max_tokens_to_sample</c> defaults to 200.
        /// </summary>
        public static ValidatedRequest ValidateBedrockComplete(JsonElement body, string catalogModel) => ValidateComplete(body, catalogModel);

        private static ValidatedRequest ValidateComplete(JsonElement body, string? bedrockModel)
        {
            RequireObject(body);
            string model;
            long maxTokens;
            if (bedrockModel is null)
            {
                RejectExtraFields(body, CompleteFields);
                model = BaseModel(RequireString(body, "model"));
            }
            else
            {
                RejectBedrockModelAndStream(body);
                foreach (string messagesField in new[] { "anthropic_version", "messages", "max_tokens", "system" })
                {
                    if (body.TryGetProperty(messagesField, out _))
                    {
                        throw ApiError.Invalid($"{messagesField}: this model takes the Text Completions body (prompt, max_tokens_to_sample), not the Messages API body");
                    }
                }

                RejectExtraFields(body, BedrockCompleteFields);
                model = bedrockModel;
            }

            string prompt = RequireString(body, "prompt");
            maxTokens = bedrockModel is not null && !body.TryGetProperty("max_tokens_to_sample", out _)
                ? BedrockDefaultMaxTokensToSample
                : RequireInteger(body, "max_tokens_to_sample");
            if (maxTokens < 1)
            {
                throw ApiError.Invalid("max_tokens_to_sample: Input should be greater than or equal to 1");
            }

            IReadOnlyList<string> stops = StopSequences(body);
            Metadata(body);
            Sampling(body);
            bool stream = Stream(body);

            ModelInfo? info = ModelCatalog.Find(model);
            if (info is null)
            {
                throw new ApiError(404, "not_found_error", "model: " + model);
            }

            if (info.Status != ModelStatus.LegacyCompletions)
            {
                throw ApiError.Invalid($"\"{model}\" is not supported on this API. Please use the Messages API instead.");
            }

            ParsedPrompt parsed = LegacyPromptParser.Parse(prompt);
            if (!parsed.IsValid)
            {
                throw ApiError.Invalid(parsed.Error!);
            }

            var turns = new List<Turn>();
            foreach (PromptTurn turn in parsed.Turns)
            {
                turns.Add(new Turn(turn.Role == PromptRole.User ? "user" : "assistant", turn.Render()));
            }

            // The legacy API capped max_tokens_to_sample silently.
            long capped = Math.Min(maxTokens, info.MaxOutputTokens);
            return new ValidatedRequest(model, new Conversation(LegacyPromptParser.Render(parsed.System).Trim(), turns), capped, stops, stream);
        }

        /// <summary>On Bedrock the model is named in the URL and InvokeModel answers with one JSON body (no SSE).</summary>
        private static void RejectBedrockModelAndStream(JsonElement body)
        {
            if (body.TryGetProperty("model", out _))
            {
                throw ApiError.Invalid("model: Extra inputs are not permitted (on Bedrock the model is named in the URL, not in the body)");
            }

            if (body.TryGetProperty("stream", out _))
            {
                throw ApiError.Invalid("stream: Extra inputs are not permitted (InvokeModel answers with one JSON body; the emulator has no Bedrock streaming route)");
            }
        }

        private static void RequireObject(JsonElement body)
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw ApiError.Invalid("body: Input should be a valid dictionary");
            }
        }

        private static void RejectExtraFields(JsonElement body, HashSet<string> allowed)
        {
            foreach (JsonProperty property in body.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                {
                    throw ApiError.Invalid(property.Name + ": Extra inputs are not permitted");
                }
            }
        }

        private static string RequireString(JsonElement body, string name)
        {
            if (!body.TryGetProperty(name, out JsonElement value))
            {
                throw ApiError.Invalid(name + ": Field required");
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw ApiError.Invalid(name + ": Input should be a valid string");
            }

            return value.GetString()!;
        }

        private static long RequireInteger(JsonElement body, string name)
        {
            if (!body.TryGetProperty(name, out JsonElement value))
            {
                throw ApiError.Invalid(name + ": Field required");
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n))
            {
                throw ApiError.Invalid(name + ": Input should be a valid integer");
            }

            return n;
        }

        private static string ContentText(JsonElement content, string path)
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                return content.GetString()!;
            }

            if (content.ValueKind != JsonValueKind.Array)
            {
                throw ApiError.Invalid(path + ": Input should be a valid string or list of content blocks");
            }

            var text = new StringBuilder();
            int i = 0;
            foreach (JsonElement block in content.EnumerateArray())
            {
                if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
                {
                    throw ApiError.Invalid($"{path}.{i}.type: Field required");
                }

                if (type.GetString() == "text")
                {
                    if (!block.TryGetProperty("text", out JsonElement t) || t.ValueKind != JsonValueKind.String)
                    {
                        throw ApiError.Invalid($"{path}.{i}.text: Field required");
                    }

                    if (string.IsNullOrWhiteSpace(t.GetString()))
                    {
                        throw ApiError.Invalid($"{path}.{i}: text content blocks must contain non-whitespace text");
                    }

                    text.Append(t.GetString());
                }

                i++;
            }

            return text.ToString();
        }

        private static IReadOnlyList<string> StopSequences(JsonElement body)
        {
            var stops = new List<string>();
            if (body.TryGetProperty("stop_sequences", out JsonElement value) && value.ValueKind != JsonValueKind.Null)
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw ApiError.Invalid("stop_sequences: Input should be a valid list");
                }

                foreach (JsonElement stop in value.EnumerateArray())
                {
                    if (stop.ValueKind != JsonValueKind.String)
                    {
                        throw ApiError.Invalid("stop_sequences: Input should be a valid string");
                    }

                    stops.Add(stop.GetString()!);
                }
            }

            return stops;
        }

        private static void Metadata(JsonElement body)
        {
            if (!body.TryGetProperty("metadata", out JsonElement metadata) || metadata.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            if (metadata.ValueKind != JsonValueKind.Object)
            {
                throw ApiError.Invalid("metadata: Input should be a valid dictionary");
            }

            foreach (JsonProperty property in metadata.EnumerateObject())
            {
                if (property.Name != "user_id")
                {
                    throw ApiError.Invalid("metadata." + property.Name + ": Extra inputs are not permitted");
                }

                if (property.Value.ValueKind != JsonValueKind.String && property.Value.ValueKind != JsonValueKind.Null)
                {
                    throw ApiError.Invalid("metadata.user_id: Input should be a valid string");
                }
            }
        }

        private static (double? Temperature, double? TopP, long? TopK) Sampling(JsonElement body)
        {
            double? Number(string name, double min, double max)
            {
                if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }

                if (value.ValueKind != JsonValueKind.Number)
                {
                    throw ApiError.Invalid(name + ": Input should be a valid number");
                }

                double n = value.GetDouble();
                if (n < min || n > max)
                {
                    throw ApiError.Invalid(string.Create(CultureInfo.InvariantCulture, $"{name}: Input should be between {min} and {max}"));
                }

                return n;
            }

            double? temperature = Number("temperature", 0, 1);
            double? topP = Number("top_p", 0, 1);
            long? topK = null;
            if (body.TryGetProperty("top_k", out JsonElement k) && k.ValueKind != JsonValueKind.Null)
            {
                if (k.ValueKind != JsonValueKind.Number || !k.TryGetInt64(out long kk) || kk < 0)
                {
                    throw ApiError.Invalid("top_k: Input should be a non-negative integer");
                }

                topK = kk;
            }

            return (temperature, topP, topK);
        }

        private static bool Stream(JsonElement body)
        {
            if (!body.TryGetProperty("stream", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return false;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw ApiError.Invalid("stream: Input should be a valid boolean"),
            };
        }
    }
}
