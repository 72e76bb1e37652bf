namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the DataLayerInDatabase migration, kept apart so it reads as SQL. The chain hash
/// formula must stay identical to <c>AuditTrail.ChainHash</c>, the digest to <c>AuditTrail.Digest</c>.
/// </summary>
internal static class DataLayerSql
{
    public const string Up = """"
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

        -- The audited values of a contact, from the row as jsonb (column names as PostgreSQL has them).
        CREATE FUNCTION contact_audit_values(c jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT jsonb_build_object(
                'firstName', c->'first_name', 'lastName', c->'last_name', 'email', c->'email', 'phone', c->'phone',
                'company', c->'company', 'title', c->'title', 'website', c->'website', 'linkedIn', c->'linked_in',
                'twitter', c->'twitter', 'facebook', c->'facebook', 'other', c->'other', 'salesforceId', c->'salesforce_id',
                'authorizationType', c->'authorization_type', 'authorizationDescription', c->'authorization_description',
                'consentDate', c->'consent_date', 'consentPurpose', c->'consent_purpose',
                'sourceType', c->'source_type', 'sourceDescription', c->'source_description', 'sourceUrl', c->'source_url')
        $$;

        -- {"after": {changed keys}, "before": {changed keys}}, or NULL when nothing audited changed.
        CREATE FUNCTION audit_changes(b jsonb, a jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN count(*) = 0 THEN NULL ELSE
                jsonb_build_object('before', jsonb_object_agg(k, b->k), 'after', jsonb_object_agg(k, a->k))::text END
            FROM jsonb_object_keys(a) k
            WHERE (b->k) IS DISTINCT FROM (a->k)
        $$;

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
        CREATE FUNCTION contacts_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            card constant text[] := ARRAY['authorizationType', 'authorizationDescription', 'consentDate', 'consentPurpose',
                                          'sourceType', 'sourceDescription', 'sourceUrl'];
            r record;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                FOR r IN
                    SELECT organization_id, array_agg(action ORDER BY id) AS actions, array_agg(id ORDER BY id) AS ids,
                           array_agg(changes ORDER BY id) AS changes
                    FROM (SELECT n.organization_id, n.id,
                                 CASE WHEN n.source_type = 'ChromeExtension' THEN 'contact.captured' ELSE 'contact.created' END AS action,
                                 jsonb_build_object('before', '{}'::jsonb, 'after', jsonb_strip_nulls(contact_audit_values(to_jsonb(n))))::text AS changes
                          FROM new_rows n) x
                    GROUP BY organization_id ORDER BY organization_id
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            ELSIF TG_OP = 'UPDATE' THEN
                FOR r IN
                    SELECT organization_id,
                           array_agg(CASE WHEN keys <@ card THEN 'contact.compliance-card-changed'
                                          WHEN NOT keys && card THEN 'contact.personal-data-changed'
                                          ELSE 'contact.changed' END ORDER BY id) AS actions,
                           array_agg(id ORDER BY id) AS ids, array_agg(changes ORDER BY id) AS changes
                    FROM (SELECT n.organization_id, n.id, d.changes,
                                 ARRAY(SELECT jsonb_object_keys(d.changes::jsonb -> 'after')) AS keys
                          FROM old_rows o
                          JOIN new_rows n ON n.organization_id = o.organization_id AND n.id = o.id
                          CROSS JOIN LATERAL (SELECT audit_changes(contact_audit_values(to_jsonb(o)), contact_audit_values(to_jsonb(n))) AS changes) d
                          WHERE d.changes IS NOT NULL) x
                    GROUP BY organization_id ORDER BY organization_id
                LOOP
                    PERFORM audit_append(r.organization_id, r.actions, r.ids, r.changes);
                END LOOP;
            ELSE
                FOR r IN
                    SELECT organization_id, array_agg('contact.deleted'::text ORDER BY id) AS actions, array_agg(id ORDER BY id) AS ids,
                           array_agg(jsonb_build_object('before', jsonb_strip_nulls(contact_audit_values(to_jsonb(o))), 'after', '{}'::jsonb)::text
                                     ORDER BY id) AS changes
                    FROM old_rows o
                    GROUP BY organization_id ORDER BY organization_id
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
        DROP FUNCTION audit_changes(jsonb, jsonb);
        DROP FUNCTION contact_audit_values(jsonb);
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
