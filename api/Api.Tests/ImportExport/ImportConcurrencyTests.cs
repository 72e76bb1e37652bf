using System.Diagnostics;
using System.Net;
using System.Text;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Hosting;

namespace ComplianceConnect.Api.Tests.ImportExport;

/// <summary>A host whose imports commit every 500 rows, so an import of a few thousand rows runs for many chunks.</summary>
public sealed class SmallChunkApiFactory : ApiFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("Import:ChunkSize", "500");
}

public sealed class ImportConcurrencyTests(SmallChunkApiFactory factory) : IClassFixture<SmallChunkApiFactory>
{
    [Fact]
    public async Task A_capture_in_the_same_organization_completes_while_an_import_is_still_running()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await factory.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("First Name,Email ID\r\n");
        const int rows = 20_000;
        for (var i = 0; i < rows; i++)
        {
            csv.Append($"Person{i},p{i}.{tag}@chunks.example\r\n");
        }

        var job = (await client.Typed().StartImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "many.csv", false)).AssertValue(HttpStatusCode.Accepted);
        for (var attempt = 0; attempt < 600 && job.ProcessedRows == 0; attempt++)
        {
            await Task.Delay(50);
            job = (await client.Typed().GetImportAsync(job.Id)).AssertValue();
        }

        var watch = Stopwatch.StartNew();
        (await client.Typed().CaptureAsync(new CaptureRequest { FirstName = "Meanwhile", Email = $"meanwhile.{tag}@chunks.example", PageUrl = "https://chunks.example/team" }))
            .AssertValue(HttpStatusCode.Created);
        watch.Stop();
        var afterCapture = (await client.Typed().GetImportAsync(job.Id)).AssertValue();

        Assert.True(afterCapture.ProcessedRows < rows, $"The import finished ({afterCapture.ProcessedRows} rows) before the capture did ({watch.ElapsedMilliseconds} ms): the capture waited for it.");
        Assert.Equal(ImportStatus.Running, afterCapture.Status);
    }
}
