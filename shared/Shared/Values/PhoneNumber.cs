using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PhoneNumbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace ComplianceConnect.Shared.Values;

/// <summary>
/// A phone number as the product understands it, the one definition used by the extractor, the selection parser,
/// both sides' validation and the API: digits and the usual punctuation (an optional leading <c>+</c>, spaces,
/// <c>( ) . - /</c>, an optional "ext. 12" suffix), at most <see cref="Limits.Phone"/> characters, that libphonenumber
/// reads as a valid number of a real numbering plan. National numbers are read in a default region.
/// </summary>
/// <remarks>
/// The canonical form (<see cref="Value"/>, also what equality compares) is E.164, e.g. <c>+46701234567</c>.
/// E.164 has no extensions, so an extension is kept apart in <see cref="Extension"/> and is not part of equality.
/// </remarks>
public sealed partial record PhoneNumber
{
    /// <summary>The region national numbers are read in when none is given: Sweden, the demo organization's.</summary>
    public const string DefaultRegion = "SE";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>True for a region (ISO 3166-1 alpha-2, any case) that has a numbering plan national numbers can be read in.</summary>
    public static bool IsKnownRegion([NotNullWhen(true)] string? region) =>
        region is { Length: 2 } && char.IsAsciiLetter(region[0]) && char.IsAsciiLetter(region[1])
        && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary><paramref name="region"/> when it is a known region (<see cref="IsKnownRegion"/>), else <see cref="DefaultRegion"/>.</summary>
    public static string KnownRegionOrDefault(string? region) => IsKnownRegion(region) ? region : DefaultRegion;

    private PhoneNumber(string value, int countryCode, string? extension)
    {
        Value = value;
        CountryCode = countryCode;
        Extension = extension;
    }

    /// <summary>The number in E.164, e.g. <c>+46701234567</c>.</summary>
    public string Value { get; }

    /// <summary>The country calling code, e.g. 46.</summary>
    public int CountryCode { get; }

    /// <summary>The extension written after the number ("ext. 12" → "12"), if any; not part of equality.</summary>
    public string? Extension { get; }

    /// <summary>
    /// Reads a number as a person would type it, national numbers in <paramref name="defaultRegion"/>; false (never an
    /// exception for bad <paramref name="text"/>) when it is not a valid number.
    /// </summary>
    /// <param name="text">The number, e.g. "070-123 45 67" or "+49 30 1234567".</param>
    /// <param name="defaultRegion">ISO 3166-1 alpha-2 code of the region national numbers belong to, e.g. "SE".</param>
    /// <param name="phone">The number, when it is one.</param>
    /// <exception cref="ArgumentException"><paramref name="defaultRegion"/> is not a two-letter code.</exception>
    public static bool TryParse([NotNullWhen(true)] string? text, string defaultRegion, [NotNullWhen(true)] out PhoneNumber? phone)
    {
        var region = Region(defaultRegion);
        phone = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > Limits.Phone || !Shape().IsMatch(value))
        {
            return false;
        }

        LibPhoneNumber number;
        try
        {
            number = Util.Parse(value, region);
        }
        catch (NumberParseException)
        {
            return false;
        }

        if (!Util.IsValidNumber(number))
        {
            return false;
        }

        phone = new PhoneNumber(
            Util.Format(number, PhoneNumberFormat.E164),
            number.CountryCode,
            number.HasExtension && number.Extension.Length > 0 ? number.Extension : null);
        return true;
    }

    /// <summary>Reads a number, national numbers in <see cref="DefaultRegion"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out PhoneNumber? phone) =>
        TryParse(text, DefaultRegion, out phone);

    /// <summary>Reads a number or throws <see cref="FormatException"/>.</summary>
    public static PhoneNumber Parse(string text, string defaultRegion = DefaultRegion) =>
        TryParse(text, defaultRegion, out var phone) ? phone : throw new FormatException("Not a valid phone number.");

    /// <summary>The E.164 form, or null when <paramref name="text"/> is not a valid number.</summary>
    public static string? Canonical(string? text, string defaultRegion = DefaultRegion) =>
        TryParse(text, defaultRegion, out var phone) ? phone.Value : null;

    /// <summary>The number in E.164.</summary>
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(PhoneNumber? other) => other is not null && Value == other.Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    private static string Region(string defaultRegion)
    {
        if (defaultRegion is not { Length: 2 } || !char.IsAsciiLetter(defaultRegion[0]) || !char.IsAsciiLetter(defaultRegion[1]))
        {
            throw new ArgumentException("A region is an ISO 3166-1 alpha-2 code such as \"SE\".", nameof(defaultRegion));
        }

        return defaultRegion.ToUpperInvariant();
    }

    // libphonenumber alone would pick a number out of any text ("call 070… now") and read letters as keypad digits;
    // a phone field holds a number and nothing else.
    [GeneratedRegex(@"^\+?[0-9(][0-9 \u00A0()./\-\u2013]*[0-9](?:\s*(?:ext\.?|x|#)\s*[0-9]{1,6})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Shape();
}
