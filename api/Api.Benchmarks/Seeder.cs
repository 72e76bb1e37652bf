using System.Globalization;
using System.Text;
using Bogus;
using ComplianceConnect.Api.Features.Auth;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceConnect.Api.Benchmarks;

/// <summary>An organization the run seeded: its Admin signs in with <see cref="BenchApi.Password"/>.</summary>
public sealed record SeededOrganization(Guid Id, string Name, Guid AdminId, string AdminName, string AdminEmail, int Contacts);

/// <summary>
/// Realistic, deterministic people (Bogus with a fixed seed, several locales so names carry accents)
/// spread over several organizations. Loaded as the API's runtime role inside each organization's
/// unit of work — a binary COPY into a temporary staging table, then one INSERT … SELECT — so the
/// database's own audit triggers write each contact's "created" entry, as for any other path.
/// </summary>
public static class Seeder
{
    private static readonly string[] Locales = ["sv", "de", "fr", "es", "en", "nb_NO", "pl"];

    public static async Task<List<SeededOrganization>> SeedAsync(BenchApi api, int seed, IReadOnlyList<int> sizes)
    {
        var organizations = new List<SeededOrganization>();
        for (var o = 0; o < sizes.Count; o++)
        {
            organizations.Add(await SeedOrganizationAsync(api, seed, o, sizes[o]));
        }

        return organizations;
    }

    public static async Task<SeededOrganization> SeedOrganizationAsync(BenchApi api, int seed, int index, int count)
    {
        var random = new Random(seed * 1000 + index);
        var created = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var company = new Faker("en") { Random = new Randomizer(seed + index) }.Company.CompanyName();
        var organization = new Organization { Id = NextGuid(random), Name = company, Slug = $"bench-{index}", CreatedAt = created };
        var admin = new User
        {
            Id = NextGuid(random),
            OrganizationId = organization.Id,
            Email = $"admin@bench-{index}.example",
            EmailNormalized = $"admin@bench-{index}.example",
            DisplayName = $"Admin {index}",
            Role = UserRole.Admin,
            CreatedAt = created,
        };
        admin.PasswordHash = hasher.HashPassword(admin, BenchApi.Password);

        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>()
            .BeginAsync(new WorkContext(organization.Id, Actor.System("benchmark seed"), Channels.Import));
        db.Organizations.Add(organization);
        db.Users.Add(admin);
        await db.SaveChangesAsync();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Only the seeded columns: the generated ones (search and sort keys) are computed by the INSERT below.
        var staging = $"CREATE TEMPORARY TABLE seed_contacts ON COMMIT DROP AS SELECT {string.Join(", ", Columns)} FROM contacts WITH NO DATA";
        await db.Database.ExecuteSqlRawAsync(staging);
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY seed_contacts ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            var fakers = Locales.Select((locale, i) => new Faker(locale) { Random = new Randomizer(seed * 7919 + index * 131 + i) }).ToArray();
            for (var i = 0; i < count; i++)
            {
                var f = fakers[i % fakers.Length];
                var first = f.Name.FirstName();
                var last = f.Name.LastName();
                var employer = f.Company.CompanyName();
                var domain = Ascii(employer).Replace(" ", "", StringComparison.Ordinal) + ".example";
                var email = $"{Ascii(first)}.{Ascii(last)}.{i.ToString(CultureInfo.InvariantCulture)}@{domain}".ToLowerInvariant();
                var basisRoll = random.Next(100);
                var basis = basisRoll switch { < 40 => "LegitimateInterest", < 60 => "Consent", < 75 => "PerformanceOfContract", < 78 => "LegalObligation", _ => null };
                var source = (random.Next(4)) switch { 0 => "Import", 1 => "ManualUpload", 2 => "ChromeExtension", _ => "CrmSync" };
                var at = created.AddMinutes(random.Next(0, 60 * 24 * 300));
                await copy.StartRowAsync();
                await copy.WriteAsync(organization.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(NextGuid(random), NpgsqlDbType.Uuid);
                await copy.WriteAsync(first, NpgsqlDbType.Varchar);
                await copy.WriteAsync(last, NpgsqlDbType.Varchar);
                await copy.WriteAsync(email, NpgsqlDbType.Varchar);
                await copy.WriteAsync(email, NpgsqlDbType.Varchar);
                await copy.WriteAsync("+46" + random.Next(700_000_000, 799_999_999).ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                await copy.WriteAsync(employer.Length > 100 ? employer[..100] : employer, NpgsqlDbType.Varchar);
                await copy.WriteAsync(f.Name.JobTitle(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(basis, NpgsqlDbType.Varchar);
                await copy.WriteAsync(basis == "Consent" ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null, NpgsqlDbType.Date);
                await copy.WriteAsync(basis == "Consent" ? "Newsletter and event invitations" : null, NpgsqlDbType.Varchar);
                await copy.WriteAsync(source, NpgsqlDbType.Varchar);
                await copy.WriteAsync(source == "ChromeExtension" ? $"https://{domain}/people/{i}" : null, NpgsqlDbType.Varchar);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        var insert = $"INSERT INTO contacts ({string.Join(", ", Columns)}) SELECT {string.Join(", ", Columns)} FROM seed_contacts";
        await db.Database.ExecuteSqlRawAsync(insert);
        await work.CommitAsync();
        return new SeededOrganization(organization.Id, organization.Name, admin.Id, admin.DisplayName, admin.Email, count);
    }

    private static readonly string[] Columns =
    [
        "organization_id", "id", "first_name", "last_name", "email", "email_normalized", "phone", "company", "title",
        "authorization_type", "consent_date", "consent_purpose", "source_type", "source_url", "created_at", "updated_at",
    ];

    /// <summary>A deterministic UUID with version 7's layout (the ids the API makes), from the seeded generator.</summary>
    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Letters only, accents dropped: a plausible mailbox for "Åsa Öberg".</summary>
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
