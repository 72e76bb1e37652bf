namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Estimates how deeply a page nests its elements, in one linear pass over the raw HTML, before it is parsed.
/// The HTML tree-building algorithm (AngleSharp's included) scans the stack of open elements for most start tags,
/// so parse time grows with the square of the nesting depth: 10,000 levels take about half a second, a million
/// would take hours. Browsers cap the depth (Chromium at 512); we refuse pathological pages instead.
/// </summary>
internal static class NestingGuard
{
    // Never open a level: void elements, and elements whose end tag is optional (an unclosed <li> or <p> is
    // closed by its next sibling, so counting it would see depth where there is none).
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "tbody",
        "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
    };

    // Their content is text up to the matching end tag, whatever it looks like.
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript",
    };

    /// <summary>
    /// True when the markup nests deeper than <paramref name="limit"/> somewhere; stops scanning there. Counts the start
    /// tags on the way (<paramref name="startTags"/>), about the number of elements the parse will make.
    /// </summary>
    public static bool Exceeds(string html, int limit, out int startTags)
    {
        startTags = 0;
        var depth = 0;
        var position = 0;
        var notNesting = NotNesting.GetAlternateLookup<ReadOnlySpan<char>>();
        var rawText = RawText.GetAlternateLookup<ReadOnlySpan<char>>();
        while (position < html.Length)
        {
            var open = html.IndexOf('<', position);
            if (open < 0 || open + 1 >= html.Length)
            {
                return false;
            }

            var next = html[open + 1];
            if (next == '!' || next == '?')
            {
                position = SkipDeclaration(html, open);
                continue;
            }

            var isEnd = next == '/';
            var nameStart = isEnd ? open + 2 : open + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or '_' or ':'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                position = open + 1; // a literal "<" in text
                continue;
            }

            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            var tagEnd = EndOfTag(html, nameEnd);
            if (isEnd)
            {
                if (!notNesting.Contains(name) && depth > 0)
                {
                    depth--;
                }
            }
            else
            {
                startTags++;
                if (rawText.Contains(name))
                {
                    position = SkipRawText(html, tagEnd, name.ToString());
                    continue;
                }

                if (!notNesting.Contains(name) && html[tagEnd - 1] != '/' && ++depth > limit)
                {
                    return true;
                }
            }

            position = tagEnd;
        }

        return false;
    }

    /// <summary>Index just past the tag's closing '>', honouring quoted attribute values.</summary>
    private static int EndOfTag(string html, int index)
    {
        var quote = '\0';
        for (var i = index; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }

    private static int SkipDeclaration(string html, int open)
    {
        if (string.CompareOrdinal(html, open, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        var close = html.IndexOf('>', open);
        return close < 0 ? html.Length : close + 1;
    }

    /// <summary>Index just past the end tag of the raw-text element whose content starts at <paramref name="start"/>: its end tag closes no level, as its start tag opened none.</summary>
    private static int SkipRawText(string html, int start, string name)
    {
        var end = html.IndexOf("</" + name, start, StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html.Length : EndOfTag(html, end + 2 + name.Length);
    }
}
