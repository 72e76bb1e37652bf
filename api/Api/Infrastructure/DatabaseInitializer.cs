using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>Start-up work the run command asks for: migrations, the runtime role's grants and a demo organization.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// What the API's own database role may do. It owns nothing, so it can neither switch the audit
    /// triggers off nor alter tables; on the audit trail it may only add entries and erase their
    /// personal values (which the protect trigger still checks). The chain head is written by the
    /// SECURITY DEFINER chain trigger, never by the role itself.
    /// </summary>
    public static string RuntimeGrants(string role)
    {
        var quoted = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return $"""
            GRANT SELECT, INSERT, UPDATE, DELETE ON organizations, users, refresh_tokens, contacts TO {quoted};
            GRANT SELECT, INSERT ON audit_entries TO {quoted};
            GRANT UPDATE (changes) ON audit_entries TO {quoted};
            GRANT SELECT ON audit_chain_heads, "__EFMigrationsHistory" TO {quoted};
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

        await MigrateAsync(
            app.Configuration.GetConnectionString("Migrations") is { Length: > 0 } owner ? owner : app.Configuration.GetConnectionString("Default")!,
            app.Configuration["Database:RuntimeRole"]);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            await SeedDemoAsync(db, scope.ServiceProvider, app.Configuration, app.Logger);
        }
    }

    /// <summary>
    /// Applies the migrations as the schema's owner and, when the API runs as a role of its own,
    /// grants that role what it needs and nothing more.
    /// </summary>
    public static async Task MigrateAsync(string ownerConnectionString, string? runtimeRole)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ownerConnectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new AppDbContext(options, new CurrentUser(new HttpContextAccessor()));
        await db.Database.MigrateAsync();
        if (!string.IsNullOrWhiteSpace(runtimeRole))
        {
            await db.Database.ExecuteSqlRawAsync(RuntimeGrants(runtimeRole));
        }
    }

    private static async Task SeedDemoAsync(AppDbContext db, IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        if (await db.Organizations.AnyAsync(o => o.Slug == DemoOrganizationSlug))
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
