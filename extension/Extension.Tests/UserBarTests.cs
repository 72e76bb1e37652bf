using ComplianceConnect.Extension.Components;
using ComplianceConnect.Extension.Services;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceConnect.Extension.Tests;

/// <summary>The bar at the top of the popup and the People page: who is signed in, where, and as what.</summary>
public sealed class UserBarTests : BunitContext
{
    [Theory]
    [InlineData("en", UserRole.Rep, "Acme · Sales rep", "Sign out")]
    [InlineData("sv", UserRole.Rep, "Acme · Säljare", "Logga ut")]
    [InlineData("sv", UserRole.Admin, "Acme · Administratör", "Logga ut")]
    public async Task The_role_is_named_in_the_reps_language(string language, UserRole role, string organization, string signOut)
    {
        await this.AddSignedInExtensionAsync(language, services => services.AddSingleton<IChromeRuntime>(new NoRuntime()));
        var user = new CurrentUserDto(Guid.NewGuid(), "robert@example.com", "Robert Rep", role, Guid.NewGuid(), "Acme", "SE");

        var bar = Render<UserBar>(p => p.Add(b => b.User, user));

        Assert.Equal(organization, bar.Find("[data-testid=user-org]").TextContent);
        Assert.Equal(signOut, bar.Find("button.secondary").TextContent);
    }

    private sealed class NoRuntime : IChromeRuntime
    {
        public Task OpenOptionsPageAsync() => Task.CompletedTask;

        public Task OpenPeoplePageAsync(Guid? contactId = null) => Task.CompletedTask;
    }
}
