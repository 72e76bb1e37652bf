using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// schema.org Person in HTML attributes: microdata (itemscope/itemtype/itemprop) and RDFa Lite
/// (vocab/typeof/property). Both describe items as element subtrees with named properties, so one reader serves
/// both, parameterized by attribute names.
/// </summary>
internal sealed class SchemaItemReader
{
    private const int MaxElementsPerItem = 5_000;

    private static readonly SchemaItemReader Microdata = new("microdata", "itemscope", "itemtype", "itemprop", contentOnAnyElement: false);
    private static readonly SchemaItemReader Rdfa = new("rdfa", "typeof", "typeof", "property", contentOnAnyElement: true);

    // FOAF names that RDFa pages still use, mapped to their schema.org equivalents.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["givenname"] = "givenName", ["firstName"] = "givenName", ["family_name"] = "familyName",
        ["lastName"] = "familyName", ["surname"] = "familyName", ["mbox"] = "email", ["homepage"] = "url",
        ["phone"] = "telephone", ["fn"] = "name",
    };

    private readonly string _origin;
    private readonly string _scopeAttribute;
    private readonly string _typeAttribute;
    private readonly string _propertyAttribute;
    private readonly bool _contentOnAnyElement;

    private SchemaItemReader(string origin, string scopeAttribute, string typeAttribute, string propertyAttribute, bool contentOnAnyElement)
    {
        _origin = origin;
        _scopeAttribute = scopeAttribute;
        _typeAttribute = typeAttribute;
        _propertyAttribute = propertyAttribute;
        _contentOnAnyElement = contentOnAnyElement;
    }

    private enum ValueKind
    {
        Text,
        Url,
        Email,
        Phone,
    }

    public static void ReadMicrodata(Page page, List<Found> into) => Microdata.Read(page, page.MicrodataItems, into);

    public static void ReadRdfa(Page page, List<Found> into) => Rdfa.Read(page, page.RdfaItems, into);

    private void Read(Page page, List<IElement> items, List<Found> into)
    {
        foreach (var item in items)
        {
            if (!IsPerson(item))
            {
                continue;
            }

            var found = new Found(_origin, item, page.Order(item)) { Hints = RoleOf(item) };
            Fill(page, found, item);
            into.Add(found);
        }
    }

    private bool IsPerson(IElement item) =>
        TextUtil.Tokens(item.GetAttribute(_typeAttribute)).Any(t => JsonLdReader.LocalName(t).Equals("Person", StringComparison.OrdinalIgnoreCase));

    private Hints RoleOf(IElement item)
    {
        var properties = PropertyNames(item);
        if (properties.Count == 0)
        {
            return Hints.TopLevel;
        }

        if (properties.Contains("mainEntity"))
        {
            return Hints.DeclaredSubject;
        }

        return properties.Contains("author") || properties.Contains("creator") ? Hints.PageAuthor : Hints.None;
    }

    private void Fill(Page page, Found found, IElement item)
    {
        string? worksFor = null, affiliation = null;
        var sameAs = new List<Uri?>();
        foreach (var (element, names) in Properties(item))
        {
            foreach (var name in names)
            {
                switch (name)
                {
                    case "name":
                        found.AddName(Text(element));
                        break;
                    case "givenName":
                        found.AddGivenName(Text(element));
                        break;
                    case "familyName":
                        found.AddFamilyName(Text(element));
                        break;
                    case "jobTitle" or "hasOccupation":
                        found.AddJobTitle(Text(element));
                        break;
                    case "worksFor":
                        worksFor ??= Text(element);
                        break;
                    case "affiliation":
                        affiliation ??= Text(element);
                        break;
                    case "email":
                        found.AddEmail(Value(element, ValueKind.Email));
                        break;
                    case "telephone":
                        found.AddPhone(Value(element, ValueKind.Phone));
                        break;
                    case "url":
                        found.AddUrl(page.Resolve(Value(element, ValueKind.Url)), UrlUse.Own);
                        break;
                    case "sameAs":
                        sameAs.Add(page.Resolve(Value(element, ValueKind.Url)));
                        break;
                }
            }
        }

        foreach (var url in sameAs)
        {
            found.AddUrl(url, UrlUse.SameAs); // after "url", which is the better website
        }

        found.AddOrganization(worksFor ?? affiliation);
    }

    /// <summary>
    /// The properties that belong to <paramref name="item"/> itself: descendants carrying the property attribute,
    /// not looking inside nested items (their properties are theirs). Iterative and bounded.
    /// </summary>
    private List<(IElement Element, List<string> Names)> Properties(IElement item)
    {
        var result = new List<(IElement, List<string>)>();
        var stack = new Stack<IElement>();
        PushChildren(stack, item);
        var visited = 0;
        while (stack.Count > 0 && visited++ < MaxElementsPerItem)
        {
            var element = stack.Pop();
            var names = PropertyNames(element);
            if (names.Count > 0)
            {
                result.Add((element, names));
            }

            if (!element.HasAttribute(_scopeAttribute))
            {
                PushChildren(stack, element);
            }
        }

        return result;
    }

    private static void PushChildren(Stack<IElement> stack, IElement element)
    {
        var children = element.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            if (children[i] is IElement child)
            {
                stack.Push(child);
            }
        }
    }

    private List<string> PropertyNames(IElement element)
    {
        var tokens = TextUtil.Tokens(element.GetAttribute(_propertyAttribute));
        var names = new List<string>(tokens.Length);
        foreach (var token in tokens)
        {
            var name = JsonLdReader.LocalName(token);
            names.Add(Aliases.GetValueOrDefault(name, name));
        }

        return names;
    }

    /// <summary>A textual property; for a nested item (worksFor → Organization) the nested item's name.</summary>
    private string? Text(IElement element)
    {
        if (element.HasAttribute(_scopeAttribute))
        {
            foreach (var (nested, names) in Properties(element))
            {
                if (names.Contains("name") || names.Contains("legalName"))
                {
                    return Value(nested, ValueKind.Text);
                }
            }
        }

        return Value(element, ValueKind.Text);
    }

    private string? Value(IElement element, ValueKind kind)
    {
        if ((_contentOnAnyElement || element.LocalName == "meta") && element.GetAttribute("content") is { } content)
        {
            return content;
        }

        var href = element.GetAttribute("href");
        switch (kind)
        {
            case ValueKind.Url:
                return element.LocalName switch
                {
                    "a" or "area" or "link" => href,
                    "img" or "audio" or "video" or "source" or "iframe" or "embed" or "track" => element.GetAttribute("src"),
                    "object" => element.GetAttribute("data"),
                    _ => element.GetAttribute("resource") ?? LinkInside(element, "http") ?? LinkInside(element, "/")
                        ?? BareDomain(TextUtil.VisibleText(element, 500)),
                };
            case ValueKind.Email:
                return href?.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) == true ? href : LinkInside(element, "mailto:") ?? TextValue(element);
            case ValueKind.Phone:
                return href?.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) == true ? href : LinkInside(element, "tel:") ?? TextValue(element);
        }

        return TextValue(element);
    }

    private static string? TextValue(IElement element) =>
        element.LocalName switch
        {
            "data" or "meter" => element.GetAttribute("value"),
            "img" or "area" => element.GetAttribute("alt"),
            _ => TextUtil.VisibleText(element, 300),
        };

    /// <summary>
    /// The href of a link inside a property element (GitHub puts itemprop="url" on the &lt;li&gt; around the
    /// &lt;a&gt;), when it starts with <paramref name="prefix"/>.
    /// </summary>
    private static string? LinkInside(IElement element, string prefix)
    {
        var stack = new Stack<IElement>();
        stack.Push(element);
        var visited = 0;
        while (stack.Count > 0 && visited++ < 50)
        {
            var current = stack.Pop();
            if (current.LocalName == "a" && current.GetAttribute("href") is { } href && href.TrimStart().StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return href;
            }

            foreach (var child in Page.ChildElements(current).Reverse())
            {
                stack.Push(child);
            }
        }

        return null;
    }

    /// <summary>"jane.dev" shown as text means https://jane.dev, not a path relative to the page.</summary>
    private static string? BareDomain(string? text) =>
        text is not null && !text.Contains(' ', StringComparison.Ordinal) && !text.StartsWith('/') && !text.Contains("://", StringComparison.Ordinal)
        && text.Contains('.', StringComparison.Ordinal) && char.IsLetterOrDigit(text[0])
            ? "https://" + text
            : text;
}
