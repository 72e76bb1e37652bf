namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the ErasureExportImport migration: row-level security on its tables, the audit
/// triggers of exports and retention decisions, and <c>contacts_audit</c> replaced so that a
/// delete (always an erasure) writes a <c>contact.erased</c> entry without the old values.
/// </summary>
internal static class ErasureExportImportSql
{
    private static readonly string[] TenantTables = ["contact_exports", "import_jobs", "import_problems", "suppressions", "retention_reviews"];

    /// <summary>The audited columns, unchanged from DataLayerInDatabase, frozen here with this version of the trigger.</summary>
    private static readonly (string Key, string Column)[] Audited =
    [
        ("firstName", "first_name"), ("lastName", "last_name"), ("email", "email"), ("phone", "phone"),
        ("company", "company"), ("title", "title"), ("website", "website"), ("linkedIn", "linked_in"),
        ("twitter", "twitter"), ("facebook", "facebook"), ("other", "other"), ("salesforceId", "salesforce_id"),
        ("authorizationType", "authorization_type"), ("authorizationDescription", "authorization_description"),
        ("consentDate", "consent_date"), ("consentPurpose", "consent_purpose"),
        ("sourceType", "source_type"), ("sourceDescription", "source_description"), ("sourceUrl", "source_url"),
    ];

    private static string Pairs(params string[] rows) =>
        string.Join(", ", Audited.Select(a => $"('{a.Key}', " + string.Join(", ", rows.Select(r => $"to_jsonb({r}.{a.Column})")) + ")"));

    private static string Policies() => string.Concat(TenantTables.Select(t => $"""
        ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON {t} USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

        """));

    public static string Up => Policies() + ContactsAudit(erasure: true) + UpTemplate;

    public static string Down => ContactsAudit(erasure: false) + """
        DROP TRIGGER retention_reviews_audit ON retention_reviews;
        DROP FUNCTION retention_reviews_audit();
        DROP TRIGGER contact_exports_audit ON contact_exports;
        DROP TRIGGER contact_exports_no_truncate ON contact_exports;
        DROP FUNCTION contact_exports_audit();
        """;

    /// <summary>
    /// The contacts trigger function. Insert and update are as DataLayerInDatabase wrote them. With
    /// <paramref name="erasure"/> a delete writes <c>contact.erased</c> with no values at all (the
    /// entry records that an erasure happened, by whom and when, and nothing of the person);
    /// without it (Down) the old <c>contact.deleted</c> entry with the before values comes back.
    /// </summary>
    private static string ContactsAudit(bool erasure) => """"
        CREATE OR REPLACE FUNCTION contacts_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            card constant text[] := ARRAY['authorizationType', 'authorizationDescription', 'consentDate', 'consentPurpose',
                                          'sourceType', 'sourceDescription', 'sourceUrl'];
            r record;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                FOR r IN
                    SELECT n.organization_id, array_agg(CASE WHEN n.source_type = 'ChromeExtension' THEN 'contact.captured' ELSE 'contact.created' END ORDER BY n.id) AS actions,
                           array_agg(n.id ORDER BY n.id) AS ids, array_agg(d.changes ORDER BY n.id) AS changes
                    FROM new_rows n
                    CROSS JOIN LATERAL (
                        SELECT jsonb_build_object('before', '{}'::jsonb, 'after', coalesce(jsonb_object_agg(k, a) FILTER (WHERE a IS NOT NULL), '{}'))::text AS changes
                        FROM (VALUES {{PAIRS_NEW}}) v(k, a)) d
                    GROUP BY n.organization_id ORDER BY n.organization_id
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            ELSIF TG_OP = 'UPDATE' THEN
                FOR r IN
                    SELECT n.organization_id,
                           array_agg(CASE WHEN d.keys <@ card THEN 'contact.compliance-card-changed'
                                          WHEN NOT d.keys && card THEN 'contact.personal-data-changed'
                                          ELSE 'contact.changed' END ORDER BY n.id) AS actions,
                           array_agg(n.id ORDER BY n.id) AS ids, array_agg(d.changes ORDER BY n.id) AS changes
                    FROM old_rows o
                    JOIN new_rows n ON n.organization_id = o.organization_id AND n.id = o.id
                    CROSS JOIN LATERAL (
                        SELECT jsonb_build_object('before', jsonb_object_agg(k, b), 'after', jsonb_object_agg(k, a))::text AS changes, array_agg(k) AS keys
                        FROM (VALUES {{PAIRS_OLD_NEW}}) v(k, b, a)
                        WHERE b IS DISTINCT FROM a
                        HAVING count(*) > 0) d
                    GROUP BY n.organization_id ORDER BY n.organization_id
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            ELSE
                FOR r IN
                    {{DELETE_SELECT}}
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            END IF;
            RETURN NULL;
        END $$;

        """"
        .Replace("{{DELETE_SELECT}}", erasure
            ? """
              SELECT o.organization_id, array_agg('contact.erased'::text ORDER BY o.id) AS actions,
                                 array_agg(o.id ORDER BY o.id) AS ids, array_agg(NULL::text ORDER BY o.id) AS changes
                          FROM old_rows o
                          GROUP BY o.organization_id ORDER BY o.organization_id
              """
            : """
              SELECT o.organization_id, array_agg('contact.deleted'::text ORDER BY o.id) AS actions,
                                 array_agg(o.id ORDER BY o.id) AS ids, array_agg(d.changes ORDER BY o.id) AS changes
                          FROM old_rows o
                          CROSS JOIN LATERAL (
                              SELECT jsonb_build_object('before', coalesce(jsonb_object_agg(k, b) FILTER (WHERE b IS NOT NULL), '{}'), 'after', '{}'::jsonb)::text AS changes
                              FROM (VALUES {{PAIRS_OLD}}) v(k, b)) d
                          GROUP BY o.organization_id ORDER BY o.organization_id
              """, StringComparison.Ordinal)
        .Replace("{{PAIRS_NEW}}", Pairs("n"), StringComparison.Ordinal)
        .Replace("{{PAIRS_OLD_NEW}}", Pairs("o", "n"), StringComparison.Ordinal)
        .Replace("{{PAIRS_OLD}}", Pairs("o"), StringComparison.Ordinal);

