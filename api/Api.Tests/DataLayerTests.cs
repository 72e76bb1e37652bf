using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceConnect.Api.Tests;

/// <summary>
/// Tenancy, actor and audit enforced by PostgreSQL itself, for every path that changes rows:
/// raw SQL as the API's role, set-based EF updates and staged bulk loads.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DataLayerTests(ApiFactory factory)
{
    private NpgsqlDataSource AppRole => factory.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public async Task Without_an_organization_the_apps_role_sees_and_changes_nothing_even_in_raw_sql()
    {
        var tenant = await factory.CreateTenantAsync();
        await AddContactsAsync(tenant, 3);
        await using var connection = await AppRole.OpenConnectionAsync();

        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM contacts"));
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM users"));
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM audit_entries"));
        Assert.Equal(0, await ExecuteAsync(connection, "UPDATE contacts SET title = 'Changed'"));
        Assert.Equal(0, await ExecuteAsync(connection, "DELETE FROM refresh_tokens"));
        Assert.Equal("", await CopyOutAsync(connection, "COPY (SELECT email FROM contacts) TO STDOUT"));
        Assert.Equal(3, await CountAsOwnerAsync("SELECT count(*) FROM contacts WHERE organization_id = @org AND title IS NULL", tenant.Organization.Id));
    }

    [Fact]
    public async Task Inside_organization_As_scope_raw_sql_never_sees_or_changes_Bs_rows()
    {
        var a = await factory.CreateTenantAsync();
        var b = await factory.CreateTenantAsync();
        await AddContactsAsync(a, 2);
        await AddContactsAsync(b, 4);
        await using var connection = await AppRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await SetScopeAsync(connection, a.Organization.Id, actor: "raw sql test");

        Assert.Equal(2L, await ScalarAsync<long>(connection, "SELECT count(*) FROM contacts"));
        Assert.Equal(0, await ExecuteAsync(connection, $"UPDATE contacts SET title = 'Hijacked' WHERE organization_id = '{b.Organization.Id}'"));
        Assert.Equal(0, await ExecuteAsync(connection, $"DELETE FROM contacts WHERE organization_id = '{b.Organization.Id}'"));
        Assert.Equal(2, (await CopyOutAsync(connection, "COPY (SELECT id FROM contacts) TO STDOUT")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var smuggle = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"INSERT INTO contacts (organization_id, id, first_name, source_type, created_at, updated_at) VALUES ('{b.Organization.Id}', gen_random_uuid(), 'Mallory', 'Other', now(), now())"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, smuggle.SqlState); // "new row violates row-level security policy"
        await transaction.RollbackAsync();

        Assert.Equal(4, await CountAsOwnerAsync("SELECT count(*) FROM contacts WHERE organization_id = @org AND title IS NULL", b.Organization.Id));
    }

    [Fact]
    public async Task The_next_unit_of_work_on_a_pooled_connection_starts_with_no_organization()
    {
        var tenant = await factory.CreateTenantAsync();
        await AddContactsAsync(tenant, 1);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
                .BeginAsync(new WorkContext(tenant.Organization.Id, Actor.System("pool test"), Channels.Api));
            Assert.Equal(1, await db.Contacts.CountAsync());
            await work.CommitAsync();

            // The same physical connection, after its transaction: the setting is gone.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            Assert.Equal("", await ScalarAsync<string>(connection, "SELECT coalesce(current_setting('app.organization_id', true), '')"));
            Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM contacts"));
            await db.Database.CloseConnectionAsync();
        }

        // And a connection handed out again by the pool.
        await using var again = await AppRole.OpenConnectionAsync();
        Assert.Equal(0L, await ScalarAsync<long>(again, "SELECT count(*) FROM contacts"));
    }

    [Fact]
    public async Task A_set_based_ExecuteUpdate_writes_one_audit_row_per_changed_contact_with_actor_and_channel()
    {
        var tenant = await factory.CreateTenantAsync();
        await AddContactsAsync(tenant, 300);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
                .BeginAsync(new WorkContext(tenant.Organization.Id, Actor.User(tenant.Admin.Id, tenant.Admin.DisplayName), Channels.Bulk));
            var changed = await db.Contacts
                .Where(c => c.FirstName!.StartsWith("Person"))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorizationType, AuthorizationType.LegitimateInterest));
            await work.CommitAsync();
            Assert.Equal(300, changed);
        }

        var rows = await CountAsOwnerAsync(
            "SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.compliance-card-changed' " +
            "AND actor_name = 'Alice Admin' AND channel = 'bulk' AND changes::jsonb -> 'after' ->> 'authorizationType' = 'LegitimateInterest'",
            tenant.Organization.Id);
        Assert.Equal(300, rows);
        await AssertChainVerifiesAsync(tenant);
    }

    [Fact]
    public async Task A_staged_bulk_load_writes_one_audit_row_per_contact_as_the_import_actor()
    {
        var tenant = await factory.CreateTenantAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
                .BeginAsync(new WorkContext(tenant.Organization.Id, Actor.System("import"), Channels.Import));
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();

            // COPY FROM is refused on a table with row-level security: load a staging table, then insert from it under the policies.
            await ExecuteAsync(connection, "CREATE TEMP TABLE staged (first_name text, email text) ON COMMIT DROP");
            await using (var import = await connection.BeginTextImportAsync("COPY staged FROM STDIN"))
            {
                for (var i = 0; i < 250; i++)
                {
                    await import.WriteLineAsync($"Imported{i}\timported{i}@example.com");
                }
            }

            var inserted = await ExecuteAsync(connection,
                "INSERT INTO contacts (organization_id, id, first_name, email, email_normalized, source_type, created_at, updated_at) " +
                "SELECT app_organization_id(), gen_random_uuid(), first_name, email, email, 'Import', now(), now() FROM staged");
            await work.CommitAsync();
            Assert.Equal(250, inserted);
        }

        Assert.Equal(250, await CountAsOwnerAsync(
            "SELECT count(*) FROM audit_entries WHERE organization_id = @org AND action = 'contact.created' AND actor_name = 'import' " +
            "AND actor_id IS NULL AND channel = 'import' AND changes::jsonb -> 'after' ->> 'sourceType' = 'Import'", tenant.Organization.Id));
        await AssertChainVerifiesAsync(tenant);
    }

    [Fact]
    public async Task A_change_without_an_actor_is_refused()
    {
        var tenant = await factory.CreateTenantAsync();
        await AddContactsAsync(tenant, 1);
        await using var connection = await AppRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, $"SELECT set_config('app.organization_id', '{tenant.Organization.Id}', true)");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, "UPDATE contacts SET title = 'No one did this'"));

        Assert.Contains("no actor", error.MessageText);
        await transaction.RollbackAsync();
        Assert.Equal(1, await CountAsOwnerAsync("SELECT count(*) FROM contacts WHERE organization_id = @org AND title IS NULL", tenant.Organization.Id));
    }

    [Fact]
    public async Task Every_table_that_holds_an_organizations_data_has_row_level_security_and_a_policy()
    {
        await using var owner = new NpgsqlConnection(factory.OwnerConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname IN ('organization_id') AND NOT a.attisdropped)
              AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid))
            """, owner);
        var unprotected = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                unprotected.Add(reader.GetString(0));
            }
        }

        Assert.Empty(unprotected);
        Assert.False(await ScalarAsync<bool>(owner, $"SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = '{TestDatabase.RuntimeRole}'"));
    }

    [Fact]
    public async Task A_table_a_later_migration_adds_is_usable_by_the_apps_role_without_editing_the_grants()
    {
        var table = "grant_probe_" + Guid.NewGuid().ToString("N")[..8];
        await using var owner = new NpgsqlConnection(factory.OwnerConnectionString);
        await owner.OpenAsync();
        await ExecuteAsync(owner, $"CREATE TABLE {table} (id int)");
        try
        {
            await using var app = await AppRole.OpenConnectionAsync();
            Assert.Equal(1, await ExecuteAsync(app, $"INSERT INTO {table} VALUES (1)"));
            Assert.Equal(1L, await ScalarAsync<long>(app, $"SELECT count(*) FROM {table}"));
        }
        finally
        {
            await ExecuteAsync(owner, $"DROP TABLE {table}");
        }
    }

    private async Task AddContactsAsync(TestTenant tenant, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
            .BeginAsync(new WorkContext(tenant.Organization.Id, Actor.System("test setup"), Channels.Api));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO contacts (organization_id, id, first_name, last_name, email, email_normalized, source_type, created_at, updated_at)
            SELECT app_organization_id(), gen_random_uuid(), 'Person' || i, 'Test', 'person' || i || '@example.com', 'person' || i || '@example.com', 'ManualUpload', now(), now()
            FROM generate_series(1, {count}) i
            """);
        await work.CommitAsync();
    }

    private async Task AssertChainVerifiesAsync(TestTenant tenant)
    {
        var verification = (await (await tenant.AdminClientAsync()).Typed().VerifyAuditAsync()).AssertValue();
        Assert.True(verification.Valid, verification.Reason);
    }

    private static async Task SetScopeAsync(NpgsqlConnection connection, Guid organization, string actor) =>
        await ExecuteAsync(connection,
            $"SELECT set_config('app.organization_id', '{organization}', true), set_config('app.actor_name', '{actor}', true), set_config('app.channel', 'api', true)");

    private async Task<int> CountAsOwnerAsync(string sql, Guid organization)
    {
        await using var owner = new NpgsqlConnection(factory.OwnerConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand(sql, owner);
        command.Parameters.AddWithValue("org", organization);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> CopyOutAsync(NpgsqlConnection connection, string sql)
    {
        using var reader = await connection.BeginTextExportAsync(sql);
        return await reader.ReadToEndAsync();
    }
}
