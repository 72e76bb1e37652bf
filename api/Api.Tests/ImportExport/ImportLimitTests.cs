using System.Net;
using System.Text;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Hosting;

namespace ComplianceConnect.Api.Tests.ImportExport;

/// <summary>A host whose upload limit is 2 KiB, so the limit is reached with a small file.</summary>
public sealed class SmallUploadApiFactory : ApiFactory
{
    public const int Limit = 2048;

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.UseSetting("Import:MaxUploadBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class ImportLimitTests(SmallUploadApiFactory factory) : IClassFixture<SmallUploadApiFactory>
{
    private static byte[] File(int bytes)
    {
        var csv = new StringBuilder("First Name,Email\r\n");
        for (var i = 0; csv.Length < bytes; i++)
        {
            csv.Append($"Person{i},p{i}@limit.example\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_is_refused_with_413_whether_its_length_is_announced_or_not_and_writes_nothing()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();

        var announced = (await client.Typed().StartImportAsync(new MemoryStream(File(SmallUploadApiFactory.Limit + 500)), "big.csv", false))
            .AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        var chunked = (await client.Typed().StartImportAsync(new UnknownLength(File(SmallUploadApiFactory.Limit + 500)), "big.csv", false))
            .AssertProblem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(ValidationCodes.BodyTooLarge, announced.Codes!["body"].Single());
        Assert.Equal(ValidationCodes.BodyTooLarge, chunked.Codes!["body"].Single());
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM import_jobs WHERE organization_id = @org", tenant.Organization.Id));
        Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM contacts WHERE organization_id = @org", tenant.Organization.Id));
        (await client.Typed().StartImportAsync(new MemoryStream(File(SmallUploadApiFactory.Limit - 100)), "fits.csv", false)).AssertValue(HttpStatusCode.Accepted);
    }

    /// <summary>A stream that cannot seek, so HttpClient sends it chunked, without a Content-Length.</summary>
    private sealed class UnknownLength(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
