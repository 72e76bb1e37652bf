using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

internal enum LinkKind
{
    Email,
    Phone,
    Profile,
}

/// <summary>One mailto:, tel: or social-profile link on the page, or an email address written in its text.</summary>
internal sealed record LinkFact(LinkKind Kind, string Value, SocialProfile? Profile, IElement Element, bool IsLink, bool IsRelMe, bool IsSecondary)
{
    private string? _text;
    private bool _textRead;

    /// <summary>The link's visible text; read on demand, since only unclaimed links need it.</summary>
    public string? Text
    {
        get
        {
            if (!_textRead)
            {
                _text = IsLink ? TextUtil.VisibleText(Element, 120) : null;
                _textRead = true;
            }

            return _text;
        }
    }

    /// <summary>What may spell a name: an email's local part or a profile's handle/slug.</summary>
    public string? Identifier => Kind switch
    {
        LinkKind.Email => ContactValues.LocalPart(Value),
        LinkKind.Profile => Profile?.Handle,
        _ => null,
    };
}

/// <summary>
/// Collects mailto:, tel: and social-profile links (LinkedIn /in/, Twitter/X, Facebook profiles; never share
/// buttons or company pages), then decides whose they are: the person whose name they spell, the one person whose
/// card they sit in, or the page's subject when they are in the main content. Origin "links" for the rest.
/// </summary>
internal static class LinkReader
{
    private const int MaxLinks = 5_000;
    private const int MaxAncestorSteps = 6;

