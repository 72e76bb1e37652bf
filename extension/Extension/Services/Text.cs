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

    public string Of(AuthorizationType? type) => type is null ? this["Auth.None"] : this["Auth." + type];

    public string Of(SourceType type) => this["Source." + type];

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
    };

    /// <summary>Every key of both tables, for the test that keeps them in step.</summary>
    internal static (IReadOnlyCollection<string> English, IReadOnlyCollection<string> Swedish) Keys => (En.Keys, Sv.Keys);
}
