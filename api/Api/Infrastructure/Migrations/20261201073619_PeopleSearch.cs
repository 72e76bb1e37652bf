using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceConnect.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PeopleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PeopleSql.Functions);

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_updated_at",
                table: "contacts");

            migrationBuilder.AddColumn<Guid>(
                name: "created_by_id",
                table: "contacts",
                type: "uuid",
                nullable: true,
                defaultValueSql: "nullif(current_setting('app.actor_id', true), '')::uuid");

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "contacts",
                type: "text",
                nullable: false,
                computedColumnSql: "contact_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(title, ''))",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "sort_authorization",
                table: "contacts",
                type: "text",
                nullable: false,
                computedColumnSql: "contact_sort_key(authorization_type)",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "sort_company",
                table: "contacts",
                type: "text",
                nullable: false,
                computedColumnSql: "contact_sort_key(company)",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "sort_email",
                table: "contacts",
                type: "text",
                nullable: false,
                computedColumnSql: "contact_sort_key(email_normalized)",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "sort_name",
                table: "contacts",
                type: "text",
                nullable: false,
                computedColumnSql: "contact_sort_key(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "sort_source",
                table: "contacts",
                type: "text",
                nullable: false,
                computedColumnSql: "contact_sort_key(source_type)",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "sort_title",
                table: "contacts",
                type: "text",
                nullable: false,
                computedColumnSql: "contact_sort_key(title)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_created_at_id",
                table: "contacts",
                columns: new[] { "organization_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_created_by_id",
                table: "contacts",
                columns: new[] { "organization_id", "created_by_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_sort_company_id",
                table: "contacts",
                columns: new[] { "organization_id", "sort_company", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_sort_email_id",
                table: "contacts",
                columns: new[] { "organization_id", "sort_email", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_sort_name_id",
                table: "contacts",
                columns: new[] { "organization_id", "sort_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_sort_title_id",
                table: "contacts",
                columns: new[] { "organization_id", "sort_title", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_updated_at_id",
                table: "contacts",
                columns: new[] { "organization_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_search_text",
                table: "contacts",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.Sql(PeopleSql.Search);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PeopleSql.DropSearch);

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_created_at_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_created_by_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_sort_company_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_sort_email_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_sort_name_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_sort_title_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_organization_id_updated_at_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contacts_search_text",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sort_authorization",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sort_company",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sort_email",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sort_name",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sort_source",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sort_title",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "created_by_id",
                table: "contacts");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_organization_id_updated_at",
                table: "contacts",
                columns: new[] { "organization_id", "updated_at" });

            migrationBuilder.Sql(PeopleSql.DropFunctions);
        }
    }
}
