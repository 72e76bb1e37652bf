using System.Diagnostics;
using System.Globalization;
using AngleSharp.Html.Parser;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Turns a captured page's HTML into people: who the page is about (<see cref="ExtractionResult.Best"/>) and who else
/// it shows. Understands schema.org Person in JSON-LD, microdata and RDFa; h-card and classic hCard; mailto:, tel: and
/// social-profile links; Open Graph and author metadata; and plain pages a person can read. Pure, offline, and safe on
/// hostile input: it never throws, and problems are reported in <see cref="ExtractionResult.Warnings"/>.
/// </summary>
public sealed class ContactExtractor
{
    /// <summary>
    /// Largest page read, in characters. Beyond it the page is not parsed and the result carries a warning:
    /// parsing cost grows with size and no real profile page comes near this.
    /// </summary>
    public const int MaxHtmlLength = 8 * 1024 * 1024;

    /// <summary>
    /// Deepest element nesting read, in levels. Parsing time grows with the square of the depth (10,000 levels take
    /// about half a second); deeper pages are not parsed and the result carries a warning. Real pages stay far below.
    /// </summary>
    public const int MaxNestingDepth = 16_000;

    /// <summary>At most this many people besides the best are returned, so a huge directory page stays usable.</summary>
    public const int MaxOthers = 200;

    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };

    /// <summary>Finds the people on a page.</summary>
    /// <param name="html">The page's HTML (as read from the live DOM). Null, empty or malformed input is allowed.</param>
    /// <param name="pageUrl">The page's address, used to resolve relative links and to recognise the page's own profile.</param>
    public ExtractionResult Extract(string html, string pageUrl) => Extract(html, pageUrl, null);

    /// <summary>Finds the people on a page and records in <paramref name="profile"/> how long each stage took.</summary>
    /// <param name="html">The page's HTML (as read from the live DOM). Null, empty or malformed input is allowed.</param>
    /// <param name="pageUrl">The page's address, used to resolve relative links and to recognise the page's own profile.</param>
    /// <param name="profile">Receives the time per stage; null to skip the bookkeeping.</param>
    public ExtractionResult Extract(string html, string pageUrl, ExtractionProfile? profile)
    {
        // What the readers remember while reading (names, addresses, numbers of the page) is the page's personal data:
        // nothing of it is kept once the page is read, and nothing of an earlier read is used.
        PageMemo.Forget();
        try
        {
            return ExtractPage(html, pageUrl, profile);
        }
        finally
        {
            PageMemo.Forget();
        }
    }

    private static ExtractionResult ExtractPage(string html, string pageUrl, ExtractionProfile? profile)
    {
        var warnings = new List<string>();
        if (string.IsNullOrWhiteSpace(html))
        {
            warnings.Add("The page is empty: there is nothing to read.");
            return new ExtractionResult(null, [], warnings, ExtractionRefusal.Empty);
        }

        if (html.Length > MaxHtmlLength)
        {
            warnings.Add(string.Format(
                CultureInfo.InvariantCulture,
                "The page is too large to read: {0:N0} characters, the limit is {1:N0}.",
                html.Length,
                MaxHtmlLength));
            return new ExtractionResult(null, [], warnings, ExtractionRefusal.TooLarge);
        }

        try
        {
            var start = Stopwatch.GetTimestamp();
            var tooDeep = NestingGuard.Exceeds(html, MaxNestingDepth, out var startTags);
            profile?.Add("nesting check", start);
            if (tooDeep)
            {
                warnings.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "The page nests its markup too deeply to read safely: more than {0:N0} levels.",
                    MaxNestingDepth));
                return new ExtractionResult(null, [], warnings, ExtractionRefusal.TooDeep);
            }

            return Run(html, pageUrl, startTags, warnings, profile);
        }
        catch (Exception exception)
        {
            // The contract is "never throws": a page that trips a bug must not break capture, but it must be visible.
            warnings.Add($"The page could not be read: {exception.GetType().Name}: {exception.Message}");
            return new ExtractionResult(null, [], warnings, ExtractionRefusal.Failed);
        }
    }

    private static ExtractionResult Run(string html, string? pageUrl, int startTags, List<string> warnings, ExtractionProfile? profile)
    {
        var start = Stopwatch.GetTimestamp();
        using var document = new HtmlParser(ParserOptions).ParseDocument(html);
        profile?.Add("parse", start);
        start = Stopwatch.GetTimestamp();
        var page = Page.Build(document, pageUrl, startTags);
        profile?.Add("page index", start);
        start = Stopwatch.GetTimestamp();
        var pageRegion = PhoneRegion.Of(document, page);
        profile?.Add("phone region", start);
        using var region = ContactValues.ReadNationalNumbersIn(pageRegion);

        var facts = new List<LinkFact>();
        RunReader("links", () => facts.AddRange(LinkReader.Read(page)), warnings, profile);

        var found = new List<Found>();
        RunReader("JSON-LD", () => JsonLdReader.Read(page, found, warnings), warnings, profile);
        RunReader("microdata", () => SchemaItemReader.ReadMicrodata(page, found), warnings, profile);
        RunReader("RDFa", () => SchemaItemReader.ReadRdfa(page, found), warnings, profile);
        RunReader("microformats", () => MicroformatReader.Read(page, found), warnings, profile);
        RunReader("metadata", () => MetaReader.Read(page, found), warnings, profile);
        RunReader("page text", () => PlainTextReader.Read(page, found), warnings, profile);
        RunReader("contact cards", () => CardReader.Read(page, facts, found), warnings, profile);
        RunReader("sentences", () => ProseReader.Read(page, found), warnings, profile);

        // The site's owner is never a person on its own site ("Brightwater Logistics" in the hero heading).
        SiteOwner? owner = null;
        RunReader("site owner", () => owner = SiteOwner.Find(page), warnings, profile);
        start = Stopwatch.GetTimestamp();
        var people = PeopleMerger.Merge(found);
        if (owner is not null)
        {
            people.RemoveAll(owner.IsNamedBy);
        }

        var ranked = Ranker.Rank(page, people);
        profile?.Add("merge and rank", start);
        start = Stopwatch.GetTimestamp();

        // Links are attached after ranking because a main-content link with no card around it goes to the subject.
        var fromLinks = LinkReader.Attach(page, ranked.Select(r => r.Person).ToList(), Subject(ranked), facts);
        if (fromLinks.Count > 0)
        {
            ranked = Ranker.Rank(page, PeopleMerger.Merge([.. ranked.Select(r => r.Person), .. fromLinks]));
        }

        var subject = Subject(ranked);

        // On a team, staff or profile page of an organization's site, the organization is its people's company.
        if (owner is not null)
        {
            foreach (var (person, _) in ranked)
            {
                if (person.Organization is null && owner.Employs(page, person))
                {
                    person.AddOrganization(owner.Name);
                }
            }
        }

        // On a LinkedIn, X or Facebook profile the address itself is the subject's profile.
        if (subject is not null && page.PageUri is not null)
        {
            subject.AddUrl(page.PageUri, UrlUse.ProfileOnly);

            // On the person's own site, the site is their website.
            if (subject.Website is null && OwnSite.HomeOf(page, subject, owner) is { } home)
            {
                subject.AddUrl(home, UrlUse.Own);
            }
        }

        profile?.Add("link attribution", start);
        start = Stopwatch.GetTimestamp();

        // Converted lazily: only as many as are returned (cleaning names is the costly part on a directory page).
        var candidates = ranked.Select(r => r.Person.ToCandidate()).OfType<PersonCandidate>().Take(MaxOthers + 1).ToList();
        profile?.Add("candidates", start);
        return candidates.Count == 0
            ? new ExtractionResult(null, [], warnings)
            : new ExtractionResult(candidates[0], candidates.Skip(1).ToList(), warnings);
    }

    /// <summary>
    /// The page's subject: the top person when the page singles them out (declared, named by the heading, or well
    /// ahead of everyone else) or when they are alone. A team page of equals has none.
    /// </summary>
    private static Found? Subject(List<(Found Person, int Score)> ranked) => ranked.Count switch
    {
        0 => null,
        1 => ranked[0].Person,
        _ when ranked[0].Score >= Ranker.SubjectThreshold => ranked[0].Person,
        _ when ranked[0].Score > 0 && ranked[0].Score - ranked[1].Score >= Ranker.ClearLead => ranked[0].Person,
        _ => null,
    };

    /// <summary>Runs one reader; a failure in one format must not cost the others' results.</summary>
    private static void RunReader(string name, Action read, List<string> warnings, ExtractionProfile? profile)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            read();
            profile?.Add(name, start);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            warnings.Add($"The {name} reader failed on this page and was skipped: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
