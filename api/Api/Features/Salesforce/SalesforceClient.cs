using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace ComplianceConnect.Api.Features.Salesforce;

/// <summary>Where and how to sign in to one organization's Salesforce, with its secrets unprotected for the call.</summary>
public sealed record SalesforceCredentials(Guid OrganizationId, string InstanceUrl, SalesforceAuthKind AuthKind, string ClientId, string? ClientSecret, string? RefreshToken);

/// <summary>A Contact or Lead as the pull reads it.</summary>
public sealed record SalesforceRecord(
    string Id, string? FirstName, string? LastName, string? Email, string? Phone, string? Title, string? Company,
    bool HasOptedOutOfEmail, DateTimeOffset SystemModstamp);

public sealed record SalesforceQueryPage(IReadOnlyList<SalesforceRecord> Records, string? NextRecordsUrl);

/// <summary>The outcome of one record of a composite update.</summary>
public sealed record SalesforceSaveResult(string Id, bool Success, string? ErrorCode, string? Message);

/// <summary>Salesforce refused or failed a call; <see cref="Code"/> is its errorCode (or ours: auth_failed, bad_response).</summary>
public sealed class SalesforceException(string code, string message, HttpStatusCode? status = null) : Exception(message)
{
    public string Code { get; } = code;
    public HttpStatusCode? Status { get; } = status;

    public bool IsAuthFailure => Code == AuthFailed;

    public const string AuthFailed = "auth_failed";
    public const string BadResponse = "bad_response";

    /// <summary>Salesforce's own errorCode when the organization's API request limit is used up.</summary>
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
}

/// <summary>What stopped a call to Salesforce, for a run's record and the connection test alike.</summary>
public static class SalesforceFailure
{
    /// <summary>A <see cref="Shared.ValidationCodes"/> value the admin's UI words in their language.</summary>
    public static string Code(Exception e) => e switch
    {
        SalesforceException { IsAuthFailure: true } => Shared.ValidationCodes.SalesforceAuthFailed,
        SalesforceException { Code: SalesforceException.RequestLimitExceeded } => Shared.ValidationCodes.SalesforceRequestLimit,
        System.Security.Cryptography.CryptographicException => Shared.ValidationCodes.SalesforceSecretUnreadable,
        Microsoft.EntityFrameworkCore.DbUpdateException => Shared.ValidationCodes.SalesforceRecordRefused,
        _ => Shared.ValidationCodes.SalesforceUnavailable,
    };

    /// <summary>What Salesforce or the server said, kept beside the code for whoever fixes it.</summary>
    public static string Detail(Exception e) => e switch
    {
        SalesforceException s => $"{s.Code}: {s.Message}",
        Microsoft.EntityFrameworkCore.DbUpdateException d => d.InnerException?.Message ?? d.Message,
        _ => e.Message,
    };
}

/// <summary>Access tokens per organization, shared by the pull, the push and the connection test of this instance.</summary>
public sealed class SalesforceTokens
{
    private readonly ConcurrentDictionary<(Guid, string, string), string> _tokens = new();

    public bool TryGet(SalesforceCredentials c, out string token) => _tokens.TryGetValue(Key(c), out token!);

    public void Set(SalesforceCredentials c, string token) => _tokens[Key(c)] = token;

    public void Forget(SalesforceCredentials c) => _tokens.TryRemove(Key(c), out _);

    public void ForgetOrganization(Guid organization)
    {
        foreach (var key in _tokens.Keys.Where(k => k.Item1 == organization))
        {
            _tokens.TryRemove(key, out _);
        }
    }

    private static (Guid, string, string) Key(SalesforceCredentials c) => (c.OrganizationId, c.InstanceUrl, c.ClientId);
}

/// <summary>
/// The Salesforce REST calls the sync needs: OAuth token, SOQL query with paging, and the
/// sObject Collections update. 429, 5xx and timeouts are retried with backoff by the HTTP
/// client's resilience pipeline; an expired session (401) gets a new token and one more try.
/// </summary>
public sealed class SalesforceClient(HttpClient http, SalesforceTokens tokens, IOptions<SalesforceOptions> options)
{
    private string DataPath => $"/services/data/{options.Value.ApiVersion}";

