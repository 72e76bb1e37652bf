using ComplianceConnect.Shared.Values;

namespace ComplianceConnect.Shared;

/// <summary>
/// Field-keyed validation messages, shaped like the <c>errors</c> member of an RFC 9457
/// validation problem so the API can return them as they are. Field names are camelCase,
/// as they appear in the JSON.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<ValidationFailure>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no rule was broken.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>
    /// The region national phone numbers are read in (ISO 3166-1 alpha-2): the organization's, which the API takes
    /// from the caller's token and the extension from the signed-in user; Sweden when nothing says otherwise.
    /// </summary>
    public string PhoneRegion { get; init; } = PhoneNumber.DefaultRegion;

    /// <summary>
    /// Records that <paramref name="field"/> broke a rule: its stable <paramref name="code"/> (see
    /// <see cref="ValidationCodes"/>), the English message, and the values a translation may show.
    /// </summary>
    public void Add(string field, string code, string message, params object[] args)
    {
        var key = JsonName(field);
        if (!_errors.TryGetValue(key, out var list))
        {
            _errors[key] = list = [];
        }

        list.Add(new ValidationFailure(code, message, args));
    }

    /// <summary>Messages for one field (camelCase or PascalCase name), empty when it is valid.</summary>
    public IReadOnlyList<string> For(string field) => [.. Failures(field).Select(f => f.Message)];

    /// <summary>Failures of one field (camelCase or PascalCase name), empty when it is valid.</summary>
    public IReadOnlyList<ValidationFailure> Failures(string field) =>
        _errors.TryGetValue(JsonName(field), out var list) ? list : [];

    /// <summary>True when <paramref name="field"/> broke a rule.</summary>
    public bool Has(string field) => _errors.ContainsKey(JsonName(field));

    /// <summary>The errors in the shape of <c>ValidationProblemDetails.Errors</c>: field → English messages.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(f => f.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>Field → codes, in the same order as the messages of <see cref="ToDictionary"/>.</summary>
    public IDictionary<string, string[]> Codes() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(f => f.Code).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Rebuilds the errors of a validation problem (<c>errors</c> and <c>codes</c>). A message
    /// without a code (an older server) gets an empty code, so it is shown as it came.
    /// </summary>
    public static ValidationErrors From(IReadOnlyDictionary<string, string[]>? messages, IReadOnlyDictionary<string, string[]>? codes)
    {
        var errors = new ValidationErrors();
        foreach (var (field, fieldMessages) in messages ?? new Dictionary<string, string[]>())
        {
            var fieldCodes = codes is not null && codes.TryGetValue(field, out var c) ? c : [];
            for (var i = 0; i < fieldMessages.Length; i++)
            {
                errors.Add(field, i < fieldCodes.Length ? fieldCodes[i] : "", fieldMessages[i]);
            }
        }

        return errors;
    }

    /// <summary>Requires a non-blank value; returns whether it was present.</summary>
    public bool Required(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Add(field, ValidationCodes.Required, "Is required.");
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
            Add(field, ValidationCodes.TooLong, $"Must be at most {maxLength} characters long (got {value.Length}).", maxLength, value.Length);
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
            Add(field, ValidationCodes.TooLong, $"Must be at most {Limits.Email} characters long (got {value.Length}).", Limits.Email, value.Length);
        }
        else if (!IsEmail(value))
        {
            Add(field, ValidationCodes.EmailInvalid, "Must be an email address such as name@example.com.");
        }
    }

    /// <summary>
    /// Checks an optional phone number against <see cref="PhoneNumber"/>, national numbers read in
    /// <paramref name="defaultRegion"/> (ISO 3166-1 alpha-2, e.g. "SE"), or else in <see cref="PhoneRegion"/>.
    /// </summary>
    public void Phone(string field, string? value, string? defaultRegion = null)
    {
        defaultRegion ??= PhoneRegion;
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (value.Length > Limits.Phone)
        {
            Add(field, ValidationCodes.TooLong, $"Must be at most {Limits.Phone} characters long (got {value.Length}).", Limits.Phone, value.Length);
        }
        else if (!PhoneNumber.TryParse(value, defaultRegion, out _))
        {
            Add(field, ValidationCodes.PhoneInvalid, "Must be a phone number such as +46 70 123 45 67 (national numbers are read as " + defaultRegion.ToUpperInvariant() + ").", defaultRegion.ToUpperInvariant());
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
            Add(field, ValidationCodes.TooLong, $"Must be at most {Limits.Url} characters long (got {value.Length}).", Limits.Url, value.Length);
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(field, ValidationCodes.UrlInvalid, "Must be an absolute http or https URL.");
        }
    }

    /// <summary>The English message of <see cref="ValidationCodes.NulCharacter"/>.</summary>
    public const string NulMessage = "Must not contain a NUL character (U+0000).";

    /// <summary>True when <paramref name="value"/> is one email address (see <see cref="EmailAddress"/>).</summary>
    public static bool IsEmail(string value) => EmailAddress.TryParse(value, out _);

    private static string JsonName(string field) =>
        field.Length > 0 && char.IsUpper(field[0]) ? char.ToLowerInvariant(field[0]) + field[1..] : field;
}

/// <summary>One broken rule: its stable code, the English message, and the values a translation may show.</summary>
/// <param name="Code">A <see cref="ValidationCodes"/> constant ("" when a server sent none).</param>
/// <param name="Message">The English message.</param>
/// <param name="Args">Values the message speaks of (a limit, a date), in the order translations use them.</param>
public sealed record ValidationFailure(string Code, string Message, object[] Args);
