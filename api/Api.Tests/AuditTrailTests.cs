using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ComplianceConnect.Api.Tests.Infrastructure.ContactApi;

namespace ComplianceConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuditTrailTests(ApiFactory factory)
{
    [Fact]
    public async Task Every_change_to_a_contact_is_recorded_with_actor_channel_and_before_after_values()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        client.DefaultRequestHeaders.Add("X-Client", "extension");
        var contact = await client.CreateContactAsync("Jane", "jane@example.com");

        var card = await (await client.PutCardAsync(contact.Id, Edit(contact.Card, AuthorizationType.LegitimateInterest))).ReadAsync<ComplianceCardDto>();
        await (await client.PutAsJsonAsync($"/api/contacts/{contact.Id}",
                new UpdateContactRequest { FirstName = "Janet", LastName = "Doe", Email = "jane@example.com", Company = "Acme", Version = card.Version }, Json.Options))
            .ReadAsync<ContactDto>();

        var trail = await client.GetAuditAsync(contact.Id);

        Assert.Equal(["contact.created", "contact.compliance-card-changed", "contact.personal-data-changed"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal(("Robert Rep", "extension"), (e.ActorName, e.Channel)));
        Assert.Equal("jane@example.com", trail[0].After!["email"]);
        Assert.Equal("ManualUpload", trail[0].After!["sourceType"]);
        Assert.Equal(new Dictionary<string, string?> { ["authorizationType"] = null }, trail[1].Before);
        Assert.Equal(new Dictionary<string, string?> { ["authorizationType"] = "LegitimateInterest" }, trail[1].After);
        Assert.Equal(new Dictionary<string, string?> { ["firstName"] = "Jane" }, trail[2].Before);
        Assert.Equal(new Dictionary<string, string?> { ["firstName"] = "Janet" }, trail[2].After);
        Assert.True(trail[0].Sequence < trail[1].Sequence && trail[1].Sequence < trail[2].Sequence);
    }

    [Fact]
    public async Task A_request_without_a_client_header_is_recorded_as_api()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contact = await client.CreateContactAsync();

