using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Contact cards without person markup: a staff list's "Name / Title / Phone / Email", a table row, a
/// <c>&lt;strong&gt;Name&lt;/strong&gt;&lt;br&gt;Title</c> list item, an email signature under "--". Starts from what
/// is certain (an address or number in the main content, or a bold name opening a block) and reads the lines
/// around it, so a name and the email next to it stay one person. Origin "text".
/// </summary>
internal static partial class CardReader
{
    private const int MaxSeeds = 400;
    private const int MaxClimb = 5;
    private const int MaxLines = 80;
    private const int MaxLinesBack = 7;
    private const int MaxLinesForward = 9;

    private static readonly string[] Separators = [" | ", " · ", " • ", " — ", " – ", " - ", ", "];

    private static readonly string[] NameLabels = ["name:", "namn:", "navn:", "nimi:", "from:", "von:", "från:", "fra:", "de :", "de:"];

    private static readonly PrefixList NamePrefixes = new(NameLabels);

    private static readonly string[] SkippedLabels =
    [
        "office", "room", "rum", "raum", "zimmer", "address", "adress", "adresse", "building", "location", "besöksadress",
        "postadress", "sent:", "to:", "subject:", "date:", "cc:", "an:", "betreff:", "gesendet:", "till:", "ämne:", "skickat:",
    ];

    private static readonly string[] DepartmentStarts =
    [
        "department of", "dept.", "dept of", "school of", "faculty of", "division of", "institut für", "fakultät",
        "avdelningen", "institutionen", "lehrstuhl", "centre for", "center for", "fachbereich",
    ];

    private static readonly string[] OrganizationWords =
    [
        "university", "universität", "universitet", "université", "universidad", "università", "college", "institute",
        "institut", "school", "hospital", "clinic", "bank", "lab", "laboratory", "kommun", "council", "ministry",
        "agency", "foundation", "stiftung", "stiftelse", "association", "society", "comune", "skolan", "gymnasium",
    ];

    public static void Read(Page page, IReadOnlyList<LinkFact> facts, List<Found> into)
    {
        var cards = new Dictionary<IElement, Found>(ReferenceEqualityComparer.Instance);

        // Neighbouring seeds climb to the same blocks (every card of a staff list reaches the list): their lines are
        // split once, which keeps a directory page with hundreds of cards linear.
        var lineCache = new Dictionary<IElement, List<CardLine>>(ReferenceEqualityComparer.Instance);
        var seeds = 0;
        foreach (var fact in facts)
        {
            if ((fact.Kind == LinkKind.Profile && fact.Profile?.Network == SocialNetwork.Facebook) || (fact.IsSecondary && !InOwnersHeader(page, fact.Element)) || seeds++ >= MaxSeeds)
            {
                continue;
            }

            ReadCard(page, fact.Element, fact, cards, lineCache);
        }

        foreach (var strong in page.BoldElements)
        {
            if (seeds++ >= MaxSeeds * 2)
            {
                break;
            }

            if (!page.IsSecondary(strong) || InOwnersHeader(page, strong))
            {
                ReadCard(page, strong, null, cards, lineCache);
            }
        }

        into.AddRange(cards.Values);
    }

    private static void ReadCard(Page page, IElement seed, LinkFact? fact, Dictionary<IElement, Found> cards, Dictionary<IElement, List<CardLine>> lineCache)
    {
        var block = seed.LocalName is "a" or "span" or "strong" or "b" or "em" or "i" or "small" or "font" ? seed.ParentElement : seed;
        var seedText = fact is null ? TextUtil.VisibleText(seed, 120) : null;
        for (var level = 0; level < MaxClimb && block is not null && block.LocalName is not ("body" or "html"); level++, block = block.ParentElement)
        {
            if (!lineCache.TryGetValue(block, out var lines))
            {
                // Bold words inside a paragraph ("discussed with <strong>practical examples</strong>") are most seeds:
                // when the seed's line already opens with another letter, the bold text cannot start it, and the
                // paragraph's lines need not be built at all.
                if (seedText is not null && CardLines.OpensBeforeWithOther(page, block, seed, seedText[0], MaxLines))
                {
                    return;
                }

                lines = CardLines.Of(page, block, MaxLines);
                lineCache[block] = lines;
            }

            var seedLine = SeedLine(page, lines, seed, fact);

            if (seedLine < 0)
            {
                continue;
            }

            if (fact is null)
            {
                // A bold name must open its line (after a "🎤" or "•"), and its card needs a job title or a contact
                // detail to count. A talk after the title ("…, Senior Engineer at Vestas: "No heap, no problem"") is
                // not part of the card.
                // Cutting the talk off keeps the line's start, so a line not starting with the bold text is done
                // without running the talk's pattern over a whole paragraph.
                var opening = WithoutLeadingSymbols(lines[seedLine].Text);
                if (seedText is null || !opening.StartsWith(seedText, StringComparison.Ordinal))
                {
                    return;
                }

                var boldLine = lines[seedLine] with { Text = WithoutTalk(opening) };
                if (StartsLine(boldLine, seedText) && NameLine(boldLine.Text) is { } bold)
                {
                    Build(page, lines, seedLine, bold, fact, cards, needsEvidence: true);
                }

                return;
            }

            if (FindName(lines, seedLine, fact) is { } named)
            {
                Build(page, lines, named.Index, named.Name, fact, cards, needsEvidence: false);
                return;
            }

            if (lines.Count >= MaxLines || block.LocalName is "main" or "article" or "section")
            {
                return;
            }
        }
    }

