using ComplianceConnect.Shared.Compliance;

namespace ComplianceConnect.Shared.Client;

/// <summary>The contact list's search, filters and paging; what is left null takes the API's default.</summary>
public sealed record ContactQuery
{
    /// <summary>Free text matched against name, email and company (<c>q</c>).</summary>
    public string? Search { get; init; }

    /// <summary>Only contacts with this legal basis.</summary>
    public AuthorizationType? Authorization { get; init; }

    /// <summary>Only contacts without a legal basis yet (<c>authorization=None</c>); excludes <see cref="Authorization"/>.</summary>
    public bool WithoutAuthorization { get; init; }

    /// <summary>Only contacts from this source.</summary>
    public SourceType? Source { get; init; }

    /// <summary>1-based page number.</summary>
    public int? Page { get; init; }

    /// <summary>Contacts per page (the API allows 1 to 200).</summary>
    public int? PageSize { get; init; }

    /// <summary>The query string, starting with <c>?</c>, or empty when nothing is set.</summary>
    public string ToQueryString()
    {
        if (WithoutAuthorization && Authorization is not null)
        {
            throw new InvalidOperationException($"Set either {nameof(Authorization)} or {nameof(WithoutAuthorization)}, not both.");
        }

        var query = new QueryString();
        query.Add("page", Page?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        query.Add("pageSize", PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        query.Add("q", Search);
        query.Add("authorization", WithoutAuthorization ? "None" : Authorization?.ToString());
        query.Add("source", Source?.ToString());
        return query.ToString();
    }
}

/// <summary>Builds a query string from the parameters that have a value (blank counts as none), each escaped.</summary>
internal sealed class QueryString
{
    private readonly System.Text.StringBuilder _text = new();

    public void Add(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    public override string ToString() => _text.ToString();
}