    public Task<SalesforceQueryPage> QueryAsync(SalesforceCredentials credentials, string soql, CancellationToken ct) =>
        ReadPageAsync(credentials, $"{DataPath}/query?q={Uri.EscapeDataString(soql)}", ct);

    /// <summary>The next page of a query, by the <c>nextRecordsUrl</c> Salesforce gave (a path on the same instance).</summary>
    public Task<SalesforceQueryPage> QueryMoreAsync(SalesforceCredentials credentials, string nextRecordsUrl, CancellationToken ct) =>
        nextRecordsUrl.StartsWith("/services/data/", StringComparison.Ordinal) && !nextRecordsUrl.Contains("..", StringComparison.Ordinal)
            ? ReadPageAsync(credentials, nextRecordsUrl, ct)
            : throw new SalesforceException(SalesforceException.BadResponse, "nextRecordsUrl is not a path of this instance's REST API.");

    /// <summary>Sets HasOptedOutOfEmail on Contacts (003…) and Leads (00Q…) in one request (at most 200), each record on its own.</summary>
    public async Task<IReadOnlyList<SalesforceSaveResult>> UpdateOptOutsAsync(
        SalesforceCredentials credentials, IReadOnlyList<(string Id, bool OptedOut)> records, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["allOrNone"] = false,
            ["records"] = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject
            {
                ["attributes"] = new JsonObject { ["type"] = r.Id.StartsWith("00Q", StringComparison.Ordinal) ? "Lead" : "Contact" },
                ["id"] = r.Id,
                ["HasOptedOutOfEmail"] = r.OptedOut,
            })]),
        };
        using var response = await SendAsync(credentials, () => new HttpRequestMessage(HttpMethod.Patch, $"{DataPath}/composite/sobjects")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        }, ct);
        var json = await ReadAsync(response, ct);
        var results = new List<SalesforceSaveResult>();
        foreach (var item in json.EnumerateArray())
        {
            var error = item.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 ? errors[0] : (JsonElement?)null;
            results.Add(new SalesforceSaveResult(
                Text(item, "id") ?? "",
                item.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True,
                error is { } e ? Text(e, "statusCode") ?? Text(e, "errorCode") : null,
                error is { } m ? Text(m, "message") : null));
        }

        return results;
    }

    /// <summary>The SystemModstamp of each record (sObject Collections retrieve, at most 200 ids per type); records that are gone are left out.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> ReadModstampsAsync(SalesforceCredentials credentials, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var stamps = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var group in ids.GroupBy(id => id.StartsWith("00Q", StringComparison.Ordinal) ? "Lead" : "Contact"))
        {
            var path = $"{DataPath}/composite/sobjects/{group.Key}?ids={string.Join(',', group.Select(Uri.EscapeDataString))}&fields=Id,SystemModstamp";
            using var response = await SendAsync(credentials, () => new HttpRequestMessage(HttpMethod.Get, path), ct);
            foreach (var record in (await ReadAsync(response, ct)).EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
            {
                if (Text(record, "Id") is { } id)
                {
                    stamps[id] = ParseDateTime(Text(record, "SystemModstamp"));
                }
            }
        }

        return stamps;
    }

    /// <summary>A token and one small query: what the Admin's "test connection" checks.</summary>
    public async Task TestAsync(SalesforceCredentials credentials, CancellationToken ct)
    {
        tokens.Forget(credentials);
        await QueryAsync(credentials, "SELECT Id FROM Contact LIMIT 1", ct);
    }

    private async Task<SalesforceQueryPage> ReadPageAsync(SalesforceCredentials credentials, string path, CancellationToken ct)
    {
        using var response = await SendAsync(credentials, () => new HttpRequestMessage(HttpMethod.Get, path), ct);
        var json = await ReadAsync(response, ct);
        var records = new List<SalesforceRecord>();
        foreach (var r in json.GetProperty("records").EnumerateArray())
        {
            var company = Text(r, "Company") ?? (r.TryGetProperty("Account", out var account) && account.ValueKind == JsonValueKind.Object ? Text(account, "Name") : null);
            records.Add(new SalesforceRecord(
                Text(r, "Id") ?? throw new SalesforceException(SalesforceException.BadResponse, "A record without an Id."),
                Text(r, "FirstName"), Text(r, "LastName"), Text(r, "Email"), Text(r, "Phone"), Text(r, "Title"), company,
                r.TryGetProperty("HasOptedOutOfEmail", out var optedOut) && optedOut.ValueKind == JsonValueKind.True,
                ParseDateTime(Text(r, "SystemModstamp"))));
        }

        var done = json.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True;
        return new SalesforceQueryPage(records, done ? null : Text(json, "nextRecordsUrl"));
    }

    /// <summary>Sends with the organization's access token; on 401 (expired or revoked session) signs in again once.</summary>
    private async Task<HttpResponseMessage> SendAsync(SalesforceCredentials credentials, Func<HttpRequestMessage> make, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!tokens.TryGet(credentials, out var token) || attempt > 0)
            {
                token = await SignInAsync(credentials, ct);
            }

            using var request = make();
            request.RequestUri = new Uri(new Uri(credentials.InstanceUrl.TrimEnd('/') + "/"), request.RequestUri!.OriginalString.TrimStart('/'));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                response.Dispose();
                tokens.Forget(credentials);
                continue;
            }

            return response;
        }
    }

    private async Task<string> SignInAsync(SalesforceCredentials credentials, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", credentials.AuthKind == SalesforceAuthKind.RefreshToken ? "refresh_token" : "client_credentials"),
            new("client_id", credentials.ClientId),
        };
        if (credentials.ClientSecret is { Length: > 0 } secret)
        {
            form.Add(new("client_secret", secret));
        }

        if (credentials.AuthKind == SalesforceAuthKind.RefreshToken)
        {
            form.Add(new("refresh_token", credentials.RefreshToken ?? ""));
        }

        using var response = await http.PostAsync(new Uri(credentials.InstanceUrl.TrimEnd('/') + "/services/oauth2/token"), new FormUrlEncodedContent(form), ct);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var error = await SafeReadAsync(response, ct);
            throw new SalesforceException(SalesforceException.AuthFailed,
                $"Salesforce refused the credentials ({(error is { } e ? Text(e, "error") : null) ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}).", response.StatusCode);
        }

        var json = await ReadAsync(response, ct);
        var token = Text(json, "access_token") ?? throw new SalesforceException(SalesforceException.BadResponse, "The token response has no access_token.");
        tokens.Set(credentials, token);
        return token;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return await SafeReadAsync(response, ct) ?? throw new SalesforceException(SalesforceException.BadResponse, "Salesforce answered with no JSON body.", response.StatusCode);
        }

        // Salesforce's errors: [{"message": "…", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]
        var body = await SafeReadAsync(response, ct);
        var first = body is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 ? array[0] : body;
        var code = first is { ValueKind: JsonValueKind.Object } f ? Text(f, "errorCode") ?? Text(f, "error") : null;
        var message = first is { ValueKind: JsonValueKind.Object } g ? Text(g, "message") : null;
        throw new SalesforceException(code ?? $"http_{(int)response.StatusCode}", message ?? $"Salesforce answered {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
    }

    private static async Task<JsonElement?> SafeReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Salesforce writes "2026-12-01T08:15:10.000+0000" (no colon in the offset).</summary>
    public static DateTimeOffset ParseDateTime(string? text)
    {
        if (text is { Length: > 5 } && (text[^5] is '+' or '-') && char.IsDigit(text[^1]))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new SalesforceException(SalesforceException.BadResponse, "A record has no valid SystemModstamp.");
    }

    /// <summary>A SOQL datetime literal (UTC, milliseconds).</summary>
    public static string SoqlDateTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
