using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Extension.Services;

/// <summary>The API calls the extension makes on behalf of the signed-in user.</summary>
public sealed class ApiClient(ApiTransport api, AuthSession session)
{
    /// <summary>The popup's search: one short page.</summary>
    public const int SearchPageSize = 20;

    /// <summary>
    /// The popup's search: its first short page without the total, which the popup does not show. Counting is a pass
    /// over every contact of the organization the search matches (~60 ms at 100 000 contacts, whatever the page holds).
    /// </summary>
    public Task<ApiResult<ContactPage>> SearchContactsAsync(string query) =>
        SendAsync(client => client.SearchContactsAsync(query, SearchPageSize, withTotal: false));

    /// <summary>One page of the People list.</summary>
    public Task<ApiResult<ContactPage>> ListContactsAsync(ContactQuery query) =>
        SendAsync(client => client.ListContactsAsync(query));

    /// <summary>How many contacts the People list's filter matches.</summary>
    public Task<ApiResult<ContactCount>> CountContactsAsync(ContactFilter filter) =>
        SendAsync(client => client.CountContactsAsync(filter));

    public Task<ApiResult<ComplianceOverviewDto>> GetOverviewAsync() =>
        SendAsync(client => client.GetOverviewAsync());

    public Task<ApiResult<BulkChangeResult>> BulkSetAuthorizationAsync(BulkAuthorizationRequest request) =>
        SendAsync(client => client.BulkSetAuthorizationAsync(request));

    public Task<ApiResult<BulkChangeResult>> BulkSetSourceAsync(BulkSourceRequest request) =>
        SendAsync(client => client.BulkSetSourceAsync(request));

    public Task<ApiResult<ContactDto>> UpdateContactAsync(Guid id, UpdateContactRequest request) =>
        SendAsync(client => client.UpdateContactAsync(id, request));

    public Task<ApiResult<List<AuditEntryDto>>> GetAuditAsync(Guid contactId) =>
        SendAsync(client => client.GetContactAuditAsync(contactId));

    public Task<ApiResult<ContactDto>> GetContactAsync(Guid id) =>
        SendAsync(client => client.GetContactAsync(id));

    public Task<ApiResult<ComplianceCardDto>> GetCardAsync(Guid contactId) =>
        SendAsync(client => client.GetCardAsync(contactId));

    public Task<ApiResult<ComplianceCardDto>> UpdateCardAsync(Guid contactId, UpdateComplianceCardRequest card) =>
        SendAsync(client => client.UpdateCardAsync(contactId, card));

    /// <summary>The organization's contact with this email or LinkedIn profile (the API's matching rule); 404 when there is none.</summary>
    public Task<ApiResult<ContactDto>> LookupAsync(string? email, string? linkedIn) =>
        SendAsync(client => client.LookupContactAsync(email, linkedIn));

    public Task<ApiResult<CaptureResponse>> CaptureAsync(CaptureRequest request) =>
        SendAsync(client => client.CaptureAsync(request));

    // The Admin's Salesforce settings.

    public Task<ApiResult<SalesforceConnectionDto>> GetSalesforceAsync() => SendAsync(client => client.GetSalesforceAsync());

    public Task<ApiResult<SalesforceConnectionDto>> PutSalesforceAsync(SalesforceConnectionRequest request) => SendAsync(client => client.PutSalesforceAsync(request));

    public Task<ApiResult<SalesforceTestResultDto>> TestSalesforceAsync() => SendAsync(client => client.TestSalesforceAsync());

    public Task<ApiResult<SalesforceConnectionDto>> RequestSalesforceRunAsync() => SendAsync(client => client.RequestSalesforceRunAsync());

    /// <summary>One contact as CSV (the export columns), for the browser to save.</summary>
    public Task<ApiResult<DownloadedFile>> ExportContactCsvAsync(Guid contactId) =>
        SendAsync(client => client.ExportContactCsvAsync(contactId));

    /// <summary>Everything held about one person (GDPR Art. 15/20); recorded and audited by the API.</summary>
    public Task<ApiResult<DataSubjectCopyDto>> GetDataSubjectCopyAsync(Guid contactId) =>
        SendAsync(client => client.GetDataSubjectCopyAsync(contactId));

    /// <summary>Erases one contact for good (GDPR Art. 17).</summary>
    public Task<ApiResult<NoContent>> EraseContactAsync(Guid contactId) =>
        SendAsync(client => client.EraseContactAsync(contactId));

    public Task<ApiResult<SubscriptionDto>> GetSubscriptionAsync(Guid contactId) =>
        SendAsync(client => client.GetSubscriptionAsync(contactId));

