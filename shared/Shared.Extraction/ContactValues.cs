using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using ComplianceConnect.Shared.Values;
using PhoneNumberFormat = PhoneNumbers.PhoneNumberFormat;
using PhoneNumberUtil = PhoneNumbers.PhoneNumberUtil;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Cleans email addresses and phone numbers out of whatever markup they came from, then keeps only those that
/// <see cref="EmailAddress"/> and <see cref="PhoneNumber"/> accept, so the extension never pre-fills a value the API
/// would refuse. The value is kept as the page wrote it (the rep sees the page's spelling); the API stores and matches
/// the canonical form. National numbers are read in the region of the page being read (see
/// <see cref="ReadNationalNumbersIn"/>); outside Sweden they are given in international form ("01423 560 101" on a UK
/// page → "+44 1423 560101"), because the API reads a national number as Swedish.
/// </summary>
internal static partial class ContactValues
{
    private static readonly PhoneNumberUtil PhoneUtil = PhoneNumberUtil.GetInstance();

    // The extractor reads one page at a time on one thread (the extension's only one); the region is that page's.
    [ThreadStatic]
    private static string? _region;

    // Mailboxes that belong to a function, not a person: never attached to someone just because they are on the page.
    private static readonly HashSet<string> RoleMailboxes = new(StringComparer.OrdinalIgnoreCase)
    {
        "info", "contact", "hello", "hi", "hey", "office", "mail", "email", "admin", "administrator", "support",
        "sales", "press", "media", "pr", "privacy", "dpo", "gdpr", "dataprotection", "data-protection",
        "datenschutz", "kontakt", "team", "jobs", "careers", "career", "hr", "recruiting", "noreply", "no-reply",
        "donotreply", "do-not-reply", "webmaster", "postmaster", "hostmaster", "abuse", "billing", "invoices",
        "accounts", "service", "customerservice", "marketing", "newsletter", "news", "legal", "compliance",
        "security", "feedback", "enquiries", "enquiry", "inquiries", "inquiry", "help", "booking", "bookings",
        "events", "hej", "hallo", "bonjour", "studio", "general", "reception", "welcome", "partners", "partner",
        "talent", "community", "editor", "editors", "redaktion", "speakers", "sponsors", "tickets", "registration",
    };

    /// <summary>The region national numbers are read in: the page's, while one is read, else Sweden.</summary>
    public static string Region => _region ?? PhoneNumber.DefaultRegion;

    /// <summary>Reads national numbers in <paramref name="region"/> until the returned scope is disposed.</summary>
    public static RegionScope ReadNationalNumbersIn(string region)
    {
        var scope = new RegionScope(_region);
        _region = region;
        return scope;
    }

    /// <summary>The international numbers ("+1 617 555 0100", "0049 …") written in <paramref name="text"/>, unchecked.</summary>
    public static IEnumerable<string> InternationalNumbersIn(string text) =>
        InternationalPhone().Matches(text).Select(m => m.Value);

    /// <summary>The bare address from "mailto:Jane%20Doe%20&lt;jane@x.example&gt;?subject=…" or plain text; null if invalid.</summary>
    public static string? NormalizeEmail(string? raw)
    {
        var value = TextUtil.Normalize(raw);
        if (value is null)
        {
            return null;
        }

        if (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[7..];
        }

        value = TextUtil.BeforeAny(value, '?', ',', ';');
        if (value.Contains('%', StringComparison.Ordinal))
        {
            value = SafeUnescape(value);
        }

        // "Jane Doe <jane@x.example>"
        var open = value.IndexOf('<', StringComparison.Ordinal);
        var close = value.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            value = value[(open + 1)..close];
        }

        value = value.Trim();
        if (EmailAddress.TryParse(value, out _))
        {
            return value; // as is, so a quoted local part keeps its quotes
        }

