namespace ComplianceConnect.Shared.Extraction;

internal enum SocialNetwork
{
    LinkedIn,
    Twitter,
    Facebook,
}

/// <summary>A recognised personal profile on a social network, in canonical form.</summary>
internal readonly record struct SocialProfile(SocialNetwork Network, string Url, string Handle);

/// <summary>
/// Tells personal profile links apart from share buttons, company pages and everything else on the big networks,
/// and normalizes them (https, one host spelling, no tracking query) so the same profile always compares equal.
/// </summary>
internal static class SocialProfiles
{
    // First path segments on twitter.com / x.com that are features, not user names.
    private static readonly HashSet<string> TwitterReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "share", "intent", "home", "search", "hashtag", "i", "explore", "settings", "login", "logout", "signup",
        "tos", "privacy", "notifications", "messages", "compose", "account", "download", "about", "help", "jobs",
        "widgets", "oauth", "search-home", "lists", "topics", "who_to_follow", "rules", "en", "following",
        "followers", "web", "x", "twitter",
    };

    // First path segments on facebook.com that are features (share dialogs, pages, groups…), not people.
    private static readonly HashSet<string> FacebookReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "sharer.php", "sharer", "share.php", "share", "dialog", "plugins", "tr", "login", "login.php", "groups",
        "pages", "events", "hashtag", "watch", "photo.php", "photo", "photos", "story.php", "permalink.php", "help",
        "policies", "privacy", "business", "ads", "marketplace", "gaming", "l.php", "home.php", "legal",
        "settings", "search", "notes", "media", "video.php", "videos", "reel", "reels", "stories", "fundraisers",
        "messages", "friends", "bookmarks", "terms", "cookies", "pg", "signup", "r.php", "recover", "careers",
        "developers", "offsite_event.php", "public", "directory", "places", "groups.php", "v2.0",
    };

    // Sites whose pages describe many people (or none): never a person's own website.
    private static readonly string[] PlatformDomains =
    [
        "linkedin.com", "twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com", "youtube.com",
        "youtu.be", "github.com", "gitlab.com", "wikipedia.org", "wikidata.org", "orcid.org", "researchgate.net",
        "scholar.google.com", "xing.com", "medium.com", "tiktok.com", "threads.net", "bsky.app", "pinterest.com",
        "flickr.com", "vimeo.com", "soundcloud.com", "crunchbase.com", "google.com", "t.co", "mastodon.social",
        "sessionize.com", "slideshare.net", "speakerdeck.com", "stackoverflow.com", "reddit.com", "whatsapp.com",
        "wa.me", "t.me", "telegram.me", "apple.com", "spotify.com",
    ];

    /// <summary>The personal profile <paramref name="uri"/> points to, or null for anything else.</summary>
    public static SocialProfile? Classify(Uri uri)
    {
        // Most links on a page go elsewhere: their path is not split.
        var host = uri.Host.ToLowerInvariant();
        if (IsDomain(host, "linkedin.com"))
        {
            return LinkedIn(Segments(uri));
        }

        if (IsDomain(host, "twitter.com") || IsDomain(host, "x.com"))
        {
            return Twitter(uri, host, Segments(uri));
        }

        if (IsDomain(host, "facebook.com") || IsDomain(host, "fb.com"))
        {
            return Facebook(uri, Segments(uri));
        }

        return null;

        static string[] Segments(Uri uri) => uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Parses an absolute URL string and classifies it.</summary>
    public static SocialProfile? Classify(string? url) =>
        url is not null && url.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? Classify(uri)
            : null;

    /// <summary>A Twitter/X handle such as "@janedoe" as a profile URL.</summary>
    public static SocialProfile? FromTwitterHandle(string? handle)
    {
        var value = handle?.Trim().TrimStart('@');
        return IsTwitterHandle(value) && !TwitterReserved.Contains(value!)
            ? new SocialProfile(SocialNetwork.Twitter, "https://x.com/" + value, value!)
            : null;
    }

    /// <summary>True for any page on LinkedIn, Twitter/X or Facebook, profile or not.</summary>
    public static bool IsSocialNetwork(Uri uri)
    {
        var host = uri.Host.ToLowerInvariant();
        return IsDomain(host, "linkedin.com") || IsDomain(host, "twitter.com") || IsDomain(host, "x.com")
            || IsDomain(host, "facebook.com") || IsDomain(host, "fb.com");
    }

    /// <summary>True for social networks and other multi-user platforms, which are never "the person's website".</summary>
    public static bool IsPlatform(Uri uri)
    {
        var host = uri.Host.ToLowerInvariant();
        foreach (var domain in PlatformDomains)
        {
            if (IsDomain(host, domain))
            {
                return true;
            }
        }

        return host.StartsWith("mastodon.", StringComparison.Ordinal);
    }

    private static SocialProfile? LinkedIn(string[] segments)
    {
        // Personal profiles live under /in/slug (and the old /pub/name/x/y/z); /company/, /school/, /feed/… are not people.
        if (segments.Length >= 2 && segments[0].Equals("in", StringComparison.OrdinalIgnoreCase))
        {
            var slug = segments[1];
            return new SocialProfile(SocialNetwork.LinkedIn, "https://www.linkedin.com/in/" + slug, slug);
        }

        if (segments.Length >= 2 && segments[0].Equals("pub", StringComparison.OrdinalIgnoreCase) && segments[1] != "dir")
        {
            return new SocialProfile(SocialNetwork.LinkedIn, "https://www.linkedin.com/" + string.Join('/', segments), segments[1]);
        }

        return null;
    }

    private static SocialProfile? Twitter(Uri uri, string host, string[] segments)
    {
        var canonicalHost = IsDomain(host, "x.com") ? "x.com" : "twitter.com";
        if (segments.Length == 0)
        {
            return null;
        }

        // Follow buttons (/intent/follow?screen_name=jane) name a person even though /intent/tweet does not.
        if (segments[0].Equals("intent", StringComparison.OrdinalIgnoreCase) && segments.Length >= 2
            && (segments[1].Equals("follow", StringComparison.OrdinalIgnoreCase) || segments[1].Equals("user", StringComparison.OrdinalIgnoreCase)))
        {
            var screenName = QueryValue(uri, "screen_name");
            return IsTwitterHandle(screenName) ? new SocialProfile(SocialNetwork.Twitter, $"https://{canonicalHost}/{screenName}", screenName!) : null;
        }

        var handle = segments[0].TrimStart('@');
        if (!IsTwitterHandle(handle) || TwitterReserved.Contains(handle))
        {
            return null;
        }

        // /jane/status/123 is one tweet, which anyone may link to; it does not say whose profile this is.
        if (segments.Length >= 2 && segments[1].Equals("status", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new SocialProfile(SocialNetwork.Twitter, $"https://{canonicalHost}/{handle}", handle);
    }

    private static SocialProfile? Facebook(Uri uri, string[] segments)
    {
        if (segments.Length == 0)
        {
            return null;
        }

        var first = segments[0];
        if (first.Equals("profile.php", StringComparison.OrdinalIgnoreCase))
        {
            var id = QueryValue(uri, "id");
            return id is not null && id.All(char.IsAsciiDigit)
                ? new SocialProfile(SocialNetwork.Facebook, "https://www.facebook.com/profile.php?id=" + id, id)
                : null;
        }

        if (first.Equals("people", StringComparison.OrdinalIgnoreCase) && segments.Length >= 3)
        {
            return new SocialProfile(SocialNetwork.Facebook, $"https://www.facebook.com/people/{segments[1]}/{segments[2]}", segments[2]);
        }

        if (FacebookReserved.Contains(first) || first.Contains(".php", StringComparison.OrdinalIgnoreCase)
            || first.Length < 3 || !first.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-'))
        {
            return null;
        }

        return new SocialProfile(SocialNetwork.Facebook, "https://www.facebook.com/" + first, first);
    }

    private static bool IsTwitterHandle(string? value) =>
        value is { Length: >= 1 and <= 15 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsDomain(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    private static string? QueryValue(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
