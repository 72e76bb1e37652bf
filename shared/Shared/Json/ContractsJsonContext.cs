using System.Text.Json;
using System.Text.Json.Serialization;
using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;

namespace ComplianceConnect.Shared.Json;

/// <summary>
/// Source-generated JSON metadata for every wire type, so the WebAssembly client stays
/// trimmable and the API serializes without reflection.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowDuplicateProperties = false,
    Converters = [typeof(StrictStringConverter)])]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(SignOutRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(CurrentUserDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(List<UserDto>))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(CreateContactRequest))]
[JsonSerializable(typeof(UpdateContactRequest))]
[JsonSerializable(typeof(ContactDto))]
[JsonSerializable(typeof(SendEmailRequest))]
[JsonSerializable(typeof(SendEmailResponse))]
[JsonSerializable(typeof(List<EmailDto>))]
[JsonSerializable(typeof(SubscriptionDto))]
[JsonSerializable(typeof(ManualUnsubscribeRequest))]
[JsonSerializable(typeof(ResubscribeRequest))]
[JsonSerializable(typeof(PrivacyNoticeDto))]
[JsonSerializable(typeof(List<PrivacyNoticeDueDto>))]
[JsonSerializable(typeof(SalesforceConnectionRequest))]
[JsonSerializable(typeof(SalesforceConnectionDto))]
[JsonSerializable(typeof(SalesforceTestResultDto))]
[JsonSerializable(typeof(PagedResult<ContactDto>))]
[JsonSerializable(typeof(ContactPage))]
[JsonSerializable(typeof(ContactCount))]
[JsonSerializable(typeof(ContactFilter))]
[JsonSerializable(typeof(ComplianceOverviewDto))]
[JsonSerializable(typeof(BulkAuthorizationRequest))]
[JsonSerializable(typeof(BulkSourceRequest))]
[JsonSerializable(typeof(BulkUnsubscribeRequest))]
[JsonSerializable(typeof(ExportMatchingRequest))]
[JsonSerializable(typeof(BulkChangeResult))]
[JsonSerializable(typeof(ComplianceCardDto))]
[JsonSerializable(typeof(UpdateComplianceCardRequest))]
[JsonSerializable(typeof(AuditEntryDto))]
[JsonSerializable(typeof(List<AuditEntryDto>))]
[JsonSerializable(typeof(AuditVerificationDto))]
[JsonSerializable(typeof(AuditCheckpointDto))]
[JsonSerializable(typeof(CaptureRequest))]
[JsonSerializable(typeof(CaptureResponse))]
[JsonSerializable(typeof(ContactIdsRequest))]
[JsonSerializable(typeof(ErasureResult))]
[JsonSerializable(typeof(SuppressionCountDto))]
[JsonSerializable(typeof(DataSubjectCopyDto))]
[JsonSerializable(typeof(ImportJobDto))]
[JsonSerializable(typeof(List<ImportJobDto>))]
[JsonSerializable(typeof(RetentionSettingsDto))]
[JsonSerializable(typeof(PhoneRegionSettingsDto))]
[JsonSerializable(typeof(RetentionKeepRequest))]
[JsonSerializable(typeof(PagedResult<RetentionDueDto>))]
[JsonSerializable(typeof(ProblemDocument))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;

/// <summary>The parts of an RFC 9457 problem document a client shows to a person.</summary>
public sealed record ProblemDocument
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }

    /// <summary>Field → English messages (validation problems and conflicts).</summary>
    public Dictionary<string, string[]>? Errors { get; init; }

    /// <summary>Field → stable codes (<see cref="ValidationCodes"/>), in the order of <see cref="Errors"/>.</summary>
    public Dictionary<string, string[]>? Codes { get; init; }

    /// <summary>The stable code of a problem of the whole request (sign-in, conflict, rate limit).</summary>
    public string? Code { get; init; }

    /// <summary>With <c>erased_person</c>: when the person was erased (GDPR Art. 17), so a client can say when.</summary>
    public DateTimeOffset? ErasedAt { get; init; }
}

/// <summary>The JSON rules of the contracts, for serializer options that do not come from <see cref="ContractsJsonContext"/> (the API's).</summary>
public static class ContractsJson
{
    /// <summary>Refuses duplicate properties and NUL characters, as <see cref="ContractsJsonContext"/> does.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false;
        if (!options.Converters.OfType<StrictStringConverter>().Any())
        {
            options.Converters.Add(new StrictStringConverter());
        }
    }
}
