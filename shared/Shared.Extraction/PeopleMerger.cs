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
        // Loops, not LINQ: under WebAssembly's interpreter every iterator and delegate call is costly, and this runs
        // twice per page over everyone found.
        var people = new List<Found>(found.Count);
        foreach (var f in found)
        {
            if (f.HasIdentity)
            {
                people.Add(f);
            }
        }

        var parent = new int[people.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        var owners = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (person.NameKey is { } name && name.Contains(' ', StringComparison.Ordinal))
            {
                Own(owners, parent, "n:" + name, i);
            }

            if (person.Email is { } email && !ContactValues.IsRoleEmail(email))
            {
                Own(owners, parent, "e:" + email, i);
            }

            Own(owners, parent, person.LinkedIn is { } linkedIn ? "p:" + linkedIn : null, i);
            Own(owners, parent, person.Twitter is { } twitter ? "p:" + twitter : null, i);
            Own(owners, parent, person.Facebook is { } facebook ? "p:" + facebook : null, i);
        }

        // One person per group, in the order each group's first finding was found.
        var groups = new Dictionary<int, List<Found>>();
        var order = new List<List<Found>>();
        for (var i = 0; i < people.Count; i++)
        {
            var root = Find(parent, i);
            if (!groups.TryGetValue(root, out var members))
            {
                groups[root] = members = [];
                order.Add(members);
            }

            members.Add(people[i]);
        }

        var merged = new List<Found>(order.Count);
        foreach (var members in order)
        {
            merged.Add(Combine(members));
        }

        return merged;
    }

    /// <summary>
    /// Files an identity key (what makes two findings the same person: a full name, a personal mailbox, a profile;
    /// role mailboxes such as info@… are shared and so do not count) under finding <paramref name="i"/>, or joins
    /// <paramref name="i"/> with the finding that has it already.
    /// </summary>
    private static void Own(Dictionary<string, int> owners, int[] parent, string? key, int i)
    {
        if (key is null)
        {
            return;
        }

        if (owners.TryGetValue(key, out var other))
        {
            Union(parent, i, other);
        }
        else
        {
            owners[key] = i;
        }
    }

    private static Found Combine(List<Found> group)
    {
        var members = group.Count == 1 ? group : group.OrderBy(f => Trust(f.Origin)).ThenBy(f => f.Order).ToList();
        var first = long.MaxValue;
        foreach (var member in members)
        {
            first = Math.Min(first, member.Order);
        }

        var merged = new Found(members[0].Origin, null, first);
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
