using System.Text.RegularExpressions;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>Recognises job titles and splits "Title at Company" lines, in English, German, Swedish, French and Spanish.</summary>
internal static partial class JobTitles
{
    private static readonly HashSet<string> JobWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ceo", "cto", "cfo", "coo", "cio", "ciso", "cpo", "cmo", "cro", "cso", "cdo", "dpo", "vp", "svp", "evp",
        "avp", "founder", "co-founder", "cofounder", "owner", "partner", "president", "vice", "chair", "chairman",
        "chairwoman", "chairperson", "director", "head", "manager", "lead", "leader", "officer", "chief",
        "engineer", "developer", "designer", "architect", "analyst", "consultant", "advisor", "adviser", "counsel",
        "lawyer", "attorney", "solicitor", "barrister", "paralegal", "associate", "specialist", "coordinator",
        "administrator", "assistant", "secretary", "editor", "writer", "journalist", "reporter", "researcher",
        "scientist", "professor", "lecturer", "teacher", "fellow", "intern", "representative", "executive",
        "accountant", "auditor", "controller", "treasurer", "strategist", "evangelist", "advocate", "programmer",
        "technician", "nurse", "physician", "surgeon", "psychologist", "therapist", "coach", "trainer",
        "recruiter", "principal", "rector", "mayor", "minister", "ambassador", "commissioner", "supervisor",
        "superintendent", "expert", "student", "postdoc", "marketer", "entrepreneur", "investor", "producer",
        "photographer", "economist", "officer", "deputy", "senior", "junior", "staff", "member", "clerk",
        "agent", "broker", "planner", "scrum", "steward", "operator", "instructor", "tutor", "librarian",
        "curator", "pastor", "judge", "notary", "ombudsman", "ombudsperson", "secretary-general", "gm",
        "geschäftsführer", "geschäftsführerin", "leiter", "leiterin", "leitung", "datenschutzbeauftragter",
        "datenschutzbeauftragte", "rechtsanwalt", "rechtsanwältin", "anwalt", "anwältin", "berater", "beraterin",
        "referent", "referentin", "vorstand", "vorsitzender", "vorsitzende", "inhaber", "inhaberin", "gründer",
        "gründerin", "entwickler", "entwicklerin", "justiziar", "justiziarin", "syndikus", "syndikusrechtsanwalt",
        "prokurist", "prokuristin", "professorin", "mitgründer", "mitgründerin", "vd", "chef", "ansvarig",
        "jurist", "konsult", "utvecklare", "säljare", "grundare", "ägare", "dataskyddsombud", "advokat",
        "rådgivare", "projektledare", "handläggare", "ordförande", "styrelseledamot", "verksamhetschef",
        "directeur", "directrice", "responsable", "gérant", "gérante", "avocat", "avocate", "ingénieur", "chargé",
        "chargée", "fondateur", "fondatrice", "présidente", "conseiller", "conseillère", "délégué", "déléguée",
        "directora", "gerente", "abogado", "abogada", "jefe", "jefa", "fundador", "fundadora", "consultor",
        "consultora", "ingeniero", "ingeniera", "correspondent", "columnist", "candidate", "translator",
        "interpreter", "rektor", "kommunikatör", "kassör", "sekreterare", "ledamot", "suppleant", "revisor",
        "bibliotekarie", "lärare", "sjuksköterska", "skolsköterska", "leder", "tandplejer", "tandlæge",
        "regnskapsfører", "klinikassistent", "toimitusjohtaja", "framkvæmdastjóri",
    };

    // German and Swedish build titles as compounds ("Teamleiterin", "Datenschutzbeauftragter", "Försäljningschef").
    private static readonly string[] CompoundEndings =
    [
        "leiter", "leiterin", "beauftragter", "beauftragte", "führer", "führerin", "berater", "beraterin",
        "referent", "referentin", "entwickler", "entwicklerin", "manager", "managerin", "ingenieur", "ingenieurin",
        "anwalt", "anwältin", "chef", "ansvarig", "ombud", "ledare", "direktör", "specialist", "sekreterare",
        "officer", "engineer", "developer", "designer", "architect", "analyst", "consultant", "päällikkö",
        "johtaja", "stjóri", "sjef", "ansvarlig", "assistent", "konsulent", "rådgiver", "fører", "koordinator", "ejer", "eier", "ägare",
    ];

    private static readonly string[] CompanySuffixes =
    [
        "gmbh", "ag", "se", "kg", "ohg", "ug", "e.v.", "ev", "inc", "inc.", "ltd", "ltd.", "llc", "llp", "plc",
        "corp", "corp.", "corporation", "co.", "company", "s.a.", "sa", "sas", "sarl", "s.p.a.", "spa", "s.r.l.",
        "srl", "b.v.", "bv", "n.v.", "nv", "ab", "oy", "ehf", "ehf.", "hf", "hf.", "kft", "kft.", "z o.o.", "s.l.", "llp", "sarl", "aps", "a/s", "oyj", "a/s", "as", "asa", "aps", "pty", "limited", "gbr",
        "partg", "mbb", "kgaa", "gmbh & co. kg", "holding", "group", "s.l.", "sl", "k.k.", "pte", "lp", "sàrl", "co",
    ];

    // Words that begin a department or region after a comma ("Head of Sales, EMEA"), which is not a company.
    private static readonly HashSet<string> DepartmentWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "legal", "compliance", "marketing", "sales", "engineering", "research", "finance", "it", "hr", "operations",
        "product", "data", "privacy", "security", "strategy", "communications", "innovation", "risk", "governance",
        "technology", "people", "culture", "emea", "dach", "europe", "nordics", "apac", "americas", "global",
        "international", "germany", "sweden", "uk", "us", "north", "south", "east", "west", "central", "digital",
        "information", "customer", "business", "corporate", "regulatory", "public", "policy", "partnerships",
        "and", "&", "the", "of", "design", "development", "growth", "analytics", "platform", "infrastructure",
        "employment", "tax", "litigation", "commercial", "banking", "intellectual", "immigration", "family",
        "criminal", "competition", "antitrust", "property", "real", "dispute", "disputes", "restructuring",
    };

    /// <summary>
    /// The title without where the person is: "Berlin-based UX Designer" and "UX Designer based in Berlin" are a
    /// "UX Designer". The place is not part of the role a rep records.
    /// </summary>
    public static string? WithoutPlace(string? title)
    {
        if (title is null)
        {
            return null;
        }

        var value = PlacePrefix().Replace(title, "");
        value = PlaceSuffix().Replace(value, "");
        return value.Length >= 2 && LooksLikeJobTitle(value) ? value.Trim() : title;
    }

    [GeneratedRegex(@"^(?:\p{Lu}[\p{L}.]*\s){0,2}\p{Lu}[\p{L}.]*-based\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PlacePrefix();

    [GeneratedRegex(@"\s*,?\s+(?:based|located)\s+in\s+.+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PlaceSuffix();

    /// <summary>True for a word that only appears in job titles ("Head", "Geschäftsführerin", "CTO").</summary>
    public static bool IsJobWord(string token)
    {
        var word = token.Trim('.', ',', ':', ';', '(', ')');
        if (JobWords.Contains(word))
        {
            return true;
        }

        if (word.Length < 9)
        {
            return false;
        }

        foreach (var ending in CompoundEndings)
        {
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a short line reads like a job title ("Head of Data Protection", "CTO &amp; Co-Founder").</summary>
    public static bool LooksLikeJobTitle(string? text) =>
        text is not null && text.Length is >= 2 and <= 120 && PageMemo.JobTitle(text, ComputeLooksLikeJobTitle);

    private static bool ComputeLooksLikeJobTitle(string text)
    {
        if (LooksLikeEmail(text) || text.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }

        var words = WordSplit().Split(text).Where(w => w.Length > 0).ToArray();
        return words.Length <= 14 && words.Any(IsJobWord);
    }

    /// <summary>
    /// A line shown under a name as that person's title: a job title that is not a sentence ("Manager approval for
    /// changes." under a feature heading is prose, not a role).
    /// </summary>
    public static bool LooksLikeTitleLine(string? text)
    {
        if (!LooksLikeJobTitle(text))
        {
            return false;
        }

        var trimmed = text!.TrimEnd();
        var endsLikeSentence = trimmed.EndsWith('.') || trimmed.EndsWith('!') || trimmed.EndsWith('?');
        return trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12 && (!endsLikeSentence || IsCompanyName(trimmed));
    }

    /// <summary>An '@' inside a word is an address; one starting a word ("CTO @acme") is a company handle.</summary>
    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && !char.IsWhiteSpace(text[at - 1]);
    }

    /// <summary>True when the text ends with a legal-form suffix ("Acme GmbH", "Foo Ltd.").</summary>
    public static bool IsCompanyName(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var lower = text.Trim().TrimEnd(',').ToLowerInvariant();
        foreach (var suffix in CompanySuffixes)
        {
            if (lower.EndsWith(" " + suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Splits "Head of Data Protection at Acme GmbH", "DPO | Acme", "CEO, Acme Inc." or "Acme GmbH – CTO" into title
    /// and company. When there is no company part the whole text is the title.
    /// </summary>
    public static (string Title, string? Organization) SplitTitleAndOrganization(string text)
    {
        var value = TextUtil.Normalize(text) ?? "";

        foreach (var separator in (ReadOnlySpan<string>)[" at ", " @ ", " @", " bei ", " på ", " chez ", " en "])
        {
            var index = value.IndexOf(separator, StringComparison.OrdinalIgnoreCase);
            if (index > 0)
            {
                var title = value[..index].Trim();
                var organization = CleanOrganization(OrganizationHead(value[(index + separator.Length)..]));
                if (LooksLikeJobTitle(title) && organization is not null
                    && (char.IsUpper(organization[0]) || char.IsDigit(organization[0]) || separator.Contains('@', StringComparison.Ordinal)))
                {
                    return (title, organization);
                }
            }
        }

        foreach (var separator in (ReadOnlySpan<string>)[" | ", " · ", " • ", " — ", " – ", " - ", ", "])
        {
            var index = value.IndexOf(separator, StringComparison.Ordinal);
            if (index <= 0)
            {
                continue;
            }

            var left = value[..index].Trim();
            var right = value[(index + separator.Length)..].Trim();
            if (LooksLikeJobTitle(left) && IsOrganizationPart(right, separator == ", "))
            {
                return (left, CleanOrganization(right));
            }

            if (LooksLikeJobTitle(right) && !LooksLikeJobTitle(left) && IsOrganizationPart(left, separator == ", "))
            {
                return (right, CleanOrganization(left)); // "Acme GmbH | Head of Data Protection"
            }
        }

        return (value, null);
    }

    /// <summary>
    /// The company part of "Acme GmbH | CIPP/E" or "Acme GmbH, Berlin": up to the next separator, but keeping legal
    /// forms that follow a comma ("Acme, Inc.").
    /// </summary>
    private static string OrganizationHead(string text)
    {
        var end = text.Length;
        foreach (var separator in (ReadOnlySpan<string>)[" | ", " · ", " • ", " — ", " – ", " - ", "; ", " (", ", "])
        {
            var index = text.IndexOf(separator, StringComparison.Ordinal);
            if (index <= 0 || index >= end)
            {
                continue;
            }

            if (separator == ", " && IsCompanyName("x " + text[(index + 2)..].Split(' ')[0]))
            {
                continue; // "Acme, Inc."
            }

            end = index;
        }

        return text[..end];
    }

    /// <summary>Trims a company name: "@acme" (GitHub style) → "acme", trailing punctuation and clauses removed.</summary>
    public static string? CleanOrganization(string? text)
    {
        var value = TextUtil.Normalize(text)?.TrimStart('@').Trim(' ', ',', ';', ':', '|', '-', '–');
        if (string.IsNullOrEmpty(value) || value.Length > 100)
        {
            return null;
        }

        return value.EndsWith('.') && !IsCompanyName(value) ? value.TrimEnd('.') : value;
    }

    private static bool IsOrganizationPart(string text, bool afterComma)
    {
        if (text.Length is < 2 or > 80 || LooksLikeJobTitle(text) || TextUtil.HasAsciiDigit(text))
        {
            return false;
        }

        if (IsCompanyName(text))
        {
            return true;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 6 || !char.IsUpper(words[0][0]) && !char.IsDigit(words[0][0]))
        {
            return false;
        }

        // After a comma a department or region is far more common than a company, so be strict there.
        return !afterComma || (words.Length <= 4 && !DepartmentWords.Contains(words[0]));
    }

    [GeneratedRegex(@"[\s/,&()+|·]+")]
    private static partial Regex WordSplit();
}
