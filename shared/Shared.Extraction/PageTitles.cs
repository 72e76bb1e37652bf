namespace ComplianceConnect.Shared.Extraction;

/// <summary>Finds a person's name in a page title or heading such as "Jane Doe – Head of DPO | Acme" or "About Jane Doe".</summary>
internal static class PageTitles
{
    private static readonly string[] Separators = [" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " / ", ": ", " » ", " « "];

    private static readonly string[] Prefixes =
    [
        "about ", "about me - ", "meet ", "profile of ", "speaker: ", "speaker ", "über ", "om ", "à propos de ",
        "hi, i'm ", "hi, i am ", "hi! i'm ", "hello, i'm ", "hello, i am ", "i'm ", "i am ", "my name is ",
        "hallo, ich bin ", "ich bin ", "hej, jag heter ", "jag heter ", "hej, jag är ", "contact ", "kontakt ",
        "welcome, i'm ", "hey, i'm ", "hey there, i'm ", "written by ", "about the author ", "by ", "von ", "av ",
    ];

    private static readonly PrefixList LeadIns = new(Prefixes);

    // Web mail clients name the signed-in account in the title ("Mail - Sam Carter - Outlook", "Inbox (3) -
    // sam@x.example - Gmail"): the reader, never the sender of the message shown.
    private static readonly HashSet<string> MailClients = new(StringComparer.OrdinalIgnoreCase)
    {
        "Outlook", "Outlook Web App", "Gmail", "Mail", "Yahoo Mail", "Zoho Mail", "Proton Mail", "ProtonMail",
        "Roundcube Webmail", "Fastmail", "iCloud Mail", "Inbox", "Inkorgen", "Posteingang", "Boîte de réception",
    };

    /// <summary>True for the title of a web mail client, whose name is the mailbox owner's, not the page's subject.</summary>
    public static bool IsMailbox(string? title)
    {
        var value = TextUtil.Normalize(title);
        return value is not null && value.Length <= 300 && Split(value).Any(s => MailClients.Contains(TextUtil.BeforeAny(s, '(').Trim()));
    }

    /// <summary>The first segment of <paramref name="text"/> that is a person's name, and the other segments.</summary>
    public static (string Name, IReadOnlyList<string> OtherSegments)? NameIn(string? text)
    {
        var value = TextUtil.Normalize(text);
        if (value is null || value.Length > 300)
        {
            return null;
        }

        var segments = Split(value);
        for (var i = 0; i < segments.Count; i++)
        {
            if (NameOf(segments[i]) is { } name)
            {
                var rest = segments.Where((_, index) => index != i).ToList();
                return (name, rest);
            }
        }

        return null;
    }

    /// <summary>The segment as a name, after removing "About", "I'm" and similar lead-ins; null if it is not one.</summary>
    public static string? NameOf(string segment)
    {
        // A name has two capitalized words at least (its first and its last), and cleaning never makes a letter upper
        // case that was not (all-caps text is title-cased, and that has two already): most headings and card lines
        // tried here ("Related articles", a sentence of a bio) are told apart without being cleaned.
        if (!TextUtil.HasTwoCapitals(segment))
        {
            return null;
        }

        var value = segment.Trim().TrimEnd('.', '!', ',');
        var prefix = LeadIns.IndexIn(value);
        if (prefix >= 0)
        {
            value = value[Prefixes[prefix].Length..];
        }

        if (value is [.., 'e' or 'E'] && (value.EndsWith("'s profile", StringComparison.OrdinalIgnoreCase) || value.EndsWith("’s profile", StringComparison.OrdinalIgnoreCase)))
        {
            value = value[..^10];
        }

        var name = Names.Clean(value);
        return Names.LooksLikePersonName(name) ? name : null;
    }

    private static List<string> Split(string value)
    {
        // Split by each separator in turn. A segment without the separator is kept trimmed (as Split would return it),
        // so a heading with no separator in it costs eleven searches, not eleven arrays and lists.
        var segments = new List<string> { value };
        foreach (var separator in Separators)
        {
            List<string>? split = null;
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                if (split is null && !segment.Contains(separator, StringComparison.Ordinal) && segment.Trim() == segment && segment.Length > 0)
                {
                    continue;
                }

                split ??= segments[..i];
                split.AddRange(segment.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            segments = split ?? segments;
        }

        // "Jane Doe, Head of Data Protection" – a comma may separate the name from a title.
        var withCommas = new List<string>();
        foreach (var segment in segments)
        {
            var comma = segment.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0 && JobTitles.LooksLikeJobTitle(segment[(comma + 2)..]))
            {
                withCommas.Add(segment[..comma]);
                withCommas.Add(segment[(comma + 2)..]);
            }
            else
            {
                withCommas.Add(segment);
            }
        }

        return withCommas;
    }
}
