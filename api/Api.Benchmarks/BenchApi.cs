using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>
/// The real API (its own Program, middleware and settings) on Kestrel at 127.0.0.1 and a free port, as the
/// end-to-end tests run it, connected as the runtime role under row-level security. The benchmark's keys are
/// fixed: the database is made fresh for every run and holds only generated people.
/// </summary>
public sealed class BenchApi : WebApplicationFactory<Program>
{
    private readonly string runtimeConnectionString;

    public BenchApi(string runtimeConnectionString, string repositoryRoot)
    {
        this.runtimeConnectionString = runtimeConnectionString;

        // The API's content root (appsettings.json): the factory finds it by this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COMPLIANCECONNECT_API", Path.Combine(repositoryRoot, "api", "Api"));
    }

    public const string DigestKey = "benchmark-audit-digest-key-that-is-long-enough";
    public const string Password = "benchmark password, long enough";
    public const string ExtensionOrigin = "chrome-extension://ckocokhkmhlkiodbdfpcagnnnbhlihhj";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.UseEnvironment("Production");
        foreach (var (name, value) in Settings(runtimeConnectionString))
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        // #4 runs the list's own statements in psql: they are captured as the API sends them (only while asked to).
        builder.ConfigureServices(services => services.ConfigureDbContext<Infrastructure.AppDbContext>(o => o.AddInterceptors(CommandCapture.Instance)));
    }

    /// <summary>The API's settings for the benchmark, shared by this in-process host and <see cref="ApiProcess"/>.</summary>
    public static IEnumerable<(string Name, string Value)> Settings(string runtimeConnectionString) =>
    [
        ("ConnectionStrings:Default", runtimeConnectionString),
        ("Jwt:SigningKey", "benchmark-signing-key-that-is-long-enough-for-hmac-sha256"),
        ("Audit:DigestKey", DigestKey),
        ("Audit:CheckpointKey", "benchmark-audit-checkpoint-key-that-is-long-enough"),
        ("Email:UnsubscribeKey", "benchmark-unsubscribe-link-key-that-is-long-enough"),
        ("Email:PublicBaseUrl", "http://127.0.0.1"),
        ("Email:PickupDirectory", Path.Combine(Path.GetTempPath(), "cc-bench-mail")),
        ("Email:RunOutbox", "false"),
        ("Cors:AllowedOrigins:0", ExtensionOrigin),
        ("Database:MigrateOnStartup", "false"), // done once, by the owner, before the host starts
        ("RateLimiting:SignInPermitLimit", "100000"),
        // A bulk statement over 100 000 contacts runs longer than a request's statement would.
        ("Database:CommandTimeoutSeconds", "600"),
    ];

    public string Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().TrimEnd('/');
        }
    }

    /// <summary>Route patterns the API maps: a module whose endpoint is not among them reports so.</summary>
    public IReadOnlyList<string> Routes() =>
        Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText?.TrimStart('/'))
            .Distinct()
            .ToList();
}
