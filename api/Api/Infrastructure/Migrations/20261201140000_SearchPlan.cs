using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceConnect.Api.Infrastructure.Migrations
{
    /// <summary>Functions only (the model is unchanged): contact_fold with a fast path for ASCII text, the search's words in one definition, and the planner's estimate of a search's share.</summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261201140000_SearchPlan")]
    public partial class SearchPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SearchPlanSql.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SearchPlanSql.Down);
    }
}
