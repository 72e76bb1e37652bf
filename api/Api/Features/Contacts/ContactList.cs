using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ComplianceConnect.Api.Infrastructure;
using ComplianceConnect.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ComplianceConnect.Api.Features.Contacts;

/// <summary>
/// The People page's list: a <see cref="ContactFilter"/> as SQL, and keyset paging on the computed sort
/// columns, so page 500 costs what page 1 does. Why it is built this way, with measurements:
/// docs/decisions/0009-people-search-and-paging.md.
/// </summary>
public static class ContactList
{
    /// <summary>
    /// A search is broad when the planner expects it to match at least this share of the organization: then a page
    /// is cheapest found by walking the sort order's index and testing each row (a page needs few rows), not by
    /// collecting every match through the trigram index first (~80 000 of them for a search that matches most).
    /// </summary>
    public const double BroadShare = 0.2;

    /// <summary>How a search will be run: its folded words and whether it is broad (see <see cref="BroadShare"/>).</summary>
    public sealed record SearchPlan(string[] Words, double Share)
    {
        public bool Broad => Share >= BroadShare; // no words: the share is 0
    }

    /// <summary>
    /// The plan for <paramref name="filter"/>'s search, from the planner's statistics (no contact is read);
    /// null without a search.
    /// </summary>
    public static async Task<SearchPlan?> PlanSearchAsync(AppDbContext db, ContactFilter filter, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(filter.Search))
        {
            return null;
        }

