using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// microformats2 h-card (with the implied name and implied url rules and representative h-card detection) and
/// classic hCard (vcard, fn, n, org, title, email, tel, url).
/// </summary>
internal static class MicroformatReader
{
    private const int MaxElementsPerCard = 5_000;
    private const int MaxAncestorSteps = 200;

    // A nested h-card with one of these properties describes a company or a place, not a person.
    private static readonly HashSet<string> NonPersonProperties = new(StringComparer.Ordinal)
    {
        "org", "location", "affiliation", "venue", "publisher", "adr", "geo",
    };

    public static void Read(Page page, List<Found> into)
    {
        foreach (var root in page.MicroformatRoots)
        {
            var classes = TextUtil.Tokens(root.GetAttribute("class"));
            var found = classes.Contains("h-card")
                ? ReadHCard(page, root, classes)
                : ReadClassicHCard(page, root, classes);
            if (found is not null)
            {
                into.Add(found);
            }
        }
    }

    private static Found? ReadHCard(Page page, IElement root, string[] rootClasses)
    {
        var ownProperties = rootClasses.Where(IsPropertyClass).Select(c => c[(c.IndexOf('-') + 1)..]).ToList();
        if (ownProperties.Any(NonPersonProperties.Contains))
        {
            return null;
        }

        var properties = CollectMf2Properties(root, out var hasNestedMicroformats);
        var found = new Found("h-card", root, page.Order(root));
        var urls = new List<string>();
        var nameElements = new List<IElement>();
        string? role = null;

        foreach (var (prefix, name, element) in properties)
        {
            var value = prefix == "u" ? UrlValue(page, element) : TextValue(element);
            switch (name)
            {
                case "name":
                    found.AddName(value);
                    nameElements.Add(element);
                    break;
                case "given-name":
                    found.AddGivenName(value);
                    break;
                case "family-name":
                    found.AddFamilyName(value);
                    break;
                case "job-title":
                    found.AddJobTitle(value);
                    break;
                case "role":
                    role ??= value;
                    break;
                case "org":
                    found.AddOrganization(IsMicroformatRoot(element) ? NestedName(element) : value);
                    break;
                case "email":
                    found.AddEmail(prefix == "u" ? element.GetAttribute("href") ?? value : value);
                    break;
                case "tel":
                    found.AddPhone(prefix == "u" ? element.GetAttribute("href") ?? value : value);
                    break;
                case "url" or "uid":
                    if (value is not null)
                    {
                        urls.Add(value);
                    }

                    break;
            }
        }

        found.AddJobTitle(role);

        var hasOtherTextProperties = properties.Any(p => p.Prefix is "p" or "e");
        if (found.FullName is null && !hasOtherTextProperties && !hasNestedMicroformats)
        {
            found.AddName(ImpliedName(root));
        }

        if (!properties.Any(p => p.Prefix == "u") && !hasNestedMicroformats && ImpliedUrl(page, root) is { } impliedUrl)
        {
            urls.Add(impliedUrl);
        }

        foreach (var url in urls)
        {
            found.AddUrl(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null, UrlUse.Own);
        }

        // A card whose name is its organization (or is marked p-org itself) is the company's card, not a person.
        if (IsOrganizationCard(found) || nameElements.Any(e => TextUtil.HasToken(e.GetAttribute("class"), "p-org")))
        {
            return null;
        }

        // The representative h-card (microformats.org/wiki/representative-h-card-parsing): its url or uid is the
        // page itself, so it describes whoever the page belongs to.
        if (urls.Any(page.IsPageUrl))
        {
            found.Hints |= Hints.DeclaredSubject;
        }

        if (ownProperties.Contains("author") && !IsInsideComment(root))
        {
            found.Hints |= Hints.PageAuthor;
        }

        return found.HasIdentity ? found : null;
    }

    private static Found? ReadClassicHCard(Page page, IElement root, string[] rootClasses)
    {
        if (rootClasses.Contains("fn") && rootClasses.Contains("org"))
        {
            return null; // the hCard convention for an organization's card
        }

        var found = new Found("hcard", root, page.Order(root));
        string? role = null;
        var urls = new List<string>();
        foreach (var element in Descendants(root, stopAt: e => e != root && TextUtil.HasToken(e.GetAttribute("class"), "vcard")))
        {
            var classes = TextUtil.Tokens(element.GetAttribute("class"));
            foreach (var name in classes)
            {
                switch (name)
                {
                    case "fn":
                        if (classes.Contains("org"))
                        {
                            return null;
                        }

                        found.AddName(TextValue(element));
                        break;
                    case "given-name":
                        found.AddGivenName(TextValue(element));
                        break;
                    case "family-name":
                        found.AddFamilyName(TextValue(element));
                        break;
                    case "title":
                        found.AddJobTitle(TextValue(element));
                        break;
                    case "role":
                        role ??= TextValue(element);
                        break;
                    case "org":
                        var unit = FirstWithClass(element, "organization-name");
                        found.AddOrganization(TextValue(unit ?? element));
                        break;
                    case "email":
                        found.AddEmail(element.GetAttribute("href") ?? TextValue(element));
                        break;
                    case "tel":
                        var telHref = element.GetAttribute("href");
                        found.AddPhone(telHref is not null && telHref.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? telHref : TextValue(element));
                        break;
                    case "url" or "uid":
                        if (UrlValue(page, element) is { } url)
                        {
                            urls.Add(url);
                        }

                        break;
                }
            }
        }

        found.AddJobTitle(role);
        foreach (var url in urls)
        {
            found.AddUrl(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null, UrlUse.Own);
        }

        if (IsOrganizationCard(found))
        {
            return null;
        }

        if (urls.Any(page.IsPageUrl))
        {
            found.Hints |= Hints.DeclaredSubject;
        }

        return found.HasIdentity ? found : null;
    }

