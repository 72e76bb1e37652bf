using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceConnect.Api.Features.Email;

/// <summary>What an unsubscribe link names: checked without a session, so it carries its own signature.</summary>
public sealed record UnsubscribeLink(Guid OrganizationId, Guid ContactId, Guid EmailId);

/// <summary>
/// Signs and reads unsubscribe links: organization, contact and message, with an HMAC-SHA256 tag
/// (truncated to 128 bits). A tampered or truncated token reads as nothing. Links do not expire:
/// a person may unsubscribe from an old message.
/// </summary>
public sealed class UnsubscribeTokens(IOptions<EmailOptions> options)
{
    private const int TagLength = 16;

    public string Create(UnsubscribeLink link)
    {
        var payload = Payload(link);
        return Base64UrlEncoder.Encode([.. payload, .. Tag(payload)]);
    }

    public UnsubscribeLink? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != 48 + TagLength || !CryptographicOperations.FixedTimeEquals(Tag(bytes.AsSpan(0, 48)), bytes.AsSpan(48)))
        {
            return null;
        }

        return new(new Guid(bytes.AsSpan(0, 16)), new Guid(bytes.AsSpan(16, 16)), new Guid(bytes.AsSpan(32, 16)));
    }

    public string Url(UnsubscribeLink link) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}{Unsubscribe.UnsubscribeApi.PagePath}/{Create(link)}";

    private static byte[] Payload(UnsubscribeLink link) =>
        [.. link.OrganizationId.ToByteArray(), .. link.ContactId.ToByteArray(), .. link.EmailId.ToByteArray()];

    private byte[] Tag(ReadOnlySpan<byte> payload)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.UnsubscribeKey);
        if (key.Length < 32)
        {
            throw new InvalidOperationException("Email:UnsubscribeKey must be at least 32 bytes. Set it in configuration (e.g. the Email__UnsubscribeKey environment variable).");
        }

        return HMACSHA256.HashData(key, payload)[..TagLength];
    }
}
