using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>Start-up work the run command asks for: migrations, the runtime role's grants and a demo organization.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// The one rule for what the API's own database role may do: the data rights on every table,
    /// sequence and function of the schema, now and (by default privileges) for every table a later
    /// migration adds. The role owns nothing and is subject to row-level security, so it can neither
    /// switch the audit triggers off nor leave its organization; the audit tables' append-only
    /// protection lives in their triggers, which hold whatever the grants say.
    /// </summary>
    public static string RuntimeGrants(string role)
    {
        var quoted = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return $"""
            GRANT USAGE ON SCHEMA public TO {quoted};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {quoted};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {quoted};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO {quoted};
            REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM {quoted};
            """;
    }

    public const string DemoOrganizationSlug = "demo";
    public const string DemoAdminEmail = "admin@demo.example";
    public const string DemoRepEmail = "rep@demo.example";

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            return;
        }

        var owner = app.Configuration.GetConnectionString("Migrations") is { Length: > 0 } migrations ? migrations : app.Configuration.GetConnectionString("Default")!;
        await MigrateAsync(owner, app.Configuration["Database:RuntimeRole"]);
        await Features.Contacts.ContactCanonicalization.RunAsync(app.Services, owner, app.Logger);

        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            // As the owner: row-level security would hide an existing demo organization from the API's role.
            await using var db = OwnerContext(owner);
            await SeedDemoAsync(db, app.Services, app.Configuration, app.Logger);
        }
    }

    private static AppDbContext OwnerContext(string ownerConnectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ownerConnectionString).UseSnakeCaseNamingConvention().Options, new TenantScope());

    /// <summary>
    /// Applies the migrations as the schema's owner and, when the API runs as a role of its own,
    /// grants that role what it needs and nothing more.
    /// </summary>
    public static async Task MigrateAsync(string ownerConnectionString, string? runtimeRole)
    {
        await using var db = OwnerContext(ownerConnectionString);
        await db.Database.MigrateAsync();
        if (!string.IsNullOrWhiteSpace(runtimeRole))
        {
            await db.Database.ExecuteSqlRawAsync(RuntimeGrants(runtimeRole));
        }
    }

    private static async Task SeedDemoAsync(AppDbContext db, IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        if (await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == DemoOrganizationSlug))
        {
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var organization = new Organization { Name = "Demo Organization", Slug = DemoOrganizationSlug, CreatedAt = clock.GetUtcNow() };
        db.Organizations.Add(organization);
        foreach (var (email, name, role, key) in new[]
        {
            (DemoAdminEmail, "Ada Admin", UserRole.Admin, "Demo:AdminPassword"),
            (DemoRepEmail, "Rex Rep", UserRole.Rep, "Demo:RepPassword"),
        })
        {
            var password = configuration[key];
            if (string.IsNullOrWhiteSpace(password))
            {
                throw new InvalidOperationException($"{key} must be set to seed the demo organization.");
            }

            var user = new User
            {
                OrganizationId = organization.Id,
                Email = email,
                EmailNormalized = email,
                DisplayName = name,
                Role = role,
                CreatedAt = clock.GetUtcNow(),
            };
            user.PasswordHash = hasher.HashPassword(user, password);
            db.Users.Add(user);
        }

        await db.SaveChangesAsync();
        logger.LogInformation("Created the demo organization with {Admin} (Admin) and {Rep} (Rep).", DemoAdminEmail, DemoRepEmail);
    }
}
