namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Joins what several readers found about the same person (same name, same personal email or same profile) into
/// one candidate. Field by field, the most structured source wins: JSON-LD over microdata over … over plain text.
/// </summary>
internal static class PeopleMerger
{
    private static readonly string[] TrustOrder = ["json-ld", "microdata", "rdfa", "h-card", "hcard", "meta", "text", "links"];

    public static List<Found> Merge(List<Found> found)
    {
        var people = found.Where(f => f.HasIdentity).ToList();
        var parent = Enumerable.Range(0, people.Count).ToArray();
        var owners = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < people.Count; i++)
        {
            foreach (var key in IdentityKeys(people[i]))
            {
                if (owners.TryGetValue(key, out var other))
                {
                    Union(parent, i, other);
                }
                else
                {
                    owners[key] = i;
                }
            }
        }

        return Enumerable.Range(0, people.Count)
            .GroupBy(i => Find(parent, i))
            .Select(group => Combine(group.Select(i => people[i])))
            .ToList();
    }

    /// <summary>What makes two findings the same person. Role mailboxes (info@…) are shared and so do not count.</summary>
    private static IEnumerable<string> IdentityKeys(Found person)
    {
        if (person.NameKey is { } name && name.Contains(' ', StringComparison.Ordinal))
        {
            yield return "n:" + name;
        }

        if (person.Email is { } email && !ContactValues.IsRoleEmail(email))
        {
            yield return "e:" + email;
        }

        foreach (var profile in new[] { person.LinkedIn, person.Twitter, person.Facebook })
        {
            if (profile is not null)
            {
                yield return "p:" + profile;
            }
        }
    }

    private static Found Combine(IEnumerable<Found> group)
    {
        var members = group.OrderBy(f => Trust(f.Origin)).ThenBy(f => f.Order).ToList();
        var merged = new Found(members[0].Origin, null, members.Min(f => f.Order));
        foreach (var member in members)
        {
            merged.Hints |= member.Hints;
            merged.Anchors.AddRange(member.Anchors);
            // Matched by email or profile but named differently: keep the trusted name whole rather than mixing
            // its parts with the other spelling's.
            var sameName = member.NameKey is null || merged.NameKey is null || member.NameKey == merged.NameKey;
            merged.FillFrom(member, includeNames: sameName);
        }

        return merged;
    }

    private static int Trust(string origin)
    {
        var index = Array.IndexOf(TrustOrder, origin);
        return index < 0 ? TrustOrder.Length : index;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var rootA = Find(parent, a);
        var rootB = Find(parent, b);
        if (rootA != rootB)
        {
            parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }
}
