using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Npgsql;
using Xunit.Abstractions;

namespace ComplianceConnect.Api.Tests;

/// <summary>
/// The hostile input corpus (issue #12): generated from the app's own endpoint list, every write
/// endpoint and query parameter gets wrong types, unknown enum values, NUL, invalid UTF-8, lone
/// surrogates, over-long strings, deep nesting, huge bodies, wrong content types, empty and broken
/// bodies. Every answer must be a 4xx problem document naming the field where there is one, and the
/// organization's rows (every table with an organization_id) must be unchanged afterwards.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiFactory factory, ITestOutputHelper output)
{
    /// <summary>A valid body of each known request type, so an attack on one property is the only thing wrong and would reach the database if let through.</summary>
    private static Dictionary<string, object?>? Baseline(Type type, int n, Guid contactId, uint version) => type.Name switch
    {
        nameof(SignInRequest) => new() { ["email"] = $"hostile-{n}@example.com", ["password"] = "not the password", ["organization"] = "no-such-org" },
        nameof(RefreshRequest) or nameof(SignOutRequest) => new() { ["refreshToken"] = "not-a-refresh-token" },
        nameof(CreateUserRequest) => new() { ["email"] = $"user-{n}@example.com", ["displayName"] = "Hostile User", ["password"] = "a long enough password", ["role"] = "Rep" },
        nameof(CreateContactRequest) => new() { ["firstName"] = "Hostile", ["email"] = $"contact-{n}@example.com", ["company"] = "Acme" },
        nameof(CaptureRequest) => new() { ["firstName"] = "Hostile", ["email"] = $"capture-{n}@example.com", ["pageUrl"] = "https://example.com/team" },
        nameof(UpdateContactRequest) => new() { ["firstName"] = "Changed", ["email"] = $"changed-{n}@example.com", ["version"] = version },
        nameof(UpdateComplianceCardRequest) => new() { ["authorizationType"] = "LegitimateInterest", ["sourceType"] = "ManualUpload", ["version"] = version },
        nameof(SendEmailRequest) => new() { ["contactIds"] = new[] { contactId }, ["subject"] = "Hello", ["text"] = "Hello there" },
        nameof(PrivacyNoticeDto) => new() { ["text"] = "We process your data because…" },
        nameof(ManualUnsubscribeRequest) => new() { ["reason"] = "Asked on the phone" },
        nameof(ResubscribeRequest) => new() { ["consentDate"] = "2025-01-01", ["consentPurpose"] = "Newsletter", ["evidenceReference"] = "Ticket 1" },
        nameof(AuditCheckpointDto) => new() { ["sequence"] = 1, ["hash"] = new string('0', 64), ["signedAt"] = "2025-01-01T00:00:00Z", ["signature"] = new string('0', 64) },
        _ => null, // a request type this list does not know yet: attacks go into "{}"
    };

    [Fact]
    public async Task Every_hostile_request_to_every_endpoint_is_a_4xx_problem_naming_the_field_and_writes_nothing()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var anonymous = factory.CreateClient();
        var contact = await admin.CreateContactAsync();
        var operations = HostileCorpus.Operations(factory.Services);
        Assert.Contains(operations, o => o.Writes && o.BodyType == typeof(CreateContactRequest));
        Assert.Contains(operations, o => o.Query.Any(q => q.Name == "pageSize"));
        // A DELETE with a hostile body it does not read is still a DELETE: aim those at an id of no one, so the
        // organization's one contact stays for the before/after comparison.
        var cases = HostileCorpus.Build(operations, o => HostileCorpus.Fill(o.Template, o.Method == "DELETE" ? Guid.NewGuid() : contact.Id),
            (type, n) => Baseline(type, n, contact.Id, contact.Card.Version), Json.Options);
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        var before = await RowsAsync(tenant.Organization.Id);
        Assert.StartsWith("1 rows", before["contacts"], StringComparison.Ordinal); // the owner sees the organization's rows: the comparison below is not of two empty sets

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (hostile, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(hostile.Operation.Method), hostile.Url) { Content = hostile.Content() };
            using var response = await (hostile.Operation.Anonymous ? anonymous : admin).SendAsync(request, ct);
            if (await JudgeAsync(hostile, response) is { } failure)
            {
                failures.Add($"{hostile}: {failure}");
            }
        });

        var after = await RowsAsync(tenant.Organization.Id);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal).Take(60)));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_corpus_covers_every_write_endpoint_and_query_parameter_with_over_300_requests()
    {
        var operations = HostileCorpus.Operations(factory.Services);
        var cases = HostileCorpus.Build(operations, o => HostileCorpus.Fill(o.Template, Guid.NewGuid()), (_, _) => null, Json.Options);

        foreach (var write in operations.Where(o => o.Writes && o.BodyType is not null))
        {
            Assert.Contains(cases, c => c.Operation == write && c.Category == "huge body");
        }

        foreach (var operation in operations)
        {
            foreach (var (name, _) in operation.Query)
            {
                Assert.Contains(cases, c => c.Operation == operation && c.Field == name && c.Category == "query NUL");
            }
        }

        Assert.Contains(operations, o => o.Template == "/api/contacts/{id:guid}/card" && o.Method == "PUT" && o.BodyType == typeof(UpdateComplianceCardRequest));
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        var categories = cases.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{cases.Count} cases over {operations.Count(o => o.Writes)} write endpoints and {operations.Sum(o => o.Query.Count)} query parameters: "
            + string.Join(", ", categories.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")));
        foreach (var category in new[] { "wrong JSON type", "unknown enum value", "NUL", "invalid UTF-8", "lone surrogate", "over-long", "deep nesting", "huge body", "wrong content type", "empty body", "query garbage" })
        {
            Assert.True(categories.ContainsKey(category), $"no '{category}' cases");
        }
    }

    /// <summary>Null when the answer is what <paramref name="hostile"/> must get.</summary>
    private static async Task<string?> JudgeAsync(HostileCase hostile, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var shown = body.Length > 300 ? body[..300] + "…" : body;
        if (status >= 500)
        {
            return $"{status} {shown}";
        }

        if (hostile.Expected == Expected.NoServerError && status < 400)
        {
            return null;
        }

        var media = response.Content.Headers.ContentType?.MediaType;
        if (hostile.Operation.HumanPage && media == "text/html" && status is >= 400 and < 500)
        {
            return null; // the unsubscribe pages answer people with a page, not a problem document (decision 0008)
        }

        if (status is < 400 or >= 500)
        {
            return $"expected a 4xx, got {status} {shown}";
        }

        if (media != "application/problem+json")
        {
            return $"{status} with media type {media}: {shown}";
        }

        var expectedStatus = hostile.Expected switch
        {
            Expected.TooLarge => 413,
            Expected.UnsupportedMediaType => 415,
            Expected.FieldError or Expected.BodyError => 400,
            _ => status,
        };
        if (status != expectedStatus)
        {
            return $"expected {expectedStatus}, got {status} {shown}";
        }

        using var problem = JsonDocument.Parse(body);
        if (!problem.RootElement.TryGetProperty("status", out var statusMember) || statusMember.GetInt32() != status)
        {
            return $"problem without its status: {shown}";
        }

        if (hostile.Field is not { } field || hostile.Expected is Expected.TooLarge or Expected.UnsupportedMediaType)
        {
            return null;
        }

        if (hostile.Expected == Expected.NoServerError && status != 400)
        {
            return null; // e.g. a lookup that finds nobody: a 404 problem, nothing to name
        }

        if (!problem.RootElement.TryGetProperty("errors", out var errors))
        {
            return $"no errors naming '{field}': {shown}";
        }

        var named = errors.EnumerateObject().Select(e => e.Name).ToList();
        return named.Any(n => string.Equals(n, field, StringComparison.OrdinalIgnoreCase) || n.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase) || n.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            ? null
            : $"errors name {string.Join(", ", named)}, not '{field}': {shown}";
    }

    /// <summary>Every row of the organization in every table that has an organization_id (and its own row), as the schema owner sees them: a digest per table.</summary>
    private async Task<Dictionary<string, string>> RowsAsync(Guid organizationId)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("contacts", tables);
        Assert.Contains("audit_entries", tables);
        tables.Add("organizations");
        var digests = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            var key = table == "organizations" ? "id" : "organization_id";
            await using var command = new NpgsqlCommand($"SELECT count(*) || ' rows ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t WHERE {key} = @org", connection);
            command.Parameters.AddWithValue("org", organizationId);
            digests[table] = (string)(await command.ExecuteScalarAsync())!;
        }

        return digests;
    }

    public static TheoryData<string> Markup => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(document.cookie)>",
        "javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">me</a> & {{constructor.constructor('alert(1)')()}}",
    };

    [Theory]
    [MemberData(nameof(Markup))]
    public async Task Markup_in_text_fields_is_stored_and_returned_verbatim_as_json_text(string markup)
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();

        var response = await admin.PostAsJsonAsync(ApiRoutes.Contacts, new CreateContactRequest
        {
            FirstName = markup, LastName = markup, Company = markup, Title = markup, Other = markup, Email = $"{Guid.NewGuid():N}@example.com",
        }, Json.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options"))); // no browser renders it as a page
        var created = JsonSerializer.Deserialize<ContactDto>(raw, Json.Options)!;
        Assert.All(new[] { created.FirstName, created.LastName, created.Company, created.Title, created.Other }, v => Assert.Equal(markup, v));

        var card = (await admin.GetCardAsync(created.Id)) with { };
        var edited = await admin.PutCardAsync(created.Id, new UpdateComplianceCardRequest(AuthorizationType.Other, markup, null, null, SourceType.Other, markup, card.Version));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT first_name, last_name, company, title, other, authorization_description, source_description FROM contacts WHERE organization_id = @org AND id = @id", connection);
        command.Parameters.AddWithValue("org", tenant.Organization.Id);
        command.Parameters.AddWithValue("id", created.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        for (var i = 0; i < reader.FieldCount; i++)
        {
            Assert.Equal(markup, reader.GetString(i));
        }

        var audit = await admin.GetAuditAsync(created.Id);
        Assert.Contains(audit, e => e.After is { } after && after.ContainsValue(markup));
    }

    public static TheoryData<string, string> ScriptUrls => new()
    {
        { "website", "javascript:alert(1)" },
        { "linkedIn", "javascript:alert(document.domain)//linkedin.com/in/jane" },
        { "twitter", "JaVaScRiPt:alert(1)" },
        { "facebook", " javascript:alert(1)" },
        { "website", "data:text/html,<script>alert(1)</script>" },
        { "website", "vbscript:msgbox(1)" },
        { "linkedIn", "java\tscript:alert(1)" },
    };

    [Theory]
    [MemberData(nameof(ScriptUrls))]
    public async Task A_script_url_in_a_url_field_is_refused_and_nothing_is_stored(string field, string url)
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var before = await RowsAsync(tenant.Organization.Id);
        var body = new Dictionary<string, object?> { ["firstName"] = "Jane", [field] = url };

        var created = await admin.PostAsJsonAsync(ApiRoutes.Contacts, body);
        var captured = await admin.PostAsJsonAsync(ApiRoutes.Capture, new Dictionary<string, object?>(body) { ["pageUrl"] = "https://example.com/team" });
        var page = await admin.PostAsJsonAsync(ApiRoutes.Capture, new Dictionary<string, object?> { ["firstName"] = "Jane", ["pageUrl"] = url });

        await created.AssertFieldErrorAsync(field);
        await captured.AssertFieldErrorAsync(field);
        await page.AssertFieldErrorAsync("pageUrl");
        Assert.Equal(before, await RowsAsync(tenant.Organization.Id));
    }
}
