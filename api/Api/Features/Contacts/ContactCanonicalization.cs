using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceConnect.Api.Features.Contacts;

/// <summary>
/// The data step that rewrote contacts stored before the one email/phone definition: matching emails
/// in their canonical form and phones in E.164 (national numbers read in the organization's default
/// region). It runs once, organization by organization, each inside that organization's unit of work
/// as the system actor "migration", so the database audits every phone it rewrites. Two contacts
/// whose emails turn out to be the same address keep the oldest as the match; the others keep their
/// email but no longer count as that person's record (reported in the log for a person to merge).
/// </summary>
public static class ContactCanonicalization
{
    public const string StepName = "canonical-email-and-phone";

    public sealed record Outcome(int Organizations, int Emails, int Phones, int Duplicates);

    public static async Task<Outcome> RunAsync(
        IServiceProvider services, string ownerConnectionString, ILogger logger, IReadOnlyCollection<Guid>? only = null, CancellationToken ct = default)
    {
        await using var owner = new NpgsqlConnection(ownerConnectionString);
        await owner.OpenAsync(ct);
        if (only is null && await ScalarAsync(owner, "SELECT count(*) FROM data_steps WHERE name = @name", ct) > 0)
        {
            return new(0, 0, 0, 0);
        }

        // The owner lists the organizations: row-level security shows the API's role none before it is in one.
        var organizations = new List<Guid>();
        await using (var list = new NpgsqlCommand("SELECT id FROM organizations ORDER BY id", owner))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                organizations.Add(reader.GetGuid(0));
            }
        }

        var total = new Outcome(0, 0, 0, 0);
        foreach (var organization in organizations.Where(o => only is null || only.Contains(o)))
        {
            var outcome = await CanonicalizeAsync(services, organization, logger, ct);
            total = new(total.Organizations + 1, total.Emails + outcome.Emails, total.Phones + outcome.Phones, total.Duplicates + outcome.Duplicates);
        }

        if (only is null)
        {
            await using var done = new NpgsqlCommand("INSERT INTO data_steps (name) VALUES (@name) ON CONFLICT DO NOTHING", owner);
            done.Parameters.AddWithValue("name", StepName);
            await done.ExecuteNonQueryAsync(ct);
        }

        logger.LogInformation("Canonical emails and phones: {Emails} emails and {Phones} phones rewritten in {Organizations} organizations; {Duplicates} duplicates revealed.",
            total.Emails, total.Phones, total.Organizations, total.Duplicates);
        return total;
    }

    private static async Task<Outcome> CanonicalizeAsync(IServiceProvider services, Guid organization, ILogger logger, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        await using var work = await unitOfWork.BeginAsync(new WorkContext(organization, Actor.System("migration"), Channels.Migration), ct);
        await unitOfWork.ReasonAsync("Email and phone rewritten in their canonical forms (one definition for matching and duplicates).", ct);

        var contacts = await db.Contacts.Where(c => c.Email != null || c.Phone != null).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var taken = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var emails = new List<(Contact Contact, string? Key)>();
        int duplicates = 0;
        foreach (var contact in contacts)
        {
            var key = Contact.NormalizeEmail(contact.Email);
            if (key is not null && !taken.TryAdd(key, contact.Id))
            {
                duplicates++;
                logger.LogWarning("Contact {Contact} of organization {Organization} has the same email as contact {Existing}; the older one stays the match.",
                    contact.Id, organization, taken[key]);
                key = null;
            }

            if (contact.EmailNormalized != key)
            {
                emails.Add((contact, key));
            }
        }

        // Clear first, then set: two rows trading keys must never meet in the unique index.
        foreach (var (contact, _) in emails)
        {
            contact.EmailNormalized = null;
        }

        await db.SaveChangesAsync(ct);
        foreach (var (contact, key) in emails)
        {
            contact.EmailNormalized = key;
        }

        // Saving marks every phone as written: the DbContext rewrites it in E.164 with the organization's region.
        var phones = 0;
        foreach (var contact in contacts.Where(c => c.Phone is not null))
        {
            db.Entry(contact).Property(c => c.Phone).IsModified = true;
        }

        var before = contacts.ToDictionary(c => c.Id, c => c.Phone);
        await db.SaveChangesAsync(ct);
        phones = contacts.Count(c => before[c.Id] != c.Phone);
        await work.CommitAsync(ct);
        return new(1, emails.Count, phones, duplicates);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", StepName);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
