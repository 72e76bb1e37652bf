using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceConnect.Api.Features.Auth;

/// <summary>Token settings, bound from the <c>Jwt</c> configuration section.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    [Required]
    public string Issuer { get; set; } = "";

    [Required]
    public string Audience { get; set; } = "";

    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8. Not needed when <see cref="Authority"/> is set.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>An external OpenID Connect issuer; when set, tokens are validated against its published keys instead.</summary>
    public string? Authority { get; set; }

    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>How long an access token's session is trusted without asking the database again whether it ended.</summary>
    [Range(0, 900)]
    public int SessionCheckSeconds { get; set; } = 10;

    public bool UsesExternalAuthority => !string.IsNullOrWhiteSpace(Authority);

    public SymmetricSecurityKey CreateSigningKey()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes. Set it in configuration (e.g. the Jwt__SigningKey environment variable).");
        }

        return new SymmetricSecurityKey(bytes);
    }
}
