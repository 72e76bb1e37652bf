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
                    NEW.hash := encode(sha256(convert_to(concat_ws('|',
                        NEW.organization_id::text,
                        NEW.sequence::text,
                        ((extract(epoch FROM NEW.occurred_at) * 1000000)::bigint)::text,
                        coalesce(NEW.actor_id::text, ''),
                        NEW.actor_name,
                        NEW.channel,
                        NEW.action,
                        coalesce(NEW.contact_id::text, ''),
                        NEW.summary,
                        NEW.personal_digest,
                        NEW.previous_hash), 'UTF8')), 'hex');
                    UPDATE audit_chain_heads SET last_sequence = NEW.sequence, last_hash = NEW.hash
                    WHERE organization_id = NEW.organization_id;
                    RETURN NEW;
                END $$;

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
                DROP TABLE audit_chain_heads;
                """);
        }
    }
}