    public Task<ApiResult<SubscriptionDto>> UnsubscribeAsync(Guid contactId, ManualUnsubscribeRequest request) =>
        SendAsync(client => client.UnsubscribeAsync(contactId, request));

    /// <summary>Admin only: lifts the unsubscribe on evidence of new consent.</summary>
    public Task<ApiResult<SubscriptionDto>> ResubscribeAsync(Guid contactId, ResubscribeRequest request) =>
        SendAsync(client => client.ResubscribeAsync(contactId, request));

    // The People page's compliance actions: bulk export, erasure and unsubscribe, import, retention review, privacy notices.

    public Task<ApiResult<BulkChangeResult>> BulkUnsubscribeAsync(BulkUnsubscribeRequest request) =>
        SendAsync(client => client.BulkUnsubscribeAsync(request));

    /// <summary>The selected contacts as one CSV.</summary>
    public Task<ApiResult<DownloadedFile>> ExportContactsCsvAsync(IReadOnlyList<Guid> ids) =>
        SendAsync(client => client.ExportContactsCsvAsync(ids));

    /// <summary>Every contact matching the list's filter as one CSV.</summary>
    public Task<ApiResult<DownloadedFile>> ExportMatchingCsvAsync(ContactFilter filter) =>
        SendAsync(client => client.ExportMatchingCsvAsync(filter));

    /// <summary>Erases the selected contacts for good (GDPR Art. 17), all or none.</summary>
    public Task<ApiResult<ErasureResult>> EraseContactsAsync(IReadOnlyList<Guid> ids) =>
        SendAsync(client => client.EraseContactsAsync(ids));

    /// <summary>Uploads a CSV; the bytes are read once, so a retry after a token refresh sends them again.</summary>
    public Task<ApiResult<ImportJobDto>> StartImportAsync(byte[] csv, string? fileName, bool updateExisting) =>
        SendAsync(client => client.StartImportAsync(new MemoryStream(csv, writable: false), fileName, updateExisting));

    public Task<ApiResult<List<ImportJobDto>>> ListImportsAsync() => SendAsync(client => client.ListImportsAsync());

    public Task<ApiResult<ImportJobDto>> GetImportAsync(Guid id) => SendAsync(client => client.GetImportAsync(id));

    /// <summary>How many erased people the suppression list keeps out (Admins only).</summary>
    public Task<ApiResult<SuppressionCountDto>> GetSuppressionCountAsync() => SendAsync(client => client.GetSuppressionCountAsync());

    public Task<ApiResult<PhoneRegionSettingsDto>> GetPhoneRegionAsync() => SendAsync(client => client.GetPhoneRegionAsync());

    public Task<ApiResult<PhoneRegionSettingsDto>> SetPhoneRegionAsync(PhoneRegionSettingsDto settings) => SendAsync(client => client.SetPhoneRegionAsync(settings));

    public Task<ApiResult<RetentionSettingsDto>> GetRetentionAsync() => SendAsync(client => client.GetRetentionAsync());

    public Task<ApiResult<RetentionSettingsDto>> SetRetentionAsync(RetentionSettingsDto settings) => SendAsync(client => client.SetRetentionAsync(settings));

    public Task<ApiResult<PagedResult<RetentionDueDto>>> ListRetentionDueAsync(int page, int pageSize) =>
        SendAsync(client => client.ListRetentionDueAsync(page, pageSize));

    public Task<ApiResult<NoContent>> KeepContactAsync(Guid id, RetentionKeepRequest request) => SendAsync(client => client.KeepContactAsync(id, request));

    public Task<ApiResult<List<PrivacyNoticeDueDto>>> ListPrivacyNoticeDueAsync() => SendAsync(client => client.ListPrivacyNoticeDueAsync());

    /// <summary>Sends with the current access token; on a 401 refreshes once and tries again.</summary>
    private async Task<ApiResult<T>> SendAsync<T>(Func<ComplianceApiClient, Task<ApiResult<T>>> call)
    {
        var token = await session.GetAccessTokenAsync();
        if (token is null)
        {
            return new(default, 401, new ProblemDocument { Status = 401, Title = "Signed out", Code = Shared.ValidationCodes.SessionEnded }, null);
        }

        var result = await call(await api.ClientAsync(token));
        if (result.Status == 401 && await session.GetAccessTokenAsync(forceRefresh: true) is { } fresh)
        {
            result = await call(await api.ClientAsync(fresh));
        }

        return result;
    }
}
