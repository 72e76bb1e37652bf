using System.Text.RegularExpressions;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// The organization whose site the page is on: from its structured data (a top-level schema.org Organization), the
/// footer's legal name ("© 2026 Brightwater Logistics Ltd", "Nordwind Energie GmbH · Hafenstraße 12"), or the site's
/// name (og:site_name, the title's last part). On a team, staff or profile page it is each member's company, and it
/// is never a person itself.
/// </summary>
internal sealed partial record SiteOwner(string Name, string? Brand, bool IsOrganization)
{
    private static readonly string[] TitleSeparators = [" | ", " – ", " — ", " - ", " · ", " :: ", " » "];

    private static readonly string[] FooterSeparators = [" · ", " | ", " • ", " — ", " – ", " - ", "\u00a0·\u00a0"];

    // Path words of pages that list or profile an organization's own people.
    private static readonly string[] MemberPathWords =
    [
        "team", "people", "staff", "about", "ueber-uns", "uber-uns", "company", "leadership", "management", "our-people",
        "meet", "kontakt", "contact", "medarbetare", "personal", "ansatte", "medarbejdere", "henkilosto", "starfsfolk",
        "styrelse", "om-oss", "yhteystiedot", "mitarbeiter", "mitarbeitende", "employees", "partners", "lawyers",
        "experts", "members", "faculty", "directory", "who-we-are", "board", "organisation", "organization",
    ];

    // Connecting words a company name may contain in lower case ("Bramble & Co", "Kestrel Security Sp. z o.o.").
    private static readonly HashSet<string> NameConnectors = new(StringComparer.Ordinal)
    {
        "&", "of", "and", "for", "the", "z", "o.o.", "och", "und", "de", "di", "du", "la", "le", "del", "der", "van", "von", "y", "e",
    };

    private static readonly string[] OrganizationEndings =
    [
        "lab", "labs", "studio", "studios", "logistics", "robotics", "analytics", "security", "partners", "consulting",
        "sällskap", "förening", "föreningen", "forening", "klubb", "club", "verein", "seura", "architects", "bakery",
        "software", "systems", "solutions", "energie", "energy", "media", "foods", "pharma", "games", "capital",
        "advisors", "institute", "centre", "center", "group", "kommun", "skolan", "university", "college",
    ];

    public static SiteOwner? Find(Page page)
    {
        var brand = SiteName(page) ?? TitleBrand(page.Title);
        string? legal = null;
        var structured = false;
        if (page.StructuredOrganizations.FirstOrDefault() is { } fromData)
        {
            legal = fromData;
            structured = true;
        }

        if (legal is null && FromMicrodata(page) is { } fromMicrodata)
        {
            legal = fromMicrodata;
            structured = true;
        }

        legal ??= FromFooters(page, brand);
        if (legal is null && brand is not null && JobTitles.IsCompanyName(brand))
        {
            legal = brand;
        }

        var name = JobTitles.CleanOrganization(legal ?? brand);
        if (name is null)
        {
            return null;
        }

        var isOrganization = structured || legal is not null || LooksLikeOrganization(name);
        return new SiteOwner(name, brand, isOrganization);
    }

    /// <summary>True when <paramref name="person"/> is the site owner's name offered as a person ("Brightwater Logistics").</summary>
    public bool IsNamedBy(Found person)
    {
        if (!IsOrganization || person.DisplayName is not { } display)
        {
            return false;
        }

        var folded = TextUtil.Fold(display);
        return Forms().Any(form => form == folded);
    }

    private IEnumerable<string> Forms()
    {
        yield return TextUtil.Fold(Name);
        if (WithoutLegalForm(Name) is { } stem)
        {
            yield return TextUtil.Fold(stem);
        }

        if (Brand is not null)
        {
            yield return TextUtil.Fold(Brand);
            if (WithoutLegalForm(Brand) is { } brandStem)
            {
                yield return TextUtil.Fold(brandStem);
            }
        }
    }