    private static bool IsOrganizationCard(Found found)
    {
        var name = found.FullName;
        if (name is null)
        {
            return false;
        }

        return (found.Organization is not null && string.Equals(name, found.Organization, StringComparison.OrdinalIgnoreCase))
            || (found.GivenName is null && found.FamilyName is null && JobTitles.IsCompanyName(name));
    }

    /// <summary>mf2 properties of a card, not looking inside nested microformats (their properties are theirs).</summary>
    private static List<(string Prefix, string Name, IElement Element)> CollectMf2Properties(IElement root, out bool hasNested)
    {
        var nested = false;
        var result = new List<(string, string, IElement)>();
        foreach (var element in Descendants(root, stopAt: e => e != root && IsMicroformatRoot(e)))
        {
            if (element == root)
            {
                continue;
            }

            foreach (var cls in TextUtil.Tokens(element.GetAttribute("class")))
            {
                if (IsPropertyClass(cls))
                {
                    var dash = cls.IndexOf('-');
                    result.Add((cls[..dash], cls[(dash + 1)..], element));
                }
            }

            nested |= IsMicroformatRoot(element);
        }

        hasNested = nested;
        return result;
    }

    /// <summary>
    /// Iterative pre-order walk of <paramref name="root"/> and its descendants, listing but not entering elements for
    /// which <paramref name="stopAt"/> is true. Bounded, so one giant card cannot dominate the run time. A list rather
    /// than an iterator: under WebAssembly's interpreter each step of an iterator is several calls, and the comment
    /// thread of a page holds dozens of cards.
    /// </summary>
    private static List<IElement> Descendants(IElement root, Func<IElement, bool> stopAt)
    {
        var elements = new List<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        var visited = 0;
        while (stack.Count > 0 && visited++ < MaxElementsPerCard)
        {
            var element = stack.Pop();
            elements.Add(element);
            if (stopAt(element))
            {
                continue;
            }

            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }

        return elements;
    }

    private static bool IsPropertyClass(string cls) =>
        cls.Length > 2 && cls[1] == '-' && cls[0] is 'p' or 'u' or 'e' && IsMicroformatName(cls.AsSpan(2))
        || cls.StartsWith("dt-", StringComparison.Ordinal) && cls.Length > 3 && IsMicroformatName(cls.AsSpan(3));

    private static bool IsMicroformatRoot(IElement element)
    {
        if (element.GetAttribute("class") is not { } classes || !classes.Contains("h-", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in TextUtil.Tokens(classes))
        {
            if (c.StartsWith("h-", StringComparison.Ordinal) && c.Length > 2 && IsMicroformatName(c.AsSpan(2)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lowercase letters and hyphens only, so utility classes such as Tailwind's "p-4" are not properties.</summary>
    private static bool IsMicroformatName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || c == '-'))
            {
                return false;
            }
        }

        return name.Length > 1 && name[0] != '-';
    }

    /// <summary>The p-* parsing rules: value-class pattern, abbr/link title, data/input value, img/area alt, else text.</summary>
    private static string? TextValue(IElement element)
    {
        if (ValueClassPattern(element) is { } fromValueClass)
        {
            return fromValueClass;
        }

        return element.LocalName switch
        {
            "abbr" or "link" when element.GetAttribute("title") is { } title => title,
            "data" or "input" when element.GetAttribute("value") is { } value => value,
            "img" or "area" when element.GetAttribute("alt") is { } alt => alt,
            _ => TextUtil.VisibleText(element, 300),
        };
    }

    /// <summary>The u-* parsing rules: href/src/data/poster resolved against the base URL, else the p-* value.</summary>
    private static string? UrlValue(Page page, IElement element)
    {
        var raw = element.LocalName switch
        {
            "a" or "area" or "link" => element.GetAttribute("href"),
            "img" or "audio" or "source" or "iframe" => element.GetAttribute("src"),
            "video" => element.GetAttribute("src") ?? element.GetAttribute("poster"),
            "object" => element.GetAttribute("data"),
            _ => null,
        };

        if (raw is not null && (raw.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)))
        {
            return raw;
        }

        return page.Resolve(raw ?? TextValue(element))?.AbsoluteUri;
    }

