using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AnthropicEmulator
{
    /// <summary>
    /// <c>dotnet run --project tests/AnthropicEmulator -- --urls http://127.0.0.1:5055</c>
    /// (options: <c>--Emulator:ApiKey=KEY</c>, <c>--Emulator:LegacyLeadingSpace=false</c>).
    /// Prints <c>AnthropicEmulator listening on URL</c> once it accepts requests.
    /// </summary>
    public static class Program
    {
        public static async Task Main(string[] args)
        {
            IConfiguration configuration = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables().Build();
            var options = new EmulatorOptions
            {
                ApiKey = configuration["Emulator:ApiKey"],
                LegacyLeadingSpace = !string.Equals(configuration["Emulator:LegacyLeadingSpace"], "false", StringComparison.OrdinalIgnoreCase),
            };

            WebApplication app = EmulatorServer.Build(args, options, inProcess: false);
            await app.StartAsync();
            string urls = string.Join(" ", app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray());
            Console.WriteLine("AnthropicEmulator listening on " + urls);
            await app.WaitForShutdownAsync();
        }
    }
}
