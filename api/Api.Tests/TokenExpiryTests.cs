using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests;

/// <summary>A host of its own whose clock the tests move, so the shared host's tokens stay valid.</summary>
public sealed class TimeTravelApiFactory : ApiFactory;

public sealed class TokenExpiryTests(TimeTravelApiFactory factory) : IClassFixture<TimeTravelApiFactory>
{
    [Fact]
    public async Task A_refresh_token_past_its_lifetime_is_refused()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);

        factory.Clock.Advance(TimeSpan.FromDays(15));

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(tokens.RefreshToken), Json.Options);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_access_token_past_its_lifetime_is_refused_and_refresh_issues_a_working_one()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();

        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var expired = await client.GetAsync("/api/auth/me");
        var renewed = await (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(tokens.RefreshToken), Json.Options)).ReadAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", renewed.AccessToken);

        await expired.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(tenant.Rep.Id, (await (await client.GetAsync("/api/auth/me")).ReadAsync<CurrentUserDto>()).Id);
    }
}
