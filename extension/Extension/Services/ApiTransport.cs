using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Extension.Services;

/// <summary>The outcome of one API call: a value, a problem document, or a network failure.</summary>
public sealed record ApiResult<T>(T? Value, int Status, ProblemDocument? Problem, string? NetworkError)
{
    public bool IsSuccess => NetworkError is null && Status is >= 200 and < 300;

    /// <summary>Field messages from a 400/409 problem, keyed by camelCase field name.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors => Problem?.Errors ?? new Dictionary<string, string[]>();

    /// <summary>One sentence for the person using the extension.</summary>
    public string Describe(Text text) =>
        NetworkError is not null ? text.Format("Error.Network", NetworkError)
        : Problem?.Detail ?? Problem?.Title ?? text.Format("Error.Unexpected", Status);

    public ApiResult<TOther> As<TOther>() => new(default, Status, Problem, NetworkError);
}

/// <summary>HTTP to the API address from the options page, JSON through the shared source-generated contracts.</summary>
public sealed class ApiTransport(HttpClient http, SettingsStore settings)
{
    public async Task<ApiResult<TResponse>> SendAsync<TResponse>(
        HttpMethod method, string path, JsonTypeInfo<TResponse>? responseType, string? accessToken = null, HttpContent? content = null)
    {
        var address = (await settings.GetAsync()).ApiAddress.TrimEnd('/');
        using var request = new HttpRequestMessage(method, address + path) { Content = content };
        request.Headers.Add("X-Client", "extension");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            return new(default, 0, null, address);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var value = responseType is null || body.Length == 0 ? default : JsonSerializer.Deserialize(body, responseType);
                return new(value, status, null, null);
            }

            return new(default, status, ReadProblem(body), null);
        }
    }

    public static HttpContent Json<T>(T value, JsonTypeInfo<T> type) =>
        new StringContent(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");

    private static ProblemDocument? ReadProblem(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, ContractsJsonContext.Default.ProblemDocument);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
