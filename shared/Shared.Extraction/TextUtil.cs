using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>Whitespace, entity and DOM-text helpers shared by the readers.</summary>
internal static partial class TextUtil
{
    // Which elements hide their text or start a line. Switches, not sets: the compiler turns them into length and
    // character tests, where a set hashes the name on every element VisibleText passes (costly under WebAssembly).

    /// <summary>Elements whose text a reader never sees on screen.</summary>
    private static bool IsInvisible(string name) => name is "script" or "style" or "noscript" or "template" or "svg" or "head";

    /// <summary>Elements that render on their own line: their text must not run into the neighbour's.</summary>
    private static bool IsBlock(string name) => name is
        "address" or "article" or "aside" or "blockquote" or "br" or "dd" or "div" or "dl" or "dt" or "figcaption" or "figure"
        or "footer" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "header" or "hr" or "li" or "main" or "nav" or "ol" or "p" or "pre"
        or "section" or "table" or "td" or "th" or "tr" or "ul" or "option" or "button" or "label" or "hgroup";

    private const int MaxNodesPerText = 5_000;

    /// <summary>Collapses all whitespace (including no-break and zero-width spaces) and trims; null when nothing is left.</summary>
    /// <remarks>
    /// Runs on every piece of text the readers look at. It writes into a plain buffer and returns the value itself
    /// when nothing changes: under WebAssembly a StringBuilder call per character was a large share of the time.
    /// </remarks>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var rented = value.Length > 256 ? ArrayPool<char>.Shared.Rent(value.Length) : null;
        var buffer = rented is null ? stackalloc char[256] : rented.AsSpan();
        var length = 0;
        var pendingSpace = false;
        var changed = false;
        foreach (var c in value)
        {
            if (c is > ' ' and < '\u007F')
            {
                // Printable ASCII, nearly every character: kept, after the space pending before it.
                if (pendingSpace)
                {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }

                buffer[length++] = c;
                continue;
            }

            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
            {
                changed = true;
                continue; // zero-width characters and soft hyphens are invisible: drop them, do not turn them into spaces
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // Kept as is only when it is one plain space between two kept characters.
                changed |= c != ' ' || pendingSpace || length == 0;
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = c;
        }

        changed |= pendingSpace; // trailing whitespace
        var result = length == 0 ? null : changed || length != value.Length ? new string(buffer[..length]) : value;
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>
    /// Decodes HTML entities that some sites leave inside JSON-LD strings, drops any markup they carry
    /// (a script or style element with its content, every other tag), then normalizes whitespace.
    /// A JSON-LD value is text: a tag in it is residue or an attack, never part of a name.
    /// </summary>
    public static string? DecodeAndNormalize(string? value)
    {
        var decoded = value is not null && value.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(value) : value;
        if (decoded is not null && decoded.Contains('<', StringComparison.Ordinal))
        {
            try
            {
                decoded = AnyTag().Replace(ScriptOrStyle().Replace(decoded, " "), " ");
            }
            catch (RegexMatchTimeoutException)
            {
                decoded = decoded.Replace('<', ' ').Replace('>', ' '); // a pathological value: no tag survives either way
            }
        }

        return Normalize(decoded);
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"</?[a-zA-Z!/][^<>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnyTag();

    /// <summary>
    /// The visible text of an element, with block boundaries turned into spaces, capped at <paramref name="maxChars"/>.
    /// Iterative on purpose: pages can nest thousands of levels deep.
    /// </summary>
    public static string? VisibleText(INode root, int maxChars = 1000)
    {
        // Reused per thread: the readers call this thousands of times per page, nearly always on a few words.
        var builder = _visibleTextBuilder ??= new StringBuilder();
        var stack = _visibleTextStack ??= new Stack<INode?>();
        builder.Clear();
        stack.Clear();
        stack.Push(root);

        // Bounded by nodes as well as characters: a deep empty wrapper chain has no text to stop at.
        var budget = MaxNodesPerText;
        while (stack.Count > 0 && builder.Length < maxChars && budget-- > 0)
        {
            var node = stack.Pop();
            if (node is null)
            {
                builder.Append(' '); // end of a block element
                continue;
            }

            if (node.NodeType == NodeType.Text)
            {
                builder.Append(((ICharacterData)node).Data);
                continue;
            }

            if (node is not IElement && node.NodeType != NodeType.Document && node.NodeType != NodeType.DocumentFragment)
            {
                continue; // comments, processing instructions
            }

            if (node is IElement element)
            {
                var name = element.LocalName;
                if (IsInvisible(name))
                {
                    continue;
                }

                if (IsBlock(name))
                {
                    builder.Append(' ');
                    stack.Push(null);
                }
                else if (name is "img" or "area")
                {
                    continue; // alt text is not visible text
                }
            }

            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        if (builder.Length > maxChars)
        {
            builder.Length = maxChars;
        }

        var text = builder.ToString();
        stack.Clear(); // let go of the page's nodes
        if (builder.Capacity > 64 * 1024)
        {
            _visibleTextBuilder = null; // do not hold on to the buffer of one huge text
        }

        return Normalize(text);
    }

    [ThreadStatic]
    private static StringBuilder? _visibleTextBuilder;

    [ThreadStatic]
    private static Stack<INode?>? _visibleTextStack;

    /// <summary>Removes diacritics and lowercases, so "Müller" and "MULLER" compare equal.</summary>
    public static string Fold(string value)
    {
        if (System.Text.Ascii.IsValid(value))
        {
            return value.ToLowerInvariant(); // nothing to decompose, no mark or special letter to replace
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Replace('ß', 's').Replace('ø', 'o').Replace('ł', 'l').Replace('æ', 'a');
    }

    /// <summary>Only the letters and digits of <see cref="Fold"/>: "Jane-Doe_1" → "janedoe1".</summary>
    public static string FoldAlphanumeric(string value)
    {
        var folded = Fold(value);
        var kept = 0;
        while (kept < folded.Length && char.IsLetterOrDigit(folded[kept]))
        {
            kept++;
        }

        if (kept == folded.Length)
        {
            return folded; // a word of letters (a name) has nothing to drop
        }

        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Character tests written as loops over the string, not LINQ: under WebAssembly's interpreter, Any/All/Count over a
    // string is an enumerator and a delegate call per character, and the card and name checks run these on every line.

    /// <summary>True when <paramref name="value"/> has a digit 0–9.</summary>
    public static bool HasAsciiDigit(string value) => value.AsSpan().ContainsAnyInRange('0', '9');

    /// <summary>How many of <paramref name="value"/>'s characters are digits 0–9.</summary>
    public static int CountAsciiDigits(string value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }

    /// <summary>True when <paramref name="value"/> has two upper-case letters at least (as a person's name does).</summary>
    public static bool HasTwoCapitals(string value)
    {
        var capitals = 0;
        foreach (var c in value)
        {
            if (char.IsUpper(c) && ++capitals == 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every character of <paramref name="value"/> is a letter (and for the empty string).</summary>
    public static bool AllLetters(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="value"/> has no lowercase letter but at least two uppercase ones ("JANE DOE").</summary>
    public static bool IsShouting(string value)
    {
        var upper = 0;
        foreach (var c in value)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            if (char.IsUpper(c))
            {
                upper++;
            }
        }

        return upper >= 2;
    }

    /// <summary>"JANE DOE-SMITH" → "Jane Doe-Smith".</summary>
    public static string ToTitleCase(string value) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value.ToLowerInvariant());

    /// <summary>Space-separated tokens of an attribute value (class, rel, itemprop, typeof…).</summary>
    /// <remarks>A plain scan: string.Split's general machinery is costly under WebAssembly, and most values hold one token.</remarks>
    public static string[] Tokens(string? attributeValue)
    {
        if (string.IsNullOrWhiteSpace(attributeValue))
        {
            return [];
        }

        var count = 0;
        var inToken = false;
        foreach (var c in attributeValue)
        {
            var separator = c is ' ' or '\t' or '\n' or '\r' or '\f';
            count += !separator && !inToken ? 1 : 0;
            inToken = !separator;
        }

        if (count == 0)
        {
            return [];
        }

        var first = 0;
        while (attributeValue[first] is ' ' or '\t' or '\n' or '\r' or '\f')
        {
            first++;
        }

        if (count == 1 && first == 0 && attributeValue[^1] is not (' ' or '\t' or '\n' or '\r' or '\f'))
        {
            return [attributeValue];
        }

        var tokens = new string[count];
        var index = 0;
        var position = 0;
        while (index < count)
        {
            while (attributeValue[position] is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                position++;
            }

            var start = position;
            while (position < attributeValue.Length && attributeValue[position] is not (' ' or '\t' or '\n' or '\r' or '\f'))
            {
                position++;
            }

            tokens[index++] = attributeValue[start..position];
        }

        return tokens;
    }

    /// <summary>True when the space-separated <paramref name="attributeValue"/> contains <paramref name="token"/> exactly.</summary>
    public static bool HasToken(string? attributeValue, string token)
    {
        if (attributeValue is null || attributeValue.Length < token.Length)
        {
            return false;
        }

        // One walk over the tokens, comparing only those of the right length.
        var span = attributeValue.AsSpan();
        var index = 0;
        while (index < span.Length)
        {
            while (index < span.Length && char.IsWhiteSpace(span[index]))
            {
                index++;
            }

            var start = index;
            while (index < span.Length && !char.IsWhiteSpace(span[index]))
            {
                index++;
            }

            if (index - start == token.Length && span[start..index].Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Cuts <paramref name="value"/> at the first of <paramref name="separators"/>.</summary>
    public static string BeforeAny(string value, params char[] separators)
    {
        var index = value.IndexOfAny(separators);
        return index < 0 ? value : value[..index];
    }
}
