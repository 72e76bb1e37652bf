using System.Text.Json;
using System.Text.RegularExpressions;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>
/// Turns request-binding failures (malformed JSON, wrong types, unknown enum names, duplicate
/// properties, NUL characters, a missing or too large body, a query value of the wrong type) into
/// 400 validation problems that name the offending field and carry its code, instead of an empty 400.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, code, message) = badRequest.InnerException is JsonException json
            ? (FieldName(json.Path), CodeOf(json), Describe(json))
            : badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ("body", ValidationCodes.BodyTooLarge, badRequest.Message)
                : Parameter(badRequest.Message);

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode == StatusCodes.Status400BadRequest ? "The request body could not be read." : "The request was refused.",
            Extensions = { ["codes"] = new Dictionary<string, string[]> { [field] = [code] } },
        };
        return await problemDetails.TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.card.consentDate" → "card.consentDate"; no path → "body".</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$').TrimStart('.');

    private static string CodeOf(JsonException json) => json switch
    {
        CodedJsonException coded => coded.Code,
        _ when json.Message.StartsWith("Duplicate", StringComparison.OrdinalIgnoreCase) => ValidationCodes.DuplicateProperty,
        _ when json.Path is null or "$" => ValidationCodes.BodyInvalid,
        _ => ValidationCodes.InvalidValue,
    };

    private static string Describe(JsonException json)
    {
        // System.Text.Json appends "Path: … | LineNumber: …" to its messages; the field is reported separately.
        var message = json.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>
    /// A query, route or header value that did not bind: ASP.NET names the parameter in its message
    /// (<c>Failed to bind parameter "int page" from "abc".</c>), so the problem names it too. A
    /// missing or unreadable body stays "body".
    /// </summary>
    private static (string Field, string Code, string Message) Parameter(string message)
    {
        var failed = FailedToBind().Match(message);
        if (failed.Success)
        {
            return (failed.Groups["name"].Value, ValidationCodes.InvalidValue, $"'{failed.Groups["value"].Value}' is not a valid {failed.Groups["type"].Value}.");
        }

        var required = RequiredParameter().Match(message);
        return required.Success
            ? (required.Groups["name"].Value, ValidationCodes.Required, "Is required.")
            : ("body", ValidationCodes.BodyInvalid, message);
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from "(?<value>[^"]*)"\.""")]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "[^"]* (?<name>[^" ]+)" was not provided from (query string|route|header)""")]
    private static partial Regex RequiredParameter();
}