    /// <summary>The line the seed is on, or -1. Loops, not lambdas: this runs for every seed at every level climbed.</summary>
    private static int SeedLine(Page page, List<CardLine> lines, IElement seed, LinkFact? fact)
    {
        // A link is its own line; an address written in text is on the line that spells it.
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains(page, seed) && (fact is not { IsLink: false } || SpellsValue(lines[i].Text, fact)))
            {
                return i;
            }
        }

        if (fact is { Kind: LinkKind.Profile })
        {
            // An icon link to a person's LinkedIn or X has no text of its own: it follows its card's last line.
            var at = page.Order(seed);
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                if (lines[i].Orders.Count > 0 && lines[i].Orders[^1] < at)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// A personal site or résumé puts its owner's name, title and contact line in the site header; there the header
    /// is the page's card, not navigation.
    /// </summary>
    private static bool InOwnersHeader(Page page, IElement element) =>
        page.MainHeading is { } heading && (page.RegionOf(heading) & Region.Secondary) == Region.SiteHeader
        && (page.RegionOf(element) & Region.Secondary) == Region.SiteHeader;

    // A card's link to the person's own site may say so instead of spelling the address.
    private static readonly HashSet<string> WebsiteWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "website", "web site", "web", "homepage", "home page", "personal website", "my website", "personal site",
        "hemsida", "webbplats", "webseite", "site web", "nettside", "hjemmeside", "kotisivu", "verkkosivut",
    };

    /// <summary>"Website", "Homepage", "Hemsida": a link labelled as the person's site.</summary>
    private static bool IsWebsiteLink(IElement link) =>
        TextUtil.VisibleText(link, 60)?.Trim().TrimEnd(':', '→', '›', '»').Trim() is { Length: > 0 } text && WebsiteWords.Contains(text);

    private static string WithoutLeadingSymbols(string text)
    {
        var start = 0;
        while (start < text.Length && !CardLines.OpensText(text[start]))
        {
            start++;
        }

        return start == 0 ? text : text[start..];
    }

    private static string WithoutTalk(string text)
    {
        var talk = TalkAfterColon().Match(text);
        return talk.Success ? text[..talk.Index] : text;
    }

    private static bool StartsLine(CardLine line, string seedText) => line.Text.StartsWith(seedText, StringComparison.Ordinal);

    /// <summary>The name on the contact's own line ("Jane Doe, 070-…, jane@…") or on one of the lines above it.</summary>
    private static (int Index, (string Name, List<string> Tail) Name)? FindName(List<CardLine> lines, int seedLine, LinkFact fact)
    {
        var found = FindNameLine(lines, seedLine, fact);

        // "Press enquiries: john.smith@agency…" under Jane's name is John's, not Jane's.
        return found is { } named && fact.Identifier is { } identifier && Names.IdentifierNamesSomeoneElse(named.Name.Name, identifier)
            ? null
            : found;
    }

    private static (int Index, (string Name, List<string> Tail) Name)? FindNameLine(List<CardLine> lines, int seedLine, LinkFact fact)
    {
        // A profile link is weighed with the lines above it: the line it ends is often the card's company or title.
        var profile = fact.Kind == LinkKind.Profile;
        var own = profile ? "" : WithoutContacts(lines[seedLine]);
        if (own.Length > 0 && NameLine(own) is { } onLine)
        {
            return (seedLine, onLine);
        }

        if (fact.Kind == LinkKind.Email && ContactValues.IsRoleEmail(fact.Value))
        {
            return null; // a function mailbox belongs to a person only when written on their line
        }

        // Going up, the nearest name-shaped line is not always the name: "Freelance Translator" under "Tobias Engel"
        // reads like one. The best backed candidate wins (the address spells it, it is bold or a heading, it starts
        // with a known given name), the nearest among equals.
        (int Index, (string Name, List<string> Tail) Name, int Strength)? best = null;
        for (var i = profile ? seedLine : seedLine - 1; i >= 0 && i >= seedLine - MaxLinesBack; i--)
        {
            var text = lines[i].Text;
            if (text.Length > 160 || OtherEmail(text, fact.Value))
            {
                break; // prose, or the previous person's card
            }

            if (NameLine(text) is { } named)
            {
                var strength = Strength(lines[i], named.Name) + (fact.Identifier is { } id && Names.IdentifierMatches(named.Name, id) ? 3 : 0);
                if (best is null || strength > best.Value.Strength)
                {
                    best = (i, named, strength);
                }

                if (strength >= 2)
                {
                    break;
                }
            }

            if (IsHeading(lines[i]))
            {
                break; // a section heading ("Contact") ends the search: above it is other content
            }
        }

        return best is { } found ? (found.Index, found.Name) : null;
    }

    /// <summary>How much besides its shape says a line is a name: shown as a heading or in bold (2), a known given name (1).</summary>
    private static int Strength(CardLine line, string name)
    {
        var element = line.Element;
        var shown = IsHeading(line) || element.LocalName is "strong" or "b" or "dt"
            || (element.GetAttribute("class") is { } classes && (classes.Contains("name", StringComparison.OrdinalIgnoreCase) || classes.Contains("namn", StringComparison.OrdinalIgnoreCase)));
        return (shown ? 2 : 0) + (GivenNames.StartsWithKnownGivenName(name) ? 1 : 0);
    }

    private static bool SpellsValue(string text, LinkFact fact) => fact.Kind == LinkKind.Email
        ? ContactValues.FindEmails(text).Any(e => string.Equals(e, fact.Value, StringComparison.OrdinalIgnoreCase))
        : ContactValues.FindPhones(text).Any(p => p == fact.Value);

    private static bool IsHeading(CardLine line) => line.Element.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";

    /// <summary>A line that is a name, or a name followed by its title ("Jane Doe, Head of Legal", "Jane Doe — CTO, Acme").</summary>
    private static (string Name, List<string> Tail)? NameLine(string text)
    {
        var value = text.Trim().TrimEnd(',', ';', ':');
        var label = NamePrefixes.IndexIn(value);
        if (label >= 0)
        {
            value = value[NameLabels[label].Length..].Trim();
        }

        if (value.Length is < 4 or > 160)
        {
            return null;
        }

        var segments = Segments(value);
        if (segments[0].Length > 60 || PageTitles.NameOf(segments[0]) is not { } name)
        {
            return null;
        }

        return (name, segments.Skip(1).ToList());
    }

    private static List<string> Segments(string value)
    {
        foreach (var separator in Separators)
        {
            var index = value.IndexOf(separator, StringComparison.Ordinal);
            if (index > 0)
            {
                return [value[..index].Trim(), .. Segments(value[(index + separator.Length)..])];
            }
        }

        return [value.Trim()];
    }

    private static void Build(
        Page page,
        List<CardLine> lines,
        int nameIndex,
        (string Name, List<string> Tail) named,
        LinkFact? fact,
        Dictionary<IElement, Found> cards,
        bool needsEvidence)
    {
        var anchor = lines[nameIndex].Element;
        var card = new Found("text", anchor, page.Order(anchor));
        card.AddName(named.Name);

        // Title written before the name, as in a <dt>Role</dt><dd>Name, …</dd> board list.
        var definition = anchor.LocalName == "dd" ? anchor : anchor.ParentElement is { LocalName: "dd" } parent ? parent : null;
        if (definition is not null && page.PreviousElementSibling(definition) is { LocalName: "dt" } term
            && TextUtil.VisibleText(term, 120) is { } role && JobTitles.LooksLikeTitleLine(role))
        {
            card.AddJobTitle(role);
        }

        // The seed's own value is the card's for certain; adding it first keeps a "To:" line's address out.
        if (fact is not null)
        {
            if (fact.Kind == LinkKind.Email)
            {
                card.AddEmail(fact.Value);
            }
            else if (fact.Kind == LinkKind.Phone)
            {
                card.AddPhone(fact.Value);
            }
            else if (fact.Profile is { } profile)
            {
                card.AddProfile(profile);
            }
        }

        var sameLine = true;
        var textLines = 0;
        foreach (var segment in named.Tail)
        {
            ReadLine(page, card, segment, lines[nameIndex], sameLine, ref textLines, fact is not null);
        }

        sameLine = false;
        for (var i = nameIndex + 1; i < lines.Count && i <= nameIndex + MaxLinesForward; i++)
        {
            var line = lines[i];
            if (IsHeading(line) || (NameLine(WithoutContacts(line)) is { } next && Strength(line, next.Name) > 0)
                || (card.Email is not null && OtherEmail(line.Text, card.Email)))
            {
                break; // the next person's card
            }

            if (ReadLine(page, card, line.Text, line, sameLine, ref textLines, fact is not null) == LineKind.Prose && card.Email is not null)
            {
                break;
            }
        }

        var hasContact = card.Email is not null || card.Phone is not null || card.LinkedIn is not null || card.Twitter is not null;
        if (needsEvidence && !hasContact && !JobTitles.LooksLikeJobTitle(card.JobTitle))
        {
            return;
        }

        if (cards.TryGetValue(anchor, out var existing))
        {
            existing.FillFrom(card, includeNames: false);
        }
        else
        {
            cards[anchor] = card;
        }
    }

    private enum LineKind
    {
        Contact,
        Skipped,
        Role,
        Organization,
        Prose,
    }

    private static readonly PrefixList HeaderPrefixes = new(["to:", "cc:", "bcc:", "an:", "till:", "reply-to:", "requester:"]);

    private static LineKind ReadLine(Page page, Found card, string text, CardLine line, bool sameLine, ref int textLines, bool contactSeeded)
    {
        var kind = LineKind.Skipped;
        if (HeaderPrefixes.IndexIn(text) >= 0)
        {
            return LineKind.Skipped; // the message's other addressees
        }

        foreach (var email in ContactValues.FindEmails(text))
        {
            if (sameLine || !ContactValues.IsRoleEmail(email))
            {
                card.AddEmail(email);
            }

            kind = LineKind.Contact;
        }

        foreach (var phone in ContactValues.FindPhones(text))
        {
            card.AddPhone(phone);
            kind = LineKind.Contact;
        }

        foreach (var link in line.Links)
        {
            var href = TextUtil.Normalize(link.GetAttribute("href"));
            if (href is null)
            {
                continue;
            }

            if (href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                card.AddPhone(ContactValues.NormalizePhone(href));
                kind = LineKind.Contact;
            }
            else if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                kind = LineKind.Contact;
            }
            else if (page.Resolve(href) is { } url && !Urls.IsDevelopmentHost(url))
            {
                if (SocialProfiles.Classify(url) is { } profile)
                {
                    card.AddProfile(profile);
                    kind = LineKind.Contact;
                }
                else if (((TextUtil.VisibleText(link, 120) is { } linkText && LooksLikeAddress(linkText)) || IsWebsiteLink(link)) && !SocialProfiles.IsPlatform(url))
                {
                    card.AddUrl(url, UrlUse.Own);
                    kind = LineKind.Contact;
                }
            }
        }

        if (kind == LineKind.Contact)
        {
            // "Framkvæmdastjóri · +354 555 1201 · gudrun@…": the words beside the contact details are still read.
            var rest = WithoutContacts(line with { Text = text });
            if (rest.Length > 1 && rest != text && rest.Split(' ').Length <= 6)
            {
                foreach (var segment in Segments(rest).Where(s => !IsContactLabel(s)))
                {
                    ReadText(card, segment, ref textLines, contactSeeded);
                }
            }

            return kind;
        }

        return ReadText(card, text, ref textLines, contactSeeded);
    }

    private static LineKind ReadText(Found card, string text, ref int textLines, bool contactSeeded)
    {
        var value = text.Trim().TrimEnd(',', ';');
        var lower = value.ToLowerInvariant();
        // "Office: Gates 412", "Room 3.14" are skipped; "Office Manager" is not a label.
        var labelled = value.Contains(':', StringComparison.Ordinal) || TextUtil.HasAsciiDigit(value);
        if (value.Length < 2 || value == "--" || (labelled && StartsWithAny(lower, SkippedLabels)))
        {
            return LineKind.Skipped;
        }

        if (value.Length > 100 || value.Split(' ').Length > 12)
        {
            return LineKind.Prose;
        }

        if (value.Length >= 6 && (char.IsAsciiDigit(value[0]) || value[0] is '+' or '(') && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '/' or '.' or '+'))
        {
            card.AddPhone(ContactValues.NormalizePhone(value)); // a bare number on its own card line
            return LineKind.Contact;
        }

        if (TextUtil.HasAsciiDigit(value) && value.Length < 40 && lower.Contains(':', StringComparison.Ordinal))
        {
            return LineKind.Skipped; // "Office: Gates 412"
        }

        textLines++;
        if (card.JobTitle is null && textLines <= 2 && !IsDepartment(lower) && !TextUtil.HasAsciiDigit(value)
            && (JobTitles.LooksLikeTitleLine(value) || (contactSeeded && textLines == 1 && !LooksLikeOrganization(value) && value.Length <= 60 && !value.EndsWith('.'))))
        {
            var (title, organization) = JobTitles.SplitTitleAndOrganization(value);
            card.AddJobTitle(title);
            card.AddOrganization(organization);
            return LineKind.Role;
        }

        if (card.Organization is null && textLines <= 4 && !IsDepartment(lower) && value.Length <= 70 && !TextUtil.HasAsciiDigit(value)
            && char.IsUpper(value[0]) && value.IndexOfAny(['?', '!', ':']) < 0 && SiteOwner.IsNameShaped(value) && (LooksLikeOrganization(value) || (card.JobTitle is not null && textLines == 2 && !value.Contains(", ", StringComparison.Ordinal))))
        {
            card.AddOrganization(value);
            return LineKind.Organization;
        }

        return LineKind.Skipped;
    }

    private static readonly HashSet<string> ContactLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "tel", "tel.", "telefon", "telephone", "phone", "mobile", "mobil", "mob", "cell", "fax", "t", "e", "m", "f", "p",
        "email", "e-mail", "mail", "e-post", "epost", "puh", "puh.", "tél", "tlf", "tlf.", "tfn", "sähköposti", "sími",
        "netfang", "web", "www", "contact", "kontakt", "direct", "direkt", "office", "växel", "switchboard",
    };

    /// <summary>"Tel.", "E-mail:", "Phone" left beside a number or address once it is taken out.</summary>
    private static bool IsContactLabel(string segment)
    {
        var value = segment.Trim().TrimEnd(':', '.', ' ').Trim();
        return value.Length == 0 || ContactLabels.Contains(value) || segment.TrimEnd().EndsWith(':');
    }

    private static bool IsDepartment(string lower) => StartsWithAny(lower, DepartmentStarts);

    private static bool StartsWithAny(string lower, string[] starts)
    {
        foreach (var start in starts)
        {
            if (lower.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A company ("Acme GmbH") or an institution ("Riverbend University", "Älvdala kommun").</summary>
    internal static bool LooksLikeOrganization(string value)
    {
        if (JobTitles.IsCompanyName(value))
        {
            return true;
        }

        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var lower = word.ToLowerInvariant().Trim(',', '.');
            foreach (var o in OrganizationWords)
            {
                if (lower == o || (o.Length >= 5 && lower.EndsWith(o, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Link text that is itself an address ("www.acme.example", "acme.example/jane").</summary>
    private static bool LooksLikeAddress(string text) =>
        !text.Contains(' ', StringComparison.Ordinal) && text.Contains('.', StringComparison.Ordinal) && !text.Contains('@', StringComparison.Ordinal);

    private static bool OtherEmail(string text, string email) =>
        text.Contains('@', StringComparison.Ordinal)
        && ContactValues.FindEmails(text).Any(e => !string.Equals(e, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The line without the addresses and numbers on it: "Jane Doe, 070-555 12 34, jane@x" → "Jane Doe".</summary>
    private static string WithoutContacts(CardLine line)
    {
        var text = line.Text;
        var value = text;

        // The text of a mail or call link ("Mail", "Call Jane", "Email Fiona") is not a name on the line.
        foreach (var link in line.Links)
        {
            var href = link.GetAttribute("href") ?? "";
            if ((href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
                && TextUtil.VisibleText(link, 120) is { } linkText)
            {
                value = value.Replace(linkText, " ", StringComparison.Ordinal);
            }
        }

        foreach (var email in ContactValues.FindEmails(text))
        {
            value = value.Replace(email, " ", StringComparison.OrdinalIgnoreCase);
        }

        foreach (var phone in ContactValues.FindPhones(text))
        {
            value = value.Replace(phone, " ", StringComparison.Ordinal);
        }

        value = value.Replace("<>", " ", StringComparison.Ordinal).Replace("&lt;&gt;", " ", StringComparison.Ordinal);
        var cleaned = TextUtil.Normalize(value.Replace('<', ' ').Replace('>', ' ')) ?? "";
        return cleaned.Trim(' ', ',', '|', '·', '-', '–', ':').Trim();
    }

    // ": "No heap, no problem"" after a speaker's title: the talk, in straight, curly, low or angle quotes.
    [GeneratedRegex(@"\s*:\s*[""“„«‘'].*$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TalkAfterColon();
}
