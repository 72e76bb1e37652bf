using System.Text.RegularExpressions;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Reads a person from free text the rep selected on a page: an email signature, a speaker bio, a contact block.
/// </summary>
public static partial class SelectionParser
{
    private const int MaxTextLength = 5_000;
    private const int MaxSegments = 40;

    private static readonly string[] SegmentSeparators = [" | ", " · ", " • ", " — ", " – ", " ‧ ", "\t"];

    /// <summary>
    /// Finds the name, job title, company, email, phone and profile links in <paramref name="text"/>, for example
    /// "Jane Doe\nHead of Data Protection | Acme GmbH\njane.doe@acme.example\n+49 30 1234567" or
    /// "Jane Doe is the Head of Data Protection at Acme GmbH. …". Never throws.
    /// </summary>
    /// <param name="text">The selected text.</param>
    /// <param name="pageUrl">The page the text was selected on, used to resolve relative links.</param>
    /// <returns>A candidate with <see cref="PersonCandidate.Origin"/> "selection", or null when the text names no person
    /// and holds no personal email address or profile.</returns>
    public static PersonCandidate? Parse(string? text, string? pageUrl = null)
    {
        PageMemo.Forget();
        try
        {
            return ParseText(text, pageUrl);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The contract is "never throws": the context-menu capture must survive any selection (regex time-outs
            // on pathological text included), and "nothing found" is the honest answer there.
            return null;
        }
        finally
        {
            PageMemo.Forget(); // the selection's names and addresses are not kept
        }
    }

    private static PersonCandidate? ParseText(string? text, string? pageUrl)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        value = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var baseUri = pageUrl is not null && Uri.TryCreate(pageUrl, UriKind.Absolute, out var page) ? page : null;

        var found = new Found("selection", null, 0);
        foreach (var email in ContactValues.FindEmails(value))
        {
            found.AddEmail(email);
        }

        foreach (Match match in UrlPattern().Matches(value))
        {
            found.AddUrl(ToUri(match.Value.TrimEnd('.', ',', ';', ')', '>'), baseUri), UrlUse.SameAs);
        }

        if (baseUri is not null)
        {
            foreach (Match match in RelativePathPattern().Matches(value))
            {
                found.AddUrl(ToUri(match.Value.TrimEnd('.', ',', ';', ')'), baseUri), UrlUse.SameAs);
            }
        }

        foreach (Match match in HandlePattern().Matches(value))
        {
            if (SocialProfiles.FromTwitterHandle(match.Groups["handle"].Value) is { } twitter)
            {
                found.AddProfile(twitter);
            }
        }

        var segments = Segments(value);
        foreach (var segment in segments)
        {
            if (!FaxLabel().IsMatch(segment))
            {
                found.AddPhone(PhoneIn(segment));
            }
        }

        if (BioOpening(value) is { } bio)
        {
            found.AddName(bio.Name);
            found.AddJobTitle(bio.Title);
            found.AddOrganization(bio.Organization);
        }
        else
        {
            ReadSignature(found, segments);
        }

        // Text selected on someone's LinkedIn/X/Facebook profile that names that very person: the page is their profile.
        if (baseUri is not null && SocialProfiles.Classify(baseUri) is { } pageProfile
            && Names.IdentifierMatches(found.FullName, pageProfile.Handle))
        {
            found.AddProfile(pageProfile);
        }

        if (found.FullName is null && found.Email is null && found.LinkedIn is null)
        {
            return null; // a phone number or a title alone does not say who this is
        }

        return found.ToCandidate();
    }

    /// <summary>Name on one line, title and company on the next ones, in any of the usual signature layouts.</summary>
    private static void ReadSignature(Found found, List<string> segments)
    {
        var textual = segments.Select(StripContactDetails).OfType<string>().ToList();

        var nameIndex = textual.FindIndex(s => PageTitles.NameOf(s) is not null);
        if (nameIndex >= 0)
        {
            found.AddName(PageTitles.NameOf(textual[nameIndex]));
        }

        var titleIndex = -1;
        for (var i = 0; i < textual.Count; i++)
        {
            if (i != nameIndex && JobTitles.LooksLikeJobTitle(textual[i]) && PageTitles.NameOf(textual[i]) is null)
            {
                titleIndex = i;
                var (title, organization) = JobTitles.SplitTitleAndOrganization(textual[i]);
                found.AddJobTitle(title);
                found.AddOrganization(organization);
                break;
            }
        }

        // The company usually follows the title (same line after a separator, or the next line).
        if (found.Organization is null && titleIndex >= 0 && titleIndex + 1 < textual.Count && titleIndex + 1 != nameIndex
            && LooksLikeOrganization(textual[titleIndex + 1]))
        {
            found.AddOrganization(textual[titleIndex + 1]);
        }

        if (found.Organization is null)
        {
            found.AddOrganization(textual.FirstOrDefault(JobTitles.IsCompanyName));
        }
    }

