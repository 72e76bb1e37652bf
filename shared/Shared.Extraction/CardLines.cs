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
    public bool Contains(Page page, IElement element)
    {
        if (page.RangeOf(element) is not { } range)
        {
            return false;
        }

        foreach (var order in Orders)
        {
            if (order >= range.Start && order <= range.End)
            {
                return true;
            }
        }

        return false;
    }
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

    // Reused per thread, as in TextUtil.VisibleText: a page asks for the lines of hundreds of blocks, and growing a
    // fresh builder, stack and lists for each was most of the contact-card reader's allocation.
    [ThreadStatic]
    private static Buffers? _buffers;

    public static List<CardLine> Of(Page page, IElement root, int maxLines)
    {
        var buffers = _buffers ??= new Buffers();
        _buffers = null; // not shared with a nested call, should one ever happen
        try
        {
            return Of(page, root, maxLines, buffers);
        }
        finally
        {
            buffers.Clear();
            _buffers = buffers;
        }
    }

    private static List<CardLine> Of(Page page, IElement root, int maxLines, Buffers buffers)
    {
        var lines = new List<CardLine>();
        var line = buffers.Line;
        var text = line.Text;
        var stack = buffers.Stack;
        stack.Push((root, false));
        var budget = MaxNodes;
        while (stack.Count > 0 && lines.Count < maxLines && budget-- > 0)
        {
            var (node, exit) = stack.Pop();
            if (exit)
            {
                line.Flush(lines);
                continue;
            }

            if (node is ICharacterData { NodeType: NodeType.Text } data)
            {
                var parent = data.ParentElement ?? root;
                var value = data.Data;
                if (!value.Contains('\n', StringComparison.Ordinal))
                {
                    // Nearly every text node: one part, appended as is.
                    if (value.Length > 0)
                    {
                        if (!string.IsNullOrWhiteSpace(value))
                        {
                            line.Add(page, parent, root);
                        }

                        text.Append(value);
                    }

                    continue;
                }

                // The parts between newlines, as string.Split('\n') would give them, without allocating them.
                var span = value.AsSpan();
                var first = true;
                foreach (var range in span.Split('\n'))
                {
                    if (!first)
                    {
                        line.Flush(lines);
                    }

                    first = false;
                    var part = span[range];
                    if (part.Length > 0)
                    {
                        if (!part.IsWhiteSpace())
                        {
                            line.Add(page, parent, root);
                        }

                        text.Append(part);
                    }
                }

                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            if (Enter(stack, element, root))
            {
                line.Flush(lines);
            }
        }

        line.Flush(lines);
        return lines;
    }

    /// <summary>
    /// Pushes <paramref name="element"/>'s children for reading, in document order, after an exit mark when the element
    /// breaks the line (a block, a line break, a field of its own); nothing for an element whose text is not read. True
    /// when it breaks the line: the line read so far ends before its text.
    /// </summary>
    private static bool Enter(Stack<(INode Node, bool Exit)> stack, IElement element, IElement root)
    {
        var name = element.LocalName;
        if (IsSkipped(name))
        {
            return false;
        }

        var breaks = IsBreaking(name) || (element != root && IsFieldElement(element));
        if (breaks)
        {
            stack.Push((element, true));
        }

        var children = element.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
        }

        return breaks;
    }

    /// <summary>A character a line's reading starts at, once leading bullets and symbols ("🎤", "•") are passed.</summary>
    public static bool OpensText(char c) => char.IsLetterOrDigit(c) || c is '"' or '(' or '+';

    /// <summary>
    /// Whether the line of <paramref name="root"/> that <paramref name="seed"/>'s text is on, as <see cref="Of(Page, IElement, int)"/> would
    /// split it, certainly opens (past its leading symbols) with text before the seed's whose first character is not
    /// <paramref name="first"/>. Walks the block as <see cref="Of(Page, IElement, int)"/> does, up to the seed, without building any line;
    /// false whenever it cannot tell.
    /// </summary>
    public static bool OpensBeforeWithOther(Page page, IElement root, IElement seed, char first, int maxLines)
    {
        if (page.RangeOf(seed) is not { } range)
        {
            return false;
        }

        var buffers = _buffers ??= new Buffers();
        _buffers = null;
        var stack = buffers.Stack;
        try
        {
            stack.Push((root, false));
            var budget = MaxNodes;
            var lines = 0; // lines flushed with text so far: at least as many as Of would keep
            var lineHasText = false;
            var opening = '\0'; // the current line's first opening character, '\0' while there is none
            while (stack.Count > 0 && lines < maxLines && budget-- > 0)
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
                    var span = data.Data.AsSpan();
                    var isFirst = true;
                    foreach (var between in span.Split('\n'))
                    {
                        if (!isFirst)
                        {
                            Flush();
                        }

                        isFirst = false;
                        var part = span[between];
                        if (part.Length > 0 && !part.IsWhiteSpace())
                        {
                            var order = page.Order(parent);
                            if (order >= range.Start && order <= range.End)
                            {
                                return opening != '\0' && opening != first; // the seed's line, and what opens it
                            }

                            lineHasText = true;
                            if (opening == '\0')
                            {
                                foreach (var c in part)
                                {
                                    if (OpensText(c))
                                    {
                                        opening = c;
                                        break;
                                    }
                                }
                            }
                        }
                    }

                    continue;
                }

                if (node is not IElement element)
                {
                    continue;
                }

                if (Enter(stack, element, root))
                {
                    Flush();
                }
            }

            return false;

            void Flush()
            {
                lines += lineHasText ? 1 : 0;
                lineHasText = false;
                opening = '\0';
            }
        }
        finally
        {
            buffers.Clear();
            _buffers = buffers;
        }
    }

    /// <summary>The line being read: its text so far, the elements it came from and its links.</summary>
    private sealed class LineBuffer
    {
        public StringBuilder Text { get; } = new();

        private readonly List<int> _orders = [];
        private readonly List<IElement> _links = [];
        private IElement? _first;

        /// <summary>Records that text of <paramref name="parent"/> (not only whitespace) is about to be appended.</summary>
        public void Add(Page page, IElement parent, IElement root)
        {
            _first ??= parent;
            _orders.Add(page.Order(parent));
            if (Enclosing(parent, root, "a") is { } link && !_links.Contains(link))
            {
                // Two links side by side ("Mob: 913 45 678" then "ola@…", shown as blocks by the site's CSS) are two
                // values, never one word.
                if (_links.Count > 0 && Text.Length > 0 && !char.IsWhiteSpace(Text[^1]))
                {
                    Text.Append(' ');
                }

                _links.Add(link);
            }
        }

        public void Flush(List<CardLine> lines)
        {
            var value = TextUtil.Normalize(Text.ToString());
            if (value is not null && _first is not null)
            {
                lines.Add(new CardLine(value, _first, [.. _orders], [.. _links]));
            }

            Clear();
        }

        public void Clear()
        {
            Text.Clear();
            _orders.Clear();
            _links.Clear();
            _first = null;
        }
    }

    private sealed class Buffers
    {
        public LineBuffer Line { get; } = new();

        public Stack<(INode Node, bool Exit)> Stack { get; } = new();

        public void Clear()
        {
            Line.Clear();
            Stack.Clear(); // let go of the page's nodes
            if (Line.Text.Capacity > 64 * 1024)
            {
                Line.Text.Capacity = 1024; // do not hold on to the buffer of one huge line
            }
        }
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
