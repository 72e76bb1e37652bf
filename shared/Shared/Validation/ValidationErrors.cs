using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared;

/// <summary>
/// Field-keyed validation messages, shaped like the <c>errors</c> member of an RFC 9457
/// validation problem so the API can return them as they are. Field names are camelCase,
/// as they appear in the JSON.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no rule was broken.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Records that <paramref name="field"/> broke a rule.</summary>
    public void Add(string field, string message)
    {
        var key = JsonName(field);
        if (!_errors.TryGetValue(key, out var list))
        {
            _errors[key] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Messages for one field (camelCase or PascalCase name), empty when it is valid.</summary>
    public IReadOnlyList<string> For(string field) =>
        _errors.TryGetValue(JsonName(field), out var list) ? list : [];

    /// <summary>The errors in the shape of <c>ValidationProblemDetails.Errors</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Requires a non-blank value; returns whether it was present.</summary>
    public bool Required(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Add(field, "Is required.");
        return false;
    }

    /// <summary>Checks an optional or required free-text value against a length limit.</summary>
    public void Text(string field, string? value, int maxLength, bool required = false)
    {
        if (required && !Required(field, value))
        {
            return;
        }

        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"Must be at most {maxLength} characters long (got {value.Length}).");
        }
    }

    /// <summary>Checks an optional or required email address against <see cref="EmailAddress"/>.</summary>
    public void Email(string field, string? value, bool required = false)
    {
        if (required && !Required(field, value))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (value.Length > Limits.Email)
        {
            Add(field, $"Must be at most {Limits.Email} characters long (got {value.Length}).");
        }
        else if (!IsEmail(value))
        {
            Add(field, "Must be an email address such as name@example.com.");
        }
    }

    /// <summary>
    /// Checks an optional phone number against <see cref="PhoneNumber"/>, national numbers read in
    /// <paramref name="defaultRegion"/> (ISO 3166-1 alpha-2, e.g. "SE").
    /// </summary>
    public void Phone(string field, string? value, string defaultRegion = PhoneNumber.DefaultRegion)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (value.Length > Limits.Phone)
        {
            Add(field, $"Must be at most {Limits.Phone} characters long (got {value.Length}).");
        }
        else if (!PhoneNumber.TryParse(value, defaultRegion, out _))
        {
            Add(field, "Must be a phone number such as +46 70 123 45 67 (national numbers are read as " + defaultRegion.ToUpperInvariant() + ").");
        }
    }

    /// <summary>Checks an optional absolute http(s) URL.</summary>
    public void Url(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (value.Length > Limits.Url)
        {
            Add(field, $"Must be at most {Limits.Url} characters long (got {value.Length}).");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(field, "Must be an absolute http or https URL.");
        }
    }

    /// <summary>True when <paramref name="value"/> is one email address (see <see cref="EmailAddress"/>).</summary>
    public static bool IsEmail(string value) => EmailAddress.TryParse(value, out _);

    private static string JsonName(string field) =>
        field.Length > 0 && char.IsUpper(field[0]) ? char.ToLowerInvariant(field[0]) + field[1..] : field;
}
