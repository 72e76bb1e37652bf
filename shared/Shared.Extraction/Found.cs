using AngleSharp.Dom;

namespace ComplianceConnect.Shared.Extraction;

/// <summary>What the markup says about a person's place on the page; the ranker turns these into an order.</summary>
[Flags]
internal enum Hints
{
    None = 0,

    /// <summary>Declared as the page's subject: ProfilePage mainEntity, representative h-card, og:type profile.</summary>
    DeclaredSubject = 1,

    /// <summary>A top-level item in the structured data (not nested inside something else).</summary>
    TopLevel = 2,

    /// <summary>The author of the page's main content.</summary>
    PageAuthor = 4,

    /// <summary>The page's main heading names this person.</summary>
    MainHeading = 8,
}

/// <summary>How much a URL says about being the person's own website.</summary>
internal enum UrlUse
{
    /// <summary>The person's own url property: a website unless it is on a social network.</summary>
    Own,

    /// <summary>sameAs or an unlabelled link: a website only when it is not a big multi-user platform.</summary>
    SameAs,

    /// <summary>Only social profiles are taken.</summary>
    ProfileOnly,
}

/// <summary>
/// A person as one reader saw them, before merging. Mutable on purpose: readers fill it property by property
/// and the first value found for a field wins (readers visit the page in document order).
/// </summary>
internal sealed class Found(string origin, IElement? anchor, long order)
{
    public string Origin { get; } = origin;

    /// <summary>Where on the page the person is shown (none for JSON-LD and meta tags, which sit outside the layout).</summary>
    public List<IElement> Anchors { get; } = anchor is null ? [] : [anchor];

    /// <summary>Document order, for a stable order among equally relevant people.</summary>
    public long Order { get; set; } = order;

    public Hints Hints { get; set; }

