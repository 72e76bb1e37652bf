using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Pages without any person markup, read the way a person would: the main heading (or the page title) naming
/// someone, the job title line beside it, a bio sentence; name headings in cards on team and speaker pages;
/// author bylines. Origin "text". Because there is no markup to trust, a bare name needs backing evidence.
/// </summary>
internal static class PlainTextReader
{
    private const int MaxNamedBlocks = 400;
    private const int MaxLineLength = 160;
    private const int MaxWrapperLevels = 4;

    private static readonly string[] BylinePrefixes =
        ["written by ", "posted by ", "published by ", "by ", "von ", "av ", "par ", "por ", "author: ", "autor: ", "author ", "autor "];

    private static readonly string[] BylineEnds = [" on ", " | ", " · ", " • ", ", ", " - ", " – ", " am ", " den ", " le "];

    private static readonly string[] OrganizationClassHints = ["company", "organization", "organisation", "employer", "affiliation", "org"];

    public static void Read(Page page, List<Found> into)
    {
        var used = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        if (ReadMainSubject(page, used) is { } main)
        {
            into.Add(main);
        }

        ReadNamedBlocks(page, into, used);
        ReadBylines(page, into, used);
    }

    /// <summary>The person named by the first main-content h1, or failing that by the page title.</summary>
    private static Found? ReadMainSubject(Page page, HashSet<IElement> used)
    {
        var h1 = page.MainHeading;
        var fromHeading = h1 is null ? null : PageTitles.NameIn(TextUtil.VisibleText(h1, 300));
        var fromTitle = PageTitles.IsMailbox(page.Title) ? null : PageTitles.NameIn(page.Title);
        var named = fromHeading ?? fromTitle;
        if (named is not { } subject)
        {
            return null;
        }

        var found = new Found("text", h1, h1 is null ? 0 : page.Order(h1));
        if (fromHeading is not null)
        {
            found.Hints |= Hints.MainHeading;
        }

        found.AddName(subject.Name);
        if (h1 is not null)
        {
            used.Add(h1);
        }

        // A known first name backs up a two-word name; longer title-case phrases ("Grace Hopper Celebration") need
        // more than that: the same name in both heading and title, or a job title beside it.
        var evidence = (GivenNames.StartsWithKnownGivenName(subject.Name) && subject.Name.Split(' ').Length == 2)
            || (fromHeading is not null && fromTitle is not null && Names.Key(fromHeading.Value.Name) == Names.Key(fromTitle.Value.Name));

        foreach (var segment in subject.OtherSegments)
        {
            if (JobTitles.LooksLikeJobTitle(segment))
            {
                AddRole(found, segment);
                break;
            }
        }

        if (h1 is not null)
        {
            if (FindRoleNear(page, h1) is { } role)
            {
                AddRole(found, role);
            }

            if (FindBioNear(page, h1, subject.Name) is { } bio)
            {
                found.AddJobTitle(bio.Title);
                found.AddOrganization(bio.Organization);
            }

            found.AddOrganization(FindOrganizationNear(page, h1));
        }

        evidence |= found.JobTitle is not null;
        return evidence ? found : null;
    }

    /// <summary>Name headings and name-classed elements in cards (team, speaker and "people also viewed" lists).</summary>
    private static void ReadNamedBlocks(Page page, List<Found> into, HashSet<IElement> used)
    {
        var nameClassed = new HashSet<IElement>(page.NameElements, ReferenceEqualityComparer.Instance);
        var blocks = page.Headings.Where(h => h.LocalName != "h1" || !used.Contains(h))
            .Concat(page.NameElements)
            .Take(MaxNamedBlocks);

        foreach (var block in blocks)
        {
            if (!used.Add(block) || IsInsideUsed(block, used))
            {
                continue;
            }

            var text = TextUtil.VisibleText(block, 200);
            if (text is null || text.Length > 120 || PageTitles.NameIn(text) is not { } named)
            {
                continue;
            }

            var found = new Found("text", block, page.Order(block));
            found.AddName(named.Name);
            foreach (var segment in named.OtherSegments)
            {
                if (JobTitles.LooksLikeJobTitle(segment))
                {
                    AddRole(found, segment);
                    break;
                }
            }

            if (FindRoleNear(page, block) is { } role)
            {
                AddRole(found, role);
            }

            found.AddOrganization(FindOrganizationNear(page, block));

            var evidence = found.JobTitle is not null
                || (nameClassed.Contains(block) && GivenNames.StartsWithKnownGivenName(named.Name))
                || CardHasContactLink(block);
            if (evidence)
            {
                into.Add(found);
            }
        }
    }

