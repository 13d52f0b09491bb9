using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AnthropicEmulator
{
    /// <summary>Serves the request log at <c>GET /_emulator/requests</c>: <c>[{sequence, method, path, status, headers, body}]</c>.</summary>
    internal static class RequestLogJson
    {
        public static async Task WriteAsync(HttpContext context, RequestLog log)
        {
            context.Response.ContentType = "application/json";
            using var writer = new Utf8JsonWriter(context.Response.Body);
            writer.WriteStartArray();
            foreach (RecordedRequest request in log.Snapshot())
            {
                writer.WriteStartObject();
                writer.WriteNumber("sequence", request.Sequence);
                writer.WriteString("method", request.Method);
                writer.WriteString("path", request.Path);
                writer.WriteNumber("status", request.StatusCode);
                writer.WriteStartObject("headers");
                foreach (var header in request.Headers)
                {
                    writer.WriteString(header.Key.ToLowerInvariant(), header.Value);
                }

                writer.WriteEndObject();
                writer.WriteString("body", request.Body);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            await writer.FlushAsync(context.RequestAborted);
        }
    }
}
