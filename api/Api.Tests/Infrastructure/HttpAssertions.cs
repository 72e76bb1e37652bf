using System.Net;
using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Json;

namespace ComplianceConnect.Api.Tests.Infrastructure;

public static class HttpAssertions
{
    /// <summary>Asserts an RFC 9457 problem response with this status and returns it.</summary>
    public static async Task<ProblemDocument> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDocument>(body, Json.Options)!;
        Assert.Equal((int)status, problem.Status);
        return problem;
    }

    /// <summary>Asserts a 400 whose errors name <paramref name="field"/>, and returns that field's messages.</summary>
    public static async Task<string[]> AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors!.TryGetValue(field, out var messages), $"No error for '{field}'; errors: {string.Join(", ", problem.Errors.Keys)}");
        return messages!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json.Options)!;
    }

    /// <summary>Asserts a typed call answered with this status and returns its value.</summary>
    public static T AssertValue<T>(this ApiResult<T> result, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.True(result.Status == (int)status, $"Expected {(int)status}, got {Describe(result)}");
        return result.Value!;
    }

    /// <summary>Asserts a typed call failed with this status and a problem document, and returns the document.</summary>
    public static ProblemDocument AssertProblem<T>(this ApiResult<T> result, HttpStatusCode status)
    {
        Assert.True(result.Status == (int)status, $"Expected {(int)status}, got {Describe(result)}");
        Assert.NotNull(result.Problem);
        Assert.Equal((int)status, result.Problem.Status);
        return result.Problem;
    }

    private static string Describe<T>(ApiResult<T> result) =>
        result.NetworkError is not null ? $"no answer from {result.NetworkError}"
        : $"{result.Status}: {result.Problem?.Title} {result.Problem?.Detail} {string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}";
}
