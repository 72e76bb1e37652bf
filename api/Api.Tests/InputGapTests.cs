using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using static ComplianceConnect.Api.Tests.Infrastructure.ContactApi;

namespace ComplianceConnect.Api.Tests;

/// <summary>Input that used to end as a 500, or to be accepted, and must be a 400 naming the field.</summary>
[Collection(ApiCollection.Name)]
public sealed class InputGapTests(ApiFactory factory)
{
    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Asserts a problem with this status whose <c>codes</c> give <paramref name="field"/> exactly <paramref name="code"/>.</summary>
    private static async Task AssertCodeAsync(HttpResponseMessage response, string field, string code, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {body}");
        Assert.True(problem.GetProperty("codes").TryGetProperty(field, out var codes), $"No codes for '{field}': {body}");
        Assert.Contains(code, codes.EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_nul_character_in_the_sign_in_email_is_a_400_naming_the_field()
    {
        var response = await factory.CreateClient().PostAsync("/api/auth/sign-in", JsonBody("""{"email":"a\u0000b@example.com","password":"x"}"""));

        await AssertCodeAsync(response, "email", "nul_character");
    }

    [Fact]
    public async Task A_nul_character_in_a_contact_field_is_a_400_naming_the_field()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        var response = await client.PostAsync("/api/contacts", JsonBody("""{"firstName":"Jane","company":"Ac\u0000me"}"""));

        await AssertCodeAsync(response, "company", "nul_character");
    }

    [Fact]
    public async Task A_nul_character_in_a_query_parameter_is_a_400_naming_the_parameter()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        await AssertCodeAsync(await client.GetAsync("/api/contacts?q=%00"), "q", "nul_character");
        await AssertCodeAsync(await client.GetAsync("/api/contacts/lookup?email=a%00@example.com"), "email", "nul_character");
    }

    [Fact]
    public async Task Consent_date_before_1970_is_refused()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var card = (await client.CreateContactAsync()).Card;

        var response = await client.PutCardAsync(card.ContactId, Edit(card, AuthorizationType.Consent, new DateOnly(1, 1, 1), "Newsletter"));

        await AssertCodeAsync(response, "consentDate", "consent_date_too_early");
        Assert.Null((await client.GetCardAsync(card.ContactId)).AuthorizationType);
    }

    [Fact]
    public async Task Consent_date_of_1970_01_01_is_accepted()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var card = (await client.CreateContactAsync()).Card;

        var saved = await (await client.PutCardAsync(card.ContactId, Edit(card, AuthorizationType.Consent, new DateOnly(1970, 1, 1), "Newsletter"))).ReadAsync<ComplianceCardDto>();

        Assert.Equal(new DateOnly(1970, 1, 1), saved.ConsentDate);
    }

    [Fact]
    public async Task A_sign_in_password_over_256_characters_is_refused()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("someone@example.com", new string('p', 257)), Json.Options);

        await AssertCodeAsync(response, "password", "too_long");
    }

    [Fact]
    public async Task A_new_users_password_over_256_characters_is_refused()
    {
        var admin = await (await factory.CreateTenantAsync()).AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new CreateUserRequest("new@example.com", "New User", new string('p', 257), UserRole.Rep), Json.Options);

        await AssertCodeAsync(response, "password", "too_long");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_413()
    {
        var huge = new string('p', 2 * 1024 * 1024);

        var response = await factory.CreateClient().PostAsync("/api/auth/sign-in", JsonBody($$"""{"email":"someone@example.com","password":"{{huge}}"}"""));

        await AssertCodeAsync(response, "body", "body_too_large", HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_duplicate_json_property_is_a_400_naming_the_field()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        var response = await client.PostAsync("/api/contacts", JsonBody("""{"firstName":"Jane","email":"a@example.com","email":"b@example.com"}"""));

        await AssertCodeAsync(response, "email", "duplicate_property");
    }

    [Fact]
    public async Task A_page_size_that_is_not_a_number_is_a_400_naming_pageSize()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        await AssertCodeAsync(await client.GetAsync("/api/contacts?pageSize=abc"), "pageSize", "invalid_value");
    }
}
