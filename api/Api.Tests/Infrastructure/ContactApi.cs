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

    /// <summary>Uploads <paramref name="csv"/> as an import and waits until the job has finished.</summary>
    public static async Task<ImportJobDto> ImportCsvAsync(this HttpClient client, string csv, bool updateExisting, string fileName = "test.csv")
    {
        var started = (await client.Typed().StartImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), fileName, updateExisting))
            .AssertValue(HttpStatusCode.Accepted);
        return await client.WaitForImportAsync(started.Id);
    }

    /// <summary>Polls an import job until it has completed or failed (30 s at most).</summary>
    public static async Task<ImportJobDto> WaitForImportAsync(this HttpClient client, Guid id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var job = (await client.Typed().GetImportAsync(id)).AssertValue();
            if (job.Status is ImportStatus.Completed or ImportStatus.Failed)
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {id} did not finish in 30 s.");
    }
}
