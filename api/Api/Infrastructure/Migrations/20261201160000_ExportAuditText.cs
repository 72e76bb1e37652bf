using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceConnect.Api.Infrastructure.Migrations
{
    /// <summary>A function only (the model is unchanged): the export audit entry's values written as JSON text directly.</summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261201160000_ExportAuditText")]
    public partial class ExportAuditText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ExportAuditTextSql.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ExportAuditTextSql.Down);
    }
}
