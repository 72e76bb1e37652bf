using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceConnect.Api.Infrastructure.Migrations
{
    /// <summary>
    /// What stopped a Salesforce run, as a code (<c>salesforce_runs.error_code</c>) the admin's UI words in their
    /// language; <c>error</c> keeps the detail Salesforce or the server gave. Runs recorded before have no code and
    /// show their detail alone, as they did.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261202150000_SalesforceRunErrorCode")]
    public partial class SalesforceRunErrorCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.AddColumn<string>(
                name: "error_code",
                table: "salesforce_runs",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.DropColumn(name: "error_code", table: "salesforce_runs");
    }
}
