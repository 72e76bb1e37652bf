namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Answers of pure string functions that the readers ask for again and again while one page is read: the same card
/// lines, headings and paragraphs are tried as names, bios and titles by several readers and for several neighbours
/// (on the generated 200 KB page: 984 name cleanings of 452 texts, 185 bio parses of 8 paragraphs, 106 job-title checks
/// of 35). Remembered for the page at hand only: <see cref="Forget"/> runs when the extractor starts on a page, so no
/// page gains from one read before it (a benchmark that reads the same page round after round measures each round's
/// own work), and when it is done with it, so none of the page's names, addresses or numbers stay in memory after it.
/// Per thread: the extractor reads one page at a time on a thread (the extension has only one).
/// </summary>
internal static class PageMemo
{
    /// <summary>A page that asks more than this many distinct questions of one kind starts that memo afresh.</summary>
    private const int Limit = 8_192;

    [ThreadStatic]
    private static Dictionary<string, string?>? _keys;

    [ThreadStatic]
    private static Dictionary<string, string?>? _cleaned;

    [ThreadStatic]
    private static Dictionary<string, BioSentence.Parsed?>? _bios;

    [ThreadStatic]
    private static Dictionary<string, bool>? _jobTitles;

    [ThreadStatic]
    private static Dictionary<string, IReadOnlyList<string>>? _emails;

    [ThreadStatic]
    private static Dictionary<string, IReadOnlyList<string>>? _phones;

    [ThreadStatic]
    private static string? _phonesRegion;

    /// <summary><see cref="Names.Key"/> of a name.</summary>
    public static string? Key(string name, Func<string, string?> compute) => Remembered(_keys ??= new(StringComparer.Ordinal), name, compute);

    /// <summary><see cref="Names.Clean"/> of a text.</summary>
    public static string? Cleaned(string raw, Func<string, string?> compute) => Remembered(_cleaned ??= new(StringComparer.Ordinal), raw, compute);

    /// <summary><see cref="BioSentence.Parse"/> of a text.</summary>
    public static BioSentence.Parsed? Bio(string text, Func<string, BioSentence.Parsed?> compute) => Remembered(_bios ??= new(StringComparer.Ordinal), text, compute);

    /// <summary><see cref="JobTitles.LooksLikeJobTitle"/> of a text.</summary>
    public static bool JobTitle(string text, Func<string, bool> compute) => Remembered(_jobTitles ??= new(StringComparer.Ordinal), text, compute);

    /// <summary><see cref="ContactValues.FindEmails"/> of a text.</summary>
    public static IReadOnlyList<string> Emails(string text, Func<string, IReadOnlyList<string>> compute) => Remembered(_emails ??= new(StringComparer.Ordinal), text, compute);

    /// <summary><see cref="ContactValues.FindPhones"/> of a text, read in <paramref name="region"/> (the page's, while one is read).</summary>
    public static IReadOnlyList<string> Phones(string region, string text, Func<string, IReadOnlyList<string>> compute)
    {
        var memo = _phones ??= new(StringComparer.Ordinal);
        if (_phonesRegion != region)
        {
            memo.Clear();
            _phonesRegion = region;
        }

        return Remembered(memo, text, compute);
    }

    /// <summary>Drops what the previous page asked.</summary>
    public static void Forget()
    {
        _keys?.Clear();
        _cleaned?.Clear();
        _bios?.Clear();
        _jobTitles?.Clear();
        _emails?.Clear();
        _phones?.Clear();
    }

    /// <summary>How many answers are remembered, of every kind (for tests).</summary>
    public static int Count =>
        (_keys?.Count ?? 0) + (_cleaned?.Count ?? 0) + (_bios?.Count ?? 0) + (_jobTitles?.Count ?? 0) + (_emails?.Count ?? 0) + (_phones?.Count ?? 0);

    private static TValue Remembered<TValue>(Dictionary<string, TValue> memo, string question, Func<string, TValue> compute)
    {
        if (memo.TryGetValue(question, out var known))
        {
            return known;
        }

        if (memo.Count >= Limit)
        {
            memo.Clear();
        }

        return memo[question] = compute(question);
    }
}
