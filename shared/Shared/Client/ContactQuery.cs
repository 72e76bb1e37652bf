using System.Globalization;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Shared.Client;

/// <summary>The contact list's filter, order and page; what is left null takes the API's default.</summary>
public sealed record ContactQuery
{
    /// <summary>Which contacts (search and filters).</summary>
    public ContactFilter Filter { get; init; } = new();

    /// <summary>The column to order by (the API's default: name).</summary>
    public ContactSort? Sort { get; init; }

    /// <summary>Largest first.</summary>
    public bool Descending { get; init; }

    /// <summary>The <see cref="ContactPage.NextCursor"/> of the page before; null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Contacts per page (the API allows 1 to 200).</summary>
    public int? PageSize { get; init; }

    /// <summary>False to leave the total out (<see cref="ContactPage.Total"/> is then null): a client paging on already has it.</summary>
    public bool WithTotal { get; init; } = true;

    /// <summary>The query string, starting with <c>?</c>, or empty when nothing is set.</summary>
    public string ToQueryString()
    {
        var query = new QueryString();
        ContactFilterQuery.AddTo(query, Filter);
        query.Add("sort", Sort?.ToString());
        query.Add("descending", Descending ? "true" : null);
        query.Add("cursor", Cursor);
        query.Add("pageSize", PageSize?.ToString(CultureInfo.InvariantCulture));
        query.Add("total", WithTotal ? null : "false");
        return query.ToString();
    }
}

/// <summary>A <see cref="ContactFilter"/> as the list's query parameters.</summary>
internal static class ContactFilterQuery
{
    public static void AddTo(QueryString query, ContactFilter filter)
    {
        query.Add("q", filter.Search);
        query.Add("authorization", filter.WithoutAuthorization ? "None" : filter.Authorization?.ToString());
        query.Add("source", filter.Source?.ToString());
        query.Add("capturedByMe", filter.CapturedByMe ? "true" : null);
        query.Add("subscription", filter.Unsubscribed switch { true => "Unsubscribed", false => "Subscribed", null => null });
        query.Add("createdFrom", Day(filter.CreatedFrom));
        query.Add("createdTo", Day(filter.CreatedTo));
        query.Add("updatedFrom", Day(filter.UpdatedFrom));
        query.Add("updatedTo", Day(filter.UpdatedTo));
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
