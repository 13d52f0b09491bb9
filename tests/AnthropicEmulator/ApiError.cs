using System;

namespace AnthropicEmulator
{
    /// <summary>Thrown inside a handler to answer with the API's error body.</summary>
    public sealed class ApiError : Exception
    {
        public ApiError(int status, string errorType, string message)
            : base(message)
        {
            Status = status;
            ErrorType = errorType;
        }

        public int Status { get; }

        public string ErrorType { get; }

        public static ApiError Invalid(string message) => new ApiError(400, "invalid_request_error", message);
    }
}