    public string? FullName { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? JobTitle { get; set; }

    public string? Organization { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Website { get; set; }

    /// <summary>Their author archive on a multi-author site ("/author/dmitri/"): the website only when none is known.</summary>
    public string? AuthorArchive { get; set; }

    public string? LinkedIn { get; set; }

    public string? Twitter { get; set; }

    public string? Facebook { get; set; }

    /// <summary>The best name available: the full name, else given and family name joined.</summary>
    public string? DisplayName =>
        FullName ?? TextUtil.Normalize(string.Join(' ', new[] { GivenName, FamilyName }.Where(p => p is not null)));

    /// <summary>
    /// <see cref="Names.Key"/> of <see cref="DisplayName"/>, cached: merging, ranking and link attachment all ask for
    /// it, and on a directory page with thousands of people recomputing it dominated the run time.
    /// </summary>
    public string? NameKey
    {
        get
        {
            var name = DisplayName;
            if (!string.Equals(name, _nameKeySource, StringComparison.Ordinal))
            {
                _nameKey = Names.Key(name);
                _nameKeySource = name;
            }

            return _nameKey;
        }
    }

    /// <summary>Folded given and family name parts of <see cref="NameKey"/>; null for single names. Cached with the key.</summary>
    public (string Given, string Family)? NameParts
    {
        get
        {
            var key = NameKey;
            if (!ReferenceEquals(key, _namePartsKey))
            {
                _nameParts = Names.PartsOfKey(key);
                _namePartsKey = key;
            }

            return _nameParts;
        }
    }

    private string? _namePartsKey;
    private (string Given, string Family)? _nameParts;

    private string? _nameKeySource;
    private string? _nameKey;

    /// <summary>True when there is something to contact or identify the person by, not just a title.</summary>
    public bool HasIdentity =>
        DisplayName is not null || Email is not null || Phone is not null || LinkedIn is not null || Twitter is not null
        || Facebook is not null;

    public void AddName(string? value) => FullName ??= TextUtil.DecodeAndNormalize(value);

    public void AddGivenName(string? value) => GivenName ??= TextUtil.DecodeAndNormalize(value);

    public void AddFamilyName(string? value) => FamilyName ??= TextUtil.DecodeAndNormalize(value);

    public void AddJobTitle(string? value)
    {
        var title = JobTitles.WithoutPlace(TextUtil.DecodeAndNormalize(value));
        if (title is { Length: <= 200 })
        {
            JobTitle ??= title;
        }
    }

    /// <summary>
    /// Falls back to the opening of a self-description ("Head of Data Protection @acme. Views my own.") when it is
    /// a job title, as profile bios on X, GitHub and LinkedIn usually are.
    /// </summary>
    public void AddRoleFromDescription(string? description)
    {
        if (JobTitle is not null || TextUtil.DecodeAndNormalize(description) is not { } text)
        {
            return;
        }

        var opening = TextUtil.BeforeAny(text, '.', '|', '·', '•', ';', '!', '\n').Trim();
        if (opening.Length <= 100 && JobTitles.LooksLikeJobTitle(opening))
        {
            var (title, organization) = JobTitles.SplitTitleAndOrganization(opening);
            AddJobTitle(title);
            AddOrganization(organization);
        }
    }

    public void AddOrganization(string? value) => Organization ??= JobTitles.CleanOrganization(TextUtil.DecodeAndNormalize(value));

    public void AddEmail(string? value) => Email ??= ContactValues.NormalizeEmail(value);

    public void AddPhone(string? value) => Phone ??= ContactValues.NormalizePhone(value);

    public void AddProfile(SocialProfile profile)
    {
        switch (profile.Network)
        {
            case SocialNetwork.LinkedIn:
                LinkedIn ??= profile.Url;
                break;
            case SocialNetwork.Twitter:
                Twitter ??= profile.Url;
                break;
            case SocialNetwork.Facebook:
                Facebook ??= profile.Url;
                break;
        }
    }

    /// <summary>Files a URL under the social profile it is, or as the website when <paramref name="use"/> allows.</summary>
    public void AddUrl(Uri? url, UrlUse use)
    {
        if (url is null || Urls.IsDevelopmentHost(url))
        {
            return;
        }

        if (SocialProfiles.Classify(url) is { } profile)
        {
            AddProfile(profile);
            return;
        }

        var allowed = use switch
        {
            UrlUse.Own => !SocialProfiles.IsSocialNetwork(url),
            UrlUse.SameAs => !SocialProfiles.IsPlatform(url),
            _ => false,
        };
        if (allowed && Urls.IsAuthorArchive(url))
        {
            AuthorArchive ??= Urls.WithoutTracking(url); // the blog's page about them; their own site, if linked, wins
        }
        else if (allowed)
        {
            Website ??= Urls.WithoutTracking(url);
        }
    }

    /// <summary>
    /// The public shape: names cleaned ("Dr. Jane Doe, CIPP/E" → "Jane Doe"), missing name parts derived from the
    /// others, text fields normalized. Null when nothing identifies the person.
    /// </summary>
    public PersonCandidate? ToCandidate()
    {
        var fullName = Names.Reversed(Names.Clean(FullName));
        var given = Names.Clean(GivenName);
        var family = Names.Clean(FamilyName);

        // Some sites (X among them) put the whole display name into givenName.
        if (family is null && given is not null && given.Contains(' ', StringComparison.Ordinal)
            && (fullName is null || Names.Key(fullName) == Names.Key(given)))
        {
            (fullName, given) = (fullName ?? given, null);
        }

        fullName ??= TextUtil.Normalize(string.Join(' ', new[] { given, family }.Where(p => p is not null)));
        if (fullName is not null)
        {
            if (given is null && family is null)
            {
                (given, family) = Names.Split(fullName);
                (given, family) = CompoundFamilyName(given, family);
            }
            else if (given is null && fullName.EndsWith(" " + family, StringComparison.OrdinalIgnoreCase))
            {
                given = TextUtil.Normalize(fullName[..^family!.Length]);
            }
            else if (family is null && fullName.StartsWith(given + " ", StringComparison.OrdinalIgnoreCase))
            {
                family = TextUtil.Normalize(fullName[given!.Length..]);
            }
        }

        var candidate = new PersonCandidate
        {
            FullName = fullName,
            GivenName = given,
            FamilyName = family,
            JobTitle = TextUtil.Normalize(JobTitle),
            Organization = JobTitles.CleanOrganization(Organization),
            Email = Email,
            Phone = Phone,
            Website = Website ?? AuthorArchive,
            LinkedIn = LinkedIn,
            Twitter = Twitter,
            Facebook = Facebook,
            Origin = Origin,
        };

        return candidate is { FullName: null, Email: null, Phone: null, LinkedIn: null, Twitter: null, Facebook: null }
            ? null
            : candidate;
    }

    /// <summary>
    /// "Gabriel García Márquez" is Gabriel + García Márquez, not Gabriel García + Márquez, when the person's own
    /// address or profile spells the two family names together (gabriel@garciamarquez…) and the middle word is not
    /// a known given name. Without such evidence the last word stays the family name.
    /// </summary>
    private (string? Given, string? Family) CompoundFamilyName(string? given, string? family)
    {
        if (given is null || family is null || family.Contains(' ', StringComparison.Ordinal))
        {
            return (given, family);
        }

        var space = given.LastIndexOf(' ');
        if (space <= 0)
        {
            return (given, family);
        }

        var middle = given[(space + 1)..];
        if (GivenNames.StartsWithKnownGivenName(middle) || middle.Length < 2 || !char.IsUpper(middle[0]))
        {
            return (given, family);
        }

        var joined = TextUtil.FoldAlphanumeric(middle + family);
        var identifiers = new List<string?>();
        if (Email is { } email)
        {
            identifiers.Add(email);
        }

        identifiers.AddRange([Website, AuthorArchive, LinkedIn, Twitter]);
        return identifiers.Any(i => i is not null && TextUtil.FoldAlphanumeric(i).Contains(joined, StringComparison.Ordinal))
            ? (given[..space], middle + " " + family)
            : (given, family);
    }

    /// <summary>Copies every field this candidate lacks from <paramref name="other"/>.</summary>
    public void FillFrom(Found other, bool includeNames = true)
    {
        if (includeNames)
        {
            FullName ??= other.FullName;
            GivenName ??= other.GivenName;
            FamilyName ??= other.FamilyName;
        }

        JobTitle ??= other.JobTitle;
        Organization ??= other.Organization;
        Email ??= other.Email;
        Phone ??= other.Phone;
        Website ??= other.Website;
        AuthorArchive ??= other.AuthorArchive;
        LinkedIn ??= other.LinkedIn;
        Twitter ??= other.Twitter;
        Facebook ??= other.Facebook;
    }
}
