using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>Start-up work the run command asks for: migrations and a demo organization.</summary>
public static class DatabaseInitializer
{
    public const string DemoOrganizationSlug = "demo";
    public const string DemoAdminEmail = "admin@demo.example";
    public const string DemoRepEmail = "rep@demo.example";

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();

        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            await SeedDemoAsync(db, scope.ServiceProvider, app.Configuration, app.Logger);
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
