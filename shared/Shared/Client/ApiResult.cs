using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Shared.Client;

/// <summary>The outcome of one API call: a value, a problem document, or a network failure.</summary>
/// <param name="Value">The response body on success; default for a body-less answer or a failure.</param>
/// <param name="Status">The HTTP status code; 0 when the API was not reached.</param>
/// <param name="Problem">The RFC 9457 problem document of a failed call, when the API sent one.</param>
/// <param name="NetworkError">The address that could not be reached; null when the API answered.</param>
public sealed record ApiResult<T>(T? Value, int Status, ProblemDocument? Problem, string? NetworkError)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>The API answered with a 2xx status.</summary>
    public bool IsSuccess => NetworkError is null && Status is >= 200 and < 300;

    /// <summary>Field messages from a 400/409 problem, keyed by camelCase field name.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors => Problem?.Errors ?? NoErrors;

    /// <summary>The same failure (status, problem, network error) for a call of another type.</summary>
    public ApiResult<TOther> As<TOther>() => new(default, Status, Problem, NetworkError);
}

/// <summary>The value of an answer without a body (204 No Content, a health check).</summary>
public readonly record struct NoContent;
