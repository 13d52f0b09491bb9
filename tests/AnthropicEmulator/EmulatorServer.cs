using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnthropicEmulator
{
    /// <summary>
    /// A running emulator. In a test:
    /// <code>
    /// await using EmulatorServer emulator = await EmulatorServer.StartAsync();
    /// var client = new HttpClient { BaseAddress = emulator.BaseUri };
    /// // … then assert on emulator.Requests
    /// </code>
    /// </summary>
    public sealed class EmulatorServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private EmulatorServer(WebApplication app, RequestLog log, string baseUrl)
        {
            _app = app;
            Log = log;
            BaseUrl = baseUrl;
        }

        /// <summary>The root URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
        public string BaseUrl { get; }

        /// <summary><see cref="BaseUrl"/> as a <see cref="Uri"/> with a trailing slash, ready for <c>HttpClient.BaseAddress</c>.</summary>
        public Uri BaseUri => new Uri(BaseUrl + "/");

        /// <summary>The request log.</summary>
        public RequestLog Log { get; }

        /// <summary>A snapshot of every request received so far (including ones answered with faults or errors).</summary>
        public IReadOnlyList<RecordedRequest> Requests => Log.Snapshot();

        /// <summary>The requests received on one path, e.g. <c>/v1/messages</c>.</summary>
        public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Log.Snapshot().Where(r => r.Path == path).ToArray();

        /// <summary>Starts an emulator on 127.0.0.1 with a free port.</summary>
        public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
        {
            WebApplication app = Build(Array.Empty<string>(), options ?? new EmulatorOptions(), inProcess: true);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new EmulatorServer(app, app.Services.GetRequiredService<RequestLog>(), address.TrimEnd('/'));
        }

        /// <summary>Builds the web application (used by <see cref="StartAsync"/> and by the program).</summary>
        internal static WebApplication Build(string[] args, EmulatorOptions options, bool inProcess)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
            if (inProcess)
            {
                builder.Logging.ClearProviders();
                builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            }

            var log = new RequestLog();
            builder.Services.AddSingleton(log);
            builder.Services.AddSingleton(options);
            WebApplication app = builder.Build();
            var handler = new ApiHandler(options, log);
            app.MapPost("/v1/messages", handler.MessagesAsync);
            app.MapPost("/v1/complete", handler.CompleteAsync);
            app.MapPost("/model/{modelId}/invoke", handler.BedrockInvokeAsync);

            // For out-of-process use: the request log as JSON, and a way to clear it.
            app.MapGet("/_emulator/requests", (HttpContext context) => RequestLogJson.WriteAsync(context, log));
            app.MapDelete("/_emulator/requests", (HttpContext context) =>
            {
                log.Clear();
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            });
            app.MapFallback(handler.NotFoundAsync);
            return app;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
