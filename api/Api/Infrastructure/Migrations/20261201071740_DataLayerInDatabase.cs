using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceConnect.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Moves tenancy and auditing into PostgreSQL (docs/decisions/0004-tenancy-and-audit-in-the-database.md):
    /// row-level security on every organization's table, driven by the unit of work's
    /// transaction-local settings; statement-level triggers with transition tables that write the
    /// audit rows of any change to contacts, whichever path made it, and extend the hash chain
    /// once per statement; refusal of a change with no actor; and signed chain checkpoints.
    /// </summary>
    public partial class DataLayerInDatabase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client",
                table: "refresh_tokens",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "api");

            migrationBuilder.AddColumn<string>(
                name: "default_region",
                table: "organizations",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "SE");

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    signature = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_checkpoints", x => new { x.organization_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_audit_checkpoints_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql(DataLayerSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DataLayerSql.Down);

            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropColumn(
                name: "client",
                table: "refresh_tokens");

            migrationBuilder.DropColumn(
                name: "default_region",
                table: "organizations");
        }
    }
}
