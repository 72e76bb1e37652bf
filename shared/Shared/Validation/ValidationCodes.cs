namespace ComplianceConnect.Shared;

/// <summary>
/// The stable codes of every rule failure and every non-field problem. They travel in problem
/// details (<c>codes</c> per field, <c>code</c> for the whole request) beside an English message,
/// so a client can show the failure in its user's language. A code never changes its meaning;
/// a new failure gets a new code.
/// </summary>
public static class ValidationCodes
{
    // Field rules.

    /// <summary>A value is required.</summary>
    public const string Required = "required";

    /// <summary>Text is longer than its limit (args: the limit, the length).</summary>
    public const string TooLong = "too_long";

    /// <summary>Text is shorter than its minimum (args: the minimum).</summary>
    public const string TooShort = "too_short";

    /// <summary>Not an email address.</summary>
    public const string EmailInvalid = "email_invalid";

    /// <summary>Not a phone number.</summary>
    public const string PhoneInvalid = "phone_invalid";

    /// <summary>Not an absolute http(s) URL.</summary>
    public const string UrlInvalid = "url_invalid";

    /// <summary>Not one of the names an enumeration allows (args: the allowed values).</summary>
    public const string UnknownValue = "unknown_value";

    /// <summary>A value of the wrong type or shape (e.g. <c>page=abc</c>, a number where text belongs).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>A number outside its allowed range.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>Text holds a NUL character (U+0000), which no stored text may contain.</summary>
    public const string NulCharacter = "nul_character";

    /// <summary>A JSON object names the same property twice.</summary>
    public const string DuplicateProperty = "duplicate_property";

    /// <summary>The request body is missing or is not JSON.</summary>
    public const string BodyInvalid = "body_invalid";

    /// <summary>The request body is larger than the API accepts.</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>Consent needs its date (GDPR Art. 7(1)).</summary>
    public const string ConsentDateRequired = "consent_date_required";

    /// <summary>Consent needs its purpose (GDPR Art. 7(1)).</summary>
    public const string ConsentPurposeRequired = "consent_purpose_required";

    /// <summary>A consent date after the latest date anywhere on Earth (args: that date).</summary>
    public const string ConsentDateInFuture = "consent_date_in_future";

    /// <summary>A consent date before the earliest plausible one (args: that date).</summary>
    public const string ConsentDateTooEarly = "consent_date_too_early";

    /// <summary>A consent date or purpose with a legal basis other than Consent.</summary>
    public const string OnlyWithConsent = "only_with_consent";

    /// <summary>"Other" (legal basis or source) needs a description.</summary>
    public const string DescriptionRequiredForOther = "description_required_for_other";

    /// <summary>A description with a legal basis or source other than "Other".</summary>
    public const string OnlyWithOther = "only_with_other";

    /// <summary>A contact needs a first name, a last name or an email.</summary>
    public const string ContactNeedsIdentity = "contact_needs_identity";

    /// <summary>An edit must send the version it was made on.</summary>
    public const string VersionRequired = "version_required";

    /// <summary>A lookup needs an email or a LinkedIn profile URL.</summary>
    public const string LookupNeedsKey = "lookup_needs_key";

    /// <summary>A list filter asks for two things that exclude each other (a legal basis and "none recorded").</summary>
    public const string FilterConflict = "filter_conflict";

    /// <summary>The end of a date range lies before its start.</summary>
    public const string DateRangeReversed = "date_range_reversed";

    /// <summary>A list cursor that this API did not hand out for this sort order.</summary>
    public const string CursorInvalid = "cursor_invalid";

    /// <summary>A bulk change names no contacts, or both ids and a filter.</summary>
    public const string SelectionRequired = "selection_required";

    /// <summary>A bulk change names more contacts than one request may (args: the limit, the count).</summary>
    public const string TooManyIds = "too_many_ids";

    /// <summary>A value that only goes with a filter (the confirmed count) was sent with ids.</summary>
    public const string OnlyWithFilter = "only_with_filter";

    // Problems of the whole request (the top-level code).

    /// <summary>The filter of a bulk change now matches another number of contacts than the user confirmed; nothing changed.</summary>
    public const string SelectionChanged = "selection_changed";

    /// <summary>Wrong email or password (deliberately not saying which).</summary>
    public const string SignInFailed = "sign_in_failed";

    /// <summary>The email belongs to users of several organizations: the organization must be named.</summary>
    public const string SignInAmbiguous = "sign_in_ambiguous";

    /// <summary>The refresh token is invalid, expired or already used.</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>Someone else changed the compliance card since it was read.</summary>
    public const string StaleCard = "stale_card";

    /// <summary>Someone else changed the contact since it was read.</summary>
    public const string StaleContact = "stale_contact";

    /// <summary>A contact with this email or LinkedIn profile already exists.</summary>
    public const string DuplicateContact = "duplicate_contact";

    /// <summary>A user with this email already exists in the organization.</summary>
    public const string DuplicateUser = "duplicate_user";

    /// <summary>No such record in the caller's organization.</summary>
    public const string NotFound = "not_found";

    /// <summary>The contact unsubscribed: nothing is sent to them.</summary>
    public const string RecipientUnsubscribed = "recipient_unsubscribed";

    /// <summary>The contact has no email address.</summary>
    public const string RecipientHasNoEmail = "recipient_has_no_email";

    /// <summary>The first email to a contact whose data was not collected from them needs the organization's privacy notice (GDPR Art. 14).</summary>
    public const string PrivacyNoticeMissing = "privacy_notice_missing";

    /// <summary>An unsubscribe was to be lifted, but the contact is not unsubscribed.</summary>
    public const string NotUnsubscribed = "not_unsubscribed";

    /// <summary>The organization has no Salesforce connection.</summary>
    public const string SalesforceNotConnected = "salesforce_not_connected";

    /// <summary>Salesforce refused the stored credentials (no token was issued).</summary>
    public const string SalesforceAuthFailed = "salesforce_auth_failed";

    /// <summary>Salesforce could not be reached or answered with an error.</summary>
    public const string SalesforceUnavailable = "salesforce_unavailable";

    /// <summary>Connecting Salesforce needs the secret its sign-in kind uses (client secret or refresh token).</summary>
    public const string SalesforceSecretRequired = "salesforce_secret_required";

    /// <summary>Salesforce refused a call because the organization's API request limit is used up (REQUEST_LIMIT_EXCEEDED).</summary>
    public const string SalesforceRequestLimit = "salesforce_request_limit";

    /// <summary>The stored Salesforce secret cannot be decrypted with this server's keys: the connection must be saved again.</summary>
    public const string SalesforceSecretUnreadable = "salesforce_secret_unreadable";

    /// <summary>The database refused a record a Salesforce run read; the run stopped there and the next one resumes from it.</summary>
    public const string SalesforceRecordRefused = "salesforce_record_refused";

    /// <summary>Too many requests; the Retry-After header says when to try again.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The service cannot reach its database for now; the Retry-After header says when to try again.</summary>
    public const string ServiceUnavailable = "service_unavailable";
    /// <summary>The person was erased (GDPR Art. 17) and is on the suppression list: they cannot be added again (extension <c>erasedAt</c>).</summary>
    public const string ErasedPerson = "erased_person";

    /// <summary>An upload is not a CSV file the import can read (encoding, quotes, header, binary); nothing was written.</summary>
    public const string ImportFileInvalid = "import_file_invalid";

    /// <summary>An import row repeats the email or LinkedIn profile of an earlier row of the same file.</summary>
    public const string DuplicateInFile = "duplicate_in_file";
}