        // Punctuation around an address in running text or a sloppy href: "(jane@x.example).", "'jane@x.example'".
        value = value.Trim('.', '"', '\'', '(', ')', '[', ']');
        return EmailAddress.TryParse(value, out _) ? value : null;
    }

    /// <summary>The addresses written in running text, including "jane [at] example [dot] com" spellings.</summary>
    /// <remarks>Remembered for the page at hand: the card reader asks again for the lines around every seed.</remarks>
    public static IReadOnlyList<string> FindEmails(string text) => PageMemo.Emails(text, ComputeFindEmails);

    /// <summary>
    /// Phone numbers written in running text: international ones ("+49 30 1234567", "0049 …") anywhere, national
    /// ones ("030 1234567") only after a label such as "Tel.:" so that dates and reference numbers stay out.
    /// </summary>
    /// <remarks>Remembered for the page at hand and the <see cref="Region"/> national numbers are read in.</remarks>
    public static IReadOnlyList<string> FindPhones(string text) => PageMemo.Phones(Region, text, ComputeFindPhones);

    private static IReadOnlyList<string> ComputeFindEmails(string text)
    {
        // Most lines a reader tries hold no address: without an @ the pattern cannot match, and is not run.
        var source = Deobfuscate(text);
        if (!source.Contains('@', StringComparison.Ordinal))
        {
            return ReadOnlyCollection<string>.Empty;
        }

        var emails = new List<string>();
        foreach (Match match in EmailInText().Matches(source))
        {
            if (NormalizeEmail(match.Value) is { } email)
            {
                emails.Add(email);
            }
        }

        return emails.AsReadOnly(); // remembered and handed to every caller that asks: not to be changed by one
    }

    private static IReadOnlyList<string> ComputeFindPhones(string text)
    {
        // Both patterns need an ASCII digit (after "+" or "00", or after a label): without one neither is run.
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return ReadOnlyCollection<string>.Empty;
        }

        var phones = new List<string>();
        foreach (Match match in InternationalPhone().Matches(text))
        {
            if (NormalizePhone(match.Value) is { } phone)
            {
                phones.Add(phone);
            }
        }

        foreach (Match match in LabelledPhone().Matches(text))
        {
            // "Phone: (617) 555-0142": North American numbers have no trunk 0, so only on a page of that plan.
            if (match.Groups["nanp"].Success && PhoneUtil.GetCountryCodeForRegion(Region) != 1)
            {
                continue;
            }

            if (NormalizePhone(match.Groups["number"].Value) is { } phone)
            {
                phones.Add(phone);
            }
        }

        return phones.AsReadOnly();
    }

    /// <summary>"jane [at] example [dot] com" and "jane (at) example.com" → "jane@example.com".</summary>
    public static string Deobfuscate(string text) =>
        text.Contains('[', StringComparison.Ordinal) || text.Contains('(', StringComparison.Ordinal)
            ? ObfuscatedDot().Replace(ObfuscatedAt().Replace(text, "@"), ".")
            : text;

    /// <summary>True for info@, sales@, privacy@ and other function mailboxes.</summary>
    public static bool IsRoleEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && RoleMailboxes.Contains(email[..at]);
    }

    /// <summary>The local part of an address ("jane.doe" for jane.doe@acme.example).</summary>
    public static string LocalPart(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? email[..at] : email;
    }

    /// <summary>
    /// The number as written ("+49 30 1234567"), trimmed and without tel:; null unless it has 6–15 digits and is a
    /// valid <see cref="PhoneNumber"/>, national numbers read in <see cref="Region"/> and, outside Sweden, given in
    /// international form ("+44 1423 560101").
    /// </summary>
    public static string? NormalizePhone(string? raw)
    {
        var value = TextUtil.Normalize(raw);
        if (value is null)
        {
            return null;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["tel:", "callto:", "sms:", "phone:"])
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[prefix.Length..];
                break;
            }
        }

        if (value.Contains('%', StringComparison.Ordinal))
        {
            value = SafeUnescape(value);
        }

        value = TextUtil.Normalize(TextUtil.BeforeAny(value, '?', ';'))?.Trim(' ', ',', '.', ':', '-', '/', '|') ?? "";
        var digits = TextUtil.CountAsciiDigits(value);
        if (digits is < 6 or > 15 || !PhonePattern().IsMatch(value))
        {
            return null;
        }

        var region = Region;
        if (PhoneNumber.TryParse(value, region, out _))
        {
            return region == PhoneNumber.DefaultRegion || value.StartsWith('+') || value.StartsWith("00", StringComparison.Ordinal)
                ? value
                : PhoneUtil.Format(PhoneUtil.Parse(value, region), PhoneNumberFormat.INTERNATIONAL);
        }

        // What Sweden's plan accepts is kept as written, as before regions were read: "46701234567" (a JSON-LD number
        // with its country code and no "+") on a French page is still a number.
        return region != PhoneNumber.DefaultRegion && PhoneNumber.TryParse(value, PhoneNumber.DefaultRegion, out _) ? value : null;
    }

    /// <summary>Restores the region read before, when the page is done.</summary>
    public readonly struct RegionScope(string? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => _region = previous;
    }

    private static string SafeUnescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value; // a stray '%' is not worth losing the address over
        }
    }

    // What may be an address in running text; EmailAddress decides. Quoted local parts and IDN domains included, so
    // that an address the API accepts is also found on a page.
    [GeneratedRegex(@"(?:""[^""\r\n<>@]{1,64}""|[A-Za-z0-9._%+\-\p{L}][A-Za-z0-9._%+'\-\p{L}]*)@[A-Za-z0-9\-\p{L}\p{M}]+(?:\.[A-Za-z0-9\-\p{L}\p{M}]+)*\.[A-Za-z\p{L}]{2,}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailInText();

    [GeneratedRegex(@"\s*[\[(]\s*at\s*[\])]\s*", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ObfuscatedAt();

    [GeneratedRegex(@"\s*[\[(]\s*dot\s*[\])]\s*", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ObfuscatedDot();

    [GeneratedRegex(@"(?<![\w+])(?:\+|00)[1-9][\d \u00A0().\-/]{5,}\d", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InternationalPhone();

    [GeneratedRegex(@"\b(?:tel|phone|telephone|mobile|mob|cell|telefon|tfn|tlf|puh|puhelin|mobil|handy|direct|office|t|m|p)\.?\s*[:.]\s*(?<number>\(?0[\d \u00A0().\-/]{5,}\d|(?<nanp>\(?[2-9]\d{2}\)?[ \u00A0.\-]?[2-9]\d{2}[ .\-]\d{4}\b))", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LabelledPhone();

    [GeneratedRegex(@"^\+?[0-9()][0-9 ()./\-\u2013]*[0-9](?:\s*(?:ext\.?|x|#)\s*[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();
}
