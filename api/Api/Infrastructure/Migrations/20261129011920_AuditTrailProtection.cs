using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceConnect.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Makes the audit trail tamper-evident in the database itself: a trigger numbers and chains
    /// every new entry (so no code path can skip it), and another refuses updates and deletes,
    /// except erasure's removal of personal values, which the chain does not cover directly.
    /// The hash formula must stay identical to <c>AuditTrail.ChainHash</c>.
    /// </summary>
    public partial class AuditTrailProtection : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE audit_chain_heads (
                    organization_id uuid PRIMARY KEY REFERENCES organizations (id),
                    last_sequence bigint NOT NULL,
                    last_hash text NOT NULL
                );

                -- Length-prefixed so that no two different entries hash the same text ("a|b" + "c" vs "a" + "b|c").
                CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                    SELECT octet_length(value)::text || ':' || value || '|'
                $$;

                CREATE FUNCTION audit_entries_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    head audit_chain_heads%ROWTYPE;
                BEGIN
                    INSERT INTO audit_chain_heads (organization_id, last_sequence, last_hash)
                    VALUES (NEW.organization_id, 0, '') ON CONFLICT (organization_id) DO NOTHING;
                    -- The row lock serialises appends per organization until the transaction ends.
                    SELECT * INTO head FROM audit_chain_heads WHERE organization_id = NEW.organization_id FOR UPDATE;
                    NEW.sequence := head.last_sequence + 1;
                    NEW.previous_hash := head.last_hash;
                    NEW.hash := encode(sha256(convert_to(
                        audit_field(NEW.organization_id::text)
                        || audit_field(NEW.sequence::text)
                        || audit_field(((extract(epoch FROM NEW.occurred_at) * 1000000)::bigint)::text)
                        || audit_field(coalesce(NEW.actor_id::text, ''))
                        || audit_field(NEW.actor_name)
                        || audit_field(NEW.channel)
                        || audit_field(NEW.action)
                        || audit_field(coalesce(NEW.contact_id::text, ''))
                        || audit_field(NEW.summary)
                        || audit_field(NEW.personal_digest)
                        || audit_field(NEW.previous_hash), 'UTF8')), 'hex');
                    UPDATE audit_chain_heads SET last_sequence = NEW.sequence, last_hash = NEW.hash
                    WHERE organization_id = NEW.organization_id;
                    RETURN NEW;
                END $$;

                -- Runs as the schema owner, so the API's own role needs no rights on the chain heads.
                ALTER FUNCTION audit_entries_chain() SECURITY DEFINER SET search_path = public;

                CREATE TRIGGER audit_entries_chain BEFORE INSERT ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_chain();

                CREATE FUNCTION audit_entries_protect() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.changes IS NULL
                       AND (to_jsonb(NEW) - 'changes') = (to_jsonb(OLD) - 'changes') THEN
                        RETURN NEW; -- erasure: personal values removed, everything the chain covers kept
                    END IF;
                    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE TRIGGER audit_entries_protect BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_protect();

                CREATE FUNCTION audit_entries_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit entries are append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_no_truncate();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_no_truncate ON audit_entries;
                DROP FUNCTION audit_entries_no_truncate();
                DROP TRIGGER audit_entries_protect ON audit_entries;
                DROP FUNCTION audit_entries_protect();
                DROP TRIGGER audit_entries_chain ON audit_entries;
                DROP FUNCTION audit_entries_chain();
                DROP FUNCTION audit_field(text);
                DROP TABLE audit_chain_heads;
                """);
        }
    }
}
