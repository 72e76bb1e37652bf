using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace ComplianceConnect.E2E.Tests.Infrastructure;

/// <summary>Serves the test's own fixture pages from 127.0.0.1, as ordinary web pages for the extension to read.</summary>
public sealed class FixtureSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FixtureSite(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public string Url(string page) => $"{Address}/{page}";

    public static async Task<FixtureSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Fixtures")),
            RequestPath = PathString.Empty,
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FixtureSite(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