    /// <summary>"By Jane Doe on 3 March" bylines and rel=author links: the author of the page's content.</summary>
    private static void ReadBylines(Page page, List<Found> into, HashSet<IElement> used)
    {
        foreach (var byline in page.Bylines)
        {
            if (!used.Add(byline))
            {
                continue;
            }

            var text = TextUtil.VisibleText(byline, 300);
            if (text is null)
            {
                continue;
            }

            string? name = null;
            string? title = null;
            string? organization = null;
            if (BioSentence.Parse(text) is { } bio)
            {
                (name, title, organization) = (bio.Name, bio.Title, bio.Organization);
            }
            else if (text.Length <= 120 && PageTitles.NameIn(StripPrefix(text)) is { } named
                && Names.Key(named.Name) == Names.Key(PageTitles.NameOf(StripByline(text))))
            {
                // "By Rebecca Thornton, Business Correspondent"
                name = named.Name;
                title = named.OtherSegments.FirstOrDefault(JobTitles.LooksLikeJobTitle);
            }
            else if (text.Length <= 120)
            {
                name = PageTitles.NameOf(StripByline(text));
            }

            if (name is null)
            {
                continue;
            }

            var found = new Found("text", byline, page.Order(byline));
            if ((page.RegionOf(byline) & Region.Comments) == 0)
            {
                found.Hints |= Hints.PageAuthor;
            }

            found.AddName(name);
            if (title is not null)
            {
                AddRole(found, title);
            }

            found.AddOrganization(organization);
            if (found.JobTitle is null && FindRoleNear(page, byline) is { } role)
            {
                AddRole(found, role);
            }

            into.Add(found);
        }
    }

    private static string StripPrefix(string text)
    {
        foreach (var prefix in BylinePrefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return text[prefix.Length..];
            }
        }

