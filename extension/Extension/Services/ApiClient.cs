using System.Text.Json.Serialization.Metadata;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Extension.Services;

/// <summary>The API calls the extension makes on behalf of the signed-in user.</summary>
public sealed class ApiClient(ApiTransport api, AuthSession session)
{
    private static ContractsJsonContext Json => ContractsJsonContext.Default;

    public Task<ApiResult<PagedResult<ContactDto>>> SearchContactsAsync(string query) =>
        SendAsync(HttpMethod.Get, $"/api/contacts?pageSize=20&q={Uri.EscapeDataString(query)}", Json.PagedResultContactDto);

    public Task<ApiResult<ContactDto>> GetContactAsync(Guid id) =>
        SendAsync(HttpMethod.Get, $"/api/contacts/{id}", Json.ContactDto);

    public Task<ApiResult<ComplianceCardDto>> GetCardAsync(Guid contactId) =>
        SendAsync(HttpMethod.Get, $"/api/contacts/{contactId}/card", Json.ComplianceCardDto);

    public Task<ApiResult<ComplianceCardDto>> UpdateCardAsync(Guid contactId, UpdateComplianceCardRequest card) =>
        SendAsync(HttpMethod.Put, $"/api/contacts/{contactId}/card", Json.ComplianceCardDto, () => ApiTransport.Json(card, Json.UpdateComplianceCardRequest));

    /// <summary>The organization's contact with this email or LinkedIn profile (the API's matching rule); 404 when there is none.</summary>
    public Task<ApiResult<ContactDto>> LookupAsync(string? email, string? linkedIn)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(email))
        {
            query.Add("email=" + Uri.EscapeDataString(email));
        }

        if (!string.IsNullOrWhiteSpace(linkedIn))
        {
            query.Add("linkedIn=" + Uri.EscapeDataString(linkedIn));
        }

        return SendAsync(HttpMethod.Get, "/api/contacts/lookup?" + string.Join('&', query), Json.ContactDto);
    }

    public Task<ApiResult<CaptureResponse>> CaptureAsync(CaptureRequest request) =>
        SendAsync(HttpMethod.Post, "/api/contacts/capture", Json.CaptureResponse, () => ApiTransport.Json(request, Json.CaptureRequest));

    /// <summary>Sends with the current access token; on a 401 refreshes once and tries again.</summary>
    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> type, Func<HttpContent>? content = null)
    {
        var token = await session.GetAccessTokenAsync();
        if (token is null)
        {
            return new(default, 401, new ProblemDocument { Status = 401, Title = "Signed out" }, null);
        }

        var result = await api.SendAsync(method, path, type, token, content?.Invoke());
        if (result.Status == 401 && await session.GetAccessTokenAsync(forceRefresh: true) is { } fresh)
        {
            result = await api.SendAsync(method, path, type, fresh, content?.Invoke());
        }

        return result;
    }
}
