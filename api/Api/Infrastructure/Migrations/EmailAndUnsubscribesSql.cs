namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the EmailAndUnsubscribes migration: tenant isolation for the new tables, the
/// subscription status derived from the events, the audit entries of events and emails (written by
/// triggers, like every audit entry), and the outbox's cross-organization "what is due" lookup.
/// </summary>
internal static class EmailAndUnsubscribesSql
{
    public const string Up = """
        DO $$
        DECLARE t text;
        BEGIN
            FOREACH t IN ARRAY ARRAY['subscription_events', 'email_messages', 'email_attempts'] LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY tenant ON %I USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id())', t);
            END LOOP;
        END $$;

        -- The status is the latest event's; the API never writes these two columns itself.
        CREATE FUNCTION subscription_events_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            r record;
        BEGIN
            UPDATE contacts c
            SET unsubscribed_at = CASE WHEN l.kind = 'Unsubscribe' THEN l.occurred_at END,
                unsubscribed_via = CASE WHEN l.kind = 'Unsubscribe' THEN l.source END
            FROM (SELECT DISTINCT ON (organization_id, contact_id) organization_id, contact_id, kind, source, occurred_at
                  FROM new_rows ORDER BY organization_id, contact_id, occurred_at DESC, id DESC) l
            WHERE c.organization_id = l.organization_id AND c.id = l.contact_id;

            FOR r IN
                SELECT organization_id,
                       array_agg(CASE WHEN kind = 'Unsubscribe' THEN 'contact.unsubscribed' ELSE 'contact.resubscribed' END ORDER BY occurred_at, id) AS actions,
                       array_agg(contact_id ORDER BY occurred_at, id) AS ids,
                       array_agg(jsonb_build_object('before', '{}'::jsonb, 'after', jsonb_strip_nulls(jsonb_build_object(
                           'subscription', kind, 'source', source, 'reason', reason, 'evidenceReference', evidence_reference,
                           'userAgent', user_agent, 'lookedLikeScanner', looked_like_scanner)))::text ORDER BY occurred_at, id) AS changes
                FROM new_rows GROUP BY organization_id ORDER BY organization_id
            LOOP
                PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
            END LOOP;
            RETURN NULL;
        END $$;
        CREATE TRIGGER subscription_events_apply AFTER INSERT ON subscription_events
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subscription_events_apply();

        -- History is append-only: no edits; rows go only with their contact (erasure cascades).
        CREATE FUNCTION subscription_events_protect() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'subscription history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER subscription_events_protect BEFORE UPDATE OR DELETE ON subscription_events
            FOR EACH ROW EXECUTE FUNCTION subscription_events_protect();
        CREATE TRIGGER subscription_events_no_truncate BEFORE TRUNCATE ON subscription_events
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

        -- Every email is audited when it is queued and when its outcome is known.
        CREATE FUNCTION email_messages_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            r record;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                FOR r IN
                    SELECT organization_id, array_agg('email.queued'::text ORDER BY id) AS actions, array_agg(contact_id ORDER BY id) AS ids,
                           array_agg(jsonb_build_object('before', '{}'::jsonb, 'after', jsonb_strip_nulls(jsonb_build_object(
                               'subject', subject, 'messageId', message_id, 'sender', sender_name,
                               'privacyNotice', CASE WHEN privacy_notice IS NOT NULL THEN 'included' END)))::text ORDER BY id) AS changes
                    FROM new_rows GROUP BY organization_id ORDER BY organization_id
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            ELSE
                FOR r IN
                    SELECT n.organization_id, array_agg('email.' || lower(n.status) ORDER BY n.id) AS actions, array_agg(n.contact_id ORDER BY n.id) AS ids,
                           array_agg(jsonb_build_object('before', jsonb_build_object('status', o.status),
                                                        'after', jsonb_build_object('status', n.status, 'messageId', n.message_id, 'attempts', n.attempts))::text
                                     ORDER BY n.id) AS changes
                    FROM old_rows o JOIN new_rows n ON n.organization_id = o.organization_id AND n.id = o.id
                    WHERE n.status IS DISTINCT FROM o.status
                    GROUP BY n.organization_id ORDER BY n.organization_id
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER email_messages_audit_insert AFTER INSERT ON email_messages
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION email_messages_audit();
        CREATE TRIGGER email_messages_audit_update AFTER UPDATE ON email_messages
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION email_messages_audit();

        -- The outbox worker finds due messages of every organization, then works on each inside that
        -- organization's unit of work.
        CREATE FUNCTION email_outbox_due(p_now timestamptz, p_limit int) RETURNS TABLE (organization_id uuid, id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT m.organization_id, m.id FROM email_messages m
            WHERE m.status = 'Pending' AND m.next_attempt_at <= p_now
            ORDER BY m.next_attempt_at LIMIT p_limit
        $$;
        REVOKE EXECUTE ON FUNCTION email_outbox_due(timestamptz, int) FROM PUBLIC;
        """;

    public const string Down = """
        DROP FUNCTION email_outbox_due(timestamptz, int);
        DROP TRIGGER email_messages_audit_update ON email_messages;
        DROP TRIGGER email_messages_audit_insert ON email_messages;
        DROP FUNCTION email_messages_audit();
        DROP TRIGGER subscription_events_no_truncate ON subscription_events;
        DROP TRIGGER subscription_events_protect ON subscription_events;
        DROP FUNCTION subscription_events_protect();
        DROP TRIGGER subscription_events_apply ON subscription_events;
        DROP FUNCTION subscription_events_apply();
        """;
}
