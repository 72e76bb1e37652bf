using System.Text;
using System.Text.RegularExpressions;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>Person-name heuristics: cleaning, "is this a name?", splitting, and a key that survives formatting.</summary>
internal static partial class Names
{
    private static readonly HashSet<string> Honorifics = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "miss",
        "sir", "dame", "herr", "frau", "mme", "mme.", "mlle", "m.", "dipl.-ing.", "dipl.-kfm.", "dipl.-inf.",
        "dipl.-jur.", "ing.", "mag.", "univ.-prof.", "priv.-doz.", "pd", "rev", "rev.", "hon", "hon.", "dott.",
        "dott.ssa", "dr.-ing.", "prof.dr.", "dr.med.", "ass.-prof.", "jun.-prof.", "apl.", "em.", "sen.",
    };

    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "des", "la", "le", "bin", "ibn", "al",
        "el", "y", "e", "dos", "das", "do", "ten", "ter", "zu", "af", "av", "mac", "st.", "vom", "zum", "zur", "abu",
    };

    // Particles that Arabic and Iberian names write with a capital and that still belong to the family name.
    private static readonly HashSet<string> CapitalizedParticles = new(StringComparer.Ordinal) { "El", "Al", "Abu", "Ben", "Bin", "Ibn", "Dos", "Das", "Del" };

    private static readonly HashSet<string> Credentials = new(StringComparer.OrdinalIgnoreCase)
    {
        "phd", "ph.d.", "ph.d", "mba", "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "esq", "esq.", "ll.m.", "llm",
        "ll.m", "cipp/e", "cipp/us", "cipp", "cipm", "cipt", "fip", "md", "m.d.", "msc", "m.sc.", "bsc", "b.sc.",
        "ma", "m.a.", "ba", "b.a.", "cissp", "cisa", "cism", "crisc", "cpa", "mpa", "mph", "dphil", "frsa", "pmp",
        "ceng", "mcs", "mbcs", "facs", "obe", "mbe", "cbe", "kc", "qc", "dba", "edd", "llb", "ll.b.", "b.eng.",
        "m.eng.", "dipl.", "she/her", "he/him", "they/them", "fca", "aca", "acca", "fcca", "cta", "atii", "acma", "fcma",
        "cgma", "cfa", "cfp", "frics", "mrics", "cipd", "mcipd", "fcipd", "aat", "mcips", "fcips", "frcs", "mrcp",
    };

    // Words that show up in headings and titles but are not parts of people's names.
    private static readonly HashSet<string> NotNameWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "home", "welcome", "contact", "contacts", "us", "our", "we", "you", "your", "my", "me", "the", "a",
        "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "is", "are", "was", "how",
        "what", "why", "when", "where", "who", "this", "that", "these", "new", "news", "blog", "posts", "post",
        "articles", "article", "services", "service", "solutions", "products", "product", "privacy", "policy",
        "terms", "conditions", "cookie", "cookies", "settings", "login", "log", "sign", "signup", "register",
        "registration", "search", "menu", "team", "teams", "people", "staff", "members", "leadership", "board",
        "management", "directors", "speakers", "speaker", "agenda", "program", "programme", "schedule", "session",
        "sessions", "keynote", "workshop", "workshops", "conference", "summit", "event", "events", "webinar",
        "tickets", "sponsors", "partners", "careers", "jobs", "job", "pricing", "features", "overview",
        "introduction", "summary", "resources", "documentation", "docs", "support", "help", "faq", "latest",
        "recent", "popular", "related", "more", "other", "all", "page", "pages", "not", "found", "error", "hello",
        "thanks", "thank", "chapter", "part", "section", "table", "contents", "account", "profile", "profiles",
        "dashboard", "experience", "education", "skills", "publications", "projects", "portfolio", "work",
        "gallery", "photos", "videos", "impressum", "datenschutz", "kontakt", "über", "uns", "startseite", "om",
        "oss", "mig", "hem", "kontakta", "data", "protection", "security", "compliance", "gdpr", "legal",
        "company", "group", "office", "department", "university", "institute", "school", "college", "center",
        "centre", "foundation", "association", "society", "network", "digital", "online", "global",
        "international", "national", "street", "road", "avenue", "copyright", "rights", "reserved", "share",
        "follow", "subscribe", "newsletter", "download", "view", "learn", "get", "free", "best", "top", "guide",
        "tips", "day", "week", "month", "year", "today", "january", "february", "march", "april", "july",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "europe", "world", "agency", "consulting", "marketing", "sales", "engineering",
        "finance", "research", "development", "design", "strategy", "operations", "technology", "tech",
        "software", "cloud", "ai", "analytics", "insights", "report", "reports", "study", "case", "studies",
        "story", "stories", "customer", "customers", "client", "clients", "success", "community", "forum",
        "podcast", "episode", "video", "live", "watch", "shop", "store", "cart", "checkout", "order", "mission",
        "vision", "values", "history", "culture", "press", "media", "investor", "investors", "relations",
        "sustainability", "imprint", "sitemap", "accessibility", "english", "deutsch", "svenska", "official",
        "website", "site", "web", "app", "platform", "editorial", "redaktion", "admin", "administrator",
        "anonymous", "unknown", "user", "guest", "moderator", "comments", "comment", "reply", "replies", "i'm",
        "i", "it", "its", "be", "will", "can", "not", "no", "yes", "up", "out", "now", "here", "there", "next",
        "previous", "back", "top", "bottom", "open", "close", "click", "tap", "see", "details", "info",
        "information", "law", "act", "regulation", "directive", "article", "chapter", "annex", "ltd", "inc",
        "gmbh", "llc", "corp", "plc", "ab", "ag", "se", "bv", "nv", "sa", "srl", "spa", "lorem", "ipsum",
        "regards", "greetings", "grüße", "grüßen", "gruss", "gruß", "hälsningar", "hälsning", "cheers", "sincerely",
        "cordialement", "saludos", "kind", "warm", "warmest", "freundlichen", "viele", "beste", "liebe", "med",
        "vänliga", "vänlig", "mfg", "mvh", "sent", "iphone", "android", "mobile", "phone", "email", "e-mail",
        "tel", "fax", "web", "address", "confidential", "disclaimer", "unsubscribe", "hi", "hey", "dear", "hej",
        "hallo", "liebe", "lieber", "bonjour", "ciao", "hola", "hei", "moi", "best", "thanks", "regards",
    };

    /// <summary>
    /// The displayable name: whitespace normalized, parentheticals ("(she/her)", "(@jane)"), emoji, honorifics and
    /// post-nominal letters removed, ALL CAPS turned into Title Case. Null when nothing name-like remains.
    /// </summary>
    public static string? Clean(string? raw) => raw is null ? null : PageMemo.Cleaned(raw, ComputeClean);

    private static string? ComputeClean(string raw)
    {
        var value = TextUtil.Normalize(raw);
        if (value is null)
        {
            return null;
        }

        value = Parenthetical().Replace(value, " ");
        value = KeepNameCharacters(value);

        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && IsAllCredentials(value[(comma + 1)..]))
        {
            value = value[..comma];
        }

        var tokens = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 1 && (Honorifics.Contains(tokens[0]) || IsLowercaseAbbreviation(tokens[0])))
        {
            tokens.RemoveAt(0); // "Prof. Dr. med. Jane Doe"
        }

        while (tokens.Count > 1 && Credentials.Contains(tokens[^1].TrimEnd(',')))
        {
            tokens.RemoveAt(tokens.Count - 1); // "Jane Doe PhD"
        }

        value = string.Join(' ', tokens).Trim(' ', ',', '-', '|', ':', '·', '–', '—');
        if (value.Length == 0 || value.Length > 80)
        {
            return null;
        }

        return TextUtil.IsShouting(value) ? TextUtil.ToTitleCase(value) : value;
    }

    /// <summary>
    /// True when a cleaned string reads like a person's name: 2–5 capitalized words (particles and initials allowed),
    /// letters only, none of them a common heading word, job word or company suffix. Used where no markup says "name".
    /// </summary>
    public static bool LooksLikePersonName(string? cleaned)
    {
        if (cleaned is null || cleaned.Length is < 4 or > 60)
        {
            return false;
        }

        var tokens = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is < 2 or > 5)
        {
            return false;
        }

        var substantial = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (Particles.Contains(token) && i > 0 && i < tokens.Length - 1)
            {
                continue;
            }

            if (!IsNameWord(token))
            {
                return false;
            }

            if (!char.IsUpper(token[0]))
            {
                return false;
            }

            if (IsInitial(token))
            {
                continue;
            }

            if (NotNameWords.Contains(token) || JobTitles.IsJobWord(token) || CountLetters(token) < 2)
            {
                return false;
            }

            substantial++;
        }

        return substantial >= 2 || (substantial == 1 && tokens.Length >= 2 && !IsInitial(tokens[^1]));
    }

    // Loops, not LINQ over the string: these run for every word of every line tried as a name.
    private static bool IsNameWord(string token)
    {
        foreach (var c in token)
        {
            if (!(char.IsLetter(c) || c is '.' or '-' or '\'' or '’'))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountLetters(string token)
    {
        var letters = 0;
        foreach (var c in token)
        {
            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters;
    }

    /// <summary>Given and family name from a full name; handles "Doe, Jane" and particles ("Ludwig van Beethoven").</summary>
    public static (string? Given, string? Family) Split(string? fullName)
    {
        var name = Clean(fullName);
        if (name is null)
        {
            return (null, null);
        }

        if (IsReversed(name, out var familyPart, out var givenPart))
        {
            return (givenPart, familyPart);
        }

        var tokens = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 1)
        {
            return (tokens[0], null);
        }

        var familyStart = tokens.Length - 1;
        while (familyStart > 1 && Particles.Contains(tokens[familyStart - 1])
            && (char.IsLower(tokens[familyStart - 1][0]) || CapitalizedParticles.Contains(tokens[familyStart - 1])))
        {
            familyStart--; // "Ludwig van Beethoven", "Fatima Zahra El Idrissi"
        }

        return (string.Join(' ', tokens[..familyStart]), string.Join(' ', tokens[familyStart..]));
    }

    /// <summary>
    /// A comparison key that ignores case, diacritics, honorifics, middle names and initials:
    /// "Dr. Jane A. Doe", "JANE DOE" and "Jane Doe" share it. "Doe, Jane" is turned around first.
    /// </summary>
    public static string? Key(string? name) =>
        // Pure and asked for again and again (merging, ranking, link attachment, the prose reader): remembered for the
        // page at hand.
        name is null ? null : PageMemo.Key(name, ComputeKey);

    private static string? ComputeKey(string name)
    {
        var cleaned = Clean(name);
        if (cleaned is null)
        {
            return null;
        }

        if (IsReversed(cleaned, out var family, out var given))
        {
            cleaned = given + " " + family;
        }

        // The first and the last word that is neither an initial nor a particle, folded. A loop, not LINQ: it runs for
        // every name of the page once.
        string? first = null;
        string? last = null;
        var words = 0;
        foreach (var token in cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsInitial(token) || Particles.Contains(token))
            {
                continue;
            }

            var folded = TextUtil.FoldAlphanumeric(token);
            if (folded.Length > 0)
            {
                first ??= folded;
                last = folded;
                words++;
            }
        }

        return words switch
        {
            0 => null,
            1 => first,
            _ => first + " " + last,
        };
    }

    /// <summary>
    /// True when an identifier (email local part, profile slug, handle) spells this person's name:
    /// jane.doe, janedoe, jdoe, doe.jane or jane-doe-4b1a2 for "Jane Doe".
    /// </summary>
    public static bool IdentifierMatches(string? name, string identifier) =>
        Parts(name) is { } parts && IdentifierMatches(parts, TextUtil.FoldAlphanumeric(identifier));

    /// <summary>Folded given and family name from <see cref="Key"/>, or null for single names.</summary>
    public static (string Given, string Family)? Parts(string? name) => PartsOfKey(Key(name));

    /// <summary>Splits a <see cref="Key"/> into its given and family part; null for single names.</summary>
    public static (string Given, string Family)? PartsOfKey(string? key)
    {
        var space = key?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        return space > 0 ? (key![..space], key[(space + 1)..]) : null;
    }

    /// <summary><see cref="IdentifierMatches(string?, string)"/> with the name parts and identifier already folded.</summary>
    public static bool IdentifierMatches((string Given, string Family) name, string foldedIdentifier)
    {
        var (given, family) = name;
        var id = foldedIdentifier;
        if (family.Length < 2 || given.Length == 0 || id.Length < 3)
        {
            return false;
        }

        return id.Contains(given + family, StringComparison.Ordinal)
            || id.Contains(family + given, StringComparison.Ordinal)
            || id.StartsWith(given[0] + family, StringComparison.Ordinal)
            || (id.Contains(family, StringComparison.Ordinal) && id.Contains(given, StringComparison.Ordinal));
    }

    /// <summary>
    /// True when an identifier clearly names somebody ("firstname.lastname") who is not this person, so a link
    /// should not be attached to them just because it is on their page.
    /// </summary>
    public static bool IdentifierNamesSomeoneElse(string? name, string identifier) =>
        LooksLikeFirstDotLast(identifier) && !IdentifierMatches(name, identifier);

    /// <summary>"jane.doe", "jane_doe", "jane-doe": an identifier made of two names.</summary>
    public static bool LooksLikeFirstDotLast(string identifier)
    {
        // Profile slugs often end in a disambiguating code ("john-smith-99", "jane-doe-4b1a2c"): ignore it.
        var parts = identifier.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries).ToList();
        while (parts.Count > 2 && parts[^1].Any(char.IsDigit))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts.Count == 2 && parts.All(p => p.Length >= 2 && TextUtil.AllLetters(p));
    }

    /// <summary>"Doe, Jane" → "Jane Doe"; any other value is returned as it is.</summary>
    public static string? Reversed(string? name) =>
        name is not null && IsReversed(name, out var family, out var given) ? given + " " + family : name;

    /// <summary>"Doe, Jane" (family name first, as in directories and citations).</summary>
    private static bool IsReversed(string name, out string family, out string given)
    {
        family = given = "";
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || name.IndexOf(',', comma + 1) >= 0)
        {
            return false;
        }

        family = name[..comma].Trim();
        given = name[(comma + 1)..].Trim();
        var familyTokens = family.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var givenTokens = given.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return familyTokens is >= 1 and <= 3 && givenTokens is >= 1 and <= 3 && !JobTitles.LooksLikeJobTitle(given);
    }

    private static bool IsInitial(string token) =>
        (token.Length == 1 && char.IsUpper(token[0])) || (token.Length == 2 && char.IsUpper(token[0]) && token[1] == '.');

    private static bool IsLowercaseAbbreviation(string token) =>
        token.Length <= 6 && token.EndsWith('.') && char.IsLower(token[0]); // "med." in "Dr. med. Jane Doe"

    private static bool IsAllCredentials(string tail)
    {
        var parts = tail.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => Credentials.Contains(p) || (p.Length <= 8 && p.Count(char.IsUpper) >= 2 && !p.Any(char.IsLower)));
    }

    private static string KeepNameCharacters(string value)
    {
        // Nearly every value is a name already: then there is nothing to replace and no builder to fill.
        var first = 0;
        while (first < value.Length && IsNameCharacter(value[first]))
        {
            first++;
        }

        if (first == value.Length)
        {
            return TextUtil.Normalize(value) ?? "";
        }

        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            // emoji, symbols, stray punctuation become spaces
            builder.Append(IsNameCharacter(value[i]) ? value[i] : ' ');
        }

        return TextUtil.Normalize(builder.ToString()) ?? "";
    }

    private static bool IsNameCharacter(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
        || c is ' ' or '.' or '-' or '\'' or '’' or ',' or '/' or '|' or ':' or '–' or '—' or '·' or '&' or '@';

    [GeneratedRegex(@"\([^)]*\)|\[[^\]]*\]")]
    private static partial Regex Parenthetical();
}
