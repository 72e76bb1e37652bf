using System.Net;
using System.Text;
using ComplianceConnect.Api.Features.ImportExport;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Hosting;

namespace ComplianceConnect.Api.Tests.ImportExport;

/// <summary>
/// An import that a restart of the API cuts off: two hosts one after the other on the same database, the first stopped
/// (as a deploy stops it) while the import is between its chunks of 500 rows.
/// </summary>
public sealed class ImportRestartTests : IDisposable
{
    private const int Rows = 12_000;

    private readonly string _spool = Directory.CreateTempSubdirectory("cc-import-spool-").FullName;

    private sealed class Host(string? spool) : ApiFactory
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseSetting("Import:ChunkSize", "500");
            if (spool is not null)
            {
                builder.UseSetting("Import:SpoolDirectory", spool);
            }
        }
    }

    [Fact]
    public async Task With_a_spool_folder_of_its_own_the_next_start_goes_on_after_the_last_committed_chunk_and_imports_every_row_once()
    {
        var (tenant, job, tag) = await StartAndStopAsync(_spool);

        // Stopped part-way: the committed chunks' rows are in, the job still running, its file kept.
        Assert.True(job.ProcessedRows is > 0 and < Rows, $"The first host was stopped after {job.ProcessedRows} rows.");
        Assert.Equal(ImportStatus.Running, job.Status);
        Assert.Single(Directory.GetFiles(_spool));

        await using var second = new Host(_spool);
        var client = await second.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        var done = await WaitForEndAsync(client, job.Id);

        Assert.Equal(ImportStatus.Completed, done.Status);
        Assert.Null(done.Error);
        Assert.Null(done.ErrorCode);
        Assert.Equal(Rows, done.ProcessedRows);

        // Every row created once: rows read again would have been matched (skipped), not created.
        Assert.Equal(Rows, done.Created);
        Assert.Equal(0, done.Skipped);
        Assert.Equal(0, done.Rejected);
        Assert.Equal(Rows, await second.CountAsync($"SELECT count(*) FROM contacts WHERE organization_id = @org AND email LIKE '%.{tag}@restart.example'", tenant.Organization.Id));
        Assert.Equal(Rows, await second.CountAsync("SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.created' AND channel = 'import'", tenant.Organization.Id));
        Assert.Empty(Directory.GetFiles(_spool));
    }

    [Fact]
    public async Task Without_one_a_restart_ends_the_job_as_failed_with_what_to_do_instead_of_leaving_it_running()
    {
        var (tenant, job, _) = await StartAndStopAsync(spool: null);

        Assert.Equal(ImportStatus.Failed, job.Status);
        Assert.Equal(ImportRunner.InterruptedMessage, job.Error);
        Assert.Equal(ImportErrorCodes.Interrupted, job.ErrorCode);
        Assert.True(job.ProcessedRows is > 0 and < Rows, $"The host was stopped after {job.ProcessedRows} rows.");
        Assert.Equal(job.ProcessedRows, await ContactsAsync(tenant));
        Assert.False(File.Exists(ImportSpool.PathFor(new ImportOptions(), tenant.Organization.Id, job.Id)), "The upload was left in the temporary folder.");
    }

    /// <summary>Starts an import on a first host, stops that host once a chunk or two are in, and reads the job as it was left.</summary>
    private static async Task<(TestTenant Tenant, ImportJobDto Job, string Tag)> StartAndStopAsync(string? spool)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("First Name,Email ID\r\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(CultureInvariant($"Person{i},p{i}.{tag}@restart.example\r\n"));
        }

        TestTenant tenant;
        Guid jobId;
        await using (var first = new Host(spool))
        {
            tenant = await first.CreateTenantAsync();
            var client = await first.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
            var job = (await client.Typed().StartImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "restart.csv", false))
                .AssertValue(HttpStatusCode.Accepted);
            jobId = job.Id;
            for (var attempt = 0; attempt < 1200 && job.ProcessedRows < 1000; attempt++)
            {
                await Task.Delay(25);
                job = (await client.Typed().GetImportAsync(job.Id)).AssertValue();
            }

            Assert.True(job.ProcessedRows >= 1000, $"The import had processed {job.ProcessedRows} rows after 30 s.");
        }

        // A host that runs no imports of its own reads the job as the restart left it.
        await using var reader = new Host(spool: null);
        var readerClient = await reader.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        return (tenant, (await readerClient.Typed().GetImportAsync(jobId)).AssertValue(), tag);

        static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
    }

    private static async Task<long> ContactsAsync(TestTenant tenant) =>
        await tenant.Factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id);

    private static async Task<ImportJobDto> WaitForEndAsync(HttpClient client, Guid id)
    {
        var job = (await client.Typed().GetImportAsync(id)).AssertValue();
        for (var attempt = 0; attempt < 1200 && job.Status is not (ImportStatus.Completed or ImportStatus.Failed); attempt++)
        {
            await Task.Delay(50);
            job = (await client.Typed().GetImportAsync(id)).AssertValue();
        }

        return job;
    }

    public void Dispose() => Directory.Delete(_spool, recursive: true);
}
