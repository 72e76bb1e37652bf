namespace ComplianceConnect.Shared;

/// <summary>How free text is kept, the same in the extension and the API.</summary>
public static class TextValue
{
    /// <summary>Blank text becomes null; other text is trimmed.</summary>
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
