using System.Text.Json.Serialization.Metadata;
using ComplianceConnect.Shared.Client;

namespace ComplianceConnect.Extension.Services;

/// <summary>The shared API client, pointed at the address from the Options page and named "extension" for the audit trail.</summary>
public sealed class ApiTransport(HttpClient http, SettingsStore settings)
{
    /// <summary>The X-Client value: the audit trail records the extension as the channel.</summary>
    public const string ClientName = "extension";

    /// <summary>A client for the current API address (it can change on the Options page), sending this token if given.</summary>
    public async Task<ComplianceApiClient> ClientAsync(string? accessToken = null)
    {
        var address = (await settings.GetAsync()).ApiAddress;
        return new ComplianceApiClient(http, new ComplianceApiClientOptions { BaseAddress = new Uri(address), ClientName = ClientName })
            .WithAccessToken(accessToken);
    }

    /// <summary>One request to a path without a typed method in <see cref="ComplianceApiClient"/>.</summary>
    public async Task<ApiResult<TResponse>> SendAsync<TResponse>(
        HttpMethod method, string path, JsonTypeInfo<TResponse>? responseType, string? accessToken = null, HttpContent? content = null) =>
        await (await ClientAsync(accessToken)).SendAsync(method, path, responseType, content);
}

/// <summary>The extension's wording of an API result; <see cref="Text"/> lives only here.</summary>
public static class ApiResultText
{
    /// <summary>One sentence for the person using the extension.</summary>
    public static string Describe<T>(this ApiResult<T> result, Text text) =>
        result.NetworkError is not null ? text.Format("Error.Network", result.NetworkError)
        : result.Problem?.Detail ?? result.Problem?.Title ?? text.Format("Error.Unexpected", result.Status);
}
