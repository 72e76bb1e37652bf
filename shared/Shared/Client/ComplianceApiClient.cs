using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Shared.Client;

/// <summary>
/// The Compliance Connect API as typed calls: paths from <see cref="ApiRoutes"/>, JSON through the
/// source-generated <see cref="ContractsJsonContext"/> (no reflection, so WebAssembly stays
/// trimmable). Expected failures (4xx, 5xx, an unreachable API) are results, not exceptions.
/// </summary>
/// <param name="http">Sends the requests; its BaseAddress is the API's unless the options give one.</param>
/// <param name="options">Address, X-Client name and access token; none by default.</param>
public sealed class ComplianceApiClient(HttpClient http, ComplianceApiClientOptions? options = null)
{
    private static ContractsJsonContext Json => ContractsJsonContext.Default;

    /// <summary>The options this client sends with.</summary>
    public ComplianceApiClientOptions Options { get; } = options ?? new ComplianceApiClientOptions();

    /// <summary>The same client sending this bearer token (null: none) with every request.</summary>
    public ComplianceApiClient WithAccessToken(string? accessToken) =>
        new(http, Options with { AccessToken = _ => ValueTask.FromResult(accessToken) });

    // Auth

    /// <summary>Signs in; the token pair and the user on success, 401 for a wrong email or password.</summary>
    public Task<ApiResult<TokenResponse>> SignInAsync(SignInRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.SignIn, Json.TokenResponse, JsonContent.Create(request, Json.SignInRequest), ct);

    /// <summary>Rotates the refresh token; 401 when it is expired, revoked or already used.</summary>
    public Task<ApiResult<TokenResponse>> RefreshAsync(RefreshRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Refresh, Json.TokenResponse, JsonContent.Create(request, Json.RefreshRequest), ct);

    /// <summary>Revokes the session of this refresh token (204).</summary>
    public Task<ApiResult<NoContent>> SignOutAsync(SignOutRequest request, CancellationToken ct = default) =>
        SendAsync<NoContent>(HttpMethod.Post, ApiRoutes.SignOut, null, JsonContent.Create(request, Json.SignOutRequest), ct);

