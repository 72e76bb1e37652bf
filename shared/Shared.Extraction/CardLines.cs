using System.Text;
using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>One visual line of a block: text between line breaks, block boundaries or newlines.</summary>
/// <param name="Text">The line's text, whitespace normalized.</param>
/// <param name="Element">The element the line's first text came from (its anchor on the page).</param>
/// <param name="Orders">Document positions of the elements the line's text came from, to find a seed in it.</param>
/// <param name="Links">The links whose text is on this line.</param>
internal sealed record CardLine(string Text, IElement Element, List<int> Orders, List<IElement> Links)
{
    public bool Contains(Page page, IElement element) =>
        page.RangeOf(element) is { } range && Orders.Exists(o => o >= range.Start && o <= range.End);
}

/// <summary>
/// Splits a block into the lines a reader sees: a staff card's "Name / Title / Phone / Email", an email signature's
/// lines, a table row's cells. Lines break at &lt;br&gt;, block elements, table cells, newlines in text, and elements
/// whose class names a card field ("…name", "…title", "…role", "…position").
/// </summary>
internal static class CardLines
{
    private const int MaxNodes = 4_000;

    private static readonly HashSet<string> Breaking = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "td", "th", "tr", "ul", "hgroup", "tbody", "thead",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "head", "button", "select", "option", "input", "textarea", "img",
    };

    private static readonly string[] FieldClassWords = ["name", "title", "role", "position", "job", "company", "org", "email", "phone", "tel"];

    public static List<CardLine> Of(Page page, IElement root, int maxLines)
    {
        var lines = new List<CardLine>();
        var text = new StringBuilder();
        var orders = new List<int>();
        var links = new List<IElement>();
        IElement? first = null;

        void Flush()
        {
            var value = TextUtil.Normalize(text.ToString());
            if (value is not null && first is not null)
            {
                lines.Add(new CardLine(value, first, [.. orders], [.. links]));
            }

            text.Clear();
            orders.Clear();
            links.Clear();
            first = null;
        }

        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        var budget = MaxNodes;
        while (stack.Count > 0 && lines.Count < maxLines && budget-- > 0)
        {
            var (node, exit) = stack.Pop();
            if (exit)
            {
                Flush();
                continue;
            }

            if (node is ICharacterData { NodeType: NodeType.Text } data)
            {
                var parent = data.ParentElement ?? root;
                var parts = data.Data.Split('\n');
                for (var i = 0; i < parts.Length; i++)
                {
                    if (i > 0)
                    {
                        Flush();
                    }

                    if (parts[i].Length > 0)
                    {
                        if (!string.IsNullOrWhiteSpace(parts[i]))
                        {
                            first ??= parent;
                            orders.Add(page.Order(parent));
                            if (Enclosing(parent, root, "a") is { } link && !links.Contains(link))
                            {
                                // Two links side by side ("Mob: 913 45 678" then "ola@…", shown as blocks by the
                                // site's CSS) are two values, never one word.
                                if (links.Count > 0 && text.Length > 0 && !char.IsWhiteSpace(text[^1]))
                                {
                                    text.Append(' ');
                                }

                                links.Add(link);
                            }
                        }

                        text.Append(parts[i]);
                    }
                }

                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            var name = element.LocalName;
            if (Skipped.Contains(name))
            {
                continue;
            }

            var breaks = Breaking.Contains(name) || (element != root && IsFieldElement(element));
            if (breaks)
            {
                Flush();
                stack.Push((element, true));
            }

            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], false));
            }
        }

        Flush();
        return lines;
    }

    private static bool IsFieldElement(IElement element)
    {
        var classes = element.GetAttribute("class");
        if (classes is null || element.LocalName is not ("span" or "a" or "strong" or "b" or "small" or "em"))
        {
            return false;
        }

        foreach (var word in FieldClassWords)
        {
            if (classes.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IElement? Enclosing(IElement element, IElement root, string localName)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (current.LocalName == localName)
            {
                return current;
            }

            if (current == root)
            {
                return null;
            }
        }

        return null;
    }
}
