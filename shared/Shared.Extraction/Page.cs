using System.Runtime.InteropServices;
using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>Where on the page an element sits, as far as "is this the page's subject?" is concerned.</summary>
[Flags]
internal enum Region
{
    None = 0,
    Main = 1,
    Sidebar = 2,
    Comments = 4,
    Navigation = 8,
    SiteHeader = 16,
    SiteFooter = 32,

    /// <summary>Places where the people are not what the page is about.</summary>
    Secondary = Sidebar | Comments | Navigation | SiteHeader | SiteFooter,
}

/// <summary>
/// One iterative pass over the parsed document that every reader then works from: the elements each format
/// needs, document order and ranges, sibling positions and the page region of every element, and URL resolution.
/// One pass keeps a 2 MB page fast, and no recursion keeps 10,000 nested divs from overflowing the stack.
/// </summary>
internal sealed class Page
{
    private readonly Dictionary<IElement, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly List<ElementInfo> _infos = [];
    private readonly Dictionary<string, ClassFacts> _classFacts = new(StringComparer.Ordinal);
    private IElement? _mainHeading;

    /// <summary>
    /// The most elements the index makes room for before the walk (a page of a million empty tags is not given
    /// a million slots up front); a larger page grows its index as it goes.
    /// </summary>
    private const int MaxPresized = 100_000;

    private Page(IDocument document, string? pageUrl, int expectedElements)
    {
        // Sized once from the start tags the nesting check counted (the parser adds only html, head and body and the
        // like): a 200 KB page's 6 000 elements no longer grow the index and its list a dozen times each.
        var expected = Math.Clamp(expectedElements + 8, 16, MaxPresized);
        _index.EnsureCapacity(expected);
        _infos.Capacity = expected;
        PageUri = ParseAbsolute(pageUrl);
        Walk(document.DocumentElement);
        BaseUri = ResolveBase();
        Title = TextUtil.Normalize(TitleElement?.TextContent);
    }

    /// <summary>The address the page was captured from, when it is a valid absolute URL.</summary>
    public Uri? PageUri { get; }

    /// <summary>What relative URLs resolve against: <c>&lt;base href&gt;</c> if present, else the page URL.</summary>
    public Uri? BaseUri { get; }

    public string? Title { get; }

    public List<IElement> JsonLdScripts { get; } = [];

    public List<IElement> MicrodataItems { get; } = [];

    public List<IElement> RdfaItems { get; } = [];

    public List<IElement> MicroformatRoots { get; } = [];

    public List<IElement> Links { get; } = [];

    public List<IElement> Metas { get; } = [];

    public List<IElement> Headings { get; } = [];

    /// <summary>Elements whose class says they hold a person's name ("speaker-name", "author__name", "name").</summary>
    public List<IElement> NameElements { get; } = [];

    /// <summary>
    /// Text nodes that may spell out an email address (plain or "name [at] example [dot] com") or a phone number
    /// ("+49 …", "Tel.: 030 …"), with their element.
    /// </summary>
    public List<(IElement Element, string Text)> ContactTexts { get; } = [];

    /// <summary>Paragraphs, for the sentences that introduce someone ("My name is …", "She is a lecturer at …").</summary>
    public List<IElement> Paragraphs { get; } = [];

    /// <summary>Bold elements (<c>strong</c>, <c>b</c>), which often hold the name in a staff list without markup.</summary>
    public List<IElement> BoldElements { get; } = [];

    /// <summary>Names of the organizations the page's structured data describes at its top level (the site's owner).</summary>
    public List<string> StructuredOrganizations { get; } = [];

    /// <summary>The page's footers (site footer regions), where the owner's legal name and address usually are.</summary>
    public List<IElement> Footers { get; } = [];

    /// <summary>Elements marked as an author byline (<c>rel=author</c>, class "author"/"byline").</summary>
    public List<IElement> Bylines { get; } = [];

    private IElement? TitleElement { get; set; }

    private List<IElement> BaseElements { get; } = [];

    public static Page Build(IDocument document, string? pageUrl, int expectedElements) => new(document, pageUrl, expectedElements);

    private bool TryGetInfo(IElement element, out ElementInfo info)
    {
        if (_index.TryGetValue(element, out var index))
        {
            info = _infos[index];
            return true;
        }

        info = default;
        return false;
    }