        var search = filter.Search.Trim();
        return await db.Database
            .SqlQuery<SearchPlan>($"SELECT contacts_search_words({search}) AS words, contacts_matching_share({search}) AS share")
            .SingleAsync(ct);
    }

    /// <summary>
    /// The contacts of the current unit of work's organization that match <paramref name="filter"/>. With a broad
    /// <paramref name="search"/> plan the words are tested on each row (the planner then walks the sort index);
    /// otherwise the trigram function collects the matches.
    /// </summary>
    public static IQueryable<Contact> Matching(this IQueryable<Contact> contacts, AppDbContext db, ContactFilter filter, Guid? userId, SearchPlan? search = null)
    {
        var query = contacts;
        if (search is { Broad: true })
        {
            // strpos on the stored folded text (IndexOf is translated to strpos - 1), tested as a filter after the
            // policy's organization condition, which is an index condition. Not LIKE: under row-level security the
            // planner has no statistics for a non-leakproof operator and takes LIKE to match 0.5 % of the rows, so it
            // sorts every match instead of walking the sort index; a comparison of strpos is taken as a third, and a
            // page is then read in index order until it is full (0.3 ms for 50 rows of a search that matches 80 %).
            foreach (var word in search.Words)
            {
#pragma warning disable CA1307, CA1309, CA1310 // an expression for the database: translated, never run in .NET
                query = query.Where(c => c.SearchText.IndexOf(word) >= 0);
#pragma warning restore CA1307, CA1309, CA1310
            }
        }
        else if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // A SECURITY DEFINER function that filters by the organization itself, so the trigram index is used
            // for the API's role too (LIKE is not leakproof, so row-level security would keep it from the index).
            var text = filter.Search.Trim();
            var matching = db.Database.SqlQuery<Guid>($"SELECT m AS \"Value\" FROM contacts_matching({text}) AS m");
            query = query.Where(c => matching.Contains(c.Id));
        }

        if (filter.WithoutAuthorization)
        {
            query = query.Where(c => c.AuthorizationType == null);
        }
        else if (filter.Authorization is { } type)
        {
            query = query.Where(c => c.AuthorizationType == type);
        }

        if (filter.Source is { } source)
        {
            query = query.Where(c => c.SourceType == source);
        }

        if (filter.Unsubscribed is { } unsubscribed)
        {
            query = unsubscribed ? query.Where(c => c.UnsubscribedAt != null) : query.Where(c => c.UnsubscribedAt == null);
        }

        if (filter.CapturedByMe)
        {
            query = query.Where(c => c.CreatedById == userId);
        }

        if (filter.CreatedFrom is { } createdFrom)
        {
            var from = StartOf(createdFrom);
            query = query.Where(c => c.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } createdTo)
        {
            var to = StartOf(createdTo.AddDays(1));
            query = query.Where(c => c.CreatedAt < to);
        }

        if (filter.UpdatedFrom is { } updatedFrom)
        {
            var from = StartOf(updatedFrom);
            query = query.Where(c => c.UpdatedAt >= from);
        }

        if (filter.UpdatedTo is { } updatedTo)
        {
            var to = StartOf(updatedTo.AddDays(1));
            query = query.Where(c => c.UpdatedAt < to);
        }

        return query;
    }

    /// <summary>One page in <paramref name="sort"/> order after <paramref name="cursor"/>; null when the cursor is not one of ours for this order.</summary>
    public static async Task<(List<Contact> Items, string? NextCursor)?> PageAsync(
        IQueryable<Contact> query, ContactSort sort, bool descending, string? cursor, int pageSize, CancellationToken ct)
    {
        var after = cursor is null ? null : Cursor.Decode(cursor);
        if (cursor is not null && (after is null || after.Sort != sort || after.Descending != descending))
        {
            return null;
        }

        var page = sort switch
        {
            ContactSort.Name => Seek(query, c => c.SortName, descending, after),
            ContactSort.Email => Seek(query, c => c.SortEmail, descending, after),
            ContactSort.Company => Seek(query, c => c.SortCompany, descending, after),
            ContactSort.Title => Seek(query, c => c.SortTitle, descending, after),
            ContactSort.Authorization => Seek(query, c => c.SortAuthorization, descending, after),
            ContactSort.Source => Seek(query, c => c.SortSource, descending, after),
            ContactSort.Created => Seek(query, c => c.CreatedAt, descending, after),
            ContactSort.Updated => Seek(query, c => c.UpdatedAt, descending, after),
            _ => null,
        };
        if (page is null)
        {
            return null;
        }

        var items = await page.Take(pageSize + 1).ToListAsync(ct);
        if (items.Count <= pageSize)
        {
            return (items, null);
        }

        items.RemoveAt(pageSize);
        var last = items[^1];
        var key = sort switch
        {
            ContactSort.Name => last.SortName,
            ContactSort.Email => last.SortEmail,
            ContactSort.Company => last.SortCompany,
            ContactSort.Title => last.SortTitle,
            ContactSort.Authorization => last.SortAuthorization,
            ContactSort.Source => last.SortSource,
            ContactSort.Created => last.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            _ => last.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        return (items, new Cursor(sort, descending, key, last.Id).Encode());
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// Orders by (key, id) and starts after the cursor's row with a row comparison, <c>(key, id) &gt; (@k, @id)</c>:
    /// one index range scan on (organization_id, key, id), whatever the depth.
    /// </summary>
    private static IQueryable<Contact>? Seek<TKey>(IQueryable<Contact> query, Expression<Func<Contact, TKey>> key, bool descending, Cursor? after)
    {
        if (after is not null)
        {
            if (!TryParseKey<TKey>(after.Key, out var value))
            {
                return null;
            }

            var boundary = new Boundary<TKey>(value, after.Id);
            var row = key.Parameters[0];
            var tuple = typeof(ValueTuple<TKey, Guid>).GetConstructor([typeof(TKey), typeof(Guid)])!;
            var left = Expression.Convert(Expression.New(tuple, key.Body, Expression.Property(row, nameof(Contact.Id))), typeof(ITuple));
            var holder = Expression.Constant(boundary);
            var right = Expression.Convert(
                Expression.New(tuple, Expression.Property(holder, nameof(Boundary<TKey>.Key)), Expression.Property(holder, nameof(Boundary<TKey>.Id))),
                typeof(ITuple));
            var compare = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
                descending ? nameof(NpgsqlDbFunctionsExtensions.LessThan) : nameof(NpgsqlDbFunctionsExtensions.GreaterThan),
                [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
            var condition = Expression.Call(compare, Expression.Constant(EF.Functions), left, right);
            query = query.Where(Expression.Lambda<Func<Contact, bool>>(condition, row));
        }

        return descending ? query.OrderByDescending(key).ThenByDescending(c => c.Id) : query.OrderBy(key).ThenBy(c => c.Id);
    }

    private static bool TryParseKey<TKey>(string text, out TKey value)
    {
        object? parsed = typeof(TKey) == typeof(string) ? text
            : typeof(TKey) == typeof(DateTimeOffset) && DateTimeOffset.TryParseExact(text, "O", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at
            : null;
        value = parsed is TKey typed ? typed : default!;
        return parsed is not null;
    }

    /// <summary>The row a page starts after, as parameters of the query (members of a constant become parameters in EF).</summary>
    private sealed class Boundary<TKey>(TKey key, Guid id)
    {
        public TKey Key { get; } = key;
        public Guid Id { get; } = id;
    }

    /// <summary>
    /// Where the next page starts: the last row's sort key and id, with the order it belongs to, as base64url JSON.
    /// Opaque to clients; not secret (it holds only what that row showed).
    /// </summary>
    private sealed record Cursor(ContactSort Sort, bool Descending, string Key, Guid Id)
    {
        public string Encode() =>
            Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new CursorJson((int)Sort, Descending, Key, Id), CursorJsonContext.Default.CursorJson))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static Cursor? Decode(string text)
        {
            try
            {
                var base64 = text.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                var json = JsonSerializer.Deserialize(Convert.FromBase64String(base64), CursorJsonContext.Default.CursorJson);
                return json is { K: not null } && Enum.IsDefined((ContactSort)json.S) ? new Cursor((ContactSort)json.S, json.D, json.K, json.I) : null;
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                return null;
            }
        }
    }
}

internal sealed record CursorJson(int S, bool D, string? K, Guid I);

[System.Text.Json.Serialization.JsonSerializable(typeof(CursorJson))]
internal sealed partial class CursorJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
