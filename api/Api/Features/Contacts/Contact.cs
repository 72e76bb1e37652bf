using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Contacts;

/// <summary>A person, with the compliance card that says why and from where we hold their data.</summary>
public sealed class Contact : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }

    /// <summary>Lower-cased email: the de-duplication key.</summary>
    public string? EmailNormalized { get; set; }

    public string? Phone { get; set; }
    public string? Company { get; set; }
    public string? Title { get; set; }
    public string? Website { get; set; }
    public string? LinkedIn { get; set; }

    /// <summary>Canonical LinkedIn profile path: the de-duplication key when there is no email.</summary>
    public string? LinkedInNormalized { get; set; }

    public string? Twitter { get; set; }
    public string? Facebook { get; set; }
    public string? Other { get; set; }
    public string? SalesforceId { get; set; }

    public AuthorizationType? AuthorizationType { get; set; }
    public string? AuthorizationDescription { get; set; }
    public DateOnly? ConsentDate { get; set; }
    public string? ConsentPurpose { get; set; }
    public SourceType SourceType { get; set; }
    public string? SourceDescription { get; set; }
    public string? SourceUrl { get; set; }
    public DateTimeOffset? CapturedAt { get; set; }

    /// <summary>Set by the database from the subscription history (the latest event): never written by the API.</summary>
    public DateTimeOffset? UnsubscribedAt { get; private set; }

    /// <summary>How the current unsubscribe came about; null while subscribed.</summary>
    public SubscriptionSource? UnsubscribedVia { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The user whose unit of work created the contact (the database fills it in from <c>app.actor_id</c>); null for system actors.</summary>
    public Guid? CreatedById { get; set; }

    /// <summary>Name, email, company and title, lower-cased with accents folded (computed by PostgreSQL): what search matches.</summary>
    public string SearchText { get; private set; } = "";

    // Sort keys computed by PostgreSQL: folded, never null, blanks last. Plain columns, so keyset comparisons on them are
    // leakproof and may use their indexes under row-level security (docs/decisions/0009-people-search-and-paging.md).
    public string SortName { get; private set; } = "";
    public string SortEmail { get; private set; } = "";
    public string SortCompany { get; private set; } = "";
    public string SortTitle { get; private set; } = "";
    public string SortAuthorization { get; private set; } = "";
    public string SortSource { get; private set; } = "";

    /// <summary>PostgreSQL's xmin: changes on every update, so a stale edit is detected.</summary>
    public uint Version { get; set; }

    /// <summary>A contact made from a request, with the source the system knows it came from.</summary>
    public static Contact New(NewContactFields request, SourceType source, DateTimeOffset now)
    {
        var contact = new Contact { SourceType = source, CreatedAt = now, UpdatedAt = now };
        contact.SetFields(request);
        contact.SetLegalBasis(request.AuthorizationType, request.AuthorizationDescription, request.ConsentDate, request.ConsentPurpose);
        return contact;
    }

    public void SetLegalBasis(AuthorizationType? type, string? description, DateOnly? consentDate, string? consentPurpose)
    {
        AuthorizationType = type;
        AuthorizationDescription = Clean(description);
        ConsentDate = consentDate;
        ConsentPurpose = Clean(consentPurpose);
    }

    public void SetFields(ContactFields fields)
    {
        FirstName = Clean(fields.FirstName);
        LastName = Clean(fields.LastName);
        Email = Clean(fields.Email);
        EmailNormalized = NormalizeEmail(Email);
        Phone = Clean(fields.Phone);
        Company = Clean(fields.Company);
        Title = Clean(fields.Title);
        Website = Clean(fields.Website);
        LinkedIn = Clean(fields.LinkedIn);
        LinkedInNormalized = NormalizeLinkedIn(LinkedIn);
        Twitter = Clean(fields.Twitter);
        Facebook = Clean(fields.Facebook);
        Other = Clean(fields.Other);
    }

    public ComplianceCardDto ToCard() => new(
        Id, AuthorizationType, AuthorizationDescription, ConsentDate, ConsentPurpose,
        SourceType, SourceDescription, SourceUrl, CapturedAt, Version);

    public ContactDto ToDto() => new()
    {
        Id = Id,
        FirstName = FirstName,
        LastName = LastName,
        Email = Email,
        Phone = Phone,
        Company = Company,
        Title = Title,
        Website = Website,
        LinkedIn = LinkedIn,
        Twitter = Twitter,
        Facebook = Facebook,
        Other = Other,
        SalesforceId = SalesforceId,
        UnsubscribedAt = UnsubscribedAt,
        UnsubscribedVia = UnsubscribedVia,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Card = ToCard(),
    };

    /// <summary>
    /// The canonical <see cref="Shared.Values.EmailAddress"/> that matching and duplicate checks compare; text that is no address
    /// (rows stored before validation was this strict) only trimmed and lower-cased, as it always was.
    /// </summary>
    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : Shared.Values.EmailAddress.Canonical(email) ?? email.Trim().ToLowerInvariant();

    /// <summary>The number in E.164 (national numbers read in <paramref name="region"/>), or null when it is none.</summary>
    public static string? NormalizePhone(string? phone, string region) => Shared.Values.PhoneNumber.Canonical(phone, region);

    /// <summary>"https://www.linkedin.com/in/Jane-Doe/?trk=x" → "linkedin.com/in/jane-doe".</summary>
    public static string? NormalizeLinkedIn(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var host = uri.Host.ToLowerInvariant();
        return (host == "linkedin.com" || host.EndsWith(".linkedin.com", StringComparison.Ordinal)) && segments.Length >= 2 && segments[0] == "in"
            ? "linkedin.com/in/" + Uri.UnescapeDataString(segments[1]).ToLowerInvariant()
            : null;
    }

    private static string? Clean(string? value) => TextValue.OrNull(value);
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.HasKey(c => new { c.OrganizationId, c.Id });
        builder.HasOne<Auth.Organization>().WithMany().HasForeignKey(c => c.OrganizationId);
        builder.Property(c => c.Version).IsRowVersion();
        foreach (var name in new[] { nameof(Contact.FirstName), nameof(Contact.LastName), nameof(Contact.Company), nameof(Contact.Title) })
        {
            builder.Property(name).HasMaxLength(Limits.Name);
        }

        builder.Property(c => c.Email).HasMaxLength(Limits.Email);
        builder.Property(c => c.EmailNormalized).HasMaxLength(Limits.Email);
        builder.Property(c => c.Phone).HasMaxLength(Limits.Phone);
        foreach (var name in new[] { nameof(Contact.Website), nameof(Contact.LinkedIn), nameof(Contact.LinkedInNormalized), nameof(Contact.Twitter), nameof(Contact.Facebook), nameof(Contact.SourceUrl) })
        {
            builder.Property(name).HasMaxLength(Limits.Url);
        }

        foreach (var name in new[] { nameof(Contact.Other), nameof(Contact.AuthorizationDescription), nameof(Contact.ConsentPurpose), nameof(Contact.SourceDescription) })
        {
            builder.Property(name).HasMaxLength(Limits.Description);
        }

        builder.Property(c => c.SalesforceId).HasMaxLength(18);
        builder.Property(c => c.AuthorizationType).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.SourceType).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.UnsubscribedVia).HasConversion<string>().HasMaxLength(20);

        // One contact per person and organization: these make capture's create-or-match race-free.
        builder.HasIndex(c => new { c.OrganizationId, c.EmailNormalized }).IsUnique().HasFilter("email_normalized IS NOT NULL");
        builder.HasIndex(c => new { c.OrganizationId, c.LinkedInNormalized }).IsUnique().HasFilter("linked_in_normalized IS NOT NULL");

        // Computed by the database on every write (EF, ExecuteUpdate, raw SQL alike); see the PeopleSearch migration.
        builder.Property(c => c.CreatedById).HasDefaultValueSql("nullif(current_setting('app.actor_id', true), '')::uuid");
        builder.Property(c => c.SearchText).HasComputedColumnSql(
            "contact_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(company, '') || ' ' || coalesce(title, ''))",
            stored: true);
        builder.Property(c => c.SortName).HasComputedColumnSql("contact_sort_key(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))", stored: true);
        builder.Property(c => c.SortEmail).HasComputedColumnSql("contact_sort_key(email_normalized)", stored: true);
        builder.Property(c => c.SortCompany).HasComputedColumnSql("contact_sort_key(company)", stored: true);
        builder.Property(c => c.SortTitle).HasComputedColumnSql("contact_sort_key(title)", stored: true);
        builder.Property(c => c.SortAuthorization).HasComputedColumnSql("contact_sort_key(authorization_type)", stored: true);
        builder.Property(c => c.SortSource).HasComputedColumnSql("contact_sort_key(source_type)", stored: true);
        builder.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => new { c.OrganizationId, c.SortName, c.Id });
        builder.HasIndex(c => new { c.OrganizationId, c.SortEmail, c.Id });
        builder.HasIndex(c => new { c.OrganizationId, c.SortCompany, c.Id });
        builder.HasIndex(c => new { c.OrganizationId, c.SortTitle, c.Id });
        builder.HasIndex(c => new { c.OrganizationId, c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.OrganizationId, c.UpdatedAt, c.Id });
        builder.HasIndex(c => new { c.OrganizationId, c.CreatedById });
    }
}