    /// <summary>
    /// The page's main heading: the first h1 outside headers, sidebars, navigation, comments and footers; failing
    /// that, an h1 in the site header (personal sites put the owner's name there).
    /// </summary>
    public IElement? MainHeading =>
        _mainHeading ??= Headings.FirstOrDefault(h => h.LocalName == "h1" && !IsSecondary(h))
            ?? Headings.FirstOrDefault(h => h.LocalName == "h1" && (RegionOf(h) & Region.Secondary) == Region.SiteHeader);

    /// <summary>Position of the element in document order (0 = the root element).</summary>
    public int Order(IElement element) => TryGetInfo(element, out var info) ? info.Start : int.MaxValue;

    public Region RegionOf(IElement element) => TryGetInfo(element, out var info) ? info.Region : Region.None;

    public bool IsSecondary(IElement element) => (RegionOf(element) & Region.Secondary) != 0;

    /// <summary>The document-order range [start, end] the element and its descendants occupy.</summary>
    public (int Start, int End)? RangeOf(IElement element) =>
        TryGetInfo(element, out var info) ? (info.Start, info.End) : null;

    // AngleSharp's sibling and child-count accessors scan the parent's children on every call, which turns a page
    // with thousands of list items quadratic; these use the positions recorded during the walk instead.

    /// <summary>Number of child elements, O(1).</summary>
    public int ChildElementCount(IElement element) => TryGetInfo(element, out var info) ? info.ChildCount : 0;

    /// <summary>The next element sibling, O(1) amortized.</summary>
    public IElement? NextElementSibling(IElement element)
    {
        if (element.Parent is not { } parent || !TryGetInfo(element, out var info))
        {
            return null;
        }

        var siblings = parent.ChildNodes;
        for (var i = info.IndexInParent + 1; i < siblings.Length; i++)
        {
            if (siblings[i] is IElement sibling)
            {
                return sibling;
            }
        }

        return null;
    }

    /// <summary>The previous element sibling, O(1) amortized.</summary>
    public IElement? PreviousElementSibling(IElement element)
    {
        if (element.Parent is not { } parent || !TryGetInfo(element, out var info))
        {
            return null;
        }

        var siblings = parent.ChildNodes;
        for (var i = Math.Min(info.IndexInParent, siblings.Length) - 1; i >= 0; i--)
        {
            if (siblings[i] is IElement sibling)
            {
                return sibling;
            }
        }

        return null;
    }

