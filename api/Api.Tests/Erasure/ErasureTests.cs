using System.Net.Http.Json;
using System.Net;
using ComplianceConnect.Api.Tests.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Npgsql;

namespace ComplianceConnect.Api.Tests.Erasure;

[Collection(ApiCollection.Name)]
public sealed class ErasureTests(ApiFactory factory)
{
    /// <summary>A person whose every value is unique to this test, so a scan of the shared database finds only them.</summary>
    private static CreateContactRequest Person(string tag) => new()
    {
        FirstName = "Ingrid" + tag,
        LastName = "Karlsson" + tag,
        Email = $"ingrid.{tag}@erase.example",
        Company = "Erase AB",
        LinkedIn = $"https://www.linkedin.com/in/ingrid-{tag}",
    };

    [Fact]
    public async Task After_erasure_no_text_column_of_any_table_holds_the_persons_email_or_name()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var person = Person(tag);
        var contact = (await client.Typed().CreateContactAsync(person)).AssertValue(HttpStatusCode.Created);
        var card = await client.GetCardAsync(contact.Id);
        (await client.Typed().UpdateCardAsync(contact.Id, ContactApi.Edit(card, AuthorizationType.Consent, new DateOnly(2026, 1, 5), $"Newsletter for Ingrid{tag}"))).AssertValue();
        (await client.Typed().UpdateContactAsync(contact.Id, new UpdateContactRequest
        {
            FirstName = person.FirstName, LastName = person.LastName, Email = person.Email, LinkedIn = person.LinkedIn, Title = $"Chief of Karlsson{tag}",
            Version = (await client.Typed().GetContactAsync(contact.Id)).AssertValue().Card.Version,
        })).AssertValue();
        (await client.Typed().ExportContactCsvAsync(contact.Id)).AssertValue();
        (await client.Typed().KeepContactAsync(contact.Id, new RetentionKeepRequest($"Ingrid{tag} is a customer"))).AssertValue(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync(ApiRoutes.Emails, new SendEmailRequest { ContactIds = [contact.Id], Subject = $"Hello Ingrid{tag}", Text = $"Dear Ingrid{tag}," }, Json.Options))
            .EnsureSuccessStatusCode(); // an email and its body (queued: this host's outbox does not send)
        (await client.PostAsJsonAsync($"{ApiRoutes.Contact(contact.Id)}/unsubscribe", new ManualUnsubscribeRequest { Reason = $"Ingrid{tag} asked by phone" }, Json.Options))
            .EnsureSuccessStatusCode(); // and an unsubscribe history
        Assert.NotEmpty(await FindAsync(tag)); // the scan does see the person before

        (await client.Typed().EraseContactAsync(contact.Id)).AssertValue(HttpStatusCode.NoContent);

