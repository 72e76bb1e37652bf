using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests.Infrastructure;

/// <summary>Small HTTP helpers the contact-related tests share.</summary>
public static class ContactApi
{
    public static async Task<ContactDto> CreateContactAsync(this HttpClient client, string firstName = "Jane", string? email = null) =>
        await (await client.PostAsJsonAsync("/api/contacts",
                new CreateContactRequest { FirstName = firstName, LastName = "Doe", Email = email ?? $"{Guid.NewGuid():N}@example.com", Company = "Acme" },
                Json.Options))
            .ReadAsync<ContactDto>(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> PutCardAsync(this HttpClient client, Guid contactId, UpdateComplianceCardRequest card) =>
        client.PutAsJsonAsync($"/api/contacts/{contactId}/card", card, Json.Options);

    public static async Task<ComplianceCardDto> GetCardAsync(this HttpClient client, Guid contactId) =>
        await (await client.GetAsync($"/api/contacts/{contactId}/card")).ReadAsync<ComplianceCardDto>();

    public static async Task<List<AuditEntryDto>> GetAuditAsync(this HttpClient client, Guid contactId) =>
        await (await client.GetAsync($"/api/contacts/{contactId}/audit")).ReadAsync<List<AuditEntryDto>>();

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
