namespace ComplianceConnect.Api.Features.Audit;

/// <summary>What an audit entry records.</summary>
public static class AuditActions
{
    public const string ContactCreated = "contact.created";
    public const string ContactCaptured = "contact.captured";
    public const string PersonalDataChanged = "contact.personal-data-changed";
    public const string ComplianceCardChanged = "contact.compliance-card-changed";
    public const string ContactExported = "contact.exported";
    public const string ContactErased = "contact.erased";
}