    private const string UpTemplate = """"
        -- One audit entry per export: who and when (audit_append), which kind and how many (the summary),
        -- which contacts (the values: ids only). A one-contact export is also in that contact's own trail.
        CREATE FUNCTION contact_exports_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            r record;
            v_reason text := coalesce(current_setting('app.reason', true), '');
        BEGIN
            FOR r IN SELECT * FROM new_rows ORDER BY id LOOP
                PERFORM set_config('app.reason',
                    CASE r.kind WHEN 'data-subject-copy' THEN 'Data-subject copy (GDPR Art. 15/20) of 1 contact'
                                ELSE format('CSV export of %s contact%s', r.contact_count, CASE WHEN r.contact_count = 1 THEN '' ELSE 's' END) END, true);
                PERFORM audit_append(r.organization_id, ARRAY['contact.exported'],
                    ARRAY[CASE WHEN r.contact_count = 1 THEN r.contact_ids[1] END],
                    ARRAY[jsonb_build_object('kind', r.kind, 'count', r.contact_count, 'contactIds', to_jsonb(r.contact_ids))::text]);
            END LOOP;
            PERFORM set_config('app.reason', v_reason, true);
            RETURN NULL;
        END $$;
        CREATE TRIGGER contact_exports_audit AFTER INSERT ON contact_exports
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_exports_audit();
        CREATE TRIGGER contact_exports_no_truncate BEFORE TRUNCATE ON contact_exports FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

        -- A retention review's "keep": audited on the contact, the reason among the erasable values.
        CREATE FUNCTION retention_reviews_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            r record;
            v_reason text := coalesce(current_setting('app.reason', true), '');
        BEGIN
            PERFORM set_config('app.reason', 'Kept after retention review (GDPR Art. 5(1)(e))', true);
            FOR r IN
                SELECT organization_id, array_agg('contact.retention-kept'::text ORDER BY id) AS actions, array_agg(contact_id ORDER BY id) AS ids,
                       array_agg(jsonb_build_object('before', '{}'::jsonb, 'after', jsonb_build_object('retentionReason', reason))::text ORDER BY id) AS changes
                FROM new_rows GROUP BY organization_id ORDER BY organization_id
            LOOP
                PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
            END LOOP;
            PERFORM set_config('app.reason', v_reason, true);
            RETURN NULL;
        END $$;
        CREATE TRIGGER retention_reviews_audit AFTER INSERT ON retention_reviews
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION retention_reviews_audit();
        """";
}
