using System.Net;
using ComplianceConnect.Api.Features.Audit;
using ComplianceConnect.Api.Features.Contacts;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Contracts;
using ComplianceConnect.Shared.Tests.Values;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ComplianceConnect.Api.Tests;

/// <summary>The API leg of the one email/phone table: the API accepts, refuses and matches exactly as the extension does.</summary>
[Collection(ApiCollection.Name)]
public sealed class EmailAndPhoneTests(ApiFactory factory)
{
    public static TheoryData<string, string?> Emails => EmailAndPhoneTable.Emails;

    public static TheoryData<string, string?> Phones => EmailAndPhoneTable.Phones;

    [Theory]
    [MemberData(nameof(Emails))]
    public async Task The_api_accepts_refuses_and_matches_emails_as_the_table_says(string input, string? canonical)
    {
        var client = (await (await factory.CreateTenantAsync()).RepClientAsync()).Typed();

        var created = await client.CreateContactAsync(new CreateContactRequest { FirstName = "Table", Email = input });

        if (canonical is null)
        {
            Assert.Equal(400, created.Status);
            Assert.Contains("email", created.FieldErrors.Keys);
            return;
        }

        Assert.Equal(201, created.Status);
        Assert.Equal(created.Value!.Id, (await client.LookupContactAsync(canonical)).AssertValue().Id);
        Assert.Equal(409, (await client.CreateContactAsync(new CreateContactRequest { FirstName = "Again", Email = canonical })).Status);
    }

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task The_api_accepts_phones_in_e164_or_refuses_them_as_the_table_says(string input, string? canonical)
    {
        var client = (await (await factory.CreateTenantAsync()).RepClientAsync()).Typed();

        var created = await client.CreateContactAsync(new CreateContactRequest { FirstName = "Table", Phone = input });

        if (canonical is null)
        {
            Assert.Equal(400, created.Status);
            Assert.Contains("phone", created.FieldErrors.Keys);
        }
        else
        {
            Assert.Equal(canonical, created.AssertValue(HttpStatusCode.Created).Phone);
        }
    }

    [Fact]
    public async Task The_canonicalization_step_rewrites_stored_phones_with_an_actor_and_reveals_duplicate_emails()
    {
        var tenant = await factory.CreateTenantAsync();
        var organization = tenant.Organization.Id;

        // Rows as they were stored before the one definition: phones as typed, emails lower-cased only.
        await OwnerAsync(organization, """
            INSERT INTO contacts (organization_id, id, first_name, email, email_normalized, phone, source_type, created_at, updated_at) VALUES
              (@org, '00000000-0000-7000-8000-000000000001', 'Anna', 'anna@bücher.example', 'anna@bücher.example', '070-123 45 67', 'ManualUpload', now() - interval '2 days', now()),
              (@org, '00000000-0000-7000-8000-000000000002', 'Anna B', 'anna@xn--bcher-kva.example', 'anna@xn--bcher-kva.example', NULL, 'ManualUpload', now() - interval '1 day', now())
            """);

        var outcome = await ContactCanonicalization.RunAsync(factory.Services, factory.OwnerConnectionString, NullLogger.Instance, [organization]);

        Assert.Equal((1, 1), (outcome.Phones, outcome.Duplicates));
        var client = await tenant.RepClientAsync();
        var anna = (await client.Typed().LookupContactAsync("anna@bücher.example")).AssertValue();
        Assert.Equal(("Anna", "+46701234567"), (anna.FirstName, anna.Phone));
        var trail = await client.GetAuditAsync(anna.Id);
        Assert.Equal(("contact.personal-data-changed", "migration", "migration"), (trail[^1].Action, trail[^1].ActorName, trail[^1].Channel));
        Assert.Equal("+46701234567", trail[^1].After!["phone"]);
        var verification = (await (await tenant.AdminClientAsync()).Typed().VerifyAuditAsync()).AssertValue();
        Assert.True(verification.Valid, verification.Reason);
    }

    /// <summary>Writes as the schema owner, with the unit-of-work settings the audit triggers require.</summary>
    private async Task OwnerAsync(Guid organization, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var key = AuditTrail.OrganizationKeyHex(new AuditOptions { DigestKey = ApiFactory.DigestKey }, organization);
        await using (var scope = new NpgsqlCommand(
            "SELECT set_config('app.actor_name', 'test setup', true), set_config('app.channel', 'api', true), set_config('app.digest_key', @key, true)",
            connection, transaction))
        {
            scope.Parameters.AddWithValue("key", key);
            await scope.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("org", organization);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
