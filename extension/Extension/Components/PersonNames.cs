using ComplianceConnect.Shared.Extraction;

namespace ComplianceConnect.Extension.Components;

public static class PersonNames
{
    /// <summary>First and last name of a candidate: its given/family names, else its full name split at the first space.</summary>
    public static (string? First, string? Last) Split(PersonCandidate person)
    {
        if (person.GivenName is not null || person.FamilyName is not null)
        {
            return (person.GivenName, person.FamilyName);
        }

        var full = person.FullName?.Trim();
        if (string.IsNullOrEmpty(full))
        {
            return (null, null);
        }

        var space = full.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (full, null) : (full[..space], full[(space + 1)..].Trim());
    }

    /// <summary>How a candidate is named in the picker.</summary>
    public static string Label(PersonCandidate person)
    {
        var (first, last) = Split(person);
        var name = person.FullName ?? string.Join(' ', new[] { first, last }.Where(s => s is not null));
        if (name.Length == 0)
        {
            name = person.Email ?? "(unnamed)";
        }

        return string.Join(" · ", new[] { name, person.JobTitle, person.Organization }.Where(s => !string.IsNullOrEmpty(s)));
    }
}