    public static List<LinkFact> Read(Page page)
    {
        var facts = new List<LinkFact>();
        foreach (var link in page.Links.Take(MaxLinks))
        {
            var href = TextUtil.Normalize(link.GetAttribute("href"));
            if (href is null)
            {
                continue;
            }

            var relMe = TextUtil.HasToken(link.GetAttribute("rel"), "me");
            if (link.LocalName == "link" && !relMe)
            {
                continue; // <link rel="canonical|alternate|…"> says nothing about people
            }

            var secondary = page.IsSecondary(link);
            if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var address in TextUtil.BeforeAny(href[7..], '?').Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (ContactValues.NormalizeEmail(address) is { } email)
                    {
                        facts.Add(new LinkFact(LinkKind.Email, email, null, link, IsLink: true, relMe, secondary));
                    }
                }
            }
            else if (href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("callto:", StringComparison.OrdinalIgnoreCase))
            {
                if (ContactValues.NormalizePhone(href) is { } phone)
                {
                    facts.Add(new LinkFact(LinkKind.Phone, phone, null, link, IsLink: true, relMe, secondary));
                }
            }
            else if (MayBeProfile(page, href) && page.Resolve(href) is { } uri && SocialProfiles.Classify(uri) is { } profile)
            {
                facts.Add(new LinkFact(LinkKind.Profile, profile.Url, profile, link, IsLink: true, relMe, secondary));
            }
        }

        // Addresses and numbers written out in the text ("E-Mail: jane.doe@uni.example", "jane [at] uni [dot]
        // example", "+49 721 608-12345") are as good as mailto:/tel: links, and common on staff and imprint pages.
        foreach (var (element, text) in page.ContactTexts)
        {
            var secondary = page.IsSecondary(element);
            foreach (var email in ContactValues.FindEmails(text))
            {
                facts.Add(new LinkFact(LinkKind.Email, email, null, element, IsLink: false, IsRelMe: false, secondary));
            }

            foreach (var phone in ContactValues.FindPhones(text))
            {
                facts.Add(new LinkFact(LinkKind.Phone, phone, null, element, IsLink: false, IsRelMe: false, secondary));
            }
        }

        return facts;
    }

    /// <summary>
    /// Cheap pre-check before building a Uri: only the big networks' hosts can be profiles (or relative links on a
    /// page that is itself on one of them). Most of a page's links are internal navigation.
    /// </summary>
    private static bool MayBeProfile(Page page, string href)
    {
        if (href.Contains("linkedin", StringComparison.OrdinalIgnoreCase) || href.Contains("twitter", StringComparison.OrdinalIgnoreCase)
            || href.Contains("x.com", StringComparison.OrdinalIgnoreCase) || href.Contains("facebook", StringComparison.OrdinalIgnoreCase)
            || href.Contains("fb.com", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !href.Contains("://", StringComparison.Ordinal) && page.BaseUri is { } baseUri && SocialProfiles.IsSocialNetwork(baseUri);
    }

    /// <summary>
    /// Gives each link to the person it belongs to. Returns new "links" candidates for what belongs to nobody found
    /// so far: personal mailboxes, and profile links whose text is the name their slug spells.
    /// </summary>
    public static List<Found> Attach(Page page, IReadOnlyList<Found> people, Found? subject, List<LinkFact> facts)
    {
        var anchors = AnchorIndex(page, people);
        var names = new NameIndex(people);
        var held = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in people)
        {
            AddHeld(held, person);
        }

        var created = new List<Found>();
        var unattached = new List<LinkFact>();

        foreach (var fact in facts)
        {
            if (held.Contains(KeyOf(fact)))
            {
                continue;
            }

            // Role mailboxes (info@, press@) sit next to people all the time without being theirs; only markup that
            // says so (an h-card's u-email, itemprop="email") gives one to a person.
            var isRoleEmail = fact.Kind == LinkKind.Email && ContactValues.IsRoleEmail(fact.Value);
            // (a function mailbox on a domain that is the subject's name is still the subject's: see BelongsToSubject)
            var owner = isRoleEmail ? null : ByName(people, names, fact) ?? ByProximity(page, people, anchors, fact);
            if (owner is null && subject is not null && (!fact.IsSecondary || fact.IsRelMe) && BelongsToSubject(subject, fact))
            {
                owner = subject;
            }

            if (owner is not null && CanTake(owner, fact))
            {
                Give(owner, fact);
                held.Add(KeyOf(fact));
            }
            else
            {
                unattached.Add(fact);
            }
        }

        // Personal mailboxes nobody claimed become people of their own (named by the link text when it is a name).
        foreach (var fact in unattached.Where(f => f.Kind == LinkKind.Email && !ContactValues.IsRoleEmail(f.Value)))
        {
            var name = fact.Text is null ? null : PageTitles.NameOf(fact.Text);
            if (people.Count > 0 && name is null && !LooksPersonal(fact.Value))
            {
                continue; // a bare address somewhere on a page that is about someone else
            }

            if (!held.Add(KeyOf(fact)))
            {
                continue; // the same address linked twice
            }

            var found = new Found("links", fact.Element, page.Order(fact.Element));
            found.AddEmail(fact.Value);
            found.AddName(name);
            created.Add(found);
        }

        // "People also viewed" and team lists link profiles with the person's name as the link text; when the
        // profile's slug spells that name, the link alone is a person.
        foreach (var fact in unattached.Where(f => f.Kind == LinkKind.Profile && f.IsLink))
        {
            if (NamedProfile(fact) is { } person && held.Add(KeyOf(fact)))
            {
                person.Order = page.Order(fact.Element);
                created.Add(person);
            }
        }

        // A page with no people at all but a personal mailbox or profile in its main content: those links describe
        // one person (a minimal "contact me" page), so the other main-content links go with them.
        if (people.Count == 0)
        {
            var main = unattached.Where(f => !f.IsSecondary || f.IsRelMe).ToList();
            var owner = created.FirstOrDefault();
            if (owner is null && main.FirstOrDefault(f => f.Profile?.Network == SocialNetwork.LinkedIn) is { } linkedIn)
            {
                owner = new Found("links", linkedIn.Element, page.Order(linkedIn.Element));
                owner.AddName(linkedIn.Text is null ? null : PageTitles.NameOf(linkedIn.Text));
                created.Add(owner);
            }

            if (owner is not null)
            {
                foreach (var fact in main.Where(f => f.Kind != LinkKind.Email && CanTake(owner, f)))
                {
                    Give(owner, fact);
                }
            }
        }

        return created;
    }

    /// <summary>The one person whose name the address or handle spells.</summary>
    private static Found? ByName(IReadOnlyList<Found> people, NameIndex names, LinkFact fact) =>
        fact.Identifier is { } identifier && names.SingleMatch(TextUtil.FoldAlphanumeric(identifier)) is { } index
            ? people[index]
            : null;

    /// <summary>
    /// The one person shown in the smallest section around the link (walking up a few levels): a mailto in a team
    /// member's card belongs to that member. Two people in that section means it is not clear whose it is.
    /// </summary>
    private static Found? ByProximity(Page page, IReadOnlyList<Found> people, (int Start, int Person)[] anchors, LinkFact fact)
    {
        if (anchors.Length == 0)
        {
            return null;
        }

        // Never climb out of the link's region: a link in the sidebar is not the main person's because the sidebar
        // and the profile share a wrapper.
        var region = page.RegionOf(fact.Element);
        var element = fact.Element;
        for (var step = 0; step <= MaxAncestorSteps && element is not null && element.LocalName is not ("body" or "html")
            && page.RegionOf(element) == region; step++)
        {
            if (page.RangeOf(element) is { } range)
            {
                var owner = -1;
                var index = LowerBound(anchors, range.Start);
                for (; index < anchors.Length && anchors[index].Start <= range.End; index++)
                {
                    if (owner >= 0 && anchors[index].Person != owner)
                    {
                        return null;
                    }

                    owner = anchors[index].Person;
                }

                if (owner >= 0)
                {
                    var person = people[owner];
                    return fact.Identifier is { } id && Names.IdentifierNamesSomeoneElse(person.DisplayName, id) ? null : person;
                }
            }

            element = element.ParentElement;
        }

        return null;
    }

    /// <summary>A person from a profile link whose text starts with the name its slug spells ("John Smith CISO at Foo").</summary>
    private static Found? NamedProfile(LinkFact fact)
    {
        if (fact.Text is not { } text || fact.Identifier is not { } identifier || text.Length > 200)
        {
            return null;
        }

        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var count = Math.Min(4, tokens.Length); count >= 2; count--)
        {
            var name = Names.Clean(string.Join(' ', tokens[..count]));
            if (!Names.LooksLikePersonName(name) || !Names.IdentifierMatches(name, identifier))
            {
                continue;
            }

            var found = new Found("links", fact.Element, 0);
            found.AddName(name);
            found.AddProfile(fact.Profile!.Value);
            var rest = TextUtil.Normalize(string.Join(' ', tokens[count..]));
            if (JobTitles.LooksLikeJobTitle(rest))
            {
                var (title, organization) = JobTitles.SplitTitleAndOrganization(rest!);
                found.AddJobTitle(title);
                found.AddOrganization(organization);
            }

            return found;
        }

        return null;
    }

    /// <summary>Whether a main-content link on a page about <paramref name="subject"/> is plausibly theirs.</summary>
    private static bool BelongsToSubject(Found subject, LinkFact fact)
    {
        if (fact.Kind == LinkKind.Email && ContactValues.IsRoleEmail(fact.Value))
        {
            // hello@hannahkowalski.example on Hannah Kowalski's page is hers: the domain is her name.
            return OwnSite.DomainSpells(fact.Value[(fact.Value.IndexOf('@', StringComparison.Ordinal) + 1)..], subject.DisplayName);
        }

        if (fact.Identifier is { } identifier && Names.IdentifierNamesSomeoneElse(subject.DisplayName, identifier))
        {
            return false;
        }

        // "Follow John Smith on LinkedIn" on Jane's page is John's.
        var linkName = fact.Text is null ? null : PageTitles.NameOf(fact.Text);
        return linkName is null || Names.Key(linkName) == subject.NameKey;
    }

    private static bool LooksPersonal(string email)
    {
        var parts = ContactValues.LocalPart(email).Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts.All(p => p.Length >= 2 && TextUtil.AllLetters(p));
    }

    /// <summary>One key space for "is this value already someone's?": emails, phone digits, profile URLs.</summary>
    private static string KeyOf(LinkFact fact) => fact.Kind switch
    {
        LinkKind.Email => "e:" + fact.Value,
        LinkKind.Phone => "t:" + Digits(fact.Value),
        _ => "p:" + fact.Value,
    };

    private static void AddHeld(HashSet<string> held, Found person)
    {
        if (person.Email is not null)
        {
            held.Add("e:" + person.Email);
        }

        if (person.Phone is not null)
        {
            held.Add("t:" + Digits(person.Phone));
        }

        foreach (var profile in (ReadOnlySpan<string?>)[person.LinkedIn, person.Twitter, person.Facebook])
        {
            if (profile is not null)
            {
                held.Add("p:" + profile);
            }
        }
    }

    private static bool CanTake(Found person, LinkFact fact) => fact.Kind switch
    {
        LinkKind.Email => person.Email is null,
        LinkKind.Phone => person.Phone is null,
        _ => fact.Profile!.Value.Network switch
        {
            SocialNetwork.LinkedIn => person.LinkedIn is null,
            SocialNetwork.Twitter => person.Twitter is null,
            _ => person.Facebook is null,
        },
    };

    private static void Give(Found person, LinkFact fact)
    {
        switch (fact.Kind)
        {
            case LinkKind.Email:
                person.AddEmail(fact.Value);
                break;
            case LinkKind.Phone:
                person.AddPhone(fact.Value);
                break;
            default:
                person.AddProfile(fact.Profile!.Value);
                break;
        }
    }

    private static string Digits(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Every person's anchors by document position, for range queries.</summary>
    private static (int Start, int Person)[] AnchorIndex(Page page, IReadOnlyList<Found> people)
    {
        var list = new List<(int, int)>();
        for (var i = 0; i < people.Count; i++)
        {
            foreach (var anchor in people[i].Anchors)
            {
                if (page.RangeOf(anchor) is { } range)
                {
                    list.Add((range.Start, i));
                }
            }
        }

        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return [.. list];
    }

    /// <summary>
    /// Finds whose name an identifier spells without comparing it to every person: every spelling contains the
    /// family name, so the identifier's substrings are looked up in a family-name index.
    /// </summary>
    private sealed class NameIndex
    {
        private const int MaxIdentifierLength = 64;

        private readonly (string Given, string Family)?[] _parts;
        private readonly Dictionary<string, List<int>> _byFamily = new(StringComparer.Ordinal);

        public NameIndex(IReadOnlyList<Found> people)
        {
            _parts = new (string, string)?[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                _parts[i] = people[i].NameParts;
                if (_parts[i] is { } parts && parts.Family.Length >= 2)
                {
                    if (!_byFamily.TryGetValue(parts.Family, out var list))
                    {
                        _byFamily[parts.Family] = list = [];
                    }

                    list.Add(i);
                }
            }
        }

        /// <summary>The index of the one person the identifier names, or null for none or several.</summary>
        public int? SingleMatch(string foldedIdentifier)
        {
            if (_byFamily.Count == 0 || foldedIdentifier.Length is < 3 or > MaxIdentifierLength)
            {
                return null;
            }

            var lookup = _byFamily.GetAlternateLookup<ReadOnlySpan<char>>();
            var span = foldedIdentifier.AsSpan();
            int? match = null;
            for (var start = 0; start < span.Length - 1; start++)
            {
                for (var end = start + 2; end <= span.Length; end++)
                {
                    if (!lookup.TryGetValue(span[start..end], out var candidates))
                    {
                        continue;
                    }

                    foreach (var index in candidates)
                    {
                        if (index != match && Names.IdentifierMatches(_parts[index]!.Value, foldedIdentifier))
                        {
                            if (match is not null)
                            {
                                return null; // two people fit: do not guess
                            }

                            match = index;
                        }
                    }
                }
            }

            return match;
        }
    }

    private static int LowerBound((int Start, int Person)[] anchors, int start)
    {
        int low = 0, high = anchors.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (anchors[mid].Start < start)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
