using System.Globalization;
using System.Text;

namespace ComplianceConnect.Shared.Values;

/// <summary>Parts of the file names downloads are saved under, the same in the API and the extension.</summary>
public static class FileNames
{
    /// <summary>
    /// "Åsa Öberg" → "asa-oberg": ASCII letters and digits, lower case, accents dropped, every other run
    /// of characters one hyphen, at most 60 characters; empty when nothing is left.
    /// </summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }
}
