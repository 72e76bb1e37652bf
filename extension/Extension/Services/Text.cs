using ComplianceConnect.Shared;
using ComplianceConnect.Shared.Client;
using ComplianceConnect.Shared.Compliance;

namespace ComplianceConnect.Extension.Services;

/// <summary>
/// UI strings in English and Swedish. The extension runs with invariant globalization, so these
/// tables are the localization; the Swedish GDPR terms are the regulation's own Swedish text.
/// </summary>
public sealed class Text(SettingsStore settings)
{
    public const string English = "en";
    public const string Swedish = "sv";

    private string _language = English;

    public string Language => _language;

    public async Task LoadAsync() => _language = (await settings.GetAsync()).Language;

    public void Use(string language) => _language = language == Swedish ? Swedish : English;

    public string this[string key] =>
        (_language == Swedish && Sv.TryGetValue(key, out var sv)) ? sv : En.TryGetValue(key, out var en) ? en : key;

    public string Format(string key, params object[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, this[key], args);

    /// <summary>
    /// The one way the extension shows a date, in both languages: ISO 8601 (2026-11-30), which reads the same to
    /// an English and a Swedish rep and matches what the date fields take.
    /// </summary>
    public static string Date(DateOnly date) => date.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A moment (when a contact was captured): the same date format, then the time in UTC, marked as such.</summary>
    public static string Date(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString(DateFormat + " HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    private const string DateFormat = "yyyy-MM-dd";

    public string Of(AuthorizationType? type) => type is null ? this["Auth.None"] : this["Auth." + type];

    public string Of(SourceType type) => this["Source." + type];

    /// <summary>A count as the rep's language writes it: 1,204 in English, 1 204 (no-break space) in Swedish.</summary>
    public string Number(int value)
    {
        var text = value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
        return _language == Swedish ? text.Replace(',', '\u00A0') : text;
    }

    /// <summary>
    /// A broken rule in the rep's language, found by its code (see <see cref="ValidationCodes"/>);
    /// the English message it came with when the code is unknown (a newer API) or missing.
    /// A failure from the API carries no values, so a text that shows them has a plain variant.
    /// </summary>
    public string Error(ValidationFailure failure)
    {
        if (CodeText(failure.Code) is not { } template)
        {
            return failure.Message;
        }

        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        return failure.Args.Length > 0
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, template, failure.Args)
            : CodeText(failure.Code + ".Plain") ?? failure.Message;
    }

    /// <summary>
    /// One sentence for a failed call, in the rep's language: the text of the problem's code; for a
    /// validation problem (its fields carry the details) a pointer to the marked fields; otherwise
    /// what the problem itself says.
    /// </summary>
    public string Describe<TValue>(ApiResult<TValue> result)
    {
        if (result.NetworkError is null && result.Problem is { } problem)
        {
            if (CodeText(problem.Code) is { } text && !text.Contains('{', StringComparison.Ordinal))
            {
                return text;
            }

            if (problem.Codes is { Count: > 0 })
            {
                return this["Error.Refused"];
            }
        }

        return result.Describe(this);
    }

    /// <summary>The field errors of a failed call (messages and codes), for the components that mark fields.</summary>
    public static ValidationErrors FieldErrors<TValue>(ApiResult<TValue> result) =>
        ValidationErrors.From(result.Problem?.Errors, result.Problem?.Codes);

    /// <summary>True when both languages have a text for <paramref name="code"/>.</summary>
    internal static bool HasCodeText(string code) => En.ContainsKey("Code." + code) && Sv.ContainsKey("Code." + code);

    private string? CodeText(string? code) =>
        string.IsNullOrEmpty(code) ? null
        : (_language == Swedish ? Sv : En).TryGetValue("Code." + code, out var text) ? text
        : null;

    private static readonly string EarliestConsent = ComplianceRules.EarliestConsentDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, string> En = new()
    {
        ["App.Loading"] = "Loading…",
        ["SignIn.Title"] = "Sign in",
        ["SignIn.Email"] = "Email",
        ["SignIn.Password"] = "Password",
        ["SignIn.Submit"] = "Sign in",
        ["SignIn.Busy"] = "Signing in…",
        ["SignIn.Expired"] = "Your session ended. Sign in again.",
        ["SignOut"] = "Sign out",
        ["Options"] = "Options",
        ["Options.Title"] = "Options",
        ["Options.ApiAddress"] = "API address",
        ["Options.ApiAddressHelp"] = "The address of your organization's Compliance Connect API.",
        ["Options.Language"] = "Language",
        ["Options.Save"] = "Save",
        ["Options.Saved"] = "Saved. The API answered.",
        ["Options.SavedUnreachable"] = "Saved, but no Compliance Connect API answered at {0}. Check the address and that the API is running.",
        ["Error.Network"] = "Could not reach the API at {0}. Check that it is running and that the API address in Options is right.",
        ["Error.Unexpected"] = "Something went wrong ({0}). Try again.",
        ["Error.Refused"] = "The API refused the marked fields; nothing was saved.",
        ["Code.required"] = "Is required.",
        ["Code.too_long"] = "Must be at most {0} characters long (got {1}).",
        ["Code.too_long.Plain"] = "Is too long.",
        ["Code.too_short"] = "Must be at least {0} characters long.",
        ["Code.too_short.Plain"] = "Is too short.",
        ["Code.email_invalid"] = "Must be an email address such as name@example.com.",
        ["Code.phone_invalid"] = "Must be a phone number such as +46 8 123 456 78.",
        ["Code.url_invalid"] = "Must be an absolute http or https URL.",
        ["Code.unknown_value"] = "Is not a known value. Allowed values: {0}.",
        ["Code.unknown_value.Plain"] = "Is not a known value.",
        ["Code.invalid_value"] = "Is not a valid value.",
        ["Code.out_of_range"] = "Is outside the allowed range.",
        ["Code.nul_character"] = "Must not contain a NUL character.",
        ["Code.duplicate_property"] = "Is given more than once.",
        ["Code.body_invalid"] = "The request could not be read.",
        ["Code.body_too_large"] = "The request is too large.",
        ["Code.consent_date_required"] = "Is required when the legal basis is Consent (GDPR Art. 7(1)).",
        ["Code.consent_purpose_required"] = "Is required when the legal basis is Consent (GDPR Art. 7(1)).",
        ["Code.consent_date_in_future"] = "Must not be in the future (the latest date accepted now is {0}).",
        ["Code.consent_date_in_future.Plain"] = "Must not be in the future.",
        ["Code.consent_date_too_early"] = $"Must be {EarliestConsent} or later.",
        ["Code.only_with_consent"] = "Is only allowed when the legal basis is Consent.",
        ["Code.description_required_for_other"] = "Is required when Other is chosen.",
        ["Code.only_with_other"] = "Is only allowed when Other is chosen.",
        ["Code.contact_needs_identity"] = "A contact needs a first name, a last name or an email.",
        ["Code.version_required"] = "Is required: send the version you edited.",
        ["Code.lookup_needs_key"] = "Give an email or a LinkedIn profile URL.",
        ["Code.sign_in_failed"] = "The email or password is incorrect.",
        ["Code.sign_in_ambiguous"] = "This email belongs to several organizations: name the organization to sign in to.",
        ["Code.session_ended"] = "Your session ended. Sign in again.",
        ["Code.stale_card"] = "Someone else changed this card while you were editing. Nothing was saved.",
        ["Code.stale_contact"] = "Someone else changed this contact since you loaded it. Nothing was saved.",
        ["Code.duplicate_contact"] = "A contact with this email or LinkedIn profile already exists.",
        ["Code.duplicate_user"] = "A user with this email already exists in your organization.",
        ["Subscription.Unsubscribed"] = "Unsubscribed on {0} via {1}. Nothing is emailed to this contact.",
        ["Subscription.Via.Link"] = "the link in an email",
        ["Subscription.Via.OneClick"] = "one-click unsubscribe in the mail client",
        ["Subscription.Via.SalesforceSync"] = "Salesforce",
        ["Subscription.Via.Manual"] = "a request recorded by hand",
        ["Subscription.Via.Admin"] = "an administrator",
        ["Code.rate_limited"] = "Too many attempts. Wait a moment and try again.",
        ["Code.not_found"] = "Was not found.",
        ["Code.recipient_unsubscribed"] = "This contact has unsubscribed; nothing was sent.",
        ["Code.recipient_has_no_email"] = "This contact has no email address.",
        ["Code.privacy_notice_missing"] = "The first email to a contact whose data was not collected from them must carry the privacy notice (GDPR Art. 14). An administrator sets it under Settings.",
        ["Code.not_unsubscribed"] = "This contact is not unsubscribed.",
        ["Code.service_unavailable"] = "The service is unavailable right now. Try again in a moment.",
        ["Code.filter_conflict"] = "Choose a legal basis or \"none recorded\", not both.",
        ["Code.date_range_reversed"] = "Must not be before the start date.",
        ["Code.cursor_invalid"] = "The list changed its order; start again from the first page.",
        ["Code.selection_required"] = "Select at least one contact.",
        ["Code.too_many_ids"] = "At most {0} contacts per change (got {1}).",
        ["Code.too_many_ids.Plain"] = "Too many contacts for one change.",
        ["Code.only_with_filter"] = "Is only allowed with a filter.",
        ["Code.selection_changed"] = "The filter now matches a different number of contacts than you confirmed. Nothing was changed; review the selection and confirm again.",
        ["Code.erased_person"] = "This person asked to have their data erased, so they cannot be added again.",
        ["Code.import_file_invalid"] = "The file cannot be imported: save it as CSV (UTF-8) with a header row. Nothing was imported.",
        ["Code.duplicate_in_file"] = "An earlier row of the file has the same email or LinkedIn profile.",
        ["Search.Label"] = "Find a contact",
        ["Search.Placeholder"] = "Name, email or company",
        ["Search.None"] = "No contacts match.",
        ["Search.Back"] = "Back to search",
        ["Search.NoLegalBasis"] = "No legal basis",
        ["Card.Title"] = "Compliance card",
        ["Card.LegalBasis"] = "Legal basis",
        ["Card.Source"] = "Source",
        ["Card.ConsentDate"] = "Date of consent",
        ["Card.ConsentPurpose"] = "Purpose of processing",
        ["Card.AuthorizationDescription"] = "Describe the legal basis",
        ["Card.SourceDescription"] = "Describe the source",
        ["Card.SourceUrl"] = "Captured from",
        ["Card.CapturedAt"] = "Captured at",
        ["Card.NoLegalBasis"] = "No legal basis is recorded for this contact. Record one before you contact them.",
        ["Card.Edit"] = "Edit card",
        ["Card.Save"] = "Save card",
        ["Card.Cancel"] = "Cancel",
        ["Card.Saved"] = "Compliance card saved.",
        ["Card.Conflict"] = "Someone else changed this card while you were editing. Nothing was saved.",
        ["Card.Reload"] = "Load the current card",
        ["Card.Invalid"] = "Fix the marked fields; nothing was sent.",
        ["Capture.Title"] = "Capture this person",
        ["Capture.FromSelection"] = "Capture from the selection",
        ["Capture.Reading"] = "Reading the page…",
        ["Capture.Pick"] = "Person on this page",
        ["Capture.Save"] = "Save as contact",
        ["Capture.Saved"] = "Saved as a contact.",
        ["Capture.AlreadyContact"] = "Already a contact: this is their compliance card.",
        ["Capture.NobodyFound"] = "No person was found on this page.",
        ["Capture.ByHand"] = "Enter the person by hand",
        ["Capture.Search"] = "Search contacts",
        ["Capture.NoBasisHint"] = "Without a legal basis the contact is saved but flagged until one is recorded.",
        ["Capture.ThisPage"] = "This page",
        ["Capture.SelectionOffer"] = "You have text selected on this page.",
        ["Capture.UseSelection"] = "Capture the selection",
        ["Capture.Duplicate"] = "This email is already a contact. Nothing was saved or changed; what you entered is still here.",
        ["Capture.OpenExisting"] = "Open the existing contact",
        ["Badge.Contact"] = "Compliance Connect: already a contact",
        ["Badge.NoLegalBasis"] = "Compliance Connect: a contact without a legal basis",
        ["Field.FirstName"] = "First name",
        ["Field.LastName"] = "Last name",
        ["Field.Email"] = "Email",
        ["Field.Phone"] = "Phone",
        ["Field.Title"] = "Title",
        ["Field.Company"] = "Company",
        ["Field.Website"] = "Website",
        ["Field.LinkedIn"] = "LinkedIn",
        ["Field.Twitter"] = "Twitter / X",
        ["Field.Facebook"] = "Facebook",
        ["Auth.None"] = "Not recorded",
        ["Auth.Consent"] = "Consent",
        ["Auth.LegitimateInterest"] = "Legitimate interest",
        ["Auth.PerformanceOfContract"] = "Performance of a contract",
        ["Auth.LegalObligation"] = "Compliance with a legal obligation",
        ["Auth.VitalInterests"] = "Protection of vital interests",
        ["Auth.PublicInterest"] = "Public interest / official authority",
        ["Auth.Other"] = "Other",
        ["Source.CrmSync"] = "CRM sync",
        ["Source.Import"] = "Import",
        ["Source.ManualUpload"] = "Manual upload",
        ["Source.ChromeExtension"] = "Chrome extension",
        ["Source.Other"] = "Other",
        ["Field.Other"] = "Other",
        ["People.Title"] = "People",
        ["People.Open"] = "People",
        ["People.OpenPerson"] = "Open in the People page",
        ["People.Total"] = "{0} contacts",
        ["People.Selected"] = "{0} selected",
        ["People.Authorization"] = "Authorization",
        ["People.Source"] = "Source",
        ["People.ClearSelection"] = "Clear selection",
        ["People.PageSelected"] = "All {0} contacts on this page are selected.",
        ["People.SelectAllMatching"] = "Select all {0} matching this filter",
        ["People.SelectPage"] = "Select this page",
        ["People.SelectOne"] = "Select {0}",
        ["People.Range"] = "{0}–{1} of {2}",
        ["People.Previous"] = "Previous",
        ["People.Next"] = "Next",
        ["People.Name"] = "Name",
        ["People.Created"] = "Created",
        ["People.Updated"] = "Updated",
        ["People.CreatedFrom"] = "Created from",
        ["People.CreatedTo"] = "Created until",
        ["People.UpdatedFrom"] = "Updated from",
        ["People.UpdatedTo"] = "Updated until",
        ["People.Search"] = "Search",
        ["People.SearchPlaceholder"] = "Name, email, company or title",
        ["People.SearchButton"] = "Search",
        ["People.All"] = "All",
        ["People.CapturedByMe"] = "Captured by me",
        ["People.ClearFilters"] = "Clear filters",
        ["Overview.Title"] = "Compliance overview",
        ["Overview.Total"] = "{0} contacts",
        ["Overview.WithoutLegalBasis"] = "{0} without a legal basis",
        ["Overview.ByLegalBasis"] = "By legal basis",
        ["Overview.BySource"] = "By source",
        ["Bulk.AuthorizationTitle"] = "Set the legal basis",
        ["Bulk.SourceTitle"] = "Set the source",
        ["Bulk.ForSelection"] = "For the {0} selected contacts.",
        ["Bulk.Continue"] = "Continue",
        ["Bulk.Back"] = "Back",
        ["Bulk.Confirm"] = "Yes, change them",
        ["Bulk.ConfirmAuthorization"] = "Set {0} on {1} contacts?",
        ["Bulk.ConfirmSource"] = "Set the source {0} on {1} contacts?",
        ["Bulk.Working"] = "Changing {0} contacts…",
        ["Bulk.AuthorizationDone"] = "{0} set on {1} contacts.",
        ["Bulk.SourceDone"] = "Source {0} set on {1} contacts.",
        ["Bulk.NotFound"] = "{0} selected contacts no longer exist and were skipped.",
        ["Person.Close"] = "Close",
        ["Person.Details"] = "Details",
        ["Person.CreatedUpdated"] = "Created {0} · updated {1} (UTC)",
        ["Person.Export"] = "Export (CSV)",
        ["Person.Delete"] = "Delete",
        ["Person.DeleteTitle"] = "Delete this person?",
        ["Person.DeleteQuestion"] = "Delete {0} permanently? All their personal data, emails and history are erased (GDPR erasure). This cannot be undone.",
        ["Person.DeleteConfirm"] = "Yes, delete permanently",
        ["Person.Deleted"] = "The person was deleted.",
        ["Subscription.Title"] = "Email subscription",
        ["Subscription.Subscribed"] = "Subscribed",
        ["Subscription.UnsubscribedOn"] = "Unsubscribed on {0} via {1}",
        ["Subscription.Empty"] = "No unsubscribes recorded.",
        ["Subscription.By"] = "by {0}",
        ["Subscription.Reason"] = "Reason: {0}",
        ["Subscription.Evidence"] = "Evidence: {0}",
        ["Subscription.Kind.Unsubscribe"] = "Unsubscribed",
        ["Subscription.Kind.Resubscribe"] = "Resubscribed",
        ["Subscription.Source.Link"] = "the link in an email",
        ["Subscription.Source.OneClick"] = "one-click unsubscribe",
        ["Subscription.Source.SalesforceSync"] = "Salesforce",
        ["Subscription.Source.Manual"] = "a user of the organization",
        ["Subscription.Source.Admin"] = "an Admin with evidence of consent",
        ["Subscription.ReasonLabel"] = "Reason (optional)",
        ["Subscription.Unsubscribe"] = "Unsubscribe",
        ["Subscription.UnsubscribedDone"] = "The person is unsubscribed.",
        ["Subscription.LiftTitle"] = "Lift the unsubscribe",
        ["Subscription.LiftHint"] = "Only with evidence that the person has given new consent.",
        ["Subscription.EvidenceLabel"] = "Evidence reference (signed form, recorded call, ticket)",
        ["Subscription.Lift"] = "Lift the unsubscribe",
        ["Subscription.LiftInvalid"] = "Check the marked fields; nothing was sent.",
        ["Subscription.LiftDone"] = "The unsubscribe was lifted.",
        ["Details.Edit"] = "Edit details",
        ["Details.Save"] = "Save details",
        ["Details.Saved"] = "Details saved.",
        ["Audit.Title"] = "History",
        ["Audit.Empty"] = "No entries yet.",
        ["Audit.By"] = "by {0} via {1}",
        ["Audit.Removed"] = "(removed)",
        ["Audit.Erased"] = "Personal values erased.",
        ["Audit.Action.contact.created"] = "Created",
        ["Audit.Action.contact.captured"] = "Captured from a web page",
        ["Audit.Action.contact.changed"] = "Changed",
        ["Audit.Action.contact.personal-data-changed"] = "Details changed",
        ["Audit.Action.contact.compliance-card-changed"] = "Compliance card changed",
        ["Audit.Action.contact.deleted"] = "Deleted",
        ["Audit.Channel.extension"] = "the Chrome extension",
        ["Audit.Channel.web-app"] = "the web app",
        ["Audit.Channel.api"] = "the API",
        ["Audit.Channel.bulk"] = "a bulk change",
        ["Audit.Channel.import"] = "an import",
        ["Audit.Channel.sync"] = "CRM sync",
    };

    private static readonly Dictionary<string, string> Sv = new()
    {
        ["App.Loading"] = "Laddar…",
        ["SignIn.Title"] = "Logga in",
        ["SignIn.Email"] = "E-post",
        ["SignIn.Password"] = "Lösenord",
        ["SignIn.Submit"] = "Logga in",
        ["SignIn.Busy"] = "Loggar in…",
        ["SignIn.Expired"] = "Din session har avslutats. Logga in igen.",
        ["SignOut"] = "Logga ut",
        ["Options"] = "Inställningar",
        ["Options.Title"] = "Inställningar",
        ["Options.ApiAddress"] = "API-adress",
        ["Options.ApiAddressHelp"] = "Adressen till din organisations Compliance Connect-API.",
        ["Options.Language"] = "Språk",
        ["Options.Save"] = "Spara",
        ["Options.Saved"] = "Sparat. API:t svarade.",
        ["Options.SavedUnreachable"] = "Sparat, men inget Compliance Connect-API svarade på {0}. Kontrollera adressen och att API:t körs.",
        ["Error.Network"] = "Kunde inte nå API:t på {0}. Kontrollera att det körs och att API-adressen under Inställningar stämmer.",
        ["Error.Unexpected"] = "Något gick fel ({0}). Försök igen.",
        ["Error.Refused"] = "API:t godtog inte de markerade fälten; inget sparades.",
        ["Code.required"] = "Måste fyllas i.",
        ["Code.too_long"] = "Får vara högst {0} tecken lång (nu {1}).",
        ["Code.too_long.Plain"] = "Är för lång.",
        ["Code.too_short"] = "Måste vara minst {0} tecken lång.",
        ["Code.too_short.Plain"] = "Är för kort.",
        ["Code.email_invalid"] = "Måste vara en e-postadress, till exempel namn@example.com.",
        ["Code.phone_invalid"] = "Måste vara ett telefonnummer, till exempel +46 8 123 456 78.",
        ["Code.url_invalid"] = "Måste vara en fullständig http- eller https-adress.",
        ["Code.unknown_value"] = "Är inte ett känt värde. Tillåtna värden: {0}.",
        ["Code.unknown_value.Plain"] = "Är inte ett känt värde.",
        ["Code.invalid_value"] = "Är inte ett giltigt värde.",
        ["Code.out_of_range"] = "Ligger utanför det tillåtna intervallet.",
        ["Code.nul_character"] = "Får inte innehålla ett NUL-tecken.",
        ["Code.duplicate_property"] = "Anges mer än en gång.",
        ["Code.body_invalid"] = "Begäran kunde inte läsas.",
        ["Code.body_too_large"] = "Begäran är för stor.",
        ["Code.consent_date_required"] = "Krävs när den rättsliga grunden är samtycke (artikel 7.1 i dataskyddsförordningen).",
        ["Code.consent_purpose_required"] = "Krävs när den rättsliga grunden är samtycke (artikel 7.1 i dataskyddsförordningen).",
        ["Code.consent_date_in_future"] = "Får inte ligga i framtiden (det senaste datum som godtas nu är {0}).",
        ["Code.consent_date_in_future.Plain"] = "Får inte ligga i framtiden.",
        ["Code.consent_date_too_early"] = $"Måste vara {EarliestConsent} eller senare.",
        ["Code.only_with_consent"] = "Är bara tillåtet när den rättsliga grunden är samtycke.",
        ["Code.description_required_for_other"] = "Krävs när Annat har valts.",
        ["Code.only_with_other"] = "Är bara tillåtet när Annat har valts.",
        ["Code.contact_needs_identity"] = "En kontakt behöver ett förnamn, ett efternamn eller en e-postadress.",
        ["Code.version_required"] = "Krävs: skicka den version du redigerade.",
        ["Code.lookup_needs_key"] = "Ange en e-postadress eller adressen till en LinkedIn-profil.",
        ["Code.sign_in_failed"] = "E-postadressen eller lösenordet är fel.",
        ["Code.sign_in_ambiguous"] = "E-postadressen hör till flera organisationer: ange vilken organisation du vill logga in i.",
        ["Code.session_ended"] = "Din session har avslutats. Logga in igen.",
        ["Code.stale_card"] = "Någon annan ändrade kortet medan du redigerade. Inget sparades.",
        ["Code.stale_contact"] = "Någon annan har ändrat kontakten sedan du hämtade den. Inget sparades.",
        ["Code.duplicate_contact"] = "Det finns redan en kontakt med den här e-postadressen eller LinkedIn-profilen.",
        ["Code.duplicate_user"] = "Det finns redan en användare med den här e-postadressen i din organisation.",
        ["Subscription.Unsubscribed"] = "Avregistrerad {0} via {1}. Ingen e-post skickas till kontakten.",
        ["Subscription.Via.Link"] = "länken i ett e-postmeddelande",
        ["Subscription.Via.OneClick"] = "avregistrering med ett klick i e-postprogrammet",
        ["Subscription.Via.SalesforceSync"] = "Salesforce",
        ["Subscription.Via.Manual"] = "en begäran som registrerats manuellt",
        ["Subscription.Via.Admin"] = "en administratör",
        ["Code.rate_limited"] = "För många försök. Vänta en stund och försök igen.",
        ["Code.not_found"] = "Hittades inte.",
        ["Code.recipient_unsubscribed"] = "Kontakten har avregistrerat sig; inget skickades.",
        ["Code.recipient_has_no_email"] = "Kontakten har ingen e-postadress.",
        ["Code.privacy_notice_missing"] = "Det första e-postmeddelandet till en kontakt vars uppgifter inte samlats in från personen själv måste innehålla integritetsmeddelandet (artikel 14 i dataskyddsförordningen). En administratör anger det under Inställningar.",
        ["Code.not_unsubscribed"] = "Kontakten är inte avregistrerad.",
        ["Code.service_unavailable"] = "Tjänsten är inte tillgänglig just nu. Försök igen om en stund.",
        ["Code.filter_conflict"] = "Välj en rättslig grund eller \"inte registrerad\", inte båda.",
        ["Code.date_range_reversed"] = "Får inte ligga före startdatumet.",
        ["Code.cursor_invalid"] = "Listans ordning har ändrats; börja om från första sidan.",
        ["Code.selection_required"] = "Välj minst en kontakt.",
        ["Code.too_many_ids"] = "Högst {0} kontakter per ändring (nu {1}).",
        ["Code.too_many_ids.Plain"] = "För många kontakter för en ändring.",
        ["Code.only_with_filter"] = "Är bara tillåtet med ett filter.",
        ["Code.selection_changed"] = "Filtret matchar nu ett annat antal kontakter än du bekräftade. Inget ändrades; granska urvalet och bekräfta igen.",
        ["Code.erased_person"] = "Personen har begärt att få sina uppgifter raderade och kan därför inte läggas till igen.",
        ["Code.import_file_invalid"] = "Filen kan inte importeras: spara den som CSV (UTF-8) med en rubrikrad. Inget importerades.",
        ["Code.duplicate_in_file"] = "En tidigare rad i filen har samma e-postadress eller LinkedIn-profil.",
        ["Search.Label"] = "Hitta en kontakt",
        ["Search.Placeholder"] = "Namn, e-post eller företag",
        ["Search.None"] = "Inga kontakter matchar.",
        ["Search.Back"] = "Tillbaka till sökningen",
        ["Search.NoLegalBasis"] = "Ingen rättslig grund",
        ["Card.Title"] = "Efterlevnadskort",
        ["Card.LegalBasis"] = "Rättslig grund",
        ["Card.Source"] = "Källa",
        ["Card.ConsentDate"] = "Datum för samtycke",
        ["Card.ConsentPurpose"] = "Ändamål med behandlingen",
        ["Card.AuthorizationDescription"] = "Beskriv den rättsliga grunden",
        ["Card.SourceDescription"] = "Beskriv källan",
        ["Card.SourceUrl"] = "Hämtad från",
        ["Card.CapturedAt"] = "Hämtad",
        ["Card.NoLegalBasis"] = "Ingen rättslig grund är registrerad för kontakten. Registrera en innan du kontaktar personen.",
        ["Card.Edit"] = "Redigera kortet",
        ["Card.Save"] = "Spara kortet",
        ["Card.Cancel"] = "Avbryt",
        ["Card.Saved"] = "Efterlevnadskortet har sparats.",
        ["Card.Conflict"] = "Någon annan ändrade kortet medan du redigerade. Inget sparades.",
        ["Card.Reload"] = "Hämta det aktuella kortet",
        ["Card.Invalid"] = "Rätta de markerade fälten; inget skickades.",
        ["Capture.Title"] = "Spara den här personen",
        ["Capture.FromSelection"] = "Spara från markeringen",
        ["Capture.Reading"] = "Läser sidan…",
        ["Capture.Pick"] = "Person på sidan",
        ["Capture.Save"] = "Spara som kontakt",
        ["Capture.Saved"] = "Sparad som kontakt.",
        ["Capture.AlreadyContact"] = "Redan en kontakt: här är efterlevnadskortet.",
        ["Capture.NobodyFound"] = "Ingen person hittades på sidan.",
        ["Capture.ByHand"] = "Fyll i personen för hand",
        ["Capture.Search"] = "Sök kontakter",
        ["Capture.NoBasisHint"] = "Utan rättslig grund sparas kontakten men flaggas tills en registreras.",
        ["Capture.ThisPage"] = "Den här sidan",
        ["Capture.SelectionOffer"] = "Du har markerat text på sidan.",
        ["Capture.UseSelection"] = "Spara från markeringen",
        ["Capture.Duplicate"] = "E-postadressen är redan en kontakt. Inget sparades eller ändrades; det du fyllde i finns kvar.",
        ["Capture.OpenExisting"] = "Öppna den befintliga kontakten",
        ["Badge.Contact"] = "Compliance Connect: redan en kontakt",
        ["Badge.NoLegalBasis"] = "Compliance Connect: en kontakt utan rättslig grund",
        ["Field.FirstName"] = "Förnamn",
        ["Field.LastName"] = "Efternamn",
        ["Field.Email"] = "E-post",
        ["Field.Phone"] = "Telefon",
        ["Field.Title"] = "Titel",
        ["Field.Company"] = "Företag",
        ["Field.Website"] = "Webbplats",
        ["Field.LinkedIn"] = "LinkedIn",
        ["Field.Twitter"] = "Twitter / X",
        ["Field.Facebook"] = "Facebook",
        ["Auth.None"] = "Inte registrerad",
        ["Auth.Consent"] = "Samtycke",
        ["Auth.LegitimateInterest"] = "Berättigat intresse",
        ["Auth.PerformanceOfContract"] = "Fullgörande av avtal",
        ["Auth.LegalObligation"] = "Rättslig förpliktelse",
        ["Auth.VitalInterests"] = "Skydd av grundläggande intressen",
        ["Auth.PublicInterest"] = "Allmänt intresse eller myndighetsutövning",
        ["Auth.Other"] = "Annat",
        ["Source.CrmSync"] = "CRM-synkronisering",
        ["Source.Import"] = "Import",
        ["Source.ManualUpload"] = "Manuell uppladdning",
        ["Source.ChromeExtension"] = "Chrome-tillägg",
        ["Source.Other"] = "Annat",
        ["Field.Other"] = "Övrigt",
        ["People.Title"] = "Personer",
        ["People.Open"] = "Personer",
        ["People.OpenPerson"] = "Öppna på sidan Personer",
        ["People.Total"] = "{0} kontakter",
        ["People.Selected"] = "{0} valda",
        ["People.Authorization"] = "Rättslig grund",
        ["People.Source"] = "Källa",
        ["People.ClearSelection"] = "Avmarkera alla",
        ["People.PageSelected"] = "Alla {0} kontakter på sidan är valda.",
        ["People.SelectAllMatching"] = "Välj alla {0} som matchar filtret",
        ["People.SelectPage"] = "Välj sidan",
        ["People.SelectOne"] = "Välj {0}",
        ["People.Range"] = "{0}–{1} av {2}",
        ["People.Previous"] = "Föregående",
        ["People.Next"] = "Nästa",
        ["People.Name"] = "Namn",
        ["People.Created"] = "Skapad",
        ["People.Updated"] = "Ändrad",
        ["People.CreatedFrom"] = "Skapad från",
        ["People.CreatedTo"] = "Skapad till",
        ["People.UpdatedFrom"] = "Ändrad från",
        ["People.UpdatedTo"] = "Ändrad till",
        ["People.Search"] = "Sök",
        ["People.SearchPlaceholder"] = "Namn, e-post, företag eller titel",
        ["People.SearchButton"] = "Sök",
        ["People.All"] = "Alla",
        ["People.CapturedByMe"] = "Sparade av mig",
        ["People.ClearFilters"] = "Rensa filter",
        ["Overview.Title"] = "Översikt över efterlevnad",
        ["Overview.Total"] = "{0} kontakter",
        ["Overview.WithoutLegalBasis"] = "{0} utan rättslig grund",
        ["Overview.ByLegalBasis"] = "Efter rättslig grund",
        ["Overview.BySource"] = "Efter källa",
        ["Bulk.AuthorizationTitle"] = "Ange rättslig grund",
        ["Bulk.SourceTitle"] = "Ange källa",
        ["Bulk.ForSelection"] = "För de {0} valda kontakterna.",
        ["Bulk.Continue"] = "Fortsätt",
        ["Bulk.Back"] = "Tillbaka",
        ["Bulk.Confirm"] = "Ja, ändra dem",
        ["Bulk.ConfirmAuthorization"] = "Ange {0} för {1} kontakter?",
        ["Bulk.ConfirmSource"] = "Ange källan {0} för {1} kontakter?",
        ["Bulk.Working"] = "Ändrar {0} kontakter…",
        ["Bulk.AuthorizationDone"] = "{0} har angetts för {1} kontakter.",
        ["Bulk.SourceDone"] = "Källan {0} har angetts för {1} kontakter.",
        ["Bulk.NotFound"] = "{0} valda kontakter finns inte längre och hoppades över.",
        ["Person.Close"] = "Stäng",
        ["Person.Details"] = "Uppgifter",
        ["Person.CreatedUpdated"] = "Skapad {0} · ändrad {1} (UTC)",
        ["Person.Export"] = "Exportera (CSV)",
        ["Person.Delete"] = "Radera",
        ["Person.DeleteTitle"] = "Radera personen?",
        ["Person.DeleteQuestion"] = "Radera {0} permanent? Alla personuppgifter, e-postmeddelanden och all historik raderas (radering enligt GDPR). Det går inte att ångra.",
        ["Person.DeleteConfirm"] = "Ja, radera permanent",
        ["Person.Deleted"] = "Personen har raderats.",
        ["Subscription.Title"] = "E-postprenumeration",
        ["Subscription.Subscribed"] = "Prenumererar",
        ["Subscription.UnsubscribedOn"] = "Avregistrerad {0} via {1}",
        ["Subscription.Empty"] = "Inga avregistreringar har registrerats.",
        ["Subscription.By"] = "av {0}",
        ["Subscription.Reason"] = "Anledning: {0}",
        ["Subscription.Evidence"] = "Underlag: {0}",
        ["Subscription.Kind.Unsubscribe"] = "Avregistrerad",
        ["Subscription.Kind.Resubscribe"] = "Registrerad igen",
        ["Subscription.Source.Link"] = "länken i ett e-postmeddelande",
        ["Subscription.Source.OneClick"] = "avregistrering med ett klick",
        ["Subscription.Source.SalesforceSync"] = "Salesforce",
        ["Subscription.Source.Manual"] = "en användare i organisationen",
        ["Subscription.Source.Admin"] = "en administratör med underlag för samtycke",
        ["Subscription.ReasonLabel"] = "Anledning (valfritt)",
        ["Subscription.Unsubscribe"] = "Avregistrera",
        ["Subscription.UnsubscribedDone"] = "Personen är avregistrerad.",
        ["Subscription.LiftTitle"] = "Häv avregistreringen",
        ["Subscription.LiftHint"] = "Endast med underlag för att personen har lämnat ett nytt samtycke.",
        ["Subscription.EvidenceLabel"] = "Referens till underlag (undertecknat formulär, inspelat samtal, ärende)",
        ["Subscription.Lift"] = "Häv avregistreringen",
        ["Subscription.LiftInvalid"] = "Kontrollera de markerade fälten; inget skickades.",
        ["Subscription.LiftDone"] = "Avregistreringen har hävts.",
        ["Details.Edit"] = "Redigera uppgifter",
        ["Details.Save"] = "Spara uppgifter",
        ["Details.Saved"] = "Uppgifterna har sparats.",
        ["Audit.Title"] = "Historik",
        ["Audit.Empty"] = "Inga händelser ännu.",
        ["Audit.By"] = "av {0} via {1}",
        ["Audit.Removed"] = "(borttaget)",
        ["Audit.Erased"] = "Personuppgifterna har raderats.",
        ["Audit.Action.contact.created"] = "Skapad",
        ["Audit.Action.contact.captured"] = "Sparad från en webbsida",
        ["Audit.Action.contact.changed"] = "Ändrad",
        ["Audit.Action.contact.personal-data-changed"] = "Uppgifter ändrade",
        ["Audit.Action.contact.compliance-card-changed"] = "Efterlevnadskortet ändrat",
        ["Audit.Action.contact.deleted"] = "Raderad",
        ["Audit.Channel.extension"] = "Chrome-tillägget",
        ["Audit.Channel.web-app"] = "webbappen",
        ["Audit.Channel.api"] = "API:t",
        ["Audit.Channel.bulk"] = "en massändring",
        ["Audit.Channel.import"] = "en import",
        ["Audit.Channel.sync"] = "CRM-synkronisering",
    };

    /// <summary>Every key of both tables, for the test that keeps them in step.</summary>
    internal static (IReadOnlyCollection<string> English, IReadOnlyCollection<string> Swedish) Keys => (En.Keys, Sv.Keys);
}
