using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MimeKit;

namespace ComplianceConnect.Shared.Values;

/// <summary>
/// An email address as the product understands it, the one definition used by the extractor, the selection parser,
/// both sides' validation and the API's matching: a bare address (no display name, comment or route) whose local part
/// MimeKit's strict RFC 5322 parser accepts as a dot-atom or quoted string, on a domain name with at least two labels
/// and a top-level label of two or more letters, with no consecutive dots and at most <see cref="Limits.Email"/>
/// characters.
/// </summary>
/// <remarks>
/// The canonical form (<see cref="Value"/>, also what equality compares) is trimmed, has its domain mapped by
/// IDNA/UTS #46 (lower-cased, NFC, shown in Unicode so <c>xn--bcher-kva.example</c> and <c>Bücher.example</c> are one
/// domain) and its local part lower-cased. RFC 5321 lets a server treat the local part case-sensitively, but no mail
/// provider a rep meets does, and matching and duplicate checks must not let "Jane.Doe@" and "jane.doe@" be two
/// people.
/// </remarks>
public sealed record EmailAddress
{
    /// <summary>RFC 5321: a local part is at most 64 octets.</summary>
    public const int MaxLocalPartLength = 64;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        MaxAddressGroupDepth = 0,
    };

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    private EmailAddress(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
        Value = localPart + "@" + domain;
    }

    /// <summary>The canonical address, e.g. <c>jane.doe@acme.example</c>.</summary>
    public string Value { get; }

    /// <summary>The lower-cased local part (with its quotes, when it is a quoted string).</summary>
    public string LocalPart { get; }

    /// <summary>The IDNA-mapped domain, in Unicode.</summary>
    public string Domain { get; }

    /// <summary>Reads an address as a person would type it; false (never an exception) when it is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out EmailAddress? email)
    {
        email = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > Limits.Email)
        {
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at > MaxLocalPartLength || at == value.Length - 1)
        {
            return false;
        }

        var localPart = value[..at];
        if (!IsLocalPart(localPart) || ToDomain(value[(at + 1)..]) is not { } domain)
        {
            return false;
        }

        // MimeKit judges the local part: the whole address must come back as exactly what was written, so display
        // names ("Jane <jane@x.example>"), comments and routes are refused rather than silently dropped.
        if (!MailboxAddress.TryParse(Strict, value, out var mailbox)
            || !string.IsNullOrEmpty(mailbox.Name)
            || mailbox.Route.Count > 0
            || !string.Equals(mailbox.LocalPart, Unquoted(localPart), StringComparison.Ordinal))
        {
            return false;
        }

        email = new EmailAddress(localPart.ToLowerInvariant(), domain);
        return true;
    }

    /// <summary>Reads an address or throws <see cref="FormatException"/>.</summary>
    public static EmailAddress Parse(string text) =>
        TryParse(text, out var email) ? email : throw new FormatException("Not an email address such as name@example.com.");

    /// <summary>The canonical form, or null when <paramref name="text"/> is not an address.</summary>
    public static string? Canonical(string? text) => TryParse(text, out var email) ? email.Value : null;

    /// <summary>The canonical address.</summary>
    public override string ToString() => Value;

    private static bool IsLocalPart(string localPart)
    {
        if (localPart.Length >= 2 && localPart[0] == '"' && localPart[^1] == '"')
        {
            // A quoted string may hold dots and spaces freely; MimeKit checks its escapes. Line breaks never belong.
            return !localPart.AsSpan(1, localPart.Length - 2).ContainsAny('\r', '\n');
        }

        return !localPart.StartsWith('.') && !localPart.EndsWith('.')
            && !localPart.Contains("..", StringComparison.Ordinal)
            && !localPart.Contains('"', StringComparison.Ordinal);
    }

    // MimeKit reports a quoted local part without its quotes when it needs none ("jane"@x → jane).
    private static string Unquoted(string localPart) =>
        localPart.Length >= 2 && localPart[0] == '"' && localPart[^1] == '"' && MailboxAddress.TryParse(Strict, localPart[1..^1] + "@x.example", out _)
            ? localPart[1..^1]
            : localPart;

    /// <summary>The domain's Unicode form after IDNA mapping, or null unless it is a host name with a 2+ letter TLD.</summary>
    private static string? ToDomain(string domain)
    {
        if (domain.Contains("..", StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return null;
        }

        string ascii;
        string unicode;
        try
        {
            // GetAscii maps (lower-cases) non-ASCII labels by UTS #46 but returns ASCII labels as written.
            ascii = Idn.GetAscii(domain.Normalize(NormalizationForm.FormC)).ToLowerInvariant();
            unicode = Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return null; // an empty label, a label over 63 octets, or a character no host name may hold
        }

        var labels = unicode.Split('.');
        var tld = labels[^1];
        return ascii.Length <= 253 && labels.Length >= 2 && tld.Length >= 2 && tld.All(char.IsLetter) ? unicode : null;
    }
}
