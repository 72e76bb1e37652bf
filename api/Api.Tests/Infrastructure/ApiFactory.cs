using System.Net.Http.Headers;
using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>
/// The real API over HTTP on a real PostgreSQL database. Tests never reset data: each one makes
/// its own organization, and the tenant boundary keeps them apart.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hmac-sha256";
    public const string Issuer = "compliance-connect";
    public const string Audience = "compliance-connect-api";
    public const string Password = "correct horse battery staple";
    public const string DigestKey = "test-audit-digest-key-that-is-long-enough";

    /// <summary>A clock the tests can move; starts at the real time so tokens look normal.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected virtual int SignInPermitLimit => 100_000;

    /// <summary>The schema owner's connection to this host's database, for tests that act behind the API's back.</summary>
    public string OwnerConnectionString => TestDatabase.ConnectionString(DatabaseName);

    /// <summary>Each test project has a database of its own, so their runs never meet.</summary>
    protected virtual string DatabaseName => "cc_api_tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", TestDatabase.RuntimeConnectionString(DatabaseName));
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Jwt:Issuer", Issuer);
        builder.UseSetting("Jwt:Audience", Audience);
        builder.UseSetting("Audit:DigestKey", DigestKey);
        builder.UseSetting("Audit:CheckpointKey", "test-audit-checkpoint-key-that-is-long-enough");
        builder.UseSetting("Email:UnsubscribeKey", "test-unsubscribe-link-key-that-is-long-enough");
        builder.UseSetting("Email:PublicBaseUrl", "http://localhost");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(Path.GetTempPath(), "cc-test-mail"));
        builder.UseSetting("Email:RunOutbox", "false"); // only the email tests' host sends, so no other host takes their messages
        builder.UseSetting("Salesforce:RunSync", "false"); // only the Salesforce tests' hosts sync, so no other host takes their runs
        builder.UseSetting("Cors:AllowedOrigins:0", ExtensionOrigin);
        builder.UseSetting("Cors:AllowedOrigins:1", WebAppOrigin);
        builder.UseSetting("Database:MigrateOnStartup", "false"); // done once per database, in CreateHost
        builder.UseSetting("RateLimiting:SignInPermitLimit", SignInPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        ConfigureMore(builder);
    }

    /// <summary>Settings a specialised host adds on top of the ones above.</summary>
    protected virtual void ConfigureMore(IWebHostBuilder builder)
    {
    }

    /// <summary>False for a host that is to migrate its database itself, at start-up, as the run command's API does.</summary>
    protected virtual bool MigrateBeforeStart => true;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> Prepared = new();

    /// <summary>
    /// Several hosts of one test run share a database (the rate-limit and clock tests have their own):
    /// the runtime role is made and the database migrated (with the product's grants) once, before any
    /// host starts, so their migrations do not race.
    /// </summary>
    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        var key = MigrateBeforeStart ? DatabaseName : "nothing to prepare";
        Prepared.GetOrAdd(key, _ => new Lazy<Task>(PrepareAsync)).Value.GetAwaiter().GetResult();
        return base.CreateHost(builder);
    }

    private async Task PrepareAsync()
    {
        if (MigrateBeforeStart)
        {
            await DatabaseInitializer.MigrateAsync(TestDatabase.ConnectionString(DatabaseName), TestDatabase.RuntimeRole);
        }
    }

    public Task InitializeAsync()
    {
        _ = Server; // start the host (and migrate) once, before the first test
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Creates a fresh organization with one Admin and one Rep, straight in the database.</summary>
    public async Task<TestTenant> CreateTenantAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var organization = new Organization { Name = $"Org {suffix}", Slug = $"org-{suffix}", CreatedAt = Clock.GetUtcNow() };

        // As the API's own role, inside the new organization's scope: row-level security admits nothing else.
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
            .BeginAsync(new WorkContext(organization.Id, Actor.System("test setup"), Channels.Api));
        db.Organizations.Add(organization);
        User Make(string email, string name, UserRole role)
        {
            var user = new User
            {
                OrganizationId = organization.Id,
                Email = email,
                EmailNormalized = email,
                DisplayName = name,
                Role = role,
                CreatedAt = Clock.GetUtcNow(),
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
            return user;
        }

        var admin = Make($"admin-{suffix}@example.com", "Alice Admin", UserRole.Admin);
        var rep = Make($"rep-{suffix}@example.com", "Robert Rep", UserRole.Rep);
        await db.SaveChangesAsync();
        await work.CommitAsync();
        return new TestTenant(this, organization, admin, rep);
    }

    /// <summary>Signs in over HTTP and returns a client carrying the real access token.</summary>
    public Task<HttpClient> ClientForAsync(User user) => ClientForAsync(user.Email);

    /// <summary>The extension's origin, as the browser sends it: sessions signed in from it are recorded as channel "extension".</summary>
    public const string ExtensionOrigin = "chrome-extension://ckocokhkmhlkiodbdfpcagnnnbhlihhj";

    /// <summary>An allowed web origin that is not the extension: the main web app (channel "web-app").</summary>
    public const string WebAppOrigin = "https://app.compliance-connect.test";

    /// <summary>Signs in as <paramref name="email"/>, from a browser page at <paramref name="origin"/> when given.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string? origin = null)
    {
        var signIn = CreateClient();
        if (origin is not null)
        {
            signIn.DefaultRequestHeaders.Add("Origin", origin);
        }

        var tokens = (await signIn.Typed().SignInAsync(new SignInRequest(email, Password))).AssertValue();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    public async Task<TokenResponse> SignInAsync(string email, string password) =>
        (await CreateClient().Typed().SignInAsync(new SignInRequest(email, password))).AssertValue();
}

public sealed record TestTenant(ApiFactory Factory, Organization Organization, User Admin, User Rep)
{
    public Task<HttpClient> AdminClientAsync() => Factory.ClientForAsync(Admin);

    public Task<HttpClient> RepClientAsync() => Factory.ClientForAsync(Rep);
}

public static class Json
{
    public static System.Text.Json.JsonSerializerOptions Options => ContractsJsonContext.Default.Options;
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
