namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Page metadata: Open Graph profiles (og:type=profile with profile:first_name/last_name, og:title),
/// <c>&lt;meta name="author"&gt;</c> and its relatives, and twitter:creator.
/// </summary>
internal static class MetaReader
{
    private static readonly string[] AuthorKeys =
        ["author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "parsely-author", "sailthru.author"];

    public static void Read(Page page, List<Found> into)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var order = long.MaxValue;
        foreach (var meta in page.Metas)
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name");
            var content = TextUtil.Normalize(meta.GetAttribute("content"));
            if (key is not null && content is not null && values.TryAdd(key.Trim(), content))
            {
                order = Math.Min(order, page.Order(meta));
            }
        }

        if (values.Count == 0)
        {
            return;
        }

        var creator = values.GetValueOrDefault("twitter:creator");
        if (creator is not null && string.Equals(creator, values.GetValueOrDefault("twitter:site"), StringComparison.OrdinalIgnoreCase))
        {
            creator = null; // the site's own account, not the author's
        }

        var profile = ReadProfile(page, values, order);
        if (profile is not null)
        {
            if (creator is not null && SocialProfiles.FromTwitterHandle(creator) is { } twitter)
            {
                profile.AddProfile(twitter);
                creator = null;
            }

            into.Add(profile);
        }

        var author = ReadAuthor(page, values, order + 1);
        if (author is not null && !SameName(author, profile))
        {
            if (creator is not null && SocialProfiles.FromTwitterHandle(creator) is { } twitter)
            {
                author.AddProfile(twitter);
            }

            into.Add(author);
        }
    }

    /// <summary>og:type=profile: the page is somebody's profile, so that somebody is its subject.</summary>
    private static Found? ReadProfile(Page page, Dictionary<string, string> values, long order)
    {
        if (values.GetValueOrDefault("og:type")?.StartsWith("profile", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        var found = new Found("meta", null, order) { Hints = Hints.DeclaredSubject };
        found.AddGivenName(values.GetValueOrDefault("profile:first_name"));
        found.AddFamilyName(values.GetValueOrDefault("profile:last_name"));
        if (PageTitles.NameIn(values.GetValueOrDefault("og:title")) is { } fromTitle)
        {
            found.AddName(fromTitle.Name);
        }

        found.AddUrl(page.Resolve(values.GetValueOrDefault("og:url")), UrlUse.ProfileOnly);
        found.AddRoleFromDescription(values.GetValueOrDefault("og:description") ?? values.GetValueOrDefault("description"));
        return found.HasIdentity ? found : null;
    }

    private static Found? ReadAuthor(Page page, Dictionary<string, string> values, long order)
    {
        foreach (var key in AuthorKeys)
        {
            if (values.GetValueOrDefault(key) is not { } content)
            {
                continue;
            }

            if (content.Contains("://", StringComparison.Ordinal))
            {
                // article:author is often a profile URL rather than a name.
                if (page.Resolve(content) is { } authorUrl && SocialProfiles.Classify(authorUrl) is { } profileLink)
                {
                    var byLink = new Found("meta", null, order) { Hints = Hints.PageAuthor };
                    byLink.AddProfile(profileLink);
                    return byLink;
                }

                continue;
            }

            var name = Names.Clean(content);
            if (Names.LooksLikePersonName(name) || Names.LooksLikePersonName(Names.Reversed(name)))
            {
                var found = new Found("meta", null, order) { Hints = Hints.PageAuthor };
                found.AddName(name);
                return found;
            }
        }

        return null;
    }

    private static bool SameName(Found a, Found? b) =>
        b is not null && a.NameKey is { } key && key == b.NameKey;
}