        Assert.Equal("api", (await client.GetAuditAsync(contact.Id)).Single().Channel);
    }

    [Fact]
    public async Task A_refused_edit_leaves_no_audit_entry()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contact = await client.CreateContactAsync();

        await client.PutCardAsync(contact.Id, Edit(contact.Card, AuthorizationType.Consent));

        Assert.Single(await client.GetAuditAsync(contact.Id));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor_name = 'Mallory' WHERE organization_id = @org")]
    [InlineData("DELETE FROM audit_entries WHERE organization_id = @org")]
    [InlineData("UPDATE audit_entries SET changes = '{}' WHERE organization_id = @org")]
    [InlineData("TRUNCATE audit_entries")]
    public async Task PostgreSQL_itself_refuses_to_change_or_remove_audit_entries(string sql)
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql, tenant.Organization.Id));

        Assert.Contains("append-only", error.MessageText);
        Assert.Single(await client.GetAuditAsync(contact.Id));
    }

    [Theory]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_protect")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("UPDATE audit_chain_heads SET last_sequence = 0")]
    [InlineData("DROP TRIGGER audit_entries_protect ON audit_entries")]
    public async Task The_apis_own_database_role_cannot_switch_the_protection_off(string sql)
    {
        // The connection the API itself uses: a role that owns nothing.
        await using var connection = await factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Removing_personal_values_is_the_one_change_allowed_and_keeps_the_chain_valid()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync();

        await ExecuteAsync("UPDATE audit_entries SET changes = NULL WHERE organization_id = @org", tenant.Organization.Id);

        Assert.Null((await client.GetAuditAsync(contact.Id)).Single().After);
        var verification = await (await (await tenant.AdminClientAsync()).GetAsync("/api/audit/verify")).ReadAsync<AuditVerificationDto>();
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task The_chain_of_an_untouched_organization_verifies()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        for (var i = 0; i < 3; i++)
        {
            var contact = await client.CreateContactAsync($"Person{i}");
            await client.PutCardAsync(contact.Id, Edit(contact.Card, AuthorizationType.LegitimateInterest));
        }

        var verification = await (await (await tenant.AdminClientAsync()).GetAsync("/api/audit/verify")).ReadAsync<AuditVerificationDto>();

        Assert.Equal(new AuditVerificationDto(true, 6, null, null), verification);
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "UPDATE audit_entries SET changes = replace(changes, 'Person1', 'Someone') WHERE organization_id = @org AND sequence = @seq", "recorded values were altered" },
        { "UPDATE audit_entries SET actor_name = 'Mallory' WHERE organization_id = @org AND sequence = @seq", "contents were altered" },
        { "DELETE FROM audit_entries WHERE organization_id = @org AND sequence = @seq", "Entry 2: it is missing" },
        { "DELETE FROM audit_entries WHERE organization_id = @org AND sequence >= @seq", "Entry 2: it and the entries after it, up to 3, are missing" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task An_entry_altered_behind_the_apps_back_is_reported_by_verify(string sql, string reason)
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.CreateContactAsync($"Person{i}");
        }

        // The test plays an attacker with database access who switches the triggers off for its session.
        await ExecuteAsync(sql, tenant.Organization.Id, sequence: 2, disableProtection: true);
        var verification = await (await (await tenant.AdminClientAsync()).GetAsync("/api/audit/verify")).ReadAsync<AuditVerificationDto>();

        Assert.False(verification.Valid);
        Assert.Equal(2, verification.FirstBrokenSequence);
        Assert.Contains(reason, verification.Reason);
    }

    [Fact]
    public async Task The_database_and_the_verifier_hash_the_same_bytes_for_awkward_text()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await tenant.AdminClientAsync();
        var email = $"awkward-{Guid.NewGuid():N}@example.com";
        await (await admin.PostAsJsonAsync("/api/users", new CreateUserRequest(email, "Åsa|web-app 😀 Ñandú", ApiFactory.Password, UserRole.Rep), Json.Options))
            .ReadAsync<UserDto>(HttpStatusCode.Created);
        var awkward = await factory.ClientForAsync(email);
        awkward.DefaultRequestHeaders.Add("X-Client", "web-app");

        var contact = await awkward.CreateContactAsync("Zoë|x", $"zoe-{Guid.NewGuid():N}@example.com");
        await awkward.PutCardAsync(contact.Id, Edit(contact.Card, AuthorizationType.Other, authorizationDescription: "Avtal §3 – ”särskilt”"));

        var trail = await awkward.GetAuditAsync(contact.Id);
        var verification = await (await admin.GetAsync("/api/audit/verify")).ReadAsync<AuditVerificationDto>();
        Assert.Equal("Åsa|web-app 😀 Ñandú", trail[0].ActorName);
        Assert.Equal(new AuditVerificationDto(true, 2, null, null), verification);
    }

    [Fact]
    public async Task Only_an_admin_may_verify_the_chain()
    {
        var rep = await (await factory.CreateTenantAsync()).RepClientAsync();

        await (await rep.GetAsync("/api/audit/verify")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_organizations_contact_trail_is_not_found()
    {
        var contact = await (await (await factory.CreateTenantAsync()).RepClientAsync()).CreateContactAsync();
        var stranger = await (await factory.CreateTenantAsync()).RepClientAsync();

        await (await stranger.GetAsync($"/api/contacts/{contact.Id}/audit")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Runs SQL as the schema's owner (a superuser here), who can even switch triggers off for a session.</summary>
    private async Task ExecuteAsync(string sql, Guid organizationId, long sequence = 0, bool disableProtection = false)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        if (disableProtection)
        {
            await using var off = new NpgsqlCommand("SET session_replication_role = replica", connection);
            await off.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("seq", sequence);
        await command.ExecuteNonQueryAsync();
    }
}