    /// <summary>
    /// Whether the page is about the owner's own people, so the owner is their company: their address is on the
    /// site's domain, or the page is a team, staff or profile page of the site.
    /// </summary>
    public bool Employs(Page page, Found person)
    {
        if (!IsOrganization || (person.Anchors.Count > 0 && person.Anchors.All(page.IsSecondary)))
        {
            return false;
        }

        if (person.Hints.HasFlag(Hints.PageAuthor) && !person.Hints.HasFlag(Hints.DeclaredSubject))
        {
            return true; // the author of a post on a company's own site writes for that company
        }

        if (page.PageUri is not { } pageUri || pageUri.Scheme == Uri.UriSchemeFile)
        {
            return false;
        }

        var site = RegistrableDomain(pageUri.Host);
        if (person.Email is { } email && email.IndexOf('@', StringComparison.Ordinal) is var at and > 0
            && RegistrableDomain(email[(at + 1)..]) == site)
        {
            return true;
        }

        var path = pageUri.AbsolutePath.ToLowerInvariant();
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => Path.GetFileNameWithoutExtension(segment)) // "team.html", "about-us.php"
            .Any(segment => MemberPathWords.Any(word => segment == word || segment.StartsWith(word + "-", StringComparison.Ordinal) || segment.StartsWith(word + "_", StringComparison.Ordinal) || segment.EndsWith("-" + word, StringComparison.Ordinal)));
    }

    internal static string RegistrableDomain(string host)
    {
        var labels = host.ToLowerInvariant().TrimEnd('.').Split('.');
        if (labels.Length <= 2)
        {
            return string.Join('.', labels);
        }

        // "example.co.uk", "uni.ac.example": keep three labels when the second-level label is a generic one.
        var take = labels[^2] is "co" or "ac" or "com" or "org" or "gov" or "edu" or "net" or "kommun" && labels.Length >= 3 ? 3 : 2;
        return string.Join('.', labels[^take..]);
    }

    private static bool LooksLikeOrganization(string name)
    {
        if (CardReader.LooksLikeOrganization(name))
        {
            return true;
        }

        var last = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].ToLowerInvariant();
        return OrganizationEndings.Any(e => last == e || (e.Length >= 6 && last.EndsWith(e, StringComparison.Ordinal)));
    }

    private static string? WithoutLegalForm(string name)
    {
        if (!JobTitles.IsCompanyName(name))
        {
            return null;
        }

        var value = name.Trim().TrimEnd(',');
        foreach (var suffix in (ReadOnlySpan<string>)[" sp. z o.o.", " gmbh & co. kg"])
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return value[..^suffix.Length].TrimEnd(' ', ',');
            }
        }

        var space = value.LastIndexOf(' ');
        return space > 0 ? value[..space].TrimEnd(' ', ',') : null;
    }

    private static string? SiteName(Page page)
    {
        foreach (var meta in page.Metas)
        {
            if (string.Equals(meta.GetAttribute("property") ?? meta.GetAttribute("name"), "og:site_name", StringComparison.OrdinalIgnoreCase))
            {
                return TextUtil.Normalize(meta.GetAttribute("content"));
            }
        }

        return null;
    }

    private static string? TitleBrand(string? title)
    {
        if (title is null)
        {
            return null;
        }

        foreach (var separator in TitleSeparators)
        {
            var index = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (index > 0)
            {
                var brand = title[(index + separator.Length)..].Trim();
                return brand.Length is >= 2 and <= 60 && IsNameShaped(brand) ? brand : null;
            }
        }

        return null;
    }

    private static string? FromMicrodata(Page page)
    {
        foreach (var item in page.MicrodataItems)
        {
            var type = item.GetAttribute("itemtype") ?? "";
            if (!(type.EndsWith("Organization", StringComparison.OrdinalIgnoreCase) || type.EndsWith("Corporation", StringComparison.OrdinalIgnoreCase)
                || type.EndsWith("LocalBusiness", StringComparison.OrdinalIgnoreCase)) || item.GetAttribute("itemprop") is not null)
            {
                continue; // only the page's own organization, not a person's worksFor
            }

            if (item.QuerySelector("[itemprop~=name]") is { } name && TextUtil.VisibleText(name, 120) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    private static string? FromFooters(Page page, string? brand)
    {
        string? company = null;
        string? institution = null;
        foreach (var footer in page.Footers)
        {
            foreach (var line in CardLines.Of(page, footer, 40))
            {
                if (Copyright().Match(line.Text) is { Success: true } match && Clean(match.Groups["name"].Value) is { } holder
                    && JobTitles.IsCompanyName(holder))
                {
                    return holder;
                }

                foreach (var segment in FooterSegments(line.Text))
                {
                    if (Clean(segment) is not { } value)
                    {
                        continue;
                    }

                    if (JobTitles.IsCompanyName(value))
                    {
                        company ??= value;
                    }
                    else if (LooksLikeOrganization(value) && (brand is null || TextUtil.Fold(value).StartsWith(TextUtil.Fold(brand.Split(' ')[0]), StringComparison.Ordinal)))
                    {
                        institution ??= value;
                    }
                }
            }
        }

        return company ?? institution;
    }

    private static IEnumerable<string> FooterSegments(string line)
    {
        var parts = new List<string> { line };
        foreach (var separator in FooterSeparators)
        {
            parts = parts.SelectMany(p => p.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        }

        foreach (var part in parts)
        {
            yield return part;

            // "Hagaskolan, Haga Östergata 10": the name before an address; "CloudVault, Inc." stays whole.
            var comma = part.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0 && !JobTitles.IsCompanyName(part[..(part.IndexOf(' ', comma + 2) is var end and > 0 ? end : part.Length)]))
            {
                yield return part[..comma];
            }
        }
    }

    /// <summary>A company-name-shaped text: a few capitalized words, no sentence.</summary>
    private static string? Clean(string value)
    {
        var text = TextUtil.Normalize(value)?.Trim(' ', '.', ',', ';', ':');
        if (text is null || text.Length is < 2 or > 70 || text.Contains('@', StringComparison.Ordinal) || !IsNameShaped(text))
        {
            return null;
        }

        // Keep the legal form's own full stop ("Ltd.", "Inc.").
        return value.Trim().EndsWith('.') && JobTitles.IsCompanyName(text + ".") && !JobTitles.IsCompanyName(text) ? text + "." : text;
    }

    internal static bool IsNameShaped(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 7 || !(char.IsUpper(words[0][0]) || char.IsDigit(words[0][0])))
        {
            return false;
        }

        return words.All(w => !char.IsLower(w[0]) || NameConnectors.Contains(w) || JobTitles.IsCompanyName("x " + w) || LooksLikeOrganization(w))
            && !TextUtil.HasAsciiDigit(text);
    }

    [GeneratedRegex(@"(?:©|\(c\)|&copy;|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?<name>[^·|•\n]+?)(?:\.\s|\s*[·|•]|$| all rights| alle rechte)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex Copyright();
}
