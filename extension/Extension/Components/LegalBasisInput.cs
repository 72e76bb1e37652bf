using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Compliance;

namespace ComplianceConnect.Extension.Components;

/// <summary>What the legal-basis fields hold while a rep edits them.</summary>
/// <param name="Type">An <see cref="AuthorizationType"/> name, or "" for not recorded.</param>
public sealed record LegalBasisInput(string Type, DateOnly? ConsentDate, string? ConsentPurpose, string? Description)
{
    public static LegalBasisInput Empty { get; } = new("", null, null, null);

    public AuthorizationType? Authorization => Enum.TryParse<AuthorizationType>(Type, out var type) ? type : null;

    /// <summary>Only what the chosen basis allows: values typed into fields that are now hidden are dropped.</summary>
    public (AuthorizationType? Type, DateOnly? ConsentDate, string? ConsentPurpose, string? Description) ToRequest()
    {
        var type = Authorization;
        var consent = type == AuthorizationType.Consent;
        return (type, consent ? ConsentDate : null, consent ? TextValue.OrNull(ConsentPurpose) : null, type == AuthorizationType.Other ? TextValue.OrNull(Description) : null);
    }

    public static LegalBasisInput From(ComplianceCardDto card) =>
        new(card.AuthorizationType?.ToString() ?? "", card.ConsentDate, card.ConsentPurpose, card.AuthorizationDescription);
}
