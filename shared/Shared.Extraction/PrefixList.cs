namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// A list of prefixes tried in order with <see cref="StringComparison.OrdinalIgnoreCase"/>, which first compares
/// the first letter: a heading or card line tried as a name is checked against some thirty lead-ins ("About ",
/// "I'm ", "Speaker: "…), and under WebAssembly's interpreter each case-insensitive comparison is a chain of calls.
/// Same answers as trying every prefix: two ASCII characters are equal ignoring case exactly when their ASCII lower
/// cases are, and a prefix or a text that opens with any other character is always compared in full.
/// </summary>
internal sealed class PrefixList(string[] prefixes)
{
    // The ASCII lower case of each prefix's first character; '\0' where it is not ASCII (or the prefix is empty).
    private readonly char[] _first = [.. prefixes.Select(p => p.Length > 0 && char.IsAscii(p[0]) ? char.ToLowerInvariant(p[0]) : '\0')];

    /// <summary>The index of the first prefix <paramref name="value"/> starts with, ignoring case; -1 for none.</summary>
    public int IndexIn(string value)
    {
        var opening = value.Length > 0 && char.IsAscii(value[0]) ? char.ToLowerInvariant(value[0]) : '\0';
        for (var i = 0; i < prefixes.Length; i++)
        {
            if (opening != '\0' && _first[i] != '\0' && _first[i] != opening)
            {
                continue;
            }

            if (value.StartsWith(prefixes[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
