using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Hosting;

namespace ComplianceConnect.Api.Tests;

/// <summary>The API as the run command starts it: it migrates an empty database and seeds the demo organization.</summary>
public sealed class RunCommandApiFactory : ApiFactory
{
    public const string AdminPassword = "demo admin password";
    public const string RepPassword = "demo rep password";

    protected override string DatabaseName => "cc_api_startup_tests";

    protected override bool MigrateBeforeStart => false;

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Migrations", TestDatabase.ConnectionString(DatabaseName));
        builder.UseSetting("Database:RuntimeRole", TestDatabase.RuntimeRole);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:AdminPassword", AdminPassword);
        builder.UseSetting("Demo:RepPassword", RepPassword);
    }
}

public sealed class StartupTests(RunCommandApiFactory factory) : IClassFixture<RunCommandApiFactory>
{
    [Fact]
    public async Task Start_up_migrates_and_creates_a_demo_admin_and_rep_who_can_sign_in()
    {
        var admin = await factory.SignInAsync(DatabaseInitializer.DemoAdminEmail, RunCommandApiFactory.AdminPassword);
        var rep = await factory.SignInAsync(DatabaseInitializer.DemoRepEmail, RunCommandApiFactory.RepPassword);

        Assert.Equal((UserRole.Admin, "Demo Organization"), (admin.User.Role, admin.User.OrganizationName));
        Assert.Equal((UserRole.Rep, admin.User.OrganizationId), (rep.User.Role, rep.User.OrganizationId));
    }
}