        return text;
    }

    private static string StripByline(string text)
    {
        var value = text;
        foreach (var prefix in BylinePrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[prefix.Length..];
                break;
            }
        }

        foreach (var end in BylineEnds)
        {
            var index = value.IndexOf(end, StringComparison.Ordinal);
            if (index > 0)
            {
                value = value[..index];
            }
        }

        return value;
    }

    private static void AddRole(Found found, string text)
    {
        var (title, organization) = JobTitles.SplitTitleAndOrganization(text);
        found.AddJobTitle(title);
        found.AddOrganization(organization);
    }

    /// <summary>
    /// A job-title line next to the name: the following siblings (or the parent's, for a name wrapped in a link or
    /// header), or the one just before it. Stops at the next name, which starts someone else's card.
    /// </summary>
    private static string? FindRoleNear(Page page, IElement anchor)
    {
        foreach (var element in Neighbourhood(page, anchor))
        {
            foreach (var line in LinesOf(page, element))
            {
                if (PageTitles.NameOf(line) is not null)
                {
                    return null;
                }

                if (line.Length <= MaxLineLength && JobTitles.LooksLikeTitleLine(line))
                {
                    return line;
                }

                // An author box opens with the role: "Senior Platform Engineer at Fernhill Games. I like fast builds."
                var stop = line.IndexOf(". ", StringComparison.Ordinal);
                if (stop > 0 && line[..stop] is var opening && opening.Split(' ').Length <= 8 && JobTitles.LooksLikeTitleLine(opening))
                {
                    return opening;
                }
            }
        }

        return null;
    }

    private static string? FindOrganizationNear(Page page, IElement anchor)
    {
        foreach (var element in Neighbourhood(page, anchor))
        {
            foreach (var candidate in ChildrenAndSelf(page, element))
            {
                var classes = candidate.GetAttribute("class");
                if (classes is not null && HasOrganizationHint(classes)
                    && TextUtil.VisibleText(candidate, 120) is { Length: <= 100 } text && !JobTitles.LooksLikeJobTitle(text))
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static bool HasOrganizationHint(string classes)
    {
        foreach (var hint in OrganizationClassHints)
        {
            if (classes.Contains(hint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A bio sentence about <paramref name="name"/> in the paragraphs that follow the heading.</summary>
    private static BioSentence.Parsed? FindBioNear(Page page, IElement anchor, string name)
    {
        var key = Names.Key(name);
        var checkedParagraphs = 0;
        foreach (var element in Following(page, anchor, 12))
        {
            foreach (var paragraph in ChildrenAndSelf(page, element).Where(e => e.LocalName is "p" or "div" or "section"))
            {
                if (checkedParagraphs++ > 8)
                {
                    return null;
                }

                if (BioSentence.Parse(TextUtil.VisibleText(paragraph, 600)) is { } bio && Names.Key(bio.Name) == key)
                {
                    return bio;
                }
            }
        }

        return null;
    }

    private static IEnumerable<IElement> Neighbourhood(Page page, IElement anchor)
    {
        foreach (var next in Following(page, anchor, 4))
        {
            yield return next;
        }

        if (page.PreviousElementSibling(anchor) is { } previous)
        {
            yield return previous;
        }

        // A name wrapped in <a>, <span>, <div class="name-wrap">…: the title line is beside one of the small wrappers.
        var wrapper = anchor.ParentElement;
        for (var level = 0; level < MaxWrapperLevels && wrapper is not null; level++, wrapper = wrapper.ParentElement)
        {
            if (wrapper.LocalName is "body" or "main" or "article" or "section" or "html" || page.ChildElementCount(wrapper) > 4)
            {
                yield break;
            }

            foreach (var next in Following(page, wrapper, 3))
            {
                yield return next;
            }
        }
    }

    private static IEnumerable<IElement> Following(Page page, IElement element, int count)
    {
        var sibling = page.NextElementSibling(element);
        for (var i = 0; i < count && sibling is not null; i++, sibling = page.NextElementSibling(sibling))
        {
            yield return sibling;
        }
    }

    /// <summary>The element's own short text lines: each child element separately (a card row), then the whole.</summary>
    private static IEnumerable<string> LinesOf(Page page, IElement element)
    {
        if (element.LocalName is "a" or "button" or "img" or "script" or "style" or "nav" or "form")
        {
            yield break;
        }

        if (page.ChildElementCount(element) is >= 2 and <= 8)
        {
            foreach (var child in Page.ChildElements(element))
            {
                if (TextUtil.VisibleText(child, 250) is { } childText)
                {
                    yield return childText;
                }
            }
        }

        if (TextUtil.VisibleText(element, 250) is { } text)
        {
            yield return text;
        }
    }

    private static IEnumerable<IElement> ChildrenAndSelf(Page page, IElement element)
    {
        if (page.ChildElementCount(element) <= 8)
        {
            foreach (var child in Page.ChildElements(element))
            {
                yield return child;
            }
        }

        yield return element;
    }

    private static bool IsInsideUsed(IElement block, HashSet<IElement> used)
    {
        var steps = 0;
        for (var ancestor = block.ParentElement; ancestor is not null && steps++ < 4; ancestor = ancestor.ParentElement)
        {
            if (used.Contains(ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the card around the name (its parent) links to a mailbox or a LinkedIn profile.</summary>
    private static bool CardHasContactLink(IElement block)
    {
        var card = block.ParentElement;
        if (card is null || card.LocalName is "body" or "html" or "main")
        {
            return false;
        }

        var stack = new Stack<IElement>();
        stack.Push(card);
        var visited = 0;
        while (stack.Count > 0 && visited++ < 80)
        {
            var element = stack.Pop();
            if (element.LocalName == "a" && element.GetAttribute("href") is { } href
                && (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.Contains("linkedin.com/in/", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            foreach (var node in element.ChildNodes)
            {
                if (node is IElement child)
                {
                    stack.Push(child);
                }
            }
        }

        return false;
    }
}
