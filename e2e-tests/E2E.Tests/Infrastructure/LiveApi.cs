using System.Net;
using ComplianceConnect.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.E2E.Tests.Infrastructure;

/// <summary>The real API on Kestrel at 127.0.0.1 and a free port, on its own PostgreSQL database.</summary>
public sealed class LiveApi : ApiFactory
{
    public LiveApi() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    protected override string DatabaseName => "cc_e2e_tests";

    /// <summary>The only host on its database, so it runs the Salesforce workers the settings page drives.</summary>
    protected override void ConfigureMore(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.UseSetting("Salesforce:RunSync", "true");

    public string Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().TrimEnd('/');
        }
    }
}
