using System.Text;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>URL clean-up for stored links.</summary>
internal static class Urls
{
    private static readonly string[] TrackingPrefixes = ["utm_", "mc_", "pk_", "hsa_", "_hs"];

    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "igshid", "trk", "trkinfo", "ref", "ref_src", "ref_url", "s", "si",
        "source", "originalsubdomain", "lipi", "mkt_tok", "_ga", "_gl", "yclid", "twclid", "li_fat_id",
    };

    /// <summary>The URL without analytics parameters (utm_*, fbclid, …) and without a fragment.</summary>
    public static string WithoutTracking(Uri url)
    {
        var path = url.GetLeftPart(UriPartial.Path);
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return path; // most links: no builder to copy it through
        }

        var builder = new StringBuilder(path);
        var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(pair =>
        {
            var name = pair.Split('=')[0];
            return !TrackingParameters.Contains(name)
                && !TrackingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }).ToList();
        if (kept.Count > 0)
        {
            builder.Append('?').Append(string.Join('&', kept));
        }

        return builder.ToString();
    }

    /// <summary>
    /// True for a development server's address (localhost, loopback and private addresses, .local/.test hosts) that
    /// a site generator left in the markup: it is nobody's website, and the real address is usually beside it.
    /// </summary>
    public static bool IsDevelopmentHost(Uri url)
    {
        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (url.IsLoopback || host is "localhost" or "0.0.0.0" || host.EndsWith(".localhost", StringComparison.Ordinal)
            || host.EndsWith(".local", StringComparison.Ordinal) || host.EndsWith(".test", StringComparison.Ordinal)
            || host.EndsWith(".internal", StringComparison.Ordinal))
        {
            return true;
        }

        return url.HostNameType == UriHostNameType.IPv4 && System.Net.IPAddress.TryParse(host, out var address)
            && address.GetAddressBytes() is [10, ..] or [192, 168, ..] or [172, >= 16 and <= 31, ..];
    }

    // The folder a blog or magazine lists one author's posts under: "/author/dmitri/", "/authors/jane-doe".
    private static readonly HashSet<string> AuthorArchiveFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "author", "authors", "autor", "autoren", "auteur", "auteurs", "forfattare", "skribent", "writer", "writers",
        "contributor", "contributors",
    };

    /// <summary>
    /// True for an author archive on a site with several authors ("https://blog.x.example/author/dmitri/"): the
    /// site's list of their posts, not their own website.
    /// </summary>
    public static bool IsAuthorArchive(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return false;
        }

        // A folder such as /author/ before the last segment of the path; the path is walked, not split.
        var path = url.AbsolutePath.AsSpan();
        var folders = AuthorArchiveFolders.GetAlternateLookup<ReadOnlySpan<char>>();
        var previousIsFolder = false;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty)
            {
                continue;
            }

            if (previousIsFolder)
            {
                return true;
            }

            previousIsFolder = folders.Contains(segment);
        }

        return false;
    }
}
