using System.Net.Http.Json;
using System.Net;
using System.Text;
using System.Text.Json;
using ComplianceConnect.Api.Features.ImportExport;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using CsvHelper;
using Microsoft.VisualBasic.FileIO;

namespace ComplianceConnect.Api.Tests.ImportExport;

[Collection(ApiCollection.Name)]
public sealed class ExportTests(ApiFactory factory)
{
    private static readonly string[] Header =
    [
        "First Name", "Last Name", "Company", "Title", "Email ID", "Phone Number", "Website", "LinkedIn", "Twitter", "Facebook",
        "Other", "Salesforce ID", "Person ID", "Created At", "Updated At", "Exported At",
    ];

    private static CreateContactRequest Åsa(string email) => new()
    {
        FirstName = "Åsa",
        LastName = "Öberg-Ärlig",
        Email = email,
        Phone = "070-123 45 67",
        Company = "Acme, \"Nordic\" AB",
        Title = "=HYPERLINK(\"http://evil.example\")",
        Website = "https://acme.example",
        LinkedIn = "https://www.linkedin.com/in/asa-oberg",
        Other = "@mention\r\nsecond line",
    };

    [Fact]
    public async Task One_contact_exports_as_csv_with_the_16_columns_and_its_values_read_back_by_two_parsers()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var email = $"asa-{Guid.NewGuid():N}@acme.example";
        var contact = (await client.Typed().CreateContactAsync(Åsa(email))).AssertValue(HttpStatusCode.Created);

        var file = (await client.Typed().ExportContactCsvAsync(contact.Id)).AssertValue();

