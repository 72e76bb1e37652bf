namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Recognises a person's own site: its domain spells their name (hannahkowalski.example, marcus-lindholm.example),
/// it is their home directory on a university server (/~okeefe/), or the site is named after them. There the site
/// itself is their website, and a function mailbox on it (hello@, kontakt@) is theirs.
/// </summary>
internal static class OwnSite
{
    public static Uri? HomeOf(Page page, Found subject, SiteOwner? owner)
    {
        if (page.PageUri is not { } uri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || subject.DisplayName is not { } name || Urls.IsDevelopmentHost(uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 0 && segments[0].StartsWith('~') && SpellsName(segments[0][1..], name, familyAlone: true))
        {
            return new Uri(uri, "/" + segments[0] + "/");
        }

        var namedSite = owner?.Brand is { } brand && Names.Key(brand) is { } brandKey && brandKey == subject.NameKey && !owner.IsOrganization;
        return DomainSpells(uri.Host, name) || namedSite ? new Uri(uri, "/") : null;
    }

    /// <summary>True when a label of <paramref name="domain"/> (not the top-level one) spells <paramref name="name"/>.</summary>
    public static bool DomainSpells(string domain, string? name)
    {
        if (name is null)
        {
            return false;
        }

        var labels = domain.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries);
        return labels.Take(labels.Length - 1).Where(l => l != "www").Any(label => SpellsName(label, name, familyAlone: false));
    }

    private static bool SpellsName(string identifier, string name, bool familyAlone)
    {
        if (Names.IdentifierMatches(name, identifier))
        {
            return true;
        }

        // niamh.dev: personal sites are often named after the given name alone.
        var folded = TextUtil.FoldAlphanumeric(identifier);
        return Names.Parts(name) is { } parts && ((familyAlone && folded == parts.Family) || (folded.Length >= 4 && folded == parts.Given));
    }
}
