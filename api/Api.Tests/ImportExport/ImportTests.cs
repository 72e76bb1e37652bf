using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Api.Tests.ImportExport;

[Collection(ApiCollection.Name)]
public sealed class ImportTests(ApiFactory factory)
{
    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}@import.example";

    [Fact]
    public async Task Good_rows_land_with_source_import_and_bad_rows_are_reported_with_row_column_and_code()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var (anna, bo, cilla) = (Unique("anna"), Unique("bo"), Unique("cilla"));
        var csv = $"""
            Förnamn;Efternamn;E-mail;Telefon;Företag
            Anna;Andersson;{anna};070-123 45 67;"Acme; AB"
            Bo;Berg;not-an-email;;
            ;;;;Nobody AB
            Bo;Berg;{bo};;
            Cilla;Carlsson;{cilla};+46 8 123 456 78;

            """;

        var job = await client.ImportCsvAsync(csv, updateExisting: false);

        Assert.Equal((ImportStatus.Completed, 5, 5, 3, 0, 0, 2), (job.Status, job.TotalRows, job.ProcessedRows, job.Created, job.Updated, job.Skipped, job.Rejected));
        Assert.Contains(new ImportProblemDto(2, "E-mail", ValidationCodes.EmailInvalid, "Must be an email address such as name@example.com."), job.Problems);
        Assert.Contains(job.Problems, p => p.Row == 3 && p.Code == ValidationCodes.ContactNeedsIdentity && p.Column == "Förnamn");
        Assert.DoesNotContain(job.Problems, p => p.Message.Contains("not-an-email", StringComparison.Ordinal));
        var imported = await client.LookupAsync(anna);
        Assert.Equal(("Anna", "Acme; AB", "+46701234567", SourceType.Import), (imported.FirstName, imported.Company, imported.Phone, imported.Card.SourceType));
        var created = (await client.GetAuditAsync(imported.Id)).Single();
        Assert.Equal(("contact.created", "import", "import", $"CSV import {job.Id}"), (created.Action, created.ActorName, created.Channel, created.Summary));
        await client.LookupAsync(bo);
        await client.LookupAsync(cilla);
    }

    [Theory]
    [InlineData(false, "Acme", 0, 1)]
    [InlineData(true, "Globex", 1, 0)]
    public async Task A_row_for_an_existing_email_is_skipped_or_updated_as_the_option_says_and_never_clears_the_legal_basis(
        bool updateExisting, string expectedCompany, int updated, int skipped)
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var email = Unique("existing");
        var existing = await client.CreateContactAsync("Eva", email);
        (await client.Typed().UpdateCardAsync(existing.Id, ContactApi.Edit(existing.Card, AuthorizationType.LegitimateInterest))).AssertValue();

        var job = await client.ImportCsvAsync($"Email,First name,Company,Authorization Type\r\n{email.ToUpperInvariant()},,Globex,\r\n", updateExisting);

        Assert.Equal((0, updated, skipped, 0), (job.Created, job.Updated, job.Skipped, job.Rejected));
        var after = (await client.Typed().GetContactAsync(existing.Id)).AssertValue();
        Assert.Equal((expectedCompany, "Eva", AuthorizationType.LegitimateInterest), (after.Company, after.FirstName, after.Card.AuthorizationType));
    }

    [Fact]
    public async Task An_erased_person_in_the_file_is_refused_and_not_re_added()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var email = Unique("erased");
        var contact = await client.CreateContactAsync("Erik", email);
        (await client.Typed().EraseContactAsync(contact.Id)).AssertValue(HttpStatusCode.NoContent);

        var job = await client.ImportCsvAsync($"First Name,Email ID\nErik,{email}\nFrida,{Unique("frida")}\n", updateExisting: true);

        Assert.Equal((1, 1), (job.Created, job.Rejected));
        Assert.Equal(new ImportProblemDto(1, "", ValidationCodes.ErasedPerson, "This person asked to have their data erased (GDPR Art. 17) and cannot be added again."), job.Problems.Single());
        Assert.Equal(404, (await client.Typed().LookupContactAsync(email)).Status);
    }

    public static TheoryData<string, byte[]> MalformedFiles() => new()
    {
        { "unbalanced quotes", Encoding.UTF8.GetBytes("First Name,Email\n\"Anna,anna@x.example\nBo,bo@x.example\n") },
        { "a stray quote", Encoding.UTF8.GetBytes("First Name,Email\nAn\"na,anna@x.example\"\"\n") },
        { "no header", Encoding.UTF8.GetBytes("Anna,Andersson,anna@x.example\nBo,Berg,bo@x.example\n") },
        { "not UTF-8", Encoding.Latin1.GetBytes("Förnamn,E-post\nÅsa,asa@x.example\n") },
        { "UTF-16", Encoding.Unicode.GetBytes("First Name,Email\nAnna,anna@x.example\n") },
        { "binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_gets_a_clear_error_and_writes_nothing(string kind, byte[] content)
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();

        var result = await client.Typed().StartImportAsync(new MemoryStream(content), kind + ".csv", updateExisting: false);

        var problem = result.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal([ValidationCodes.ImportFileInvalid], problem.Codes!["file"]);
        Assert.EndsWith("Nothing was imported.", problem.Errors!["file"].Single(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM import_jobs WHERE organization_id = @org", tenant.Organization.Id));
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id));
    }

    [Fact]
    public async Task The_exports_own_file_imports_back_without_the_injection_apostrophes()
    {
        var source = await (await factory.CreateTenantAsync()).RepClientAsync();
        var email = Unique("roundtrip");
        var contact = (await source.Typed().CreateContactAsync(new CreateContactRequest
        {
            FirstName = "Åke", LastName = "Öst", Email = email, Phone = "+46 70 123 45 67", Title = "=Chief", Other = "-minus, \"quoted\"",
        })).AssertValue(HttpStatusCode.Created);
        var export = (await source.Typed().ExportContactCsvAsync(contact.Id)).AssertValue();
        Assert.Contains("\"'-minus, \"\"quoted\"\"\"", Encoding.UTF8.GetString(export.Content), StringComparison.Ordinal); // escaped, quoted
        var target = await (await factory.CreateTenantAsync()).RepClientAsync();

        var job = (await target.Typed().StartImportAsync(new MemoryStream(export.Content), export.FileName, updateExisting: false)).AssertValue(HttpStatusCode.Accepted);
        job = await target.WaitForImportAsync(job.Id);

        Assert.Equal((1, 0), (job.Created, job.Rejected));
        var imported = await target.LookupAsync(email);
        Assert.Equal(("Åke", "Öst", "+46701234567", "=Chief", "-minus, \"quoted\""), (imported.FirstName, imported.LastName, imported.Phone, imported.Title, imported.Other));
        Assert.NotEqual(contact.Id, imported.Id); // Person ID is not carried over into another organization
    }

    [Fact]
    public async Task A_large_file_is_imported_in_committed_chunks_with_progress_known_from_the_start()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("First Name,Last Name,Email ID\r\n");
        const int rows = 12_000;
        for (var i = 0; i < rows; i++)
        {
            csv.Append($"Person{i},Bulk,p{i}.{tag}@bulk.example\r\n");
        }

        var started = (await client.Typed().StartImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "bulk.csv", updateExisting: false))
            .AssertValue(HttpStatusCode.Accepted);
        Assert.Equal((ImportStatus.Queued, rows, 0, "bulk.csv"), (started.Status, started.TotalRows, started.ProcessedRows, started.FileName));

        var seen = new List<int>();
        var job = started;
        for (var attempt = 0; attempt < 600 && job.Status is ImportStatus.Queued or ImportStatus.Running; attempt++)
        {
            await Task.Delay(100);
            job = (await client.Typed().GetImportAsync(started.Id)).AssertValue();
            seen.Add(job.ProcessedRows);
        }

        Assert.Equal((ImportStatus.Completed, rows, rows, 0), (job.Status, job.ProcessedRows, job.Created, job.Rejected));
        Assert.All(seen, processed => Assert.True(processed % 5000 == 0 || processed == rows, $"{processed} is not a chunk boundary: progress is committed per chunk"));
        Assert.Equal(rows, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org AND source_type = 'Import'", tenant.Organization.Id));
        var verification = (await (await tenant.AdminClientAsync()).Typed().VerifyAuditAsync()).AssertValue();
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task A_multipart_upload_is_imported_too_and_the_job_is_listed_for_its_organization_only()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"First Name,Email\r\nMia,{Unique("mia")}\r\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "people.csv");

        var started = await (await client.PostAsync(ApiRoutes.Imports, form)).ReadAsync<ImportJobDto>(HttpStatusCode.Accepted);
        var job = await client.WaitForImportAsync(started.Id);

        Assert.Equal(("people.csv", 1), (job.FileName, job.Created));
        Assert.Equal(job.Id, (await client.Typed().ListImportsAsync()).AssertValue().Single().Id); // a rep who left finds it again
        var other = await (await factory.CreateTenantAsync()).RepClientAsync();
        Assert.Equal(404, (await other.Typed().GetImportAsync(job.Id)).Status);
        Assert.Empty((await other.Typed().ListImportsAsync()).AssertValue());
    }
}
