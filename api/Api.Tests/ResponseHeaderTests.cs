using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ResponseHeaderTests(ApiFactory factory)
{
    private static void AssertNotSniffedNorCached(HttpResponseMessage response)
    {
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri} must be Cache-Control: no-store");
    }

    [Fact]
    public async Task Token_responses_personal_data_and_problems_are_neither_sniffed_nor_cached()
    {
        var tenant = await factory.CreateTenantAsync();
        var anonymous = factory.CreateClient();
        var signIn = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(tenant.Rep.Email, ApiFactory.Password), Json.Options);
        var tokens = await signIn.ReadAsync<TokenResponse>();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        AssertNotSniffedNorCached(signIn);
        AssertNotSniffedNorCached(await client.GetAsync("/api/auth/me"));
        AssertNotSniffedNorCached(await anonymous.GetAsync("/api/contacts"));
        AssertNotSniffedNorCached(await anonymous.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(tenant.Rep.Email, "wrong"), Json.Options));
    }

    [Fact]
    public async Task A_refused_token_is_challenged_with_plain_bearer_and_no_reason()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt");

        var response = await client.GetAsync("/api/contacts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public void The_server_does_not_name_itself()
    {
        Assert.False(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }
}
