using ComplianceConnect.Shared.Compliance;

namespace ComplianceConnect.Shared.Contracts;

/// <summary>The column the contact list is ordered by (then by id, so ties keep a stable order).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<ContactSort>))]
public enum ContactSort
{
    /// <summary>Last name, then first name; accents folded, case ignored.</summary>
    Name,
    Email,
    Company,
    Title,
    Authorization,
    Source,
    Created,
    Updated,
}

/// <summary>
/// Which of the organization's contacts: the People page's search and filters, used by the list, by
/// "all N matching this filter" in a bulk change and by the overview. What is left null (or false) does not filter.
/// A subscription-status filter joins here once unsubscribes exist.
/// </summary>
public sealed record ContactFilter
{
    /// <summary>Longest search text accepted.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>Words that must all occur in the name, email, company or title; case and accents are ignored ("oberg" finds "Öberg").</summary>
    public string? Search { get; init; }

    /// <summary>Only contacts with this legal basis.</summary>
    public AuthorizationType? Authorization { get; init; }

    /// <summary>Only contacts with no legal basis recorded; excludes <see cref="Authorization"/>.</summary>
    public bool WithoutAuthorization { get; init; }

    /// <summary>Only contacts from this source.</summary>
    public SourceType? Source { get; init; }

    /// <summary>Only contacts the signed-in user created (captured, imported or entered).</summary>
    public bool CapturedByMe { get; init; }

    /// <summary>Only unsubscribed contacts (true), only subscribed ones (false), or both (null).</summary>
    public bool? Unsubscribed { get; init; }

    /// <summary>Created on or after this day (UTC).</summary>
    public DateOnly? CreatedFrom { get; init; }

    /// <summary>Created on or before this day (UTC).</summary>
    public DateOnly? CreatedTo { get; init; }

    /// <summary>Last changed on or after this day (UTC).</summary>
    public DateOnly? UpdatedFrom { get; init; }

    /// <summary>Last changed on or before this day (UTC).</summary>
    public DateOnly? UpdatedTo { get; init; }

    /// <summary>Checks the filter; fields are named <paramref name="prefix"/> + their JSON name (e.g. <c>filter.search</c>).</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        errors.Text(prefix + "search", Search, MaxSearchLength);
        if (WithoutAuthorization && Authorization is not null)
        {
            errors.Add(prefix + "authorization", ValidationCodes.FilterConflict, "Choose a legal basis or \"none recorded\", not both.");
        }

        if (Authorization is { } a && !Enum.IsDefined(a))
        {
            errors.Add(prefix + "authorization", ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<AuthorizationType>()}", ComplianceRules.Names<AuthorizationType>());
        }

        if (Source is { } s && !Enum.IsDefined(s))
        {
            errors.Add(prefix + "source", ValidationCodes.UnknownValue, $"Is not a known value. {ComplianceRules.AllowedValues<SourceType>()}", ComplianceRules.Names<SourceType>());
        }

        if (CreatedFrom > CreatedTo)
        {
            errors.Add(prefix + "createdTo", ValidationCodes.DateRangeReversed, "Must not be before the start date.");
        }

        if (UpdatedFrom > UpdatedTo)
        {
            errors.Add(prefix + "updatedTo", ValidationCodes.DateRangeReversed, "Must not be before the start date.");
        }
    }

    /// <summary>True when nothing filters: every contact of the organization matches.</summary>
    public bool IsEmpty => this == new ContactFilter();
}

/// <summary>One page of the contact list.</summary>
/// <param name="Items">The contacts of this page, in the requested order.</param>
/// <param name="Total">How many contacts match the filter in all; null when the request said <c>total=false</c> (a client paging on keeps the first page's).</param>
/// <param name="NextCursor">Opaque: send it back as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record ContactPage(IReadOnlyList<ContactDto> Items, int? Total, string? NextCursor);

/// <summary>How many contacts a filter of the People list matches.</summary>
public sealed record ContactCount(int Total);

/// <summary>The organization's contacts counted by legal basis and by source, in one query.</summary>
/// <param name="Total">All contacts.</param>
/// <param name="WithoutLegalBasis">Contacts with no legal basis recorded.</param>
/// <param name="ByAuthorization">Contacts per legal basis (those with none are <see cref="WithoutLegalBasis"/>); every basis, zero included.</param>
/// <param name="BySource">Contacts per source; every source, zero included.</param>
public sealed record ComplianceOverviewDto(
    int Total,
    int WithoutLegalBasis,
    IReadOnlyList<AuthorizationCount> ByAuthorization,
    IReadOnlyList<SourceCount> BySource)
{
    /// <summary>Contacts who unsubscribed (their share of <see cref="Total"/> is shown on the overview).</summary>
    public int Unsubscribed { get; init; }
}

/// <summary>How many contacts have one legal basis.</summary>
public sealed record AuthorizationCount(AuthorizationType Type, int Count);

/// <summary>How many contacts come from one source.</summary>
public sealed record SourceCount(SourceType Type, int Count);

/// <summary>
/// The contacts a bulk change applies to: the ids the rep selected, or every contact matching a filter
/// together with the count the rep confirmed (a filter that now matches another number is refused with 409).
/// </summary>
public abstract record BulkChangeRequest
{
    /// <summary>Most ids one request may name.</summary>
    public const int MaxIds = 100_000;