        Assert.Empty(await FindAsync(tag));
        Assert.Equal(404, (await client.Typed().GetContactAsync(contact.Id)).Status);
    }

    [Fact]
    public async Task The_erasure_leaves_an_entry_of_who_and_when_without_values_and_the_chain_still_verifies()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var contact = (await client.Typed().CreateContactAsync(Person(Guid.NewGuid().ToString("N")[..10]))).AssertValue(HttpStatusCode.Created);
        var card = await client.GetCardAsync(contact.Id);
        (await client.Typed().UpdateCardAsync(contact.Id, ContactApi.Edit(card, AuthorizationType.LegitimateInterest))).AssertValue();

        (await client.Typed().EraseContactAsync(contact.Id)).AssertValue(HttpStatusCode.NoContent);

        var trail = await client.GetAuditAsync(contact.Id);
        Assert.Equal(["contact.created", "contact.compliance-card-changed", "contact.erased"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.True(e.Before is null && e.After is null, $"{e.Action} still carries values"));
        var erased = trail[^1];
        Assert.Equal(("Robert Rep", "erasure"), (erased.ActorName, erased.Channel));
        // Audit times are the database's own (not the tests' fake clock): the erasure comes after the card change.
        Assert.True(erased.OccurredAt >= trail[^2].OccurredAt, "The erasure's entry is older than the change before it.");
        Assert.DoesNotContain("Ingrid", erased.Summary, StringComparison.Ordinal);
        var verification = (await (await tenant.AdminClientAsync()).Typed().VerifyAuditAsync()).AssertValue();
        Assert.True(verification.Valid, verification.Reason);
        var full = await (await tenant.AdminClientAsync()).GetAsync(ApiRoutes.AuditVerify + "?full=true");
        Assert.True((await full.ReadAsync<AuditVerificationDto>()).Valid);
    }

    [Fact]
    public async Task An_erased_person_is_refused_by_create_capture_and_update_with_when_they_were_erased()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await factory.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        var person = Person(Guid.NewGuid().ToString("N")[..10]);
        var contact = (await client.Typed().CreateContactAsync(person)).AssertValue(HttpStatusCode.Created);
        (await client.Typed().EraseContactAsync(contact.Id)).AssertValue(HttpStatusCode.NoContent);

        var create = (await client.Typed().CreateContactAsync(person with { Email = person.Email!.ToUpperInvariant() })).AssertProblem(HttpStatusCode.Conflict);
        var captureByEmail = (await client.Typed().CaptureAsync(new CaptureRequest { FirstName = "I", Email = person.Email, PageUrl = "https://erase.example/team" }))
            .AssertProblem(HttpStatusCode.Conflict);
        var captureByProfile = (await client.Typed().CaptureAsync(new CaptureRequest { FirstName = "I", LinkedIn = person.LinkedIn + "/?trk=x", PageUrl = "https://erase.example/team" }))
            .AssertProblem(HttpStatusCode.Conflict);
        var other = await client.CreateContactAsync("Other");
        var update = (await client.Typed().UpdateContactAsync(other.Id, new UpdateContactRequest { FirstName = "Other", Email = person.Email, Version = other.Card.Version }))
            .AssertProblem(HttpStatusCode.Conflict);

        foreach (var problem in new[] { create, captureByEmail, captureByProfile, update })
        {
            Assert.Equal(ValidationCodes.ErasedPerson, problem.Code);
            Assert.Contains($"erased (GDPR Art. 17) on {factory.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}", problem.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)(await client.Typed().LookupContactAsync(person.Email)).Status);
    }

    [Fact]
    public async Task The_capture_refusal_says_when_the_person_was_erased_for_the_popup()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await factory.ClientForAsync(tenant.Rep.Email, ApiFactory.ExtensionOrigin);
        var person = Person(Guid.NewGuid().ToString("N")[..10]);
        var contact = (await client.Typed().CreateContactAsync(person)).AssertValue(HttpStatusCode.Created);
        (await client.Typed().EraseContactAsync(contact.Id)).AssertValue(HttpStatusCode.NoContent);

        var problem = (await client.Typed().CaptureAsync(new CaptureRequest { FirstName = "I", Email = person.Email, PageUrl = "https://erase.example/team" }))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal(ValidationCodes.ErasedPerson, problem.Code);
        Assert.Equal(factory.Clock.GetUtcNow(), problem.ErasedAt!.Value, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_bulk_erasure_erases_the_selection_only_and_admins_see_the_suppression_count()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = await tenant.RepClientAsync();
        var a = await client.CreateContactAsync("Anna");
        var b = await client.CreateContactAsync("Bo");
        var kept = await client.CreateContactAsync("Carl");
        var foreign = await (await (await factory.CreateTenantAsync()).RepClientAsync()).CreateContactAsync("Mallory");

        var result = (await client.Typed().EraseContactsAsync([a.Id, b.Id, foreign.Id])).AssertValue();

        Assert.Equal(new ErasureResult(2, 2), result); // two emails, no LinkedIn profiles
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)(await client.Typed().GetContactAsync(a.Id)).Status);
        (await client.Typed().GetContactAsync(kept.Id)).AssertValue();
        Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM contacts WHERE id = @org", foreign.Id));
        Assert.Equal(new SuppressionCountDto(2, 2, 0), (await (await tenant.AdminClientAsync()).Typed().GetSuppressionCountAsync()).AssertValue());
        Assert.Equal(403, (await client.Typed().GetSuppressionCountAsync()).Status);
    }

    [Fact]
    public async Task Erasing_an_unknown_or_another_organizations_contact_answers_404_and_changes_nothing()
    {
        var foreign = await (await (await factory.CreateTenantAsync()).RepClientAsync()).CreateContactAsync("Mallory");
        var client = await (await factory.CreateTenantAsync()).RepClientAsync();

        Assert.Equal(404, (await client.Typed().EraseContactAsync(foreign.Id)).Status);
        Assert.Equal(404, (await client.Typed().EraseContactAsync(Guid.NewGuid())).Status);
        Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM contacts WHERE id = @org", foreign.Id));
    }

    /// <summary>Every text, varchar and json column of every table (as the owner, past row-level security) that holds the tag.</summary>
    private async Task<List<string>> FindAsync(string tag)
    {
        await using var connection = new NpgsqlConnection(factory.OwnerConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'character')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Contains(("contacts", "email"), columns);
        Assert.Contains(("audit_entries", "changes"), columns);
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text ILIKE '%' || @tag || '%'", connection);
            command.Parameters.AddWithValue("tag", tag);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                found.Add($"{table}.{column}");
            }
        }

        return found;
    }
}
