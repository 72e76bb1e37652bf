using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using static ComplianceConnect.Api.Tests.Infrastructure.ContactApi;

namespace ComplianceConnect.Api.Tests;

/// <summary>The wire format the clients translate: <c>codes</c> beside <c>errors</c>, and <c>code</c> on a problem of the whole request.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemCodeTests(ApiFactory factory)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Strings(JsonElement problem, string member, string field) =>
        [.. problem.GetProperty(member).GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task A_refused_consent_save_carries_a_code_per_message_in_the_same_order()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var card = (await client.CreateContactAsync()).Card;
        var future = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime.AddDays(30));

        var problem = await ProblemAsync(await client.PutCardAsync(card.ContactId, Edit(card, AuthorizationType.Consent, future, null, "not allowed")), HttpStatusCode.BadRequest);

        Assert.Equal(["consent_date_in_future"], Strings(problem, "codes", "consentDate"));
        Assert.Equal(["consent_purpose_required"], Strings(problem, "codes", "consentPurpose"));
        Assert.Equal(["only_with_other"], Strings(problem, "codes", "authorizationDescription"));
        Assert.Equal(
            problem.GetProperty("errors").EnumerateObject().Select(p => (p.Name, p.Value.GetArrayLength())),
            problem.GetProperty("codes").EnumerateObject().Select(p => (p.Name, p.Value.GetArrayLength())));
        Assert.StartsWith("Must not be in the future", Strings(problem, "errors", "consentDate")[0]);
    }

    [Fact]
    public async Task The_group_filter_refuses_a_contact_without_identity_with_its_code()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/contacts", new CreateContactRequest { Company = "Acme" }, Json.Options), HttpStatusCode.BadRequest);

        Assert.Equal(["contact_needs_identity"], Strings(problem, "codes", "firstName"));
    }

    [Fact]
    public async Task A_wrong_password_answers_401_with_code_sign_in_failed()
    {
        var tenant = await factory.CreateTenantAsync();

        var problem = await ProblemAsync(
            await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(tenant.Rep.Email, "not the password"), Json.Options),
            HttpStatusCode.Unauthorized);

        Assert.Equal("sign_in_failed", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_refresh_token_answers_401_with_code_session_ended()
    {
        var problem = await ProblemAsync(
            await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new RefreshRequest("no-such-token"), Json.Options),
            HttpStatusCode.Unauthorized);

        Assert.Equal("session_ended", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_stale_card_answers_409_with_code_stale_card()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var card = (await client.CreateContactAsync()).Card;
        (await client.PutCardAsync(card.ContactId, Edit(card, AuthorizationType.LegitimateInterest))).EnsureSuccessStatusCode();

        var problem = await ProblemAsync(await client.PutCardAsync(card.ContactId, Edit(card, AuthorizationType.PerformanceOfContract)), HttpStatusCode.Conflict);

        Assert.Equal("stale_card", problem.GetProperty("code").GetString());
        Assert.Equal(["stale_card"], Strings(problem, "codes", "version"));
    }

    [Fact]
    public async Task A_second_contact_with_the_same_email_answers_409_with_code_duplicate_contact()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var email = $"{Guid.NewGuid():N}@example.com";
        await client.CreateContactAsync(email: email);

        var problem = await ProblemAsync(
            await client.PostAsJsonAsync("/api/contacts", new CreateContactRequest { FirstName = "Again", Email = email }, Json.Options),
            HttpStatusCode.Conflict);

        Assert.Equal("duplicate_contact", problem.GetProperty("code").GetString());
    }
}

public sealed class RateLimitCodeTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_throttled_sign_in_carries_code_rate_limited()
    {
        var client = factory.CreateClient();
        HttpResponseMessage response;
        var attempts = 0;
        do
        {
            response = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("flood-code@example.com", "guess"), Json.Options);
        }
        while (response.StatusCode != HttpStatusCode.TooManyRequests && ++attempts < 10);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, body);
        Assert.Equal("rate_limited", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
