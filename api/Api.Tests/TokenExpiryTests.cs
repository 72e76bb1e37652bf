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

    [Fact]
    public async Task A_refresh_token_reused_after_the_grace_period_is_refused_and_ends_the_session()
    {
        var tenant = await factory.CreateTenantAsync();
        var first = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();
        var second = await (await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(first.RefreshToken), Json.Options)).ReadAsync<TokenResponse>();

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var reuse = await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(first.RefreshToken), Json.Options);
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized);

        // Reuse of a replaced token means it leaked: the legitimate holder's newer token dies too.
        var afterTheft = await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(second.RefreshToken), Json.Options);
        await afterTheft.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_pages_refreshing_with_the_same_token_at_once_both_stay_signed_in()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(tokens.RefreshToken), Json.Options)));
        var renewed = await Task.WhenAll(both.Select(r => r.ReadAsync<TokenResponse>()));

        // Each page carries on with its own new token.
        foreach (var page in renewed)
        {
            var next = await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(page.RefreshToken), Json.Options);
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }
    }

    [Fact]
    public async Task When_a_reused_refresh_token_ends_the_session_its_newer_access_token_is_refused_too()
    {
        var tenant = await factory.CreateTenantAsync();
        var first = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();
        var second = await (await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(first.RefreshToken), Json.Options)).ReadAsync<TokenResponse>();
        var holder = factory.CreateClient();
        holder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/api/auth/me")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(first.RefreshToken), Json.Options);

        await (await holder.GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_session_ended_behind_this_instances_back_refuses_its_access_token_after_the_check_interval()
    {
        var tenant = await factory.CreateTenantAsync();
        var tokens = await factory.SignInAsync(tenant.Rep.Email, ApiFactory.Password);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        // As another API instance would: straight in the database, unseen by this one's cache.
        await using (var owner = new Npgsql.NpgsqlConnection(factory.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var revoke = new Npgsql.NpgsqlCommand("UPDATE refresh_tokens SET revoked_at = now() WHERE organization_id = $1 AND family_id = $2", owner)
            {
                Parameters = { new() { Value = tenant.Organization.Id }, new() { Value = Guid.Parse(AuthTests.SessionOf(tokens)) } },
            };
            await revoke.ExecuteNonQueryAsync();
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(new Features.Auth.JwtOptions().SessionCheckSeconds + 1));

        await (await client.GetAsync("/api/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
