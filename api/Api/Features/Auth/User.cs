using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Auth;

public sealed class User : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }

    /// <summary>Lower-cased email, what sign-in and uniqueness compare.</summary>
    public required string EmailNormalized { get; set; }

    public required string DisplayName { get; set; }
    public UserRole Role { get; set; }

    /// <summary>Set by ASP.NET Core Identity's <c>PasswordHasher</c> (PBKDF2, salted, versioned).</summary>
    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public Organization? Organization { get; set; }

    public UserDto ToDto() => new(Id, Email, DisplayName, Role, CreatedAt);

    /// <summary>The canonical <see cref="Shared.Values.EmailAddress"/>; text that is no address only trimmed and lower-cased, so it matches nothing new.</summary>
    public static string Normalize(string email) => Shared.Values.EmailAddress.Canonical(email) ?? email.Trim().ToLowerInvariant();
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasKey(u => new { u.OrganizationId, u.Id });
        builder.Property(u => u.Email).HasMaxLength(Limits.Email);
        builder.Property(u => u.EmailNormalized).HasMaxLength(Limits.Email);
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.Name);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(u => new { u.OrganizationId, u.EmailNormalized }).IsUnique();

        // Sign-in looks a user up by email before it knows the organization.
        builder.HasIndex(u => u.EmailNormalized);
        builder.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId);
    }
}
