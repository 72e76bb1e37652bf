namespace ComplianceConnect.Shared.Compliance;

/// <summary>The legal basis for processing a contact's personal data (GDPR Art. 6(1)).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<AuthorizationType>))]
public enum AuthorizationType
{
    /// <summary>Art. 6(1)(a): the person consented; needs a date of consent and a purpose.</summary>
    Consent,

    /// <summary>Art. 6(1)(f).</summary>
    LegitimateInterest,

    /// <summary>Art. 6(1)(b).</summary>
    PerformanceOfContract,

    /// <summary>Art. 6(1)(c).</summary>
    LegalObligation,

    /// <summary>Art. 6(1)(d).</summary>
    VitalInterests,

    /// <summary>Art. 6(1)(e).</summary>
    PublicInterest,

    /// <summary>Anything else; needs a description.</summary>
    Other,
}

/// <summary>Where a contact's data came from.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.StrictEnumConverter<SourceType>))]
public enum SourceType
{
    /// <summary>Pulled from the CRM (Salesforce).</summary>
    CrmSync,

    /// <summary>A CSV import.</summary>
    Import,

    /// <summary>Created by a person through the web app or API.</summary>
    ManualUpload,

    /// <summary>Captured from a web page by the Chrome extension.</summary>
    ChromeExtension,

    /// <summary>Anything else; needs a description.</summary>
    Other,
}
