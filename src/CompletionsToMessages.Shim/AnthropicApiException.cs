using System;
using System.Collections.Generic;

namespace CompletionsToMessages.Shim
{
    /// <summary>The error types the API documents (shared/reference/messages-api.md). Others may appear and are kept as sent.</summary>
    public static class AnthropicErrorTypes
    {
#pragma warning disable CS1591 // names say it all
        public const string InvalidRequest = "invalid_request_error";
        public const string Authentication = "authentication_error";
        public const string Billing = "billing_error";
        public const string Permission = "permission_error";
        public const string NotFound = "not_found_error";
        public const string Conflict = "conflict_error";
        public const string RequestTooLarge = "request_too_large";
        public const string RateLimit = "rate_limit_error";
        public const string Api = "api_error";
        public const string Timeout = "timeout_error";
        public const string Overloaded = "overloaded_error";
#pragma warning restore CS1591

        /// <summary>Every documented type.</summary>
        public static IReadOnlyCollection<string> All { get; } = new[]
        {
            InvalidRequest, Authentication, Billing, Permission, NotFound, Conflict, RequestTooLarge, RateLimit, Api, Timeout, Overloaded,
        };

        /// <summary>The usual HTTP status of an error type; 0 when unknown.</summary>
        public static int StatusCodeOf(string errorType) => errorType switch
        {
            InvalidRequest => 400,
            Authentication => 401,
            Billing => 402,
            Permission => 403,
            NotFound => 404,
            Conflict => 409,
            RequestTooLarge => 413,
            RateLimit => 429,
            Api => 500,
            Timeout => 504,
            Overloaded => 529,
            _ => 0,
        };

        /// <summary>The documented type for an HTTP status, used when an error body carries none.</summary>
        internal static string ForStatusCode(int status) => status switch
        {
            400 => InvalidRequest,
            401 => Authentication,
            402 => Billing,
            403 => Permission,
            404 => NotFound,
            409 => Conflict,
            413 => RequestTooLarge,
            429 => RateLimit,
            504 => Timeout,
            529 => Overloaded,
            _ => Api,
        };
    }

    /// <summary>
    /// An error answered by the API: an HTTP error status, or an <c>error</c> event in the middle of a stream.
    /// Neither <see cref="Exception.Message"/> nor <see cref="ToString"/> ever contains the API key.
    /// </summary>
    public class AnthropicApiException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AnthropicApiException(int statusCode, string errorType, string message, string? requestId, bool isStreamError = false)
            : base(message)
        {
            StatusCode = statusCode;
            ErrorType = errorType;
            RequestId = requestId;
            IsStreamError = isStreamError;
        }

        /// <summary>
        /// The HTTP status. For an error event inside a stream (<see cref="IsStreamError"/>) the status the API uses for that
        /// error type (e.g. 529 for <c>overloaded_error</c>), or 0 for a type it does not document.
        /// </summary>
        public int StatusCode { get; }

        /// <summary>The API's error type, e.g. <c>rate_limit_error</c>; unknown types are kept as sent.</summary>
        public string ErrorType { get; }

        /// <summary>The <c>request-id</c> of the failed request, for Anthropic support; null if the server sent none.</summary>
        public string? RequestId { get; }

        /// <summary>True when the error arrived as an <c>error</c> event after the stream had started.</summary>
        public bool IsStreamError { get; }

        /// <summary>True when <see cref="ErrorType"/> is one of <see cref="AnthropicErrorTypes.All"/>.</summary>
        public bool IsKnownErrorType => ((ICollection<string>)AnthropicErrorTypes.All).Contains(ErrorType);

        /// <inheritdoc/>
        public override string ToString() =>
            $"{GetType().FullName}: {ErrorType} (HTTP {StatusCode}{(IsStreamError ? ", mid-stream" : string.Empty)}, request-id {RequestId ?? "none"}): {Message}"
            + (StackTrace is null ? string.Empty : Environment.NewLine + StackTrace);
    }
}
