namespace ComplianceConnect.Shared;

/// <summary>Length limits for stored text, shared by the API's schema and both sides' validation.</summary>
public static class Limits
{
    /// <summary>Names, company, title.</summary>
    public const int Name = 200;

    /// <summary>RFC 5321 caps a forward path at 256 octets; 254 characters is the usable address length.</summary>
    public const int Email = 254;

    /// <summary>Phone numbers as typed, with spaces and punctuation.</summary>
    public const int Phone = 50;

    /// <summary>Profile and page URLs.</summary>
    public const int Url = 2048;

    /// <summary>Free text such as "Other", descriptions and purposes.</summary>
    public const int Description = 1000;

    /// <summary>Passwords: long enough for any passphrase, short enough that hashing one costs nothing unusual.</summary>
    public const int Password = 256;

    /// <summary>Refresh tokens: an organization id and a 256-bit value (76 characters today), with room to change the format.</summary>
    public const int RefreshToken = 512;

    /// <summary>A hash or signature of an audit checkpoint (64 hex characters today).</summary>
    public const int Digest = 128;
}
