using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>Small HTTP helpers the contact-related tests share, over the shared typed client.</summary>
public static class ContactApi
{
    /// <summary>The typed client over this HttpClient (its base address and default Authorization header).</summary>
    public static ComplianceApiClient Typed(this HttpClient client) => new(client);

    public static async Task<ContactDto> CreateContactAsync(this HttpClient client, string firstName = "Jane", string? email = null) =>
        (await client.Typed().CreateContactAsync(
            new CreateContactRequest { FirstName = firstName, LastName = "Doe", Email = email ?? $"{Guid.NewGuid():N}@example.com", Company = "Acme" }))
            .AssertValue(HttpStatusCode.Created);

    /// <summary>The raw response, for tests that look at a failed edit's status, media type and problem document.</summary>
    public static Task<HttpResponseMessage> PutCardAsync(this HttpClient client, Guid contactId, UpdateComplianceCardRequest card) =>
        client.PutAsJsonAsync(ApiRoutes.Card(contactId), card, Json.Options);

    public static async Task<ComplianceCardDto> GetCardAsync(this HttpClient client, Guid contactId) =>
        (await client.Typed().GetCardAsync(contactId)).AssertValue();

    public static async Task<List<AuditEntryDto>> GetAuditAsync(this HttpClient client, Guid contactId) =>
        (await client.Typed().GetContactAuditAsync(contactId)).AssertValue();

    /// <summary>The contact with this email; fails the test when there is none.</summary>
    public static async Task<ContactDto> LookupAsync(this HttpClient client, string email) =>
        (await client.Typed().LookupContactAsync(email)).AssertValue();

    /// <summary>The first page of contacts whose name, email or company contains <paramref name="text"/>.</summary>
    public static async Task<ContactPage> SearchAsync(this HttpClient client, string text) =>
        (await client.Typed().SearchContactsAsync(text)).AssertValue();

    /// <summary>A valid card edit of <paramref name="current"/> with the given legal basis.</summary>
    public static UpdateComplianceCardRequest Edit(
        ComplianceCardDto current,
        AuthorizationType? type,
        DateOnly? consentDate = null,
        string? consentPurpose = null,
        string? authorizationDescription = null,
        SourceType? source = null,
        string? sourceDescription = null) =>
        new(type, authorizationDescription, consentDate, consentPurpose, source ?? current.SourceType, sourceDescription, current.Version);
}