        Assert.Equal("text/csv", file.MediaType);
        Assert.Matches(@"^contact-asa-oberg-arlig-\d{4}-\d{2}-\d{2}\.csv$", file.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], file.Content[..3]); // UTF-8 byte order mark: Excel shows å, ä, ö
        var expected = new Dictionary<string, string>
        {
            ["First Name"] = "Åsa",
            ["Last Name"] = "Öberg-Ärlig",
            ["Company"] = "Acme, \"Nordic\" AB",
            ["Title"] = "'=HYPERLINK(\"http://evil.example\")",
            ["Email ID"] = email,
            ["Phone Number"] = "'+46701234567", // E.164 is stored; the apostrophe keeps Excel from making it a number or formula
            ["Website"] = "https://acme.example",
            ["LinkedIn"] = "https://www.linkedin.com/in/asa-oberg",
            ["Twitter"] = "",
            ["Facebook"] = "",
            ["Other"] = "'@mention\r\nsecond line",
            ["Salesforce ID"] = "",
            ["Person ID"] = contact.Id.ToString(),
        };
        foreach (var (header, rows) in new[] { ReadWithCsvHelper(file.Content), ReadWithTextFieldParser(file.Content) })
        {
            Assert.Equal(Header, header);
            var row = Assert.Single(rows);
            var values = header.Zip(row).ToDictionary(p => p.First, p => p.Second);
            foreach (var (column, value) in expected)
            {
                Assert.Equal(value, values[column]);
            }

            foreach (var column in new[] { "Created At", "Updated At", "Exported At" })
            {
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", values[column]);
            }

            Assert.Equal(factory.Clock.GetUtcNow(), DateTimeOffset.Parse(values["Exported At"], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(2));
        }

        // RFC 4180 on the wire: CRLF records, the quoted cell's quotes doubled.
        var text = Encoding.UTF8.GetString(file.Content[3..]);
        Assert.StartsWith(string.Join(',', Header) + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\"Acme, \"\"Nordic\"\" AB\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_extension_may_read_the_exports_file_name_across_origins()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync("Åsa");
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.ContactExportCsv(contact.Id));
        request.Headers.Add("Origin", ApiFactory.ExtensionOrigin); // as the extension's fetch sends it

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApiFactory.ExtensionOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Content-Disposition", response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)),
            StringComparer.OrdinalIgnoreCase);
        Assert.Matches(@"^contact-asa-doe-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task A_bulk_export_streams_the_selected_contacts_and_is_audited_once_with_the_contacts_it_covered()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var a = await client.CreateContactAsync("Anna");
        var b = await client.CreateContactAsync("Bo");
        var notChosen = await client.CreateContactAsync("Carl");
        var foreignTenant = await factory.CreateTenantAsync();
        var foreign = await (await foreignTenant.RepClientAsync()).CreateContactAsync("Mallory");

        var file = (await client.Typed().ExportContactsCsvAsync([a.Id, b.Id, foreign.Id, Guid.NewGuid()])).AssertValue();

        var (header, rows) = ReadWithTextFieldParser(file.Content);
        Assert.Equal(Header, header);
        Assert.Equal(new[] { a.Id, b.Id }.Order(), rows.Select(r => Guid.Parse(r[12])).Order());
        Assert.Matches(@"^contacts-\d{4}-\d{2}-\d{2}\.csv$", file.FileName);
        Assert.DoesNotContain(rows, r => r[12] == notChosen.Id.ToString());

        Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.exported'", tenant.Organization.Id));
        var entry = await factory.TextsAsync(
            "SELECT summary || '|' || actor_name || '|' || coalesce(contact_id::text, '') || '|' || changes FROM audit_entries WHERE organization_id = @org AND action = 'contact.exported'",
            tenant.Organization.Id);
        var parts = entry.Single()!.Split('|', 4);
        Assert.Equal(("CSV export of 2 contacts", "Robert Rep", ""), (parts[0], parts[1], parts[2]));
        using var changes = JsonDocument.Parse(parts[3]);
        Assert.Equal("csv", changes.RootElement.GetProperty("kind").GetString());
        Assert.Equal(2, changes.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(new[] { a.Id, b.Id }.Order(), changes.RootElement.GetProperty("contactIds").EnumerateArray().Select(e => e.GetGuid()).Order());
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.exported'", foreignTenant.Organization.Id));
        await AssertChainVerifiesAsync(tenant);
    }

    [Fact]
    public async Task A_one_contact_export_appears_in_that_contacts_audit_trail()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync();

        (await client.Typed().ExportContactCsvAsync(contact.Id)).AssertValue();

        var exported = (await client.GetAuditAsync(contact.Id)).Last();
        Assert.Equal(("contact.exported", "CSV export of 1 contact", "Robert Rep"), (exported.Action, exported.Summary, exported.ActorName));
    }

    [Fact]
    public async Task The_data_subject_copy_holds_personal_data_card_capture_source_histories_and_the_audit_trail_and_is_audited()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await factory.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        var captured = (await client.Typed().CaptureAsync(new CaptureRequest
        {
            FirstName = "Jane", LastName = "Doe", Email = $"jane-{Guid.NewGuid():N}@acme.example", PageUrl = "https://acme.example/team/jane",
        })).AssertValue(HttpStatusCode.Created).Contact;
        var card = await client.GetCardAsync(captured.Id);
        (await client.Typed().UpdateCardAsync(captured.Id, ContactApi.Edit(card, AuthorizationType.LegitimateInterest))).AssertValue();

        (await client.PostAsJsonAsync($"{ApiRoutes.Contact(captured.Id)}/unsubscribe", new ManualUnsubscribeRequest { Reason = "Asked by phone" }, Json.Options))
            .EnsureSuccessStatusCode();

        var response = await client.GetAsync(ApiRoutes.DataSubjectCopy(captured.Id));
        var json = await response.Content.ReadAsStringAsync();
        var copy = await response.ReadAsync<DataSubjectCopyDto>();

        Assert.Equal(captured.Email, copy.Contact.Email);
        Assert.Equal(AuthorizationType.LegitimateInterest, copy.Contact.Card.AuthorizationType);
        Assert.Equal((SourceType.ChromeExtension, "https://acme.example/team/jane"), (copy.Capture.SourceType, copy.Capture.PageUrl));
        Assert.Equal(captured.Card.CapturedAt!.Value, copy.Capture.CapturedAt!.Value, TimeSpan.FromMilliseconds(1)); // stored in microseconds
        var unsubscribed = Assert.Single(copy.UnsubscribeHistory);
        Assert.Equal("Unsubscribe", unsubscribed.Kind);
        Assert.Contains("Asked by phone", unsubscribed.Detail);
        Assert.Empty(copy.EmailsSent); // nothing was sent to this contact (sending is covered by the email tests)
        Assert.Equal(["contact.captured", "contact.compliance-card-changed", "contact.unsubscribed", "contact.exported"], copy.AuditTrail.Select(e => e.Action));
        Assert.Equal("Data-subject copy (GDPR Art. 15/20) of 1 contact", copy.AuditTrail[^1].Summary);
        using var document = JsonDocument.Parse(json);
        foreach (var member in new[] { "generatedAt", "contact", "capture", "unsubscribeHistory", "emailsSent", "auditTrail" })
        {
            Assert.True(document.RootElement.TryGetProperty(member, out _), $"The copy lacks '{member}'.");
        }
    }

    [Fact]
    public async Task Another_organizations_contact_cannot_be_exported()
    {
        var other = await (await (await factory.CreateTenantAsync()).RepClientAsync()).CreateContactAsync();
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        (await client.Typed().ExportContactCsvAsync(other.Id)).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ApiRoutes.DataSubjectCopy(other.Id))).StatusCode);
        var bulk = (await client.Typed().ExportContactsCsvAsync([other.Id])).AssertValue();
        Assert.Empty(ReadWithTextFieldParser(bulk.Content).Rows);
    }

    [Fact]
    public async Task An_export_by_filter_streams_every_contact_the_People_list_filter_matches_and_is_audited_once()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        // Made in the reverse of the name order, so the ids' order is not the file's.
        var carl = await client.CreateContactAsync("Carl");
        var annabel = await client.CreateContactAsync("Annabel");
        var annika = await client.CreateContactAsync("Anna");
        var foreign = await (await (await factory.CreateTenantAsync()).RepClientAsync()).CreateContactAsync("Annamaria");
        var filter = new ContactFilter { Search = "anna" };

        var file = (await client.Typed().ExportMatchingCsvAsync(filter)).AssertValue();
        var all = (await client.Typed().ExportMatchingCsvAsync(new ContactFilter())).AssertValue();

        var (header, rows) = ReadWithCsvHelper(file.Content);
        Assert.Equal(Header, header);
        Assert.Matches(@"^contacts-\d{4}-\d{2}-\d{2}\.csv$", file.FileName);
        Assert.Equal(new[] { annika.Id, annabel.Id }.Order(), rows.Select(r => Guid.Parse(r[12])).Order());
        Assert.Equal([annika.Id, annabel.Id, carl.Id], ReadWithCsvHelper(all.Content).Rows.Select(r => Guid.Parse(r[12]))); // the People list's name order
        Assert.DoesNotContain(foreign.Id.ToString(), System.Text.Encoding.UTF8.GetString(all.Content), StringComparison.Ordinal);

        var summaries = await factory.TextsAsync(
            "SELECT summary FROM audit_entries WHERE organization_id = @org AND action = 'contact.exported' ORDER BY sequence", tenant.Organization.Id);
        Assert.Equal(["CSV export of 2 contacts", "CSV export of 3 contacts"], summaries);
        await AssertChainVerifiesAsync(tenant);
    }

    [Fact]
    public async Task An_export_by_filter_without_a_filter_or_with_a_reversed_date_range_is_refused_naming_the_field_and_exports_nothing()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await client.CreateContactAsync("Anna");

        var reversed = await client.Typed().ExportMatchingCsvAsync(new ContactFilter { CreatedFrom = new DateOnly(2026, 5, 2), CreatedTo = new DateOnly(2026, 5, 1) });
        var missing = await client.PostAsync(ApiRoutes.ContactsExportMatching, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains(ValidationCodes.DateRangeReversed, reversed.AssertProblem(HttpStatusCode.BadRequest).Codes!["filter.createdTo"]);
        Assert.Contains(ValidationCodes.Required, (await missing.AssertProblemAsync(HttpStatusCode.BadRequest)).Codes!["filter"]);
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.exported'", tenant.Organization.Id));
    }

    [Fact]
    public async Task An_export_of_contacts_added_since_the_last_analyze_looks_each_one_up_by_its_key_and_never_rescans_the_ids()
    {
        // The statistics know this organization as one contact; then an import adds thousands: the moment a plain join
        // of the unnested ids had the planner put the contacts outside and rescan every id per contact (quadratic).
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        await client.CreateContactAsync("Anna");
        await factory.ExecuteAsOwnerAsync("ANALYZE contacts");
        const int imported = 3000;
        var csv = new StringBuilder("First Name,Last Name,Email ID\r\n");
        for (var i = 0; i < imported; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Person{i},Stale,p{i}.{Guid.NewGuid():N}@stale.example\r\n");
        }

        var job = await client.ImportCsvAsync(csv.ToString(), updateExisting: false, "stale.csv");

        Assert.Equal((ImportStatus.Completed, imported), (job.Status, job.Created));

        var file = (await client.Typed().ExportMatchingCsvAsync(new ContactFilter())).AssertValue();

        Assert.Equal(imported + 1, ReadWithCsvHelper(file.Content).Rows.Count);
        var exportId = Guid.Parse((await factory.TextsAsync("SELECT id FROM contact_exports WHERE organization_id = @org", tenant.Organization.Id)).Single()!);
        // The record's ids and the audit entry that names them are stored out of line, compressed with lz4 (recording a
        // large export took twice as long with PostgreSQL's default compression).
        Assert.Equal(["lz4|lz4"], await factory.TextsAsync(
            "SELECT pg_column_compression(x.contact_ids) || '|' || pg_column_compression(a.changes) FROM contact_exports x " +
            "JOIN audit_entries a ON a.organization_id = x.organization_id AND a.action = 'contact.exported' WHERE x.organization_id = @org",
            tenant.Organization.Id));
        using var plan = await factory.ExplainAsync(CsvExportResult.Sql(large: false), null, ("export", exportId));
        var nodes = Descendants(plan.RootElement[0].GetProperty("Plan")).ToList();
        var contactScans = nodes.Where(n => n.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "contacts").ToList();
        Assert.NotEmpty(contactScans);
        Assert.All(contactScans, scan => Assert.Contains("e.id", scan.TryGetProperty("Index Cond", out var condition) ? condition.GetString() : "(no index condition)", StringComparison.Ordinal));
        Assert.DoesNotContain(nodes, n => n.TryGetProperty("Join Filter", out var filter) && filter.GetString()!.Contains("e.id", StringComparison.Ordinal));

        // A large export's plan, under the same stale statistics: the ids meet the contacts in one hash (or merge) join,
        // and the query gives the very rows of the small export's, in the same order.
        var settings = string.Join("; ", CsvExportResult.HashJoinSettings.Select(s => $"SET {s.Name} = {s.Value}"));
        using var largePlan = await factory.ExplainAsync(CsvExportResult.Sql(large: true), settings, ("export", exportId), ("organization", tenant.Organization.Id));
        var largeNodes = Descendants(largePlan.RootElement[0].GetProperty("Plan")).ToList();
        Assert.Contains(largeNodes, n => (n.TryGetProperty("Hash Cond", out var c) || n.TryGetProperty("Merge Cond", out c)) && c.GetString()!.Contains("e.id", StringComparison.Ordinal));
        Assert.DoesNotContain(largeNodes, n => (n.TryGetProperty("Index Cond", out var c) || n.TryGetProperty("Join Filter", out c) || n.TryGetProperty("Filter", out c))
            && c.GetString()!.Contains("e.id", StringComparison.Ordinal)); // no probe or test per id: the ids meet the contacts in one hash or merge
        // Both stream in the order the export recorded its ids (the name order): they sort by the position in the record,
        // never by the name key again.
        Assert.All(nodes.Concat(largeNodes).Where(n => n.TryGetProperty("Sort Key", out _)),
            sort => Assert.Equal(["e.n"], sort.GetProperty("Sort Key").EnumerateArray().Select(k => k.GetString())));
        Assert.Equal(
            await factory.RowsAsOwnerAsync(CsvExportResult.Sql(large: false), null, ("export", exportId)),
            await factory.RowsAsOwnerAsync(CsvExportResult.Sql(large: true), settings, ("export", exportId), ("organization", tenant.Organization.Id)));

        static IEnumerable<JsonElement> Descendants(JsonElement node) =>
            node.TryGetProperty("Plans", out var children) ? children.EnumerateArray().SelectMany(Descendants).Prepend(node) : [node];
    }

    private async Task AssertChainVerifiesAsync(TestTenant tenant)
    {
        var verification = (await (await tenant.AdminClientAsync()).Typed().VerifyAuditAsync()).AssertValue();
        Assert.True(verification.Valid, verification.Reason);
    }

    private static (string[] Header, List<string[]> Rows) ReadWithCsvHelper(byte[] content)
    {
        using var csv = CsvReader.Create(new MemoryStream(content), new CsvReaderOptions { Separator = ',', HasHeader = true, TrimWhitespace = false }, false);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        return ([.. csv.Headers], rows);
    }

    /// <summary>.NET's own TextFieldParser, written independently of CsvHelper.</summary>
    private static (string[] Header, List<string[]> Rows) ReadWithTextFieldParser(byte[] content)
    {
        using var parser = new TextFieldParser(new MemoryStream(content), Encoding.UTF8, detectEncoding: true)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return (header, rows);
    }
}
