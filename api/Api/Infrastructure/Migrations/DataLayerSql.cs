namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the DataLayerInDatabase migration, kept apart so it reads as SQL. The chain hash
/// formula must stay identical to <c>AuditTrail.ChainHash</c>, the digest to <c>AuditTrail.Digest</c>.
/// </summary>
internal static class DataLayerSql
{
    /// <summary>
    /// The audited columns of a contact and their names in the trail, as this migration wrote them
    /// into the trigger (frozen with it: a later migration that audits another column replaces the
    /// trigger function with its own list).
    /// </summary>
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

    public static readonly string Up = UpTemplate
        .Replace("{{PAIRS_NEW}}", Pairs("n"), StringComparison.Ordinal)
        .Replace("{{PAIRS_OLD_NEW}}", Pairs("o", "n"), StringComparison.Ordinal)
        .Replace("{{PAIRS_OLD}}", Pairs("o"), StringComparison.Ordinal);

    private const string UpTemplate = """"
        CREATE EXTENSION IF NOT EXISTS pgcrypto;

        -- The unit of work's organization. '' (not NULL) is what a setting reads as after its transaction ended.
        CREATE FUNCTION app_organization_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT nullif(current_setting('app.organization_id', true), '')::uuid
        $$;

        -- Tenant isolation: without the setting a table shows and accepts nothing. The owner (migrations) is exempt.
        ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON organizations USING (id = app_organization_id()) WITH CHECK (id = app_organization_id());
        DO $$
        DECLARE t text;
        BEGIN
            FOREACH t IN ARRAY ARRAY['users', 'refresh_tokens', 'contacts', 'audit_entries', 'audit_chain_heads', 'audit_checkpoints'] LOOP
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY tenant ON %I USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id())', t);
            END LOOP;
        END $$;

        -- Sign-in looks a user up by email before any organization is known.
        CREATE FUNCTION auth_find_users(p_email text)
        RETURNS TABLE (organization_id uuid, user_id uuid, organization_slug text, password_hash text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT u.organization_id, u.id, o.slug::text, u.password_hash
            FROM users u JOIN organizations o ON o.id = u.organization_id
            WHERE u.email_normalized = p_email
        $$;
        REVOKE EXECUTE ON FUNCTION auth_find_users(text) FROM PUBLIC;

        -- Appends entries to one organization's chain: the head is locked once, the entries are hashed in
        -- one loop in order, inserted in one statement, and the head is moved once. Only trigger functions
        -- may call it (pg_trigger_depth), so only triggers write audit rows.
        CREATE FUNCTION audit_append(p_org uuid, p_actions text[], p_contacts uuid[], p_changes text[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            n int := coalesce(array_length(p_actions, 1), 0);
            v_actor_id uuid := nullif(current_setting('app.actor_id', true), '')::uuid;
            v_actor text := nullif(current_setting('app.actor_name', true), '');
            v_channel text := nullif(current_setting('app.channel', true), '');
            v_summary text := left(coalesce(current_setting('app.reason', true), ''), 1000);
            v_key bytea;
            v_at timestamptz := now();
            v_prefix text;
            v_fixed text;
            v_seq bigint;
            v_prev text;
            seqs bigint[] := '{}';
            prevs text[] := '{}';
            hashes text[] := '{}';
            digests text[] := '{}';
            d text;
        BEGIN
            IF pg_trigger_depth() = 0 THEN
                RAISE EXCEPTION 'audit entries are written by triggers only' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF n = 0 THEN
                RETURN;
            END IF;
            IF v_actor IS NULL OR v_channel IS NULL THEN
                RAISE EXCEPTION 'change refused: no actor is set for this unit of work (app.actor_name, app.channel)'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            v_key := decode(nullif(current_setting('app.digest_key', true), ''), 'hex');
            IF v_key IS NULL THEN
                RAISE EXCEPTION 'change refused: no audit digest key is set for this unit of work' USING ERRCODE = 'insufficient_privilege';
            END IF;

            INSERT INTO audit_chain_heads (organization_id, last_sequence, last_hash) VALUES (p_org, 0, '')
            ON CONFLICT (organization_id) DO NOTHING;
            -- The row lock serialises appends per organization until the transaction ends.
            SELECT last_sequence, last_hash INTO v_seq, v_prev FROM audit_chain_heads WHERE organization_id = p_org FOR UPDATE;

            v_prefix := audit_field(p_org::text);
            v_fixed := audit_field(((extract(epoch FROM v_at) * 1000000)::bigint)::text)
                || audit_field(coalesce(v_actor_id::text, '')) || audit_field(v_actor) || audit_field(v_channel);
            FOR i IN 1..n LOOP
                v_seq := v_seq + 1;
                d := encode(hmac(convert_to(coalesce(p_changes[i], ''), 'UTF8'), v_key, 'sha256'), 'hex');
                seqs[i] := v_seq;
                prevs[i] := v_prev;
                digests[i] := d;
                v_prev := encode(sha256(convert_to(
                    v_prefix || audit_field(v_seq::text) || v_fixed
                    || audit_field(p_actions[i]) || audit_field(coalesce(p_contacts[i]::text, ''))
                    || audit_field(v_summary) || audit_field(d) || audit_field(prevs[i]), 'UTF8')), 'hex');
                hashes[i] := v_prev;
            END LOOP;

            INSERT INTO audit_entries (organization_id, id, sequence, occurred_at, actor_id, actor_name, channel, action,
                                       contact_id, summary, changes, personal_digest, previous_hash, hash)
            SELECT p_org, gen_random_uuid(), u.seq, v_at, v_actor_id, v_actor, v_channel, u.action,
                   u.contact, v_summary, u.changes, u.digest, u.prev, u.hash
            FROM unnest(seqs, p_actions, p_contacts, p_changes, digests, prevs, hashes)
                 AS u(seq, action, contact, changes, digest, prev, hash);

            UPDATE audit_chain_heads SET last_sequence = v_seq, last_hash = v_prev WHERE organization_id = p_org;
        END $$;
        REVOKE EXECUTE ON FUNCTION audit_append(uuid, text[], uuid[], text[]) FROM PUBLIC;

        -- One statement on contacts: one audit row per changed contact, one append per organization it touched.
        -- The before/after values come from one list of audited columns (see AuditedPairs); an update that
        -- changes none of them (only updated_at, say) writes no audit row.
        CREATE FUNCTION contacts_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
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
                    SELECT o.organization_id, array_agg('contact.deleted'::text ORDER BY o.id) AS actions,
                           array_agg(o.id ORDER BY o.id) AS ids, array_agg(d.changes ORDER BY o.id) AS changes
                    FROM old_rows o
                    CROSS JOIN LATERAL (
                        SELECT jsonb_build_object('before', coalesce(jsonb_object_agg(k, b) FILTER (WHERE b IS NOT NULL), '{}'), 'after', '{}'::jsonb)::text AS changes
                        FROM (VALUES {{PAIRS_OLD}}) v(k, b)) d
                    GROUP BY o.organization_id ORDER BY o.organization_id
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            END IF;
            RETURN NULL;
        END $$;

        CREATE TRIGGER contacts_audit_insert AFTER INSERT ON contacts
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts_audit();
        CREATE TRIGGER contacts_audit_update AFTER UPDATE ON contacts
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts_audit();
        CREATE TRIGGER contacts_audit_delete AFTER DELETE ON contacts
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts_audit();

        -- TRUNCATE would bypass the statement triggers above.
        CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is audited: TRUNCATE refused (append-only)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER contacts_no_truncate BEFORE TRUNCATE ON contacts FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

        -- The chain is now extended per statement by audit_append; the per-row trigger goes.
        DROP TRIGGER audit_entries_chain ON audit_entries;
        DROP FUNCTION audit_entries_chain();

        -- Only the audit triggers write audit rows and chain heads: a direct statement (trigger depth 1) is
        -- refused, even by a role that holds INSERT, and even when it matches no row.
        CREATE FUNCTION audit_written_by_triggers_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF pg_trigger_depth() < 2 THEN
                RAISE EXCEPTION '% is written by the audit triggers only (append-only): % refused', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER audit_entries_insert_guard BEFORE INSERT ON audit_entries
            FOR EACH STATEMENT EXECUTE FUNCTION audit_written_by_triggers_only();
        CREATE TRIGGER audit_chain_heads_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_heads
            FOR EACH STATEMENT EXECUTE FUNCTION audit_written_by_triggers_only();
        CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

        -- One-time data steps the API runs after migrating (not organization data: no row-level security).
        CREATE TABLE data_steps (name text PRIMARY KEY, done_at timestamptz NOT NULL DEFAULT now());

        -- Checkpoints are signed by the API; once written they stay.
        CREATE FUNCTION audit_checkpoints_protect() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit checkpoints are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER audit_checkpoints_protect BEFORE UPDATE OR DELETE ON audit_checkpoints
            FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_protect();
        CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
        """";