    /// <summary>The child elements, without AngleSharp's re-enumerating HtmlCollection.</summary>
    public static IEnumerable<IElement> ChildElements(IElement element)
    {
        var children = element.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement child)
            {
                yield return child;
            }
        }
    }

    /// <summary>Resolves an href/src against the base URL; null unless the result is an http(s) URL.</summary>
    public Uri? Resolve(string? reference)
    {
        var value = TextUtil.Normalize(reference);
        if (value is null)
        {
            return null;
        }

        // On Unix, Uri treats "/path" as an absolute file path, so only scheme-qualified values count as absolute.
        var looksAbsolute = value.Contains("://", StringComparison.Ordinal) && !value.StartsWith('/');
        if (looksAbsolute && Uri.TryCreate(value, UriKind.Absolute, out var absolute))
        {
            return IsHttp(absolute) ? absolute : null;
        }

        if (value.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate("https://" + value, UriKind.Absolute, out var bare))
        {
            return bare; // "www.example.com" written without a scheme is never meant as a relative path
        }

        if (BaseUri is not null && !value.Contains(':', StringComparison.Ordinal) && Uri.TryCreate(BaseUri, value, out var relative))
        {
            return IsHttp(relative) ? relative : null;
        }

        if (BaseUri is not null && value.StartsWith("//", StringComparison.Ordinal) && Uri.TryCreate(BaseUri, value, out var protocolRelative))
        {
            return IsHttp(protocolRelative) ? protocolRelative : null;
        }

        return null;
    }

    /// <summary>True when <paramref name="url"/> is the captured page itself (ignoring scheme, "www.", fragment, trailing slash).</summary>
    public bool IsPageUrl(string? url) =>
        PageUri is not null && url is not null && Uri.TryCreate(url, UriKind.Absolute, out var other)
        && ComparableUrl(other) == (_comparablePageUrl ??= ComparableUrl(PageUri));

    private string? _comparablePageUrl;

    public static string ComparableUrl(Uri uri)
    {
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        return (host + uri.AbsolutePath.TrimEnd('/') + uri.Query).ToLowerInvariant();
    }

    private const int MaxContactTexts = 2_000;

    /// <summary>
    /// One pass over the text: under WebAssembly every string search is interpreted, and this runs on every text
    /// node of the page, so eight separate case-insensitive searches per node were the page index's largest cost.
    /// True when the text holds "@", "[at]", "(at)", "+" before a digit, or "tel.", "tel:", "telefon", "phone",
    /// "mobil" in any case.
    /// </summary>
    internal static bool MayHoldContact(string text)
    {
        if (text.Length < 6)
        {
            return false;
        }

        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            switch (span[i])
            {
                case '@':
                    return true;
                case '[' or '(':
                    if (i + 3 < span.Length && (span[i + 1] | 0x20) == 'a' && (span[i + 2] | 0x20) == 't' && span[i + 3] == (span[i] == '[' ? ']' : ')'))
                    {
                        return true;
                    }

                    break;
                case '+':
                    if (i + 1 < span.Length && char.IsAsciiDigit(span[i + 1]))
                    {
                        return true;
                    }

                    break;
                case 't' or 'T':
                    if (i + 3 < span.Length && (span[i + 1] | 0x20) == 'e' && (span[i + 2] | 0x20) == 'l'
                        && (span[i + 3] is '.' or ':' || span[i..].StartsWith("telefon", StringComparison.OrdinalIgnoreCase)))
                    {
                        return true;
                    }

                    break;
                case 'p' or 'P':
                    if (i + 4 < span.Length && (span[i + 1] | 0x20) == 'h' && span[i..].StartsWith("phone", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    break;
                case 'm' or 'M':
                    if (i + 4 < span.Length && (span[i + 1] | 0x20) == 'o' && span[i..].StartsWith("mobil", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static Uri? ParseAbsolute(string? url)
    {
        var value = TextUtil.Normalize(url);
        return value is not null && !value.StartsWith('/') && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (IsHttp(uri) || uri.Scheme == Uri.UriSchemeFile)
            ? uri
            : null;
    }

    private Uri? ResolveBase()
    {
        foreach (var element in BaseElements)
        {
            var href = TextUtil.Normalize(element.GetAttribute("href"));
            if (href is null)
            {
                continue;
            }

            if (href.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(href, UriKind.Absolute, out var absolute) && IsHttp(absolute))
            {
                return absolute;
            }

            if (PageUri is not null && Uri.TryCreate(PageUri, href, out var relative))
            {
                return relative;
            }
        }

        return PageUri;
    }

    private void Walk(IElement? root)
    {
        if (root is null)
        {
            return;
        }

        var stack = new Stack<Frame>();
        Enter(root, Region.None, 0);

        while (stack.Count > 0)
        {
            var frame = stack.Pop();

            // ChildNodes is list-backed (O(1) indexing); Element.Children re-enumerates on every index.
            var children = frame.Element.ChildNodes;
            var next = frame.NextChild;
            while (next < children.Length && children[next] is not IElement)
            {
                if (children[next] is ICharacterData { NodeType: NodeType.Text } text && ContactTexts.Count < MaxContactTexts && MayHoldContact(text.Data))
                {
                    ContactTexts.Add((frame.Element, text.Data));
                }

                next++;
            }

            if (next < children.Length)
            {
                stack.Push(frame with { NextChild = next + 1, ChildCount = frame.ChildCount + 1 });
                Enter((IElement)children[next], frame.Region, next);
            }
            else
            {
                ref var info = ref CollectionsMarshal.AsSpan(_infos)[frame.Index];
                info.End = _infos.Count - 1;
                info.ChildCount = frame.ChildCount;
            }
        }

        void Enter(IElement element, Region inherited, int indexInParent)
        {
            var attributes = Attributes.Of(element);
            var own = OwnRegion(element, attributes, inherited);
            var region = inherited | own;
            if ((own & Region.SiteFooter) != 0 && (inherited & Region.SiteFooter) == 0 && Footers.Count < 5)
            {
                Footers.Add(element);
            }

            var index = _infos.Count;
            _index[element] = index;
            _infos.Add(new ElementInfo { Start = index, End = index, Region = region, IndexInParent = indexInParent });
            Collect(element, attributes);
            if (element.LocalName is not ("script" or "style" or "template"))
            {
                stack.Push(new Frame(element, index, 0, region, 0));
            }
        }
    }

    private void Collect(IElement element, Attributes attributes)
    {
        switch (element.LocalName)
        {
            case "script":
                if (attributes.Type?.Contains("ld+json", StringComparison.OrdinalIgnoreCase) == true)
                {
                    JsonLdScripts.Add(element);
                }

                return;
            case "meta":
                Metas.Add(element);
                break;
            case "title":
                TitleElement ??= element;
                return;
            case "base":
                BaseElements.Add(element);
                return;
            case "a" or "area" or "link":
                if (attributes.HasHref)
                {
                    Links.Add(element);
                    if (TextUtil.HasToken(attributes.Rel, "author"))
                    {
                        Bylines.Add(element);
                    }
                }

                break;
            case "h1" or "h2" or "h3" or "h4":
                Headings.Add(element);
                break;
            case "p":
                if (Paragraphs.Count < 400)
                {
                    Paragraphs.Add(element);
                }

                break;
            case "strong" or "b":
                if (BoldElements.Count < 1_000)
                {
                    BoldElements.Add(element);
                }

                break;
        }

        if (attributes.HasItemScope)
        {
            MicrodataItems.Add(element);
        }

        if (attributes.HasTypeOf)
        {
            RdfaItems.Add(element);
        }

        if (attributes.Class is not { } classes)
        {
            return;
        }

        var facts = FactsOf(classes);
        if (facts.MicroformatRoot)
        {
            MicroformatRoots.Add(element);
        }

        if (NameElements.Count < 500 && facts.PersonName)
        {
            NameElements.Add(element);
        }

        if (Bylines.Count < 100 && element.LocalName != "a" && facts.Byline)
        {
            Bylines.Add(element);
        }
    }

    /// <summary>
    /// What a class attribute says, worked out once per distinct value: a page repeats the same few hundred class
    /// strings across tens of thousands of elements, and each answer takes a dozen string searches.
    /// </summary>
    private ClassFacts FactsOf(string classes)
    {
        if (!_classFacts.TryGetValue(classes, out var facts))
        {
            facts = new ClassFacts(
                RegionFromNames(classes),
                TextUtil.HasToken(classes, "h-card") || TextUtil.HasToken(classes, "vcard"),
                classes.Contains("name", StringComparison.OrdinalIgnoreCase) && HasPersonNameClass(classes),
                TextUtil.HasToken(classes, "author") || TextUtil.HasToken(classes, "byline")
                    || TextUtil.HasToken(classes, "author-name") || TextUtil.HasToken(classes, "post-author")
                    || TextUtil.Tokens(classes).Any(t => t.EndsWith("__author", StringComparison.OrdinalIgnoreCase)));
            _classFacts[classes] = facts;
        }

        return facts;
    }

    private readonly record struct ClassFacts(Region Region, bool MicroformatRoot, bool PersonName, bool Byline);

    private static bool HasPersonNameClass(string classes)
    {
        foreach (var token in TextUtil.Tokens(classes))
        {
            var lower = token.ToLowerInvariant();
            if (lower == "name")
            {
                return true;
            }

            foreach (var ending in (ReadOnlySpan<string>)["-name", "_name", "__name"])
            {
                if (lower.EndsWith(ending, StringComparison.Ordinal))
                {
                    var owner = lower[..^ending.Length].TrimEnd('-', '_');
                    return !NotPersonNameOwners.Any(o => owner.EndsWith(o, StringComparison.Ordinal));
                }
            }
        }

        return false;
    }

    // "company-name", "file-name" …: classes ending in -name that hold something other than a person's name.
    private static readonly string[] NotPersonNameOwners =
    [
        "user", "screen", "file", "company", "org", "organization", "organisation", "site", "product", "brand",
        "domain", "field", "event", "venue", "place", "city", "class", "tag", "category", "plan", "post", "page",
        "app", "street", "course", "session", "talk", "track", "job", "position", "item", "list", "group", "team",
        "channel", "project", "repo", "country", "region", "blog", "shop", "store", "font", "host", "logo", "menu",
        "nav", "section", "widget", "form", "input", "label", "button", "icon", "meta", "p", "u", "vcard",
    ];

    private Region OwnRegion(IElement element, Attributes attributes, Region inherited)
    {
        var inMain = (inherited & Region.Main) != 0;
        var region = element.LocalName switch
        {
            "main" or "article" => Region.Main,
            "aside" => Region.Sidebar,
            "nav" => Region.Navigation,
            "footer" when !inMain => Region.SiteFooter,
            "header" when !inMain => Region.SiteHeader,
            _ => Region.None,
        };

        region |= attributes.Role switch
        {
            "main" => Region.Main,
            "complementary" => Region.Sidebar,
            "navigation" => Region.Navigation,
            "contentinfo" when !inMain => Region.SiteFooter,
            "banner" when !inMain => Region.SiteHeader,
            _ => Region.None,
        };

        if (element.LocalName is "html" or "body")
        {
            return region; // body classes describe the whole layout ("has-sidebar"), not a region
        }

        return region | (attributes.Class is { } classes ? FactsOf(classes).Region : Region.None) | RegionFromNames(attributes.Id);
    }

    private static Region RegionFromNames(string? names)
    {
        if (names is null || names.Length < 5)
        {
            return Region.None;
        }

        // Cheap pre-check: most class attributes mention none of these words.
        if (!names.Contains("comment", StringComparison.OrdinalIgnoreCase)
            && !names.Contains("sidebar", StringComparison.OrdinalIgnoreCase)
            && !names.Contains("related", StringComparison.OrdinalIgnoreCase)
            && !names.Contains("also", StringComparison.OrdinalIgnoreCase)
            && !names.Contains("recommend", StringComparison.OrdinalIgnoreCase)
            && !names.Contains("similar", StringComparison.OrdinalIgnoreCase)
            && !names.Contains("disqus", StringComparison.OrdinalIgnoreCase))
        {
            return Region.None;
        }

        var region = Region.None;
        foreach (var raw in TextUtil.Tokens(names))
        {
            var token = raw.ToLowerInvariant();
            if (token.StartsWith("has-", StringComparison.Ordinal) || token.StartsWith("no-", StringComparison.Ordinal)
                || token.StartsWith("with-", StringComparison.Ordinal) || token.Contains("open", StringComparison.Ordinal)
                || token.Contains("closed", StringComparison.Ordinal) || token.Contains("count", StringComparison.Ordinal))
            {
                continue; // layout switches such as "has-sidebar" or "comments-open" describe the page, not this element
            }

            if (token.Contains("comment", StringComparison.Ordinal) || token.Contains("disqus", StringComparison.Ordinal))
            {
                region |= Region.Comments;
            }
            else if (token.Contains("sidebar", StringComparison.Ordinal) || token.Contains("related", StringComparison.Ordinal)
                || token.Contains("also-viewed", StringComparison.Ordinal) || token.Contains("alsoviewed", StringComparison.Ordinal)
                || token.Contains("also_viewed", StringComparison.Ordinal) || token.Contains("people-also", StringComparison.Ordinal)
                || token.Contains("recommend", StringComparison.Ordinal) || token.Contains("similar", StringComparison.Ordinal))
            {
                region |= Region.Sidebar;
            }
        }

        return region;
    }

    private readonly record struct Frame(IElement Element, int Index, int NextChild, Region Region, int ChildCount);

    /// <summary>What the walk records per element; Start is also the element's index in document order.</summary>
    private struct ElementInfo
    {
        public int Start;
        public int End;
        public Region Region;
        public int IndexInParent;
        public int ChildCount;
    }

    /// <summary>The attributes the walk needs, read in one pass (AngleSharp looks each one up by a linear scan).</summary>
    private readonly record struct Attributes(string? Class, string? Id, string? Role, string? Type, string? Rel, bool HasHref, bool HasItemScope, bool HasTypeOf)
    {
        public static Attributes Of(IElement element)
        {
            string? cls = null, id = null, role = null, type = null, rel = null;
            bool href = false, itemScope = false, typeOf = false;
            var attributes = element.Attributes;
            for (var i = 0; i < attributes.Length; i++)
            {
                var attribute = attributes[i];
                if (attribute is null)
                {
                    continue;
                }

                switch (attribute.LocalName)
                {
                    case "class":
                        cls = attribute.Value;
                        break;
                    case "id":
                        id = attribute.Value;
                        break;
                    case "role":
                        role = attribute.Value;
                        break;
                    case "type":
                        type = attribute.Value;
                        break;
                    case "rel":
                        rel = attribute.Value;
                        break;
                    case "href":
                        href = true;
                        break;
                    case "itemscope":
                        itemScope = true;
                        break;
                    case "typeof":
                        typeOf = true;
                        break;
                }
            }

            return new Attributes(cls, id, role, type, rel, href, itemScope, typeOf);
        }
    }
}