    /// <summary>The signed-in user.</summary>
    public Task<ApiResult<CurrentUserDto>> GetCurrentUserAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Me, Json.CurrentUserDto, null, ct);

    // Users (Admin only)

    /// <summary>The users of the caller's organization, by display name.</summary>
    public Task<ApiResult<List<UserDto>>> ListUsersAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Users, Json.ListUserDto, null, ct);

    /// <summary>Creates a user in the caller's organization (201; 409 for an email already in use).</summary>
    public Task<ApiResult<UserDto>> CreateUserAsync(CreateUserRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Users, Json.UserDto, JsonContent.Create(request, Json.CreateUserRequest), ct);

    // Contacts

    /// <summary>One page of contacts matching the query, with the total count (all contacts by name, first page, when null).</summary>
    public Task<ApiResult<ContactPage>> ListContactsAsync(ContactQuery? query = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Contacts + query?.ToQueryString(), Json.ContactPage, null, ct);

    /// <summary>How many contacts match <paramref name="filter"/> (the People page asks for it next to the first page's rows, which it asks without the total).</summary>
    public Task<ApiResult<ContactCount>> CountContactsAsync(ContactFilter filter, CancellationToken ct = default)
    {
        var query = new QueryString();
        ContactFilterQuery.AddTo(query, filter);
        return SendAsync(HttpMethod.Get, ApiRoutes.ContactCount + query, Json.ContactCount, null, ct);
    }

    /// <summary>
    /// Contacts whose name, email, company or title contains every word of <paramref name="text"/> (case and accents
    /// ignored); <paramref name="withTotal"/> false leaves the count of all matches out (<see cref="ContactQuery.WithTotal"/>).
    /// </summary>
    public Task<ApiResult<ContactPage>> SearchContactsAsync(string text, int? pageSize = null, bool withTotal = true, CancellationToken ct = default) =>
        ListContactsAsync(new ContactQuery { Filter = new ContactFilter { Search = text }, PageSize = pageSize, WithTotal = withTotal }, ct);

    /// <summary>The organization's contacts by legal basis and by source.</summary>
    public Task<ApiResult<ComplianceOverviewDto>> GetOverviewAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.ContactOverview, Json.ComplianceOverviewDto, null, ct);

    /// <summary>Sets the legal basis of the selected contacts in one atomic change; 409 when a filter now matches another count.</summary>
    public Task<ApiResult<BulkChangeResult>> BulkSetAuthorizationAsync(BulkAuthorizationRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.BulkAuthorization, Json.BulkChangeResult, JsonContent.Create(request, Json.BulkAuthorizationRequest), ct);

    /// <summary>Sets the source of the selected contacts in one atomic change; 409 when a filter now matches another count.</summary>
    public Task<ApiResult<BulkChangeResult>> BulkSetSourceAsync(BulkSourceRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.BulkSource, Json.BulkChangeResult, JsonContent.Create(request, Json.BulkSourceRequest), ct);

    /// <summary>Records by hand that the selected contacts asked not to be emailed; its count is those newly unsubscribed.</summary>
    public Task<ApiResult<BulkChangeResult>> BulkUnsubscribeAsync(BulkUnsubscribeRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.BulkUnsubscribe, Json.BulkChangeResult, JsonContent.Create(request, Json.BulkUnsubscribeRequest), ct);

    /// <summary>Contacts whose data was not collected from them, nearing one month without the privacy notice (GDPR Art. 14), oldest first.</summary>
    public Task<ApiResult<List<PrivacyNoticeDueDto>>> ListPrivacyNoticeDueAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.PrivacyNoticeDue, Json.ListPrivacyNoticeDueDto, null, ct);

    /// <summary>One contact; 404 when it is not the organization's.</summary>
    public Task<ApiResult<ContactDto>> GetContactAsync(Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Contact(id), Json.ContactDto, null, ct);

    /// <summary>Creates a contact by hand (201; 409 when the email or LinkedIn profile is already a contact).</summary>
    public Task<ApiResult<ContactDto>> CreateContactAsync(CreateContactRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Contacts, Json.ContactDto, JsonContent.Create(request, Json.CreateContactRequest), ct);

    /// <summary>Replaces a contact's personal data (409 for a stale version).</summary>
    public Task<ApiResult<ContactDto>> UpdateContactAsync(Guid id, UpdateContactRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiRoutes.Contact(id), Json.ContactDto, JsonContent.Create(request, Json.UpdateContactRequest), ct);

    /// <summary>The organization's contact with this email or LinkedIn profile (blank ones are not sent); 404 when there is none.</summary>
    public Task<ApiResult<ContactDto>> LookupContactAsync(string? email, string? linkedIn = null, CancellationToken ct = default)
    {
        var query = new QueryString();
        query.Add("email", email);
        query.Add("linkedIn", linkedIn);
        return SendAsync(HttpMethod.Get, ApiRoutes.ContactLookup + query, Json.ContactDto, null, ct);
    }

    /// <summary>Creates (201) or matches (200, unchanged) the contact captured from a page.</summary>
    public Task<ApiResult<CaptureResponse>> CaptureAsync(CaptureRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Capture, Json.CaptureResponse, JsonContent.Create(request, Json.CaptureRequest), ct);

    // Compliance card

    /// <summary>A contact's compliance card.</summary>
    public Task<ApiResult<ComplianceCardDto>> GetCardAsync(Guid contactId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Card(contactId), Json.ComplianceCardDto, null, ct);

    /// <summary>Replaces a contact's compliance card; 409 when <see cref="UpdateComplianceCardRequest.Version"/> is stale.</summary>
    public Task<ApiResult<ComplianceCardDto>> UpdateCardAsync(Guid contactId, UpdateComplianceCardRequest card, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiRoutes.Card(contactId), Json.ComplianceCardDto, JsonContent.Create(card, Json.UpdateComplianceCardRequest), ct);

    // Audit

    /// <summary>A contact's audit trail, oldest first.</summary>
    public Task<ApiResult<List<AuditEntryDto>>> GetContactAuditAsync(Guid contactId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.ContactAudit(contactId), Json.ListAuditEntryDto, null, ct);

    /// <summary>Re-computes the organization's audit chain (Admin only).</summary>
    public Task<ApiResult<AuditVerificationDto>> VerifyAuditAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.AuditVerify, Json.AuditVerificationDto, null, ct);

    // Subscription

    /// <summary>A contact's subscription status and its unsubscribe/resubscribe events, oldest first.</summary>
    public Task<ApiResult<SubscriptionDto>> GetSubscriptionAsync(Guid contactId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Subscription(contactId), Json.SubscriptionDto, null, ct);

    /// <summary>Records by hand that the contact asked not to be emailed.</summary>
    public Task<ApiResult<SubscriptionDto>> UnsubscribeAsync(Guid contactId, ManualUnsubscribeRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Unsubscribe(contactId), Json.SubscriptionDto, JsonContent.Create(request, Json.ManualUnsubscribeRequest), ct);

    /// <summary>Lifts the contact's unsubscribe (Admin only; 400 names missing evidence, 403 for a Rep).</summary>
    public Task<ApiResult<SubscriptionDto>> ResubscribeAsync(Guid contactId, ResubscribeRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.Resubscribe(contactId), Json.SubscriptionDto, JsonContent.Create(request, Json.ResubscribeRequest), ct);

    // Export, erasure, import, retention

    /// <summary>One contact as CSV (the 16 export columns, UTF-8 with a BOM); audited as an export.</summary>
    public Task<ApiResult<DownloadedFile>> ExportContactCsvAsync(Guid contactId, CancellationToken ct = default) =>
        DownloadAsync(HttpMethod.Get, ApiRoutes.ContactExportCsv(contactId), null, ct);

    /// <summary>The chosen contacts as one CSV, streamed; audited as one export.</summary>
    public Task<ApiResult<DownloadedFile>> ExportContactsCsvAsync(IReadOnlyList<Guid> contactIds, CancellationToken ct = default) =>
        DownloadAsync(HttpMethod.Post, ApiRoutes.ContactsExport, JsonContent.Create(new ContactIdsRequest(contactIds), Json.ContactIdsRequest), ct);

    /// <summary>Every contact matching the People list's filter as one CSV, streamed; audited as one export.</summary>
    public Task<ApiResult<DownloadedFile>> ExportMatchingCsvAsync(ContactFilter filter, CancellationToken ct = default) =>
        DownloadAsync(HttpMethod.Post, ApiRoutes.ContactsExportMatching, JsonContent.Create(new ExportMatchingRequest(filter), Json.ExportMatchingRequest), ct);

    /// <summary>A contact's data-subject copy (GDPR Art. 15/20); audited as an export.</summary>
    public Task<ApiResult<DataSubjectCopyDto>> GetDataSubjectCopyAsync(Guid contactId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.DataSubjectCopy(contactId), Json.DataSubjectCopyDto, null, ct);

    /// <summary>Erases one contact (204; 404 when it is not the organization's).</summary>
    public Task<ApiResult<NoContent>> EraseContactAsync(Guid contactId, CancellationToken ct = default) =>
        SendAsync<NoContent>(HttpMethod.Delete, ApiRoutes.Contact(contactId), null, null, ct);

    /// <summary>Erases the chosen contacts in one unit of work.</summary>
    public Task<ApiResult<ErasureResult>> EraseContactsAsync(IReadOnlyList<Guid> contactIds, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.ContactsErase, Json.ErasureResult, JsonContent.Create(new ContactIdsRequest(contactIds), Json.ContactIdsRequest), ct);

    /// <summary>How many entries the suppression list holds (Admin only).</summary>
    public Task<ApiResult<SuppressionCountDto>> GetSuppressionCountAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.SuppressionCount, Json.SuppressionCountDto, null, ct);

    /// <summary>
    /// Uploads a CSV to import (202 with the queued job; 400 <c>import_file_invalid</c> for a file it cannot read,
    /// 413 over the size limit). The stream is sent as it is read.
    /// </summary>
    public Task<ApiResult<ImportJobDto>> StartImportAsync(Stream csv, string? fileName, bool updateExisting, CancellationToken ct = default)
    {
        var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        var query = new QueryString();
        query.Add("updateExisting", updateExisting ? "true" : "false");
        query.Add("fileName", fileName);
        return SendAsync(HttpMethod.Post, ApiRoutes.Imports + query, Json.ImportJobDto, content, ct);
    }

    /// <summary>The organization's latest import jobs, newest first, without their reports.</summary>
    public Task<ApiResult<List<ImportJobDto>>> ListImportsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Imports, Json.ListImportJobDto, null, ct);

    /// <summary>An import job's progress and report.</summary>
    public Task<ApiResult<ImportJobDto>> GetImportAsync(Guid jobId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.Import(jobId), Json.ImportJobDto, null, ct);

    /// <summary>The organization's phone region: the country national numbers are read in.</summary>
    public Task<ApiResult<PhoneRegionSettingsDto>> GetPhoneRegionAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.PhoneRegionSettings, Json.PhoneRegionSettingsDto, null, ct);

    /// <summary>Sets the organization's phone region (Admin only).</summary>
    public Task<ApiResult<PhoneRegionSettingsDto>> SetPhoneRegionAsync(PhoneRegionSettingsDto settings, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiRoutes.PhoneRegionSettings, Json.PhoneRegionSettingsDto, JsonContent.Create(settings, Json.PhoneRegionSettingsDto), ct);

    /// <summary>The organization's retention period.</summary>
    public Task<ApiResult<RetentionSettingsDto>> GetRetentionAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.RetentionSettings, Json.RetentionSettingsDto, null, ct);

    /// <summary>Sets the organization's retention period (Admin only; null days turns the review off).</summary>
    public Task<ApiResult<RetentionSettingsDto>> SetRetentionAsync(RetentionSettingsDto settings, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiRoutes.RetentionSettings, Json.RetentionSettingsDto, JsonContent.Create(settings, Json.RetentionSettingsDto), ct);

    /// <summary>One page of the contacts due for retention review, longest inactive first; its total is how many are due.</summary>
    public Task<ApiResult<PagedResult<RetentionDueDto>>> ListRetentionDueAsync(int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var query = new QueryString();
        query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        query.Add("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return SendAsync(HttpMethod.Get, ApiRoutes.RetentionDue + query, Json.PagedResultRetentionDueDto, null, ct);
    }

    /// <summary>Keeps a contact due for review, with an audited reason (204).</summary>
    public Task<ApiResult<NoContent>> KeepContactAsync(Guid contactId, RetentionKeepRequest request, CancellationToken ct = default) =>
        SendAsync<NoContent>(HttpMethod.Post, ApiRoutes.RetentionKeep(contactId), null, JsonContent.Create(request, Json.RetentionKeepRequest), ct);
    // Salesforce (Admin only)

    /// <summary>The organization's Salesforce connection, its last run and its pending pushes (secrets never).</summary>
    public Task<ApiResult<SalesforceConnectionDto>> GetSalesforceAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiRoutes.SalesforceSettings, Json.SalesforceConnectionDto, null, ct);

    /// <summary>Connects or changes the Salesforce connection; secrets left out keep the stored ones.</summary>
    public Task<ApiResult<SalesforceConnectionDto>> PutSalesforceAsync(SalesforceConnectionRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiRoutes.SalesforceSettings, Json.SalesforceConnectionDto, JsonContent.Create(request, Json.SalesforceConnectionRequest), ct);

    /// <summary>Disconnects Salesforce (204): the stored credentials and pending pushes go.</summary>
    public Task<ApiResult<NoContent>> DeleteSalesforceAsync(CancellationToken ct = default) =>
        SendAsync<NoContent>(HttpMethod.Delete, ApiRoutes.SalesforceSettings, null, null, ct);

    /// <summary>Signs in to Salesforce with the stored credentials and runs one query.</summary>
    public Task<ApiResult<SalesforceTestResultDto>> TestSalesforceAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.SalesforceTest, Json.SalesforceTestResultDto, null, ct);

    /// <summary>Asks for a sync run now (202); the connection shows it as requested until a run takes it.</summary>
    public Task<ApiResult<SalesforceConnectionDto>> RequestSalesforceRunAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiRoutes.SalesforceRuns, Json.SalesforceConnectionDto, null, ct);

    // Health

    /// <summary>Whether the API process answers (its liveness check).</summary>
    public Task<ApiResult<NoContent>> CheckLiveAsync(CancellationToken ct = default) =>
        SendAsync<NoContent>(HttpMethod.Get, ApiRoutes.HealthLive, null, null, ct);

    /// <summary>
    /// One request to a path of the API, for routes without a typed method. A success body is read
    /// with <paramref name="responseType"/> (none when null or empty); a failure's body as a problem document.
    /// </summary>
    public async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string pathAndQuery, JsonTypeInfo<T>? responseType, HttpContent? content = null, CancellationToken ct = default) =>
        await SendCoreAsync(method, pathAndQuery, content, (body, _) => responseType is null || body.Length == 0 ? default : JsonSerializer.Deserialize(body, responseType), ct);

    /// <summary>A request whose success body is a file (an export): its bytes, media type and file name.</summary>
    public Task<ApiResult<DownloadedFile>> DownloadAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null, CancellationToken ct = default) =>
        SendCoreAsync(method, pathAndQuery, content, (body, response) => new DownloadedFile(
            body,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')), ct);

    private async Task<ApiResult<T>> SendCoreAsync<T>(
        HttpMethod method, string pathAndQuery, HttpContent? content, Func<byte[], HttpResponseMessage, T?> read, CancellationToken ct)
    {
        var address = Options.BaseAddress ?? http.BaseAddress
            ?? throw new InvalidOperationException($"Give the API's address as HttpClient.BaseAddress or {nameof(ComplianceApiClientOptions)}.{nameof(ComplianceApiClientOptions.BaseAddress)}.");
        var root = address.GetLeftPart(UriPartial.Path).TrimEnd('/');
        using var request = new HttpRequestMessage(method, new Uri(root + pathAndQuery)) { Content = content };
        if (Options.ClientName is { } clientName)
        {
            request.Headers.Add("X-Client", clientName);
        }

        if (Options.AccessToken is not null && await Options.AccessToken(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            return new(default, 0, null, root);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout: as unreachable as a refused connection.
            return new(default, 0, null, root);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return new(read(body, response), status, null, null);
            }

            return new(default, status, ReadProblem(body), null);
        }
    }

    private static ProblemDocument? ReadProblem(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, Json.ProblemDocument);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page, say: the status still tells what happened.
            return null;
        }
    }
}

/// <summary>A file the API answered with.</summary>
/// <param name="Content">Its bytes, as sent (a CSV export starts with the UTF-8 byte order mark).</param>
/// <param name="MediaType">Its media type, e.g. <c>text/csv</c>.</param>
/// <param name="FileName">The file name the API suggested (Content-Disposition).</param>
public sealed record DownloadedFile(byte[] Content, string? MediaType, string? FileName);
