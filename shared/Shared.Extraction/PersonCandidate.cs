namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// A person found on a page or in a text selection: what the extension pre-fills when a rep captures a contact.
/// Every field is optional; a candidate always has at least a name, an email, a phone or a social profile.
/// </summary>
public sealed record PersonCandidate
{
    /// <summary>The name as shown, without honorifics or post-nominal letters (e.g. "Jane Doe").</summary>
    public string? FullName { get; init; }

    /// <summary>First name (with middle names, if any).</summary>
    public string? GivenName { get; init; }

    /// <summary>Last name, including particles such as "van" or "de".</summary>
    public string? FamilyName { get; init; }

    /// <summary>Job title or role, e.g. "Head of Data Protection".</summary>
    public string? JobTitle { get; init; }

    /// <summary>Company or institution the person works for.</summary>
    public string? Organization { get; init; }

    /// <summary>Email address without a <c>mailto:</c> prefix.</summary>
    public string? Email { get; init; }

    /// <summary>Phone number as written on the page, trimmed and without a <c>tel:</c> prefix.</summary>
    public string? Phone { get; init; }

    /// <summary>Absolute http(s) URL of the person's own or profile web page (not a social network profile).</summary>
    public string? Website { get; init; }

    /// <summary>Normalized LinkedIn profile URL, e.g. <c>https://www.linkedin.com/in/janedoe</c>.</summary>
    public string? LinkedIn { get; init; }

    /// <summary>Normalized Twitter/X profile URL, e.g. <c>https://x.com/janedoe</c>.</summary>
    public string? Twitter { get; init; }

    /// <summary>Normalized Facebook profile URL.</summary>
    public string? Facebook { get; init; }

    /// <summary>
    /// How the person was found: "json-ld", "microdata", "rdfa", "h-card", "hcard", "meta", "links", "text" or
    /// "selection". When several formats described the same person, the most structured one is named.
    /// </summary>
    public string Origin { get; init; } = "";
}
