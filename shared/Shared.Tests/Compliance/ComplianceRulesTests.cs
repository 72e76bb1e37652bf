using ComplianceConnect.Shared.Compliance;
using ComplianceConnect.Shared.Contracts;
using static ComplianceConnect.Shared.Compliance.ComplianceRules;

namespace ComplianceConnect.Shared.Tests.Compliance;

public sealed class ComplianceRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static ValidationErrors Authorization(AuthorizationType? type, DateOnly? date = null, string? purpose = null, string? description = null)
    {
        var errors = new ValidationErrors();
        ValidateAuthorization(errors, type, description, date, purpose, Today);
        return errors;
    }

    private static ValidationErrors Source(SourceType? type, string? description = null)
    {
        var errors = new ValidationErrors();
        ValidateSource(errors, type, description);
        return errors;
    }

    /// <summary>The codes, field by field, as "field:code" in the order they were added.</summary>
    private static string[] Codes(ValidationErrors errors) =>
        [.. errors.Codes().SelectMany(e => e.Value.Select(code => $"{e.Key}:{code}"))];

    [Fact]
    public void Consent_with_a_past_date_and_a_purpose_is_accepted() =>
        Assert.True(Authorization(AuthorizationType.Consent, Today.AddDays(-3), "Newsletter").IsValid);

    [Fact]
    public void Consent_given_on_the_latest_date_accepted_is_accepted() =>
        Assert.True(Authorization(AuthorizationType.Consent, Today, "Newsletter").IsValid);

    [Fact]
    public void Consent_on_the_earliest_date_accepted_is_accepted() =>
        Assert.True(Authorization(AuthorizationType.Consent, EarliestConsentDate, "Newsletter").IsValid);

    [Fact]
    public void Consent_without_date_and_purpose_is_refused_with_both_codes() =>
        Assert.Equal(["consentDate:consent_date_required", "consentPurpose:consent_purpose_required"], Codes(Authorization(AuthorizationType.Consent)));

    [Fact]
    public void Consent_with_a_blank_purpose_is_refused() =>
        Assert.Equal(["consentPurpose:consent_purpose_required"], Codes(Authorization(AuthorizationType.Consent, Today, "   ")));

    [Fact]
    public void Consent_dated_after_the_latest_date_accepted_is_refused_and_says_that_date()
    {
        var errors = Authorization(AuthorizationType.Consent, Today.AddDays(1), "Newsletter");

        Assert.Equal(["consentDate:consent_date_in_future"], Codes(errors));
        Assert.Equal(["2026-06-15"], Assert.Single(errors.Failures("consentDate")).Args);
    }

    [Fact]
    public void Consent_date_before_1970_is_refused()
    {
        Assert.Equal(["consentDate:consent_date_too_early"], Codes(Authorization(AuthorizationType.Consent, new DateOnly(1969, 12, 31), "Newsletter")));
        Assert.Equal(["consentDate:consent_date_too_early"], Codes(Authorization(AuthorizationType.Consent, DateOnly.MinValue, "Newsletter")));
    }

    [Fact]
    public void A_consent_purpose_over_the_limit_is_refused_as_too_long() =>
        Assert.Equal(["consentPurpose:too_long"], Codes(Authorization(AuthorizationType.Consent, Today, new string('x', Limits.Description + 1))));

    [Theory]
    [InlineData(AuthorizationType.LegitimateInterest)]
    [InlineData(AuthorizationType.PerformanceOfContract)]
    [InlineData(AuthorizationType.LegalObligation)]
    [InlineData(AuthorizationType.VitalInterests)]
    [InlineData(AuthorizationType.PublicInterest)]
    [InlineData(null)]
    public void A_basis_other_than_consent_and_other_is_accepted_bare(AuthorizationType? type) =>
        Assert.True(Authorization(type).IsValid);

    [Theory]
    [InlineData(AuthorizationType.LegitimateInterest)]
    [InlineData(AuthorizationType.Other)]
    [InlineData(null)]
    public void A_consent_date_or_purpose_without_consent_is_refused(AuthorizationType? type) =>
        Assert.Equal(["consentDate:only_with_consent", "consentPurpose:only_with_consent"],
            Codes(Authorization(type, Today, "Newsletter", type == AuthorizationType.Other ? "Works council" : null)));

    [Fact]
    public void Other_with_a_description_is_accepted() =>
        Assert.True(Authorization(AuthorizationType.Other, description: "Works council agreement").IsValid);

    [Fact]
    public void Other_without_a_description_is_refused() =>
        Assert.Equal(["authorizationDescription:description_required_for_other"], Codes(Authorization(AuthorizationType.Other, description: " ")));

    [Fact]
    public void A_description_without_other_is_refused() =>
        Assert.Equal(["authorizationDescription:only_with_other"], Codes(Authorization(AuthorizationType.LegitimateInterest, description: "Because")));

    [Fact]
    public void An_undeclared_legal_basis_number_is_refused_as_unknown() =>
        Assert.Equal(["authorizationType:unknown_value"], Codes(Authorization((AuthorizationType)42)));

    [Fact]
    public void Source_other_with_a_description_is_accepted() =>
        Assert.True(Source(SourceType.Other, "Trade fair list").IsValid);

    [Theory]
    [InlineData(SourceType.CrmSync)]
    [InlineData(SourceType.Import)]
    [InlineData(SourceType.ManualUpload)]
    [InlineData(SourceType.ChromeExtension)]
    public void A_source_other_than_other_is_accepted_bare(SourceType type) =>
        Assert.True(Source(type).IsValid);

    [Fact]
    public void Source_other_without_a_description_is_refused() =>
        Assert.Equal(["sourceDescription:description_required_for_other"], Codes(Source(SourceType.Other)));

    [Fact]
    public void A_source_description_without_other_is_refused() =>
        Assert.Equal(["sourceDescription:only_with_other"], Codes(Source(SourceType.Import, "From a list")));

    [Fact]
    public void An_undeclared_source_number_is_refused_as_unknown() =>
        Assert.Equal(["sourceType:unknown_value"], Codes(Source((SourceType)42)));

    [Fact]
    public void A_card_edit_without_source_and_version_is_refused_with_their_codes()
    {
        var errors = new ValidationErrors();
        new UpdateComplianceCardRequest(AuthorizationType.LegitimateInterest, null, null, null, null, null, null).Validate(errors, Today);

        Assert.Equal(["sourceType:required", "version:version_required"], Codes(errors));
    }

    [Fact]
    public void The_latest_date_accepted_is_the_date_already_reached_somewhere_on_earth() =>
        Assert.Equal(new DateOnly(2026, 6, 16), LatestToday(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void A_contact_without_name_or_email_is_refused_as_needing_an_identity()
    {
        var errors = new ValidationErrors();
        new CreateContactRequest { Company = "Acme" }.Validate(errors, Today);

        Assert.Equal(["firstName:contact_needs_identity"], Codes(errors));
    }

    [Fact]
    public void Passwords_over_256_characters_are_refused_at_sign_in_and_user_creation()
    {
        var signIn = new ValidationErrors();
        new SignInRequest("a@example.com", new string('p', Limits.Password + 1)).Validate(signIn);
        var user = new ValidationErrors();
        new CreateUserRequest("a@example.com", "A", new string('p', Limits.Password + 1), UserRole.Rep).Validate(user);
        var ok = new ValidationErrors();
        new SignInRequest("a@example.com", new string('p', Limits.Password)).Validate(ok);

        Assert.Equal(["password:too_long"], Codes(signIn));
        Assert.Equal(["password:too_long"], Codes(user));
        Assert.True(ok.IsValid);
    }

    [Fact]
    public void Errors_rebuilt_from_a_problem_keep_messages_and_codes_in_order()
    {
        var errors = ValidationErrors.From(
            new Dictionary<string, string[]> { ["consentDate"] = ["one", "two"], ["email"] = ["three"] },
            new Dictionary<string, string[]> { ["consentDate"] = ["a", "b"] });

        Assert.Equal(["a", "b"], errors.Failures("consentDate").Select(f => f.Code));
        Assert.Equal(["one", "two"], errors.For("consentDate"));
        Assert.Equal("", Assert.Single(errors.Failures("email")).Code);
    }
}