    public const string Down = """
        DROP TABLE data_steps;
        DROP TRIGGER audit_checkpoints_no_truncate ON audit_checkpoints;
        DROP TRIGGER audit_checkpoints_protect ON audit_checkpoints;
        DROP FUNCTION audit_checkpoints_protect();
        DROP TRIGGER audit_chain_heads_no_truncate ON audit_chain_heads;
        DROP TRIGGER audit_chain_heads_guard ON audit_chain_heads;
        DROP TRIGGER audit_entries_insert_guard ON audit_entries;
        DROP FUNCTION audit_written_by_triggers_only();
        DROP TRIGGER contacts_no_truncate ON contacts;
        DROP TRIGGER contacts_audit_delete ON contacts;
        DROP TRIGGER contacts_audit_update ON contacts;
        DROP TRIGGER contacts_audit_insert ON contacts;
        DROP FUNCTION refuse_truncate();
        DROP FUNCTION contacts_audit();
        DROP FUNCTION audit_append(uuid, text[], uuid[], text[]);
        DROP FUNCTION auth_find_users(text);
        DROP POLICY tenant ON organizations;
        ALTER TABLE organizations DISABLE ROW LEVEL SECURITY;
        DROP POLICY tenant ON users;
        ALTER TABLE users DISABLE ROW LEVEL SECURITY;
        DROP POLICY tenant ON refresh_tokens;
        ALTER TABLE refresh_tokens DISABLE ROW LEVEL SECURITY;
        DROP POLICY tenant ON contacts;
        ALTER TABLE contacts DISABLE ROW LEVEL SECURITY;
        DROP POLICY tenant ON audit_entries;
        ALTER TABLE audit_entries DISABLE ROW LEVEL SECURITY;
        DROP POLICY tenant ON audit_chain_heads;
        ALTER TABLE audit_chain_heads DISABLE ROW LEVEL SECURITY;
        DROP POLICY tenant ON audit_checkpoints;
        ALTER TABLE audit_checkpoints DISABLE ROW LEVEL SECURITY;
        DROP FUNCTION app_organization_id();
        """;
}