    private static bool LooksLikeOrganization(string text) =>
        text.Length <= 80 && !TextUtil.HasAsciiDigit(text) && char.IsUpper(text[0]) && text.Split(' ').Length <= 6
        && !JobTitles.LooksLikeJobTitle(text) && PageTitles.NameOf(text) is null;

    /// <summary>The segment without emails, URLs, handles, phone numbers and their labels; null when nothing remains.</summary>
    private static string? StripContactDetails(string text)
    {
        var value = EmailPattern().Replace(ContactValues.Deobfuscate(text), " ");
        value = UrlPattern().Replace(value, " ");
        value = HandlePattern().Replace(value, " ");
        value = PhonePattern().Replace(value, " ");
        value = LabelPattern().Replace(value, " ");
        value = TextUtil.Normalize(value)?.Trim(' ', ',', ';', ':', '|', '-', '–', '·') ?? "";
        return value.Length < 2 || value.Length > 150 || Greeting().IsMatch(value) ? null : value;
    }

    private static string? PhoneIn(string text) => ContactValues.FindPhones(text).FirstOrDefault();

    /// <summary>The text's lines, each further split at " | ", " · " and similar separators.</summary>
    private static List<string> Segments(string text)
    {
        var result = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            IEnumerable<string> parts = [line];
            foreach (var separator in SegmentSeparators)
            {
                parts = parts.SelectMany(p => p.Split(separator));
            }

            result.AddRange(parts.Select(TextUtil.Normalize).OfType<string>());
            if (result.Count >= MaxSegments)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// A bio sentence opening one of the first lines. Line by line, so that a signature ("John Smith, CIPP/E" over
    /// "Privacy Counsel") is not read as one run-on sentence.
    /// </summary>
    private static BioSentence.Parsed? BioOpening(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(3)
            .Select(BioSentence.Parse)
            .FirstOrDefault(parsed => parsed is not null);

    private static Uri? ToUri(string value, Uri? baseUri)
    {
        if (value.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || value.StartsWith("linkedin.com", StringComparison.OrdinalIgnoreCase)
            || (!value.Contains("://", StringComparison.Ordinal) && value.Contains(".linkedin.com", StringComparison.OrdinalIgnoreCase)))
        {
            value = "https://" + value;
        }

        if (value.StartsWith('/') && baseUri is not null)
        {
            return Uri.TryCreate(baseUri, value, out var relative) ? relative : null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }

    // Removes what ContactValues.FindEmails could have found, so the segment's remaining text can be a name or title.
    [GeneratedRegex(@"(?:""[^""\r\n<>@]{1,64}""|[A-Za-z0-9._%+\-\p{L}][A-Za-z0-9._%+'\-\p{L}]*)@[A-Za-z0-9\-\p{L}\p{M}]+(?:\.[A-Za-z0-9\-\p{L}\p{M}]+)*\.[A-Za-z\p{L}]{2,}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?:https?://|www\.|\b(?:[a-z]{2,3}\.)?linkedin\.com/)[^\s<>""'|]+", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<=^|\s)/[A-Za-z0-9][^\s<>""'|]*", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RelativePathPattern();

    [GeneratedRegex(@"(?<![\w@.])@(?<handle>[A-Za-z0-9_]{2,15})\b(?![.@]\w)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+|00)\d[\d \u00A0().\-/]{5,}\d|(?<![\w+])\(?0\d[\d \u00A0().\-/]{5,}\d", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\bfax\b|^\s*f\s*[:.]?\s*[+(0-9]", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FaxLabel();

    [GeneratedRegex(@"(?:^|\s)(?:e-?mail|mail|tel|phone|mobile|mob|cell|telefon|tfn|mobil|handy|fax|web|website|www|linkedin|twitter|x|direct|office|[tmpefw])\.?\s*:", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^(?:(?:best|kind|warm|warmest)\s+regards|regards|cheers|thanks|thank you|best|sincerely|yours|mit freundlichen grüßen|viele grüße|beste grüße|liebe grüße|mfg|med vänlig hälsning|vänliga hälsningar|mvh|cordialement|saludos|sent from my \w+|--+)[,.!]?$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Greeting();

}
