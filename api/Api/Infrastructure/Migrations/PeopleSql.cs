namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the PeopleSearch migration: the accent folding behind the computed search and sort
/// columns, and the search function that can use a trigram index for the API's role under
/// row-level security (docs/decisions/0009-people-search-and-paging.md).
/// </summary>
internal static class PeopleSql
{
    /// <summary>
    /// Lower case with the accents of Latin letters folded, as SQL over <c>t</c>: the body of <c>contact_fold</c>
    /// (SearchPlan adds a fast path for ASCII text in front of it).
    /// </summary>
    public const string FoldExpression = "lower(translate(t, 'àáâãäåāăąÀÁÂÃÄÅĀĂĄæÆçćčĉċÇĆČĈĊďđðĎĐÐèéêëēĕėęěÈÉÊËĒĔĖĘĚğĝġģĞĜĠĢĥħĤĦìíîïĩīĭįıÌÍÎÏĨĪĬĮİĵĴķĶĺļľŀłĹĻĽĿŁñńņňÑŃŅŇòóôõöøōŏőœÒÓÔÕÖØŌŎŐŒŕŗřŔŖŘśŝşšșßŚŜŞŠȘţťŧțŢŤŦȚùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲŵŴýÿŷÝŸŶźżžŹŻŽþÞ', 'aaaaaaaaaaaaaaaaaaaaccccccccccddddddeeeeeeeeeeeeeeeeeegggggggghhhhiiiiiiiiiiiiiiiiiijjkkllllllllllnnnnnnnnoooooooooooooooooooorrrrrrsssssssssssttttttttuuuuuuuuuuuuuuuuuuuuwwyyyyyyzzzzzzpp'))";

    /// <summary>Runs before the computed columns are added: they call these functions.</summary>
    public const string Functions = $"""
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        -- Lower case with the accents of Latin letters folded ("Åsa Öberg" → "asa oberg"). unaccent() is only STABLE,
        -- so a computed column cannot call it; translate() and lower() are IMMUTABLE.
        CREATE FUNCTION contact_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
            SELECT {FoldExpression}
        $$;

        -- A sort key that is never NULL: folded text, blanks after every value.
        CREATE FUNCTION contact_sort_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN nullif(btrim(t), '') IS NULL THEN '1' ELSE '0' || contact_fold(btrim(t)) END
        $$;
        """;

    /// <summary>Runs after the columns and indexes exist.</summary>
    public const string Search = MatchingFunction + Backfill;

    /// <summary>The search function as this migration made it (SearchPlan's Down puts it back).</summary>
    public const string MatchingFunction = """
        -- The ids of the unit of work's organization's contacts whose search text contains every word of the query.
        -- LIKE is not leakproof, so under row-level security the planner will not use the trigram index for the
        -- API's role; this function runs as the schema owner (not subject to the policy) and applies the
        -- organization filter itself. Each word becomes a literal (EXECUTE), so the index sees constant patterns.
        CREATE FUNCTION contacts_matching(p_query text) RETURNS SETOF uuid
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 1000 AS $$
        DECLARE
            v_org uuid := app_organization_id();
            v_where text;
        BEGIN
            IF v_org IS NULL THEN
                RETURN;
            END IF;
            SELECT string_agg(format('c.search_text LIKE %L',
                                     '%' || replace(replace(replace(w, '\', '\\'), '%', '\%'), '_', '\_') || '%'), ' AND ')
            INTO v_where
            FROM (SELECT w FROM regexp_split_to_table(contact_fold(coalesce(p_query, '')), '\s+') w WHERE w <> '' LIMIT 8) words;
            IF v_where IS NULL THEN
                RETURN;
            END IF;
            RETURN QUERY EXECUTE 'SELECT c.id FROM contacts c WHERE c.organization_id = $1 AND ' || v_where USING v_org;
        END $$;
        REVOKE EXECUTE ON FUNCTION contacts_matching(text) FROM PUBLIC;

        """;

    private const string Backfill = """
        -- "Captured by me" for contacts made before created_by_id existed: the user of their creating audit entry.
        UPDATE contacts c SET created_by_id = a.actor_id
        FROM audit_entries a
        WHERE a.organization_id = c.organization_id AND a.contact_id = c.id
          AND a.action IN ('contact.created', 'contact.captured') AND a.actor_id IS NOT NULL;
        """;

    public const string DropSearch = "DROP FUNCTION contacts_matching(text);";

    public const string DropFunctions = """
        DROP FUNCTION contact_sort_key(text);
        DROP FUNCTION contact_fold(text);
        """;
}
