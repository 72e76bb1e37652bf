using ComplianceConnect.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceConnect.Api.Features.Auth;

/// <summary>
/// One link in a session's chain of refresh tokens. Only a SHA-256 hash of the token is stored.
/// Every refresh replaces the token; presenting a replaced one again means it was stolen or
/// replayed, and the whole family (the session) is revoked.
/// </summary>
public sealed class RefreshToken : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    /// <summary>Shared by every token of one sign-in.</summary>
    public Guid FamilyId { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The client the session was signed in from (extension, web-app, api): every access token of the family carries it.</summary>
    public string Client { get; set; } = "api";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? ReplacedAt { get; set; }

    public User? User { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.HasKey(t => new { t.OrganizationId, t.Id });
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Client).HasMaxLength(20).HasDefaultValue("api");

        // The token text starts with its organization id, so even this lookup stays inside one tenant.
        builder.HasIndex(t => new { t.OrganizationId, t.TokenHash }).IsUnique();
        builder.HasIndex(t => new { t.OrganizationId, t.FamilyId });
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => new { t.OrganizationId, t.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}
