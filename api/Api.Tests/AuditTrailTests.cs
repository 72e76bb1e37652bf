using System.Net;
using System.Net.Http.Json;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Client;
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
        var client = await factory.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
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
    public async Task A_session_signed_in_outside_a_browser_is_recorded_as_api()
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        var contact = await client.CreateContactAsync();

        Assert.Equal("api", (await client.GetAuditAsync(contact.Id)).Single().Channel);
    }

    [Theory]
    [InlineData("extension")]
    [InlineData("sync")]
    [InlineData("import")]
    public async Task The_channel_comes_from_the_token_not_from_a_header_the_caller_sets(string claimed)
    {
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();
        client.DefaultRequestHeaders.Add("X-Client", claimed);

        var contact = await client.CreateContactAsync();

        Assert.Equal("api", (await client.GetAuditAsync(contact.Id)).Single().Channel);
    }

    [Fact]
    public async Task A_session_keeps_the_channel_of_its_sign_in_across_refreshes()
    {
        var tenant = await factory.CreateTenantAsync();
        var signIn = factory.CreateClient();
        signIn.DefaultRequestHeaders.Add("Origin", ApiFactory.ExtensionOrigin);
        var first = (await signIn.Typed().SignInAsync(new SignInRequest(tenant.Rep.Email, ApiFactory.Password))).AssertValue();
        var refreshed = (await factory.CreateClient().Typed().RefreshAsync(new RefreshRequest(first.RefreshToken))).AssertValue();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", refreshed.AccessToken);

        var contact = await client.CreateContactAsync();

        Assert.Equal("extension", (await client.GetAuditAsync(contact.Id)).Single().Channel);
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
    [InlineData("ALTER TABLE contacts DISABLE TRIGGER contacts_audit_update")]
    [InlineData("ALTER TABLE contacts DISABLE ROW LEVEL SECURITY")]
    [InlineData("TRUNCATE contacts")]
    [InlineData("INSERT INTO audit_entries (organization_id, id, sequence, occurred_at, actor_name, channel, action, summary, personal_digest, previous_hash, hash) SELECT id, gen_random_uuid(), 1, now(), 'x', 'api', 'x', '', '', '', '' FROM organizations")]
    [InlineData("SELECT audit_append(gen_random_uuid(), ARRAY['x'], ARRAY[NULL::uuid], ARRAY[NULL])")]
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
        var awkward = await factory.ClientForAsync(email, ApiFactory.WebAppOrigin);

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

    [Fact]
    public async Task Verify_after_a_checkpoint_recomputes_only_the_entries_since_it()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var admin = (await tenant.AdminClientAsync()).Typed();
        for (var i = 0; i < 3; i++)
        {
            await client.CreateContactAsync($"Person{i}");
        }

        Assert.Equal(new AuditVerificationDto(true, 3, null, null), (await admin.VerifyAuditAsync()).AssertValue());
        await client.CreateContactAsync("Person3");
        await client.CreateContactAsync("Person4");

        Assert.Equal(new AuditVerificationDto(true, 2, null, null), (await admin.VerifyAuditAsync()).AssertValue());
        var full = (await admin.SendAsync(HttpMethod.Get, ApiRoutes.AuditVerify + "?full=true", Shared.Json.ContractsJsonContext.Default.AuditVerificationDto)).AssertValue();
        Assert.Equal(new AuditVerificationDto(true, 5, null, null), full);
    }

    [Fact]
    public async Task A_trail_the_database_owner_rewrote_and_re_chained_fails_against_the_signed_checkpoint()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var admin = (await tenant.AdminClientAsync()).Typed();
        for (var i = 0; i < 3; i++)
        {
            await client.CreateContactAsync($"Person{i}");
        }

        Assert.True((await admin.VerifyAuditAsync()).AssertValue().Valid);
        await client.CreateContactAsync("Person3");

        await RewriteAsOwnerAsync(tenant.Organization.Id, deleteSequence: 2, deleteCheckpoints: false);
        var verification = (await admin.VerifyAuditAsync()).AssertValue();

        Assert.False(verification.Valid);
        Assert.Equal(3, verification.FirstBrokenSequence);
        Assert.Contains("rewritten", verification.Reason);
    }

    [Fact]
    public async Task A_checkpoint_the_admin_kept_elsewhere_catches_a_rewrite_after_the_stored_ones_were_deleted()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var adminHttp = await tenant.AdminClientAsync();
        var admin = adminHttp.Typed();
        for (var i = 0; i < 3; i++)
        {
            await client.CreateContactAsync($"Person{i}");
        }

        Assert.True((await admin.VerifyAuditAsync()).AssertValue().Valid);
        var kept = await (await adminHttp.GetAsync(ApiRoutes.AuditCheckpoint)).ReadAsync<AuditCheckpointDto>();
        Assert.Equal(3, kept.Sequence);

        await RewriteAsOwnerAsync(tenant.Organization.Id, deleteSequence: 2, deleteCheckpoints: true);

        // With every stored checkpoint gone, a perfect re-chain verifies on its own…
        Assert.True((await admin.VerifyAuditAsync()).AssertValue().Valid);

        // …but not against the checkpoint the admin kept.
        var against = await (await adminHttp.PostAsJsonAsync(ApiRoutes.AuditVerify, kept, Json.Options)).ReadAsync<AuditVerificationDto>();
        Assert.False(against.Valid);
        Assert.Contains("signed checkpoint", against.Reason);
    }

    [Fact]
    public async Task A_checkpoint_without_the_apis_signature_is_reported()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = await client.CreateContactAsync();
        var adminHttp = await tenant.AdminClientAsync();
        Assert.True((await adminHttp.Typed().VerifyAuditAsync()).AssertValue().Valid);
        var real = await (await adminHttp.GetAsync(ApiRoutes.AuditCheckpoint)).ReadAsync<AuditCheckpointDto>();

        var forged = real with { Signature = new string('0', 64) };
        var verification = await (await adminHttp.PostAsJsonAsync(ApiRoutes.AuditVerify, forged, Json.Options)).ReadAsync<AuditVerificationDto>();

        Assert.False(verification.Valid);
        Assert.Contains("signature", verification.Reason);
        Assert.NotNull(contact);
    }

    /// <summary>
    /// The owner's attack on a plain hash chain: delete an entry, renumber and re-hash every later one,
    /// move the head — all with the triggers off, as only the owner can.
    /// </summary>
    private async Task RewriteAsOwnerAsync(Guid organizationId, long deleteSequence, bool deleteCheckpoints)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var sql = $$"""
            ALTER TABLE audit_entries DISABLE TRIGGER USER;
            ALTER TABLE audit_chain_heads DISABLE TRIGGER USER;
            ALTER TABLE audit_checkpoints DISABLE TRIGGER USER;
            DELETE FROM audit_entries WHERE organization_id = '{{organizationId}}' AND sequence = {{deleteSequence}};
            {{(deleteCheckpoints ? $"DELETE FROM audit_checkpoints WHERE organization_id = '{organizationId}';" : "")}}
            DO $$
            DECLARE r record; prev text := ''; seq bigint := 0; h text;
            BEGIN
                FOR r IN SELECT * FROM audit_entries WHERE organization_id = '{{organizationId}}' ORDER BY sequence LOOP
                    seq := seq + 1;
                    h := encode(sha256(convert_to(audit_field(r.organization_id::text) || audit_field(seq::text)
                        || audit_field(((extract(epoch FROM r.occurred_at) * 1000000)::bigint)::text)
                        || audit_field(coalesce(r.actor_id::text, '')) || audit_field(r.actor_name) || audit_field(r.channel)
                        || audit_field(r.action) || audit_field(coalesce(r.contact_id::text, '')) || audit_field(r.summary)
                        || audit_field(r.personal_digest) || audit_field(prev), 'UTF8')), 'hex');
                    UPDATE audit_entries SET sequence = seq, previous_hash = prev, hash = h WHERE organization_id = r.organization_id AND id = r.id;
                    prev := h;
                END LOOP;
                UPDATE audit_chain_heads SET last_sequence = seq, last_hash = prev WHERE organization_id = '{{organizationId}}';
            END $$;
            ALTER TABLE audit_entries ENABLE TRIGGER USER;
            ALTER TABLE audit_chain_heads ENABLE TRIGGER USER;
            ALTER TABLE audit_checkpoints ENABLE TRIGGER USER;
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Runs SQL as the schema's owner (not a superuser), who may switch the triggers of its own tables
    /// off for one transaction, as an attacker holding the owner's credentials could.
    /// </summary>
    private async Task ExecuteAsync(string sql, Guid organizationId, long sequence = 0, bool disableProtection = false)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (disableProtection)
        {
            await using var off = new NpgsqlCommand("ALTER TABLE audit_entries DISABLE TRIGGER USER", connection, transaction);
            await off.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("seq", sequence);
        await command.ExecuteNonQueryAsync();
        if (disableProtection)
        {
            await using var on = new NpgsqlCommand("ALTER TABLE audit_entries ENABLE TRIGGER USER", connection, transaction);
            await on.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
