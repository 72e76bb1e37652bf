using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Orders people so that the page's subject comes first. Declared subjects (ProfilePage mainEntity,
/// representative h-card, og:type profile, the profile the page URL points to) beat the person named by the main
/// heading, who beats authors and top-level structured data; sidebars, comments and navigation push people down.
/// Equal scores keep document order, which is what a team page without a single subject needs.
/// </summary>
internal static class Ranker
{
    /// <summary>Below this, the top person is just the first of several equals, not the page's subject.</summary>
    public const int SubjectThreshold = 40;

    /// <summary>A lead this large over the runner-up also makes the top person the subject (an author over commenters).</summary>
    public const int ClearLead = 15;

    public static List<(Found Person, int Score)> Rank(Page page, IEnumerable<Found> people)
    {
        var headingKey = MainHeadingKey(page);
        var foldedTitle = page.Title is null || PageTitles.IsMailbox(page.Title) ? null : TextUtil.Fold(page.Title);
        var pageProfile = page.PageUri is null ? null : SocialProfiles.Classify(page.PageUri);

        // Highest score first, then document order, then the order given (a loop and one sort, not LINQ: this runs
        // twice per page; List.Sort is not stable, hence the position as the last key).
        var scored = new List<(Found Person, int Score, int Position)>();
        foreach (var person in people)
        {
            scored.Add((person, Score(page, person, headingKey, foldedTitle, pageProfile), scored.Count));
        }

        scored.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : a.Person.Order != b.Person.Order ? a.Person.Order.CompareTo(b.Person.Order)
            : a.Position.CompareTo(b.Position));
        var ranked = new List<(Found Person, int Score)>(scored.Count);
        foreach (var (person, score, _) in scored)
        {
            ranked.Add((person, score));
        }

        return ranked;
    }

    private static int Score(Page page, Found person, string? headingKey, string? foldedTitle, SocialProfile? pageProfile)
    {
        var score = 0;
        if (person.Hints.HasFlag(Hints.DeclaredSubject))
        {
            score += 100;
        }

        if (pageProfile is { } profile && profile.Url == ProfileOf(person, profile.Network))
        {
            score += 80;
        }

        if (page.IsPageUrl(person.Website) || page.IsPageUrl(person.AuthorArchive))
        {
            score += 40;
        }

        var key = person.NameKey;
        if (person.Hints.HasFlag(Hints.MainHeading) || (key is not null && key == headingKey))
        {
            score += 50;
        }

        if (foldedTitle is not null && person.NameParts is { } parts
            && foldedTitle.Contains(parts.Given, StringComparison.Ordinal) && foldedTitle.Contains(parts.Family, StringComparison.Ordinal))
        {
            score += 25;
        }

        if (person.Hints.HasFlag(Hints.PageAuthor))
        {
            score += 20;
        }

        if (person.Hints.HasFlag(Hints.TopLevel))
        {
            score += 15;
        }

        // Shown only in sidebars, comments, navigation or the footer: someone else's page. (A site-header h1 chosen as
        // the main heading is exempt: personal sites put their owner's name there.)
        if (person.Anchors.Count > 0 && AllSecondary(page, person.Anchors) && !(page.MainHeading is { } heading && person.Anchors.Contains(heading)))
        {
            score -= 60;
        }

        return score;
    }

    private static bool AllSecondary(Page page, List<IElement> anchors)
    {
        foreach (var anchor in anchors)
        {
            if (!page.IsSecondary(anchor))
            {
                return false;
            }
        }

        return true;
    }

    private static string? ProfileOf(Found person, SocialNetwork network) => network switch
    {
        SocialNetwork.LinkedIn => person.LinkedIn,
        SocialNetwork.Twitter => person.Twitter,
        _ => person.Facebook,
    };

    private static string? MainHeadingKey(Page page)
    {
        var h1 = page.MainHeading;
        return h1 is not null && PageTitles.NameIn(TextUtil.VisibleText(h1, 300)) is { } named ? Names.Key(named.Name) : null;
    }
}
