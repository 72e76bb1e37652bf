namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the SalesforceSync migration: tenant isolation for the connection, run and outbox
/// tables; the triggers that queue a push whenever an opt-out changes here (an unsubscribe or
/// resubscribe not made by the sync itself, an erased contact), so no path can forget to tell
/// Salesforce; and the workers' cross-organization "what is due" lookups.
/// data_protection_keys has no organization_id and so no row-level security: it is the key ring of
/// the whole deployment, read by every instance.
/// </summary>
internal static class SalesforceSyncSql
{
    public const string Up = """
        DO $$
        DECLARE t text;
        BEGIN
            FOREACH t IN ARRAY ARRAY['salesforce_connections', 'salesforce_runs', 'salesforce_outbox'] LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY tenant ON %I USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id())', t);
            END LOOP;
        END $$;

        -- An unsubscribe or resubscribe made here (not one the sync brought from Salesforce) queues
        -- the contact's new opt-out value, when it has a Salesforce id and the organization is connected.
        -- Runs as the caller, so row-level security keeps it inside the unit of work's organization.
        CREATE FUNCTION salesforce_outbox_from_events() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO salesforce_outbox (organization_id, salesforce_id, opted_out, cause, status, created_at, attempts)
            SELECT DISTINCT ON (e.organization_id, c.salesforce_id)
                   e.organization_id, c.salesforce_id, e.kind = 'Unsubscribe', e.source, 'Pending', e.occurred_at, 0
            FROM new_rows e
            JOIN contacts c ON c.organization_id = e.organization_id AND c.id = e.contact_id
            JOIN salesforce_connections s ON s.organization_id = e.organization_id
            WHERE e.source <> 'SalesforceSync' AND c.salesforce_id IS NOT NULL
            ORDER BY e.organization_id, c.salesforce_id, e.occurred_at DESC, e.id DESC;
            RETURN NULL;
        END $$;
        CREATE TRIGGER subscription_events_salesforce_outbox AFTER INSERT ON subscription_events
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION salesforce_outbox_from_events();

        -- An erased contact (GDPR Art. 17/19: tell the recipients) is opted out in Salesforce. The row
        -- keeps only the Salesforce id and the value, no personal data.
        CREATE FUNCTION salesforce_outbox_from_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO salesforce_outbox (organization_id, salesforce_id, opted_out, cause, status, created_at, attempts)
            SELECT DISTINCT o.organization_id, o.salesforce_id, true, 'Erasure', 'Pending', now(), 0
            FROM old_rows o
            JOIN salesforce_connections s ON s.organization_id = o.organization_id
            WHERE o.salesforce_id IS NOT NULL;
            RETURN NULL;
        END $$;
        CREATE TRIGGER contacts_salesforce_outbox AFTER DELETE ON contacts
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION salesforce_outbox_from_erasure();

        -- The workers find what is due in every organization, then work on each inside that
        -- organization's unit of work (as the system actor "sync").
        CREATE FUNCTION salesforce_outbox_due(p_now timestamptz, p_limit int) RETURNS TABLE (organization_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT o.organization_id FROM salesforce_outbox o
            WHERE o.status = 'Pending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= p_now)
            GROUP BY o.organization_id ORDER BY min(o.id) LIMIT p_limit
        $$;
        REVOKE EXECUTE ON FUNCTION salesforce_outbox_due(timestamptz, int) FROM PUBLIC;

        CREATE FUNCTION salesforce_runs_due(p_now timestamptz) RETURNS TABLE (organization_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT s.organization_id FROM salesforce_connections s
            WHERE s.run_requested_at IS NOT NULL OR s.next_run_at IS NULL OR s.next_run_at <= p_now
            ORDER BY s.run_requested_at NULLS LAST, s.next_run_at
        $$;
        REVOKE EXECUTE ON FUNCTION salesforce_runs_due(timestamptz) FROM PUBLIC;
        """;

    public const string Down = """
        DROP FUNCTION salesforce_runs_due(timestamptz);
        DROP FUNCTION salesforce_outbox_due(timestamptz, int);
        DROP TRIGGER contacts_salesforce_outbox ON contacts;
        DROP FUNCTION salesforce_outbox_from_erasure();
        DROP TRIGGER subscription_events_salesforce_outbox ON subscription_events;
        DROP FUNCTION salesforce_outbox_from_events();
        """;
}