    /// <summary>Concatenated values of class="value" descendants ("value-class pattern"), or null if there are none.</summary>
    private static string? ValueClassPattern(IElement element)
    {
        if (element.FirstElementChild is null)
        {
            return null; // most property elements hold plain text; skip the walk
        }

        List<string>? parts = null;
        foreach (var descendant in Descendants(element, stopAt: e => e != element && (IsMicroformatRoot(e) || HasPropertyClass(e))))
        {
            if (descendant == element || !TextUtil.HasToken(descendant.GetAttribute("class"), "value"))
            {
                continue;
            }

            var part = descendant.LocalName switch
            {
                "img" or "area" => descendant.GetAttribute("alt"),
                "data" => descendant.GetAttribute("value") ?? TextUtil.VisibleText(descendant, 200),
                "abbr" => descendant.GetAttribute("title") ?? TextUtil.VisibleText(descendant, 200),
                _ => TextUtil.VisibleText(descendant, 200),
            };
            if (part is not null)
            {
                (parts ??= []).Add(part);
            }
        }

        return parts is null ? null : TextUtil.Normalize(string.Concat(parts));
    }

    private static bool HasPropertyClass(IElement element) =>
        TextUtil.Tokens(element.GetAttribute("class")).Any(IsPropertyClass);

    /// <summary>The implied name: img alt, abbr title (on the root or an only child), else the root's text.</summary>
    private static string? ImpliedName(IElement root)
    {
        if (AltOrTitle(root) is { } own)
        {
            return own;
        }

        var child = OnlyChildElement(root);
        if (child is not null && !IsMicroformatRoot(child))
        {
            if (AltOrTitle(child) is { } fromChild)
            {
                return fromChild;
            }

            var grandchild = OnlyChildElement(child);
            if (grandchild is not null && !IsMicroformatRoot(grandchild) && AltOrTitle(grandchild) is { } fromGrandchild)
            {
                return fromGrandchild;
            }
        }

        var text = TextUtil.VisibleText(root, 200);
        return text is { Length: <= 100 } ? text : null; // a whole section marked h-card has no usable implied name
    }

    /// <summary>The implied url: the root's own href, or that of its only &lt;a&gt; child (or grandchild).</summary>
    private static string? ImpliedUrl(Page page, IElement root)
    {
        if (root.LocalName is "a" or "area" && root.GetAttribute("href") is { } own)
        {
            return page.Resolve(own)?.AbsoluteUri;
        }

        var link = OnlyChildOfType(root, "a") ?? OnlyChildOfType(root, "area");
        if (link is null && OnlyChildElement(root) is { } child && !IsMicroformatRoot(child))
        {
            link = OnlyChildOfType(child, "a") ?? OnlyChildOfType(child, "area");
        }

        return link is not null && !IsMicroformatRoot(link) && link.GetAttribute("href") is { } href
            ? page.Resolve(href)?.AbsoluteUri
            : null;
    }

    private static string? AltOrTitle(IElement element) => element.LocalName switch
    {
        "img" or "area" => TextUtil.Normalize(element.GetAttribute("alt")),
        "abbr" => TextUtil.Normalize(element.GetAttribute("title")),
        _ => null,
    };

    private static IElement? OnlyChildElement(IElement element)
    {
        IElement? only = null;
        foreach (var node in element.ChildNodes)
        {
            if (node is IElement child)
            {
                if (only is not null)
                {
                    return null;
                }

                only = child;
            }
        }

        return only;
    }

    private static IElement? OnlyChildOfType(IElement element, string localName)
    {
        IElement? only = null;
        foreach (var node in element.ChildNodes)
        {
            if (node is IElement child && child.LocalName == localName)
            {
                if (only is not null)
                {
                    return null;
                }

                only = child;
            }
        }

        return only;
    }

    /// <summary>The name of a nested card used as a property value (p-org h-card → the company's name).</summary>
    private static string? NestedName(IElement nestedRoot)
    {
        foreach (var element in Descendants(nestedRoot, stopAt: e => e != nestedRoot && IsMicroformatRoot(e)))
        {
            if (element != nestedRoot && TextUtil.HasToken(element.GetAttribute("class"), "p-name"))
            {
                return TextValue(element);
            }
        }

        return ImpliedName(nestedRoot);
    }

    private static IElement? FirstWithClass(IElement root, string cls) =>
        Descendants(root, stopAt: _ => false).FirstOrDefault(e => e != root && TextUtil.HasToken(e.GetAttribute("class"), cls));

    /// <summary>True when the card is the author of a comment (inside h-cite / p-comment) rather than of the page.</summary>
    private static bool IsInsideComment(IElement root)
    {
        var steps = 0;
        for (var ancestor = root.ParentElement; ancestor is not null && steps++ < MaxAncestorSteps; ancestor = ancestor.ParentElement)
        {
            var classes = ancestor.GetAttribute("class");
            if (TextUtil.HasToken(classes, "h-cite") || TextUtil.HasToken(classes, "p-comment") || TextUtil.HasToken(classes, "u-comment"))
            {
                return true;
            }

            if (TextUtil.HasToken(classes, "h-entry"))
            {
                return false;
            }
        }

        return false;
    }
}
