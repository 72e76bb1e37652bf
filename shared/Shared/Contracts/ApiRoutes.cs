namespace ComplianceConnect.Shared.Contracts;

/// <summary>
/// Route templates shared by the API and its clients, so the two never drift apart. The
/// <c>…Template</c> constants are what the API maps; the methods build the same paths for one id.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The auth group.</summary>
    public const string Auth = "/api/auth";

    /// <summary>POST: sign in with email and password.</summary>
    public const string SignIn = Auth + "/sign-in";

    /// <summary>POST: exchange a refresh token for a new pair.</summary>
    public const string Refresh = Auth + "/refresh";

    /// <summary>POST: revoke a refresh token's session.</summary>
    public const string SignOut = Auth + "/sign-out";

    /// <summary>GET: the signed-in user.</summary>
    public const string Me = Auth + "/me";

    /// <summary>GET (list) and POST (create) users of the caller's organization.</summary>
    public const string Users = "/api/users";

    /// <summary>GET (list, search) and POST (create) contacts.</summary>
    public const string Contacts = "/api/contacts";

    /// <summary>GET: how many contacts the list's filter (its query parameters) matches.</summary>
    public const string ContactCount = Contacts + "/count";

    /// <summary>GET: the organization's contacts counted by legal basis and by source.</summary>
    public const string ContactOverview = Contacts + "/overview";

    /// <summary>The bulk-change group (channel "bulk").</summary>
    public const string Bulk = Contacts + "/bulk";

    /// <summary>POST: set the legal basis of contacts chosen by ids or by a filter.</summary>
    public const string BulkAuthorization = Bulk + "/authorization";

    /// <summary>POST: set the source of contacts chosen by ids or by a filter.</summary>
    public const string BulkSource = Bulk + "/source";

    /// <summary>POST: records by hand that the selected contacts asked not to be emailed (one event each, source Manual).</summary>
    public const string BulkUnsubscribe = Bulk + "/unsubscribe";

    /// <summary>GET: the contact with an email or LinkedIn profile.</summary>
    public const string ContactLookup = Contacts + "/lookup";

    /// <summary>POST: create-or-match a contact captured by the extension.</summary>
    public const string Capture = Contacts + "/capture";

    /// <summary>GET and PUT one contact.</summary>
    public const string ContactTemplate = Contacts + "/{id:guid}";

    /// <summary>GET and PUT a contact's compliance card.</summary>
    public const string CardTemplate = ContactTemplate + "/card";

    /// <summary>GET a contact's audit trail.</summary>
    public const string ContactAuditTemplate = ContactTemplate + "/audit";

    /// <summary>GET: one contact as CSV (the 16 export columns).</summary>
    public const string ContactExportCsvTemplate = ContactTemplate + "/export.csv";

    /// <summary>POST (ids): many contacts as one streamed CSV.</summary>
    public const string ContactsExport = Contacts + "/export";

    /// <summary>POST (a People-list filter): every contact matching it as one streamed CSV.</summary>
    public const string ContactsExportMatching = ContactsExport + "/matching";

    /// <summary>GET: a contact's data-subject copy (GDPR Art. 15/20) as JSON.</summary>
    public const string DataSubjectCopyTemplate = ContactTemplate + "/data-subject-copy";

    /// <summary>POST (ids): erases many contacts (GDPR Art. 17). DELETE on <see cref="ContactTemplate"/> erases one.</summary>
    public const string ContactsErase = Contacts + "/erase";

    /// <summary>GET: how many entries the suppression list of erased people holds (Admin only).</summary>
    public const string SuppressionCount = "/api/suppression/count";

    /// <summary>POST: upload a CSV to import (starts a job); GET: the latest jobs, newest first.</summary>
    public const string Imports = "/api/imports";

    /// <summary>GET: an import job's progress and report.</summary>
    public const string ImportTemplate = Imports + "/{id:guid}";

    /// <summary>GET and PUT (Admin) the organization's retention period.</summary>
    public const string RetentionSettings = "/api/settings/retention";

    /// <summary>The organization's phone region (GET for everyone signed in, PUT for Admins).</summary>
    public const string PhoneRegionSettings = "/api/settings/phone-region";

    /// <summary>GET: contacts due for retention review.</summary>
    public const string RetentionDue = Contacts + "/retention-due";

    /// <summary>POST: keep a contact due for review, with a reason.</summary>
    public const string RetentionKeepTemplate = ContactTemplate + "/retention-keep";

    /// <summary>GET: re-computes the organization's audit chain (Admin only).</summary>
    public const string Audit = "/api/audit";
    public const string Emails = "/api/emails";
    public const string PrivacyNotice = "/api/settings/privacy-notice";
    public const string PrivacyNoticeDue = Contacts + "/privacy-notice-due";

    /// <summary>GET, PUT and DELETE the organization's Salesforce connection (Admin only).</summary>
    public const string SalesforceSettings = "/api/settings/salesforce";

    /// <summary>POST: test the stored Salesforce connection (Admin only).</summary>
    public const string SalesforceTest = SalesforceSettings + "/test";

    /// <summary>POST: ask for a sync run now (Admin only); any API instance takes it, one at a time.</summary>
    public const string SalesforceRuns = SalesforceSettings + "/runs";
    public const string AuditVerify = Audit + "/verify";
    public const string AuditCheckpoint = Audit + "/checkpoint";

    /// <summary>GET: the process is up (no dependencies checked).</summary>
    public const string HealthLive = "/health/live";

    /// <summary>GET: the API can serve requests (database reachable).</summary>
    public const string HealthReady = "/health/ready";

    /// <summary>One contact.</summary>
    public static string Contact(Guid id) => $"{Contacts}/{id}";

    /// <summary>One contact's compliance card.</summary>
    public static string Card(Guid id) => $"{Contact(id)}/card";

    /// <summary>One contact's audit trail.</summary>
    public static string ContactAudit(Guid id) => $"{Contact(id)}/audit";

    /// <summary>One contact as CSV.</summary>
    public static string ContactExportCsv(Guid id) => $"{Contact(id)}/export.csv";

    /// <summary>One contact's subscription status and history (GET).</summary>
    public static string Subscription(Guid id) => $"{Contact(id)}/subscription";

    /// <summary>Records that one contact asked not to be emailed (POST).</summary>
    public static string Unsubscribe(Guid id) => $"{Contact(id)}/unsubscribe";

    /// <summary>Lifts one contact's unsubscribe on evidence of new consent (POST, Admin only).</summary>
    public static string Resubscribe(Guid id) => $"{Contact(id)}/resubscribe";

    /// <summary>One contact's data-subject copy.</summary>
    public static string DataSubjectCopy(Guid id) => $"{Contact(id)}/data-subject-copy";

    /// <summary>One import job.</summary>
    public static string Import(Guid id) => $"{Imports}/{id}";

    /// <summary>Keep one contact due for retention review.</summary>
    public static string RetentionKeep(Guid id) => $"{Contact(id)}/retention-keep";
}
