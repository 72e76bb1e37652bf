using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ComplianceConnect.Api.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
                .UseNpgsql("Host=localhost;Database=design_time")
                .UseSnakeCaseNamingConvention()
                .Options,
            new TenantScope());
}
