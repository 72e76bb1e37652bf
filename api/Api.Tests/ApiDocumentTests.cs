using System.Net;
using System.Text.Json;
using ComplianceConnect.Api.Tests.Infrastructure;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ApiDocumentTests(ApiFactory factory)
{
    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.Clone();

    private static JsonElement Operation(JsonElement document, string path, string method)
    {
        var paths = document.GetProperty("paths");
        var entry = paths.EnumerateObject().SingleOrDefault(p => p.Name.TrimEnd('/') == path.TrimEnd('/'));
        Assert.True(entry.Value.ValueKind == JsonValueKind.Object, $"The document has no path {path}");
        return entry.Value.GetProperty(method.ToLowerInvariant());
    }

    private static IEnumerable<string> Responses(JsonElement operation) => operation.GetProperty("responses").EnumerateObject().Select(r => r.Name);

    [Fact]
    public async Task The_document_declares_the_bearer_scheme()
    {
        var scheme = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Every_protected_operation_requires_the_bearer_scheme_and_declares_401_and_for_admins_403()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var operation in ProtectedEndpoints.Of(factory.Services))
        {
            var described = Operation(document, operation.DocumentPath, operation.Method);
            var responses = Responses(described).ToList();
            if (!described.TryGetProperty("security", out var security) || !security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _)))
            {
                failures.Add($"{operation}: no Bearer requirement");
            }

            foreach (var status in operation.AdminOnly ? ["401", "403", "503"] : new[] { "401", "503" })
            {
                if (!responses.Contains(status))
                {
                    failures.Add($"{operation}: no {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/api/auth/sign-in", "POST", new[] { "401", "413", "415", "429", "503" })]
    [InlineData("/api/auth/refresh", "POST", new[] { "401", "429" })]
    [InlineData("/api/users", "POST", new[] { "401", "403", "409", "413", "415" })]
    [InlineData("/api/contacts", "POST", new[] { "401", "409", "413", "415" })]
    [InlineData("/api/contacts/{id}/card", "PUT", new[] { "401", "409", "413", "415" })]
    public async Task Operations_declare_the_problem_answers_they_can_give(string path, string method, string[] statuses)
    {
        var responses = Responses(Operation(await DocumentAsync(), path, method)).ToList();

        Assert.All(statuses, status => Assert.Contains(status, responses));
    }

    [Fact]
    public async Task The_browsable_reference_is_served_only_in_development()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/scalar")).StatusCode);
    }
}
