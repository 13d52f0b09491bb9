using System;
using System.Collections.Generic;
using System.Globalization;

namespace AnthropicEmulator
{
    /// <summary>What a fault does.</summary>
    public enum FaultKind
    {
        /// <summary>Answer with an HTTP error status and the API's error body (<c>429</c>, <c>529</c>, <c>500</c>, …).</summary>
        Status,

        /// <summary>Streaming only: send the first text delta, then an <c>error</c> event, then end the stream.</summary>
        StreamError,

        /// <summary>Streaming only: send the first text delta, then abort the connection.</summary>
        StreamDrop,

        /// <summary>Abort the connection before any response byte.</summary>
        Drop,

        /// <summary>Wait before the first response byte, then answer normally.</summary>
        Slow,
    }

    /// <summary>
    /// A fault parsed from the <c>x-emulator-fault</c> header or a <c>#fault=</c> model suffix.
    /// Syntax: <c>KIND[;name=value]*</c>, KIND one of <c>NNN</c> (an HTTP status), <c>stream-error</c>,
    /// <c>stream-drop</c>, <c>drop</c>, <c>slow=MS</c>. Parameters: <c>times=N</c> (only the first N requests carrying this
    /// exact fault text get it), <c>retry-after=S</c>, <c>retry-after-ms=MS</c>, <c>type=ERROR_TYPE</c> (override the
    /// error type, also for <c>stream-error</c>), <c>message=TEXT</c> (override the error message), <c>slow=MS</c> (with any
    /// kind: also delay the first byte), <c>key=ANY</c> (no effect; makes the text unique so <c>times</c> counts separately).
    /// </summary>
    public sealed class Fault
    {
        private Fault(string text)
        {
            Text = text;
        }

        /// <summary>The fault text as received; <c>times</c> is counted per distinct text.</summary>
        public string Text { get; }

        public FaultKind Kind { get; private set; }

        public int Status { get; private set; }

        public int? Times { get; private set; }

        public string? RetryAfter { get; private set; }

        public string? RetryAfterMs { get; private set; }

        public string? ErrorType { get; private set; }

        public string? Message { get; private set; }

        public int SlowMilliseconds { get; private set; }

        /// <summary>Parses a fault; throws <see cref="FormatException"/> on text it does not understand.</summary>
        public static Fault Parse(string text)
        {
            var fault = new Fault(text.Trim());
            string[] parts = fault.Text.Split(';');
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i].Trim();
                int eq = part.IndexOf('=');
                string name = (eq < 0 ? part : part.Substring(0, eq)).Trim().ToLowerInvariant();
                string value = eq < 0 ? string.Empty : part.Substring(eq + 1).Trim();
                if (i == 0)
                {
                    if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status >= 400 && status <= 599)
                    {
                        fault.Kind = FaultKind.Status;
                        fault.Status = status;
                        continue;
                    }

                    switch (name)
                    {
                        case "stream-error":
                            fault.Kind = FaultKind.StreamError;
                            continue;
                        case "stream-drop":
                            fault.Kind = FaultKind.StreamDrop;
                            continue;
                        case "drop":
                            fault.Kind = FaultKind.Drop;
                            continue;
                        case "slow":
                            fault.Kind = FaultKind.Slow;
                            fault.SlowMilliseconds = ParseInt(value, text);
                            continue;
                        default:
                            throw new FormatException($"unknown fault kind '{name}' in '{text}'");
                    }
                }

                switch (name)
                {
                    case "times":
                        fault.Times = ParseInt(value, text);
                        break;
                    case "retry-after":
                        fault.RetryAfter = value;
                        break;
                    case "retry-after-ms":
                        fault.RetryAfterMs = value;
                        break;
                    case "type":
                        fault.ErrorType = value;
                        break;
                    case "message":
                        fault.Message = value;
                        break;
                    case "slow":
                        fault.SlowMilliseconds = ParseInt(value, text);
                        break;
                    case "key":
                        break;
                    default:
                        throw new FormatException($"unknown fault parameter '{name}' in '{text}'");
                }
            }

            return fault;
        }

        /// <summary>The API's error type for an HTTP status (shared/reference/messages-api.md), <c>api_error</c> otherwise.</summary>
        public static string ErrorTypeFor(int status) => status switch
        {
            400 => "invalid_request_error",
            401 => "authentication_error",
            402 => "billing_error",
            403 => "permission_error",
            404 => "not_found_error",
            409 => "conflict_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            504 => "timeout_error",
            529 => "overloaded_error",
            _ => "api_error",
        };

        /// <summary>A plausible message for an error type.</summary>
        public static string MessageFor(string errorType) => errorType switch
        {
            "rate_limit_error" => "Number of requests has exceeded your rate limit (emulated).",
            "overloaded_error" => "Overloaded",
            "api_error" => "Internal server error",
            "timeout_error" => "Request timed out",
            _ => "Emulated " + errorType,
        };

        private static int ParseInt(string value, string text) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new FormatException($"expected a number in '{text}'");
    }

    /// <summary>Counts requests per fault text so <c>times=N</c> faults stop after N requests.</summary>
    internal sealed class FaultCounter
    {
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>True when this request should get the fault (and counts it).</summary>
        public bool ShouldApply(Fault fault)
        {
            lock (_counts)
            {
                _counts.TryGetValue(fault.Text, out int seen);
                _counts[fault.Text] = seen + 1;
                return fault.Times is not { } times || seen < times;
            }
        }
    }
}
