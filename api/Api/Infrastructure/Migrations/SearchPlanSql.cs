namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the SearchPlan migration: the query's folded words in one place, and the planner's estimate of
/// how much of the organization a search matches, so the People list can pick the cheaper of two plans
/// (docs/decisions/0009-people-search-and-paging.md, "Broad searches").
/// </summary>
internal static class SearchPlanSql
{
    public const string Up = FastFold + """
        -- The words a search requires, folded as search_text is (contact_fold), at most 8: the one definition the
        -- trigram function below and the API's broad-search filter both use.
        CREATE FUNCTION contacts_search_words(p_query text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(w), '{}')
            FROM (SELECT w FROM regexp_split_to_table(contact_fold(coalesce(p_query, '')), '\s+') w WHERE w <> '' LIMIT 8) words
        $$;

        -- "c.search_text LIKE '%word%' AND …" with LIKE's wildcards escaped, or NULL for no words.
        CREATE FUNCTION contacts_search_condition(p_query text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT string_agg(format('c.search_text LIKE %L', '%' || replace(replace(replace(w, '\', '\\'), '%', '\%'), '_', '\_') || '%'), ' AND ')
            FROM unnest(contacts_search_words(p_query)) w
        $$;

        -- Now built from the shared condition.
        CREATE OR REPLACE FUNCTION contacts_matching(p_query text) RETURNS SETOF uuid
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 1000 AS $$
        DECLARE
            v_org uuid := app_organization_id();
            v_where text := contacts_search_condition(p_query);
        BEGIN
            IF v_org IS NULL OR v_where IS NULL THEN
                RETURN;
            END IF;
            RETURN QUERY EXECUTE 'SELECT c.id FROM contacts c WHERE c.organization_id = $1 AND ' || v_where USING v_org;
        END $$;

        -- The planner's estimate (from the statistics of search_text; no row is read) of the share of contacts that
        -- contacts_matching(p_query) returns, 0 to 1. The statistics are the table's, all organizations together (the
        -- planner takes the organization and the words as independent), and over the whole table, because an estimate
        -- is never under one row: within a small organization a search that matches nothing would look broad. Under
        -- row-level security the planner does not apply LIKE's statistics for the API's role (LIKE is not leakproof),
        -- so this runs as the owner. VOLATILE: PostgreSQL allows EXPLAIN only in volatile functions.
        CREATE FUNCTION contacts_matching_share(p_query text) RETURNS double precision
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            v_where text := contacts_search_condition(p_query);
            v_plan json;
            v_all double precision;
        BEGIN
            IF app_organization_id() IS NULL OR v_where IS NULL THEN
                RETURN 0;
            END IF;
            EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM contacts c' INTO v_plan;
            v_all := greatest((v_plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision, 1);
            EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM contacts c WHERE ' || v_where INTO v_plan;
            RETURN least((v_plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision / v_all, 1);
        END $$;
        REVOKE EXECUTE ON FUNCTION contacts_matching_share(text) FROM PUBLIC;
        """;

    /// <summary>
    /// contact_fold with a fast path: text that is all ASCII (octet length = length in UTF-8) has no accent to fold,
    /// so it is only lower-cased. translate() compares each character with each of the ~220 in its list, which made
    /// folding the bulk of every contact write: 66 µs for a contact's search text, ~14 s of a 100 000-contact bulk
    /// edit, since PostgreSQL recomputes every stored generated column on every update. Same results for every
    /// input (translate changes only the listed non-ASCII letters), so the stored columns and indexes stay valid.
    /// </summary>
    private const string FastFold = $"""
        CREATE OR REPLACE FUNCTION contact_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
            SELECT CASE WHEN octet_length(t) = length(t) THEN lower(t) ELSE {PeopleSql.FoldExpression} END
        $$;

        """;

    /// <summary>Back to PeopleSearch's contacts_matching, which built its condition itself.</summary>
    public const string Down = """
        DROP FUNCTION contacts_matching_share(text);
        DROP FUNCTION contacts_matching(text);
        """ + PeopleSql.MatchingFunction + $"""
        DROP FUNCTION contacts_search_condition(text);
        DROP FUNCTION contacts_search_words(text);
        CREATE OR REPLACE FUNCTION contact_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
            SELECT {PeopleSql.FoldExpression}
        $$;
        """;
}