    /// <summary>The selected contacts; ids that are not the organization's are reported as not found.</summary>
    public IReadOnlyList<Guid>? Ids { get; init; }

    /// <summary>Every contact matching this filter (instead of <see cref="Ids"/>).</summary>
    public ContactFilter? Filter { get; init; }

    /// <summary>With <see cref="Filter"/>: the number of contacts the rep was shown and confirmed.</summary>
    public int? ExpectedCount { get; init; }

    /// <summary>Exactly one of ids or filter; a filter carries its confirmed count.</summary>
    protected void ValidateSelection(ValidationErrors errors)
    {
        if (ExpectedCount is < 0)
        {
            errors.Add("expectedCount", ValidationCodes.OutOfRange, "Must be 0 or more.");
        }

        if ((Ids is null) == (Filter is null))
        {
            errors.Add("ids", ValidationCodes.SelectionRequired, "Give either the ids of the selected contacts or a filter, not both.");
            return;
        }

        if (Ids is { } ids)
        {
            if (ids.Count == 0)
            {
                errors.Add("ids", ValidationCodes.SelectionRequired, "Select at least one contact.");
            }
            else if (ids.Count > MaxIds)
            {
                errors.Add("ids", ValidationCodes.TooManyIds, $"At most {MaxIds} contacts per request (got {ids.Count}).", MaxIds, ids.Count);
            }
        }

        if (Filter is { } filter)
        {
            filter.Validate(errors, "filter.");
            if (ExpectedCount is null)
            {
                errors.Add("expectedCount", ValidationCodes.Required, "Is required with a filter: the number of contacts the user confirmed.");
            }
        }
        else if (ExpectedCount is not null)
        {
            errors.Add("expectedCount", ValidationCodes.OnlyWithFilter, "Is only allowed with a filter.");
        }
    }
}

/// <summary>Sets the legal basis of many contacts, with the same rules as the compliance card.</summary>
public sealed record BulkAuthorizationRequest : BulkChangeRequest, IValidatableRequest
{
    /// <summary>The legal basis to record (required).</summary>
    public AuthorizationType? AuthorizationType { get; init; }

    /// <summary>Describes an "Other" legal basis.</summary>
    public string? AuthorizationDescription { get; init; }

    /// <summary>When consent was given (Consent only).</summary>
    public DateOnly? ConsentDate { get; init; }

    /// <summary>The purpose consented to (Consent only).</summary>
    public string? ConsentPurpose { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors) => Validate(errors, DateOnly.MaxValue);

    /// <summary>Checks the selection and the card's legal-basis rules against <paramref name="today"/>.</summary>
    public void Validate(ValidationErrors errors, DateOnly today)
    {
        ValidateSelection(errors);
        if (AuthorizationType is null)
        {
            errors.Add(ComplianceRules.Fields.AuthorizationType, ValidationCodes.Required, $"Is required. {ComplianceRules.AllowedValues<AuthorizationType>()}");
        }

        ComplianceRules.ValidateAuthorization(errors, AuthorizationType, AuthorizationDescription, ConsentDate, ConsentPurpose, today);
    }
}

/// <summary>Sets the source of many contacts, with the same rules as the compliance card.</summary>
public sealed record BulkSourceRequest : BulkChangeRequest, IValidatableRequest
{
    /// <summary>The source to record (required).</summary>
    public SourceType? SourceType { get; init; }

    /// <summary>Describes an "Other" source.</summary>
    public string? SourceDescription { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        ValidateSelection(errors);
        if (SourceType is null)
        {
            errors.Add(ComplianceRules.Fields.SourceType, ValidationCodes.Required, $"Is required. {ComplianceRules.AllowedValues<SourceType>()}");
        }

        ComplianceRules.ValidateSource(errors, SourceType, SourceDescription);
    }
}

/// <summary>Records by hand that the selected contacts asked not to be emailed; those already unsubscribed stay as they are.</summary>
public sealed record BulkUnsubscribeRequest : BulkChangeRequest, IValidatableRequest
{
    /// <summary>Why (optional), recorded on each contact's unsubscribe event.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        ValidateSelection(errors);
        errors.Text(nameof(Reason), Reason, Limits.Description);
    }
}

/// <summary>Every contact matching the People list's filter, as one CSV (an empty filter: all of them).</summary>
/// <param name="Filter">The list's search and filters.</param>
public sealed record ExportMatchingRequest(ContactFilter? Filter) : IValidatableRequest
{
    /// <inheritdoc />
    public void Validate(ValidationErrors errors)
    {
        if (Filter is null)
        {
            errors.Add("filter", ValidationCodes.Required, "Give the filter of the contacts to export (an empty object for all).");
            return;
        }

        Filter.Validate(errors, "filter.");
    }
}

/// <summary>What a bulk change did.</summary>
/// <param name="Updated">Contacts the change was applied to (each one whose values changed has its own audit entry).</param>
/// <param name="NotFound">Requested ids that are not contacts of the organization; nothing was done to them.</param>
public sealed record BulkChangeResult(int Updated, IReadOnlyList<Guid> NotFound);
