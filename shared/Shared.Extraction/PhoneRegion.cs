using AngleSharp.Dom;
using PhoneNumbers;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// The country a page's national phone numbers belong to ("01423 560 101" on a UK accountant's team page, "(617)
/// 555-0142" on a Boston faculty list, "040 123 4567" on a Finnish staff page): the country-code domain of the page's
/// address, else the region of <c>&lt;html lang="en-GB"&gt;</c> (or a language spoken in one country only, such as
/// <c>fi</c>), else the country most of the page's international numbers (+44 …) belong to, else
/// <see cref="Values.PhoneNumber.DefaultRegion"/>.
/// </summary>
internal static class PhoneRegion
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // Country domains sold to the world as generic ones: a .io or .me site says nothing about its phone numbers.
    private static readonly HashSet<string> GenericCountryDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "io", "co", "me", "tv", "ai", "fm", "ly", "cc", "ws", "to", "gg", "sh", "ac", "am", "so", "vc", "la", "nu",
    };

    // Languages spoken as a national language in essentially one country, so "lang=fi" places the page.
    private static readonly Dictionary<string, string> SingleCountryLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sv"] = "SE", ["fi"] = "FI", ["da"] = "DK", ["nb"] = "NO", ["nn"] = "NO", ["no"] = "NO", ["et"] = "EE",
        ["lv"] = "LV", ["lt"] = "LT", ["pl"] = "PL", ["cs"] = "CZ", ["hu"] = "HU", ["ja"] = "JP",
    };

    /// <summary>The region of the page's national numbers, as an ISO 3166-1 alpha-2 code.</summary>
    public static string Of(IDocument document, Page page)
    {
        if (FromHost(page.PageUri) is { } fromHost)
        {
            return fromHost;
        }

        if (FromLanguage(document.DocumentElement?.GetAttribute("lang")) is { } fromLanguage)
        {
            return fromLanguage;
        }

        return FromInternationalNumbers(page) ?? Values.PhoneNumber.DefaultRegion;
    }

    private static string? FromHost(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        var host = uri.Host;
        var tld = host[(host.LastIndexOf('.') + 1)..];
        if (tld.Length != 2 || GenericCountryDomains.Contains(tld))
        {
            return null;
        }

        return Supported(tld.Equals("uk", StringComparison.OrdinalIgnoreCase) ? "GB" : tld);
    }

    private static string? FromLanguage(string? lang)
    {
        var tag = TextUtil.Normalize(lang);
        if (tag is null)
        {
            return null;
        }

        var parts = tag.Split('-', '_');
        if (parts.Length > 1 && parts[^1].Length == 2 && Supported(parts[^1]) is { } region)
        {
            return region; // en-GB, fr-FR, pt-BR (zh-Hant-TW too)
        }

        return SingleCountryLanguages.GetValueOrDefault(parts[0]);
    }

    /// <summary>The country most international numbers on the page (tel: links, text, JSON-LD) belong to.</summary>
    private static string? FromInternationalNumbers(Page page)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var link in page.Links)
        {
            var href = link.GetAttribute("href");
            if (href is not null && href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                Count(href[4..], counts);
            }
        }

        // The organization's "telephone": "+1 617 555 0100" in its structured data places a page as well as its text.
        foreach (var text in page.ContactTexts.Select(c => c.Text).Concat(page.JsonLdScripts.Select(s => s.TextContent)))
        {
            foreach (var number in ContactValues.InternationalNumbersIn(text))
            {
                Count(number, counts);
            }
        }

        return counts.Count == 0 ? null : counts.MaxBy(c => c.Value).Key;
    }

    private static void Count(string raw, Dictionary<string, int> counts)
    {
        var value = raw.Trim();
        if (!value.StartsWith('+') && !value.StartsWith("00", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            var number = Util.Parse(value.StartsWith('+') ? value : "+" + value[2..], "ZZ");
            if (Util.IsValidNumber(number) && Util.GetRegionCodeForNumber(number) is { Length: 2 } region)
            {
                counts[region] = counts.GetValueOrDefault(region) + 1;
            }
        }
        catch (NumberParseException)
        {
            // not a number: says nothing about the page's country
        }
    }

    private static string? Supported(string code)
    {
        var region = code.ToUpperInvariant();
        return Util.GetSupportedRegions().Contains(region) ? region : null;
    }
}
