using System.Text;
using System.Text.RegularExpressions;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// What people write about themselves or a speaker in sentences: "My name is Hannah Kowalski", "I work as a data
/// engineer for Northwind Health", "She is a senior lecturer at …", "Currently Product Manager at Fernhill Games",
/// "Olivia Grant is the Data Protection Officer at Harbor Insurance". Sentences with a pronoun, the subject's given
/// name or no subject at all are about the page's subject. Origin "text".
/// </summary>
internal static partial class ProseReader
{
    private const int MaxParagraphs = 60;
    private const int MaxSentences = 200;

    private static readonly string[] PronounsAndLeadIns = ["i", "she", "he", "they", "currently", "now", "presently", "jag", "ich", "sie", "er", "hon", "han"];

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "of", "and", "for", "in", "the", "at", "to", "&", "on", "och", "und", "för", "de", "di",
    };

    public static void Read(Page page, List<Found> into)
    {
        var subject = SubjectName(page, into);
        var subjectKey = Names.Key(subject);
        var subjectGiven = Names.Parts(subject)?.Given;
        var headingNamesSomeone = page.MainHeading is { } h1 && PageTitles.NameIn(TextUtil.VisibleText(h1, 300)) is not null;
        Found? subjectFound = null;
        var sentences = 0;

        foreach (var paragraph in page.Paragraphs.Where(p => !page.IsSecondary(p)).Take(MaxParagraphs))
        {
            if (TextUtil.VisibleText(paragraph, 700) is not { Length: >= 12 } text)
            {
                continue;
            }

            foreach (var sentence in Sentences(text))
            {
                if (sentences++ > MaxSentences)
                {
                    return;
                }

                // "My name is Hannah Kowalski …", "I'm Marcus Reed, former Head of Analytics at Bluebird Media, …"
                if (MayIntroduce(sentence) && Introduction().Match(sentence) is { Success: true } intro && Names.Clean(intro.Groups["name"].Value) is { } introduced
                    && Names.LooksLikePersonName(introduced))
                {
                    var found = new Found("text", paragraph, page.Order(paragraph));
                    if (subject is null && !headingNamesSomeone)
                    {
                        found.Hints |= Hints.MainHeading; // the page introduces its owner
                    }

                    found.AddName(introduced);
                    AddRole(found, intro.Groups["rest"].Value.TrimStart(',', ' '));
                    into.Add(found);
                    if (subject is null || Names.Key(introduced) == subjectKey)
                    {
                        (subject, subjectKey, subjectGiven, subjectFound) = (introduced, Names.Key(introduced), Names.Parts(introduced)?.Given, found);
                    }

                    continue;
                }

                // "Olivia Grant is the Data Protection Officer at Harbor Insurance, …"
                if (BioSentence.Parse(sentence) is { } bio)
                {
                    var found = new Found("text", paragraph, page.Order(paragraph));
                    found.AddName(bio.Name);
                    found.AddJobTitle(TitleCase(bio.Title));
                    found.AddOrganization(bio.Organization);
                    into.Add(found);
                    continue;
                }

                // "founded by Ingrid Solberg (CEO) and Tariq Al-Mansouri (CTO)", "led by Julia Brandão, Head of Operations,
                // who …": a name with its title in brackets or between commas, anywhere in the sentence.
                if (MayNameWithTitle(sentence))
                {
                    foreach (Match titled in NameWithTitle().Matches(sentence))
                    {
                        var title = (titled.Groups["bracketed"].Success ? titled.Groups["bracketed"] : titled.Groups["between"]).Value.Trim();
                        if (Names.Clean(titled.Groups["name"].Value) is { } name && Names.LooksLikePersonName(name) && JobTitles.LooksLikeJobTitle(title))
                        {
                            var found = new Found("text", paragraph, page.Order(paragraph));
                            found.AddName(name);
                            found.AddJobTitle(title);
                            into.Add(found);
                        }
                    }
                }

                // "She is a senior lecturer at …", "Helen is …", "I work as …", "Currently … at …" (every opening the
                // pattern knows is a capital letter: a sentence that starts otherwise is not tried)
                if (subject is not null && sentence is [var opening, ..] && char.IsUpper(opening)
                    && Role().Match(sentence) is { Success: true } role && IsAboutSubject(role.Groups["who"].Value, subjectGiven))
                {
                    if (subjectFound is null)
                    {
                        subjectFound = new Found("text", paragraph, page.Order(paragraph));
                        subjectFound.AddName(subject);
                        into.Add(subjectFound);
                    }

                    AddRole(subjectFound, role.Groups["role"].Value);
                }
            }
        }
    }

    /// <summary>
    /// Whether <see cref="NameWithTitle"/> can match at all: its name is two capitalized words, and a bracket or a comma
    /// follows it. Most sentences of a bio have neither the bracket nor the comma.
    /// </summary>
    private static bool MayNameWithTitle(string sentence) =>
        sentence.AsSpan().IndexOfAny('(', ',') >= 0 && TextUtil.HasTwoCapitals(sentence);

    /// <summary>
    /// Whether <see cref="Introduction"/> can match at all: its phrase ("my name is", "I'm", "ich bin", "jag heter", …)
    /// opens the sentence, perhaps after a greeting, or follows a comma or "!" and a space. Its first two letters
    /// decide: under the pattern's case-insensitivity each of them matches only itself and its upper case. Most
    /// sentences are not introductions, and the pattern, which may start anywhere, is the reader's most costly step.
    /// </summary>
    private static bool MayIntroduce(string sentence)
    {
        if (OpensIntroduction(sentence, 0, greeting: true))
        {
            return true;
        }

        for (var i = sentence.IndexOfAny([',', '!']); i >= 0; i = sentence.IndexOfAny([',', '!'], i + 1))
        {
            var at = i + 1;
            while (at < sentence.Length && char.IsWhiteSpace(sentence[at]))
            {
                at++;
            }

            if (at > i + 1 && OpensIntroduction(sentence, at, greeting: false))
            {
                return true;
            }
        }

        return false;
    }

    // "my name…", "mein…"; "i'm", "i’m", "i am", "ich…"; "jag…", "jeg…", "je…"; at the start also "hi", "hello", "hey", "hej", "hallo".
    private static bool OpensIntroduction(string text, int at, bool greeting) =>
        at + 1 < text.Length && (char.ToLowerInvariant(text[at]), char.ToLowerInvariant(text[at + 1])) switch
        {
            ('m', 'y' or 'e') => true,
            ('i', '\'' or '’' or ' ' or 'c') => true,
            ('j', 'a' or 'e') => true,
            ('h', 'i' or 'e' or 'a') => greeting,
            _ => false,
        };

    private static bool IsAboutSubject(string who, string? given)
    {
        var word = who.Trim().ToLowerInvariant();
        return word.Length == 0 || PronounsAndLeadIns.Contains(word) || (given is not null && TextUtil.FoldAlphanumeric(word) == given);
    }

    /// <summary>The page's subject as far as the other readers can tell: the main heading's name, the title's, or a declared one.</summary>
    private static string? SubjectName(Page page, List<Found> found)
    {
        if (page.MainHeading is { } h1 && PageTitles.NameIn(TextUtil.VisibleText(h1, 300)) is { } fromHeading)
        {
            return fromHeading.Name;
        }

        var declared = found.FirstOrDefault(f => f.Hints.HasFlag(Hints.DeclaredSubject) && f.DisplayName is not null)
            ?? found.FirstOrDefault(f => f.Hints.HasFlag(Hints.PageAuthor) && f.DisplayName is not null);
        if (declared is not null)
        {
            return declared.DisplayName;
        }

        return PageTitles.IsMailbox(page.Title) ? null : PageTitles.NameIn(page.Title)?.Name;
    }

    private static void AddRole(Found found, string role)
    {
        var value = TextUtil.Normalize(role);
        if (value is null)
        {
            return;
        }

        foreach (var article in (ReadOnlySpan<string>)["a ", "an ", "the ", "en ", "ett ", "ein ", "eine ", "der ", "die "])
        {
            if (value.StartsWith(article, StringComparison.OrdinalIgnoreCase))
            {
                value = value[article.Length..];
                break;
            }
        }

        // "data engineer for Northwind Health": after "work as", "for" names the employer.
        var (title, organization) = BioSentence.SplitRole(ForAsAt().Replace(value, " at "));
        if (title is null || !JobTitles.LooksLikeJobTitle(title))
        {
            return;
        }

        found.AddJobTitle(TitleCase(title));
        found.AddOrganization(organization);
    }

    /// <summary>"senior lecturer" → "Senior Lecturer"; words already capitalized ("PhD", "UX") stay as written.</summary>
    private static string TitleCase(string title)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word.Length > 0 && char.IsLower(word[0]) && (i == 0 || !SmallWords.Contains(word))
                ? char.ToUpperInvariant(word[0]) + word[1..]
                : word);
        }

        return builder.ToString();
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ' && i + 2 < text.Length && (char.IsUpper(text[i + 2]) || text[i + 2] == '"'))
            {
                // "Dr. Jane", "Prof. Smith": a short capitalized token before the dot is an abbreviation.
                var wordStart = text.LastIndexOf(' ', i) + 1;
                if (i - wordStart <= 3 && text[i] == '.' && char.IsUpper(text[wordStart]))
                {
                    continue;
                }

                yield return text[start..(i + 1)].Trim();
                start = i + 2;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..].Trim();
        }
    }

    private const string NamePattern =
        @"\p{Lu}[\p{L}'’\-]+(?:\s+(?:(?:van|von|de|der|den|da|di|del|la|le|el|al|bin|dos)\s+)*\p{Lu}[\p{L}'’\-]+){1,3}";

    [GeneratedRegex(
        @"(?:^|[,!]\s+|^(?i:hi|hello|hey|hej|hallo)(?i:\s+there)?[,!]?\s+)(?i:my name is|my name's|i'm|i’m|i am|mein name ist|ich bin|jag heter|jeg heter|jeg hedder|je m'appelle|je suis)\s+(?<name>" + NamePattern + @")(?<rest>,[^,.;!?]{2,140})?",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Introduction();

    [GeneratedRegex(
        @"^(?:(?<who>I|She|He|They|Sie|Er|Hon|Han|Jag|Ich|\p{Lu}[\p{L}\-]+)(?:['’]m|\s+(?:am|is|are|works as|work as|serves as|ist|bin|är|jobbar som|arbetar som|arbeitet als|arbeite als))\s+|(?<who>Currently|Now|Presently)\s*[,:]?\s+)" +
        @"(?:(?:currently|now|also|working as)\s+)?(?<role>[^.,;:!?()]{2,160})",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Role();

    [GeneratedRegex(
        @"(?<![\p{L}\-])(?<name>" + NamePattern + @")(?:\s*\((?<bracketed>[^()\d]{2,60})\)|,\s+(?<between>\p{Lu}[^,.;:!?()\d]{1,60}?)(?=,\s|\.|;|$))",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NameWithTitle();

    [GeneratedRegex(@"\s+for\s+(?=(?:the\s+)?\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex ForAsAt();
}
