using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceConnect.Api.Infrastructure.Migrations
{
    /// <summary>
    /// <c>auth_session_revoked(org, family)</c>: whether a session (a refresh-token family) has ended,
    /// for the access-token check that runs before any unit of work is open (row-level security
    /// would hide every refresh token then). SQL only: the EF model is unchanged.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261201074500_SessionRevocationCheck")]
    public partial class SessionRevocationCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A family with no unrevoked token has ended; an unknown family was never a session.
            migrationBuilder.Sql("""
                CREATE FUNCTION auth_session_revoked(p_org uuid, p_family uuid) RETURNS boolean
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
                    SELECT NOT EXISTS (
                        SELECT 1 FROM refresh_tokens
                        WHERE organization_id = p_org AND family_id = p_family AND revoked_at IS NULL)
                $$;
                REVOKE EXECUTE ON FUNCTION auth_session_revoked(uuid, uuid) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION auth_session_revoked(uuid, uuid);");
        }
    }
}
