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

    // Switches rather than sets: no hashing of the tag name on every node (see TextUtil.IsBlock).
    private static bool IsBreaking(string name) => name is
        "address" or "article" or "aside" or "blockquote" or "br" or "dd" or "div" or "dl" or "dt" or "figcaption" or "figure" or "footer"
        or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "header" or "hr" or "li" or "main" or "nav" or "ol" or "p" or "pre" or "section"
        or "table" or "td" or "th" or "tr" or "ul" or "hgroup" or "tbody" or "thead";

    private static bool IsSkipped(string name) => name is
        "script" or "style" or "noscript" or "template" or "svg" or "head" or "button" or "select" or "option" or "input" or "textarea" or "img";

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
                var parts = data.Data.Contains('\n', StringComparison.Ordinal) ? data.Data.Split('\n') : [data.Data];
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
            if (IsSkipped(name))
            {
                continue;
            }

            var breaks = IsBreaking(name) || (element != root && IsFieldElement(element));
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
        if (element.LocalName is not ("span" or "a" or "strong" or "b" or "small" or "em") || element.GetAttribute("class") is not { } classes)
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
