using System.Text.RegularExpressions;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Reads the opening of a speaker bio or "about" paragraph: "Jane Doe is the Head of Data Protection at Acme GmbH.",
/// "Jane Doe, Head of Data Protection at Acme GmbH, …", "Jane Doe ist Datenschutzbeauftragte bei Acme GmbH".
/// </summary>
internal static partial class BioSentence
{
    private static readonly string[] AtWords = [" at ", " with ", " bei ", " på ", " chez ", " @ "];

    private static readonly string[] ClauseBreaks =
        [" and ", " where ", " since ", " in ", " based ", " who ", " from ", " und ", " och ", " et ", " with ", " for ", " – ", " - "];

    // Titles that name a company with "of" ("CEO of Acme"); elsewhere "of" is part of the title ("Head of Data").
    private static readonly HashSet<string> TitlesTakingOf = new(StringComparer.OrdinalIgnoreCase)
    {
        "ceo", "cto", "cfo", "coo", "cio", "ciso", "cpo", "founder", "co-founder", "cofounder", "president",
        "chair", "chairman", "chairwoman", "owner", "partner", "director", "vd", "geschäftsführer",
        "geschäftsführerin", "gründer", "gründerin", "grundare", "executive",
    };

    public readonly record struct Parsed(string Name, string Title, string? Organization);

    public static Parsed? Parse(string? text) => text is null ? null : PageMemo.Bio(text, ComputeParse);

    private static Parsed? ComputeParse(string text)
    {
        var value = TextUtil.Normalize(text);
        if (value is null)
        {
            return null;
        }

        if (value.Length > 600)
        {
            value = value[..600];
        }

        // The pattern opens with the name's capital: a text that starts otherwise is not tried.
        if (!char.IsUpper(value[0]))
        {
            return null;
        }

        var match = Opening().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var name = Names.Clean(match.Groups["name"].Value);
        if (!Names.LooksLikePersonName(name))
        {
            return null;
        }

        var (title, organization) = SplitRole(match.Groups["role"].Value);
        return JobTitles.LooksLikeJobTitle(title) ? new Parsed(name!, title!, organization) : null;
    }

    /// <summary>"Head of Data Protection at Acme GmbH and …" → ("Head of Data Protection", "Acme GmbH").</summary>
    internal static (string? Title, string? Organization) SplitRole(string role)
    {
        var value = TextUtil.Normalize(role) ?? "";

        // The earliest "at"-like word separates title and company: "Data Scientist with Meridian plc and … at LSE".
        var (at, atWord) = AtWords
            .Select(word => (Index: value.IndexOf(word, StringComparison.OrdinalIgnoreCase), Word: word))
            .Where(found => found.Index > 0)
            .DefaultIfEmpty((Index: -1, Word: ""))
            .MinBy(found => found.Index);
        if (at > 0)
        {
            return (value[..at], CutClause(value[(at + atWord.Length)..]));
        }

        var of = value.IndexOf(" of ", StringComparison.OrdinalIgnoreCase);
        if (of > 0)
        {
            var title = value[..of];
            var organization = CutClause(value[(of + 4)..]);
            var lastTitleWord = title.Split(' ')[^1];
            if (TitlesTakingOf.Contains(lastTitleWord) || JobTitles.IsCompanyName(organization))
            {
                return (title, organization);
            }
        }

        return (TextUtil.Normalize(value[..ClauseEnd(value)]), null);
    }

    private static string? CutClause(string value)
    {
        foreach (var article in (ReadOnlySpan<string>)["the ", "The "])
        {
            if (value.StartsWith(article, StringComparison.Ordinal) && value.Length > article.Length && char.IsUpper(value[article.Length]))
            {
                value = value[article.Length..]; // "at the Meridian Institute"
                break;
            }
        }

        var result = JobTitles.CleanOrganization(value[..ClauseEnd(value)]);
        return result is not null && (char.IsUpper(result[0]) || char.IsDigit(result[0])) ? result : null;
    }

    private static int ClauseEnd(string value)
    {
        var end = value.Length;
        foreach (var clauseBreak in ClauseBreaks)
        {
            var index = value.IndexOf(clauseBreak, StringComparison.OrdinalIgnoreCase);
            if (index > 0 && index < end)
            {
                end = index;
            }
        }

        return end;
    }

    // Name, then a verb ("is", "ist", "är", …) or a comma, optional articles, then the role up to the clause's end.
    [GeneratedRegex(
        @"^(?<name>\p{Lu}[\p{L}'’.\-]+(?:\s+(?:(?:van|von|de|der|den|du|da|di|del|la|le|bin|al|ten|ter|zu)\s+)*\p{Lu}[\p{L}'’.\-]+){1,3})" +
        @"(?:\s+(?:is|was|serves as|works as|has been|currently serves as|ist|arbeitet als|är|jobbar som|est|es)\s+|,\s+)" +
        @"(?:(?:the|a|an|our|currently|now|also|der|die|das|ein|eine|en|ett|le|la|un|une|el)\s+)*" +
        @"(?<role>[^.,;:!?()]{2,160})",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Opening();
}
