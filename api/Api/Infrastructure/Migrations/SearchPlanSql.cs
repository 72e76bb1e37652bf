namespace ComplianceConnect.Api.Infrastructure.Migrations;

/// <summary>
/// The SQL of the SearchPlan migration: the query's folded words in one place, and the planner's estimate of
/// how much of the organization a search matches, so the People list can pick the cheaper of two plans
/// (docs/decisions/0009-people-search-and-paging.md, "Broad searches").
/// </summary>
internal static class SearchPlanSql
{
    public const string Up = """
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

    /// <summary>Back to PeopleSearch's contacts_matching, which built its condition itself.</summary>
    public const string Down = """
        DROP FUNCTION contacts_matching_share(text);
        DROP FUNCTION contacts_matching(text);
        """ + PeopleSql.MatchingFunction + """
        DROP FUNCTION contacts_search_condition(text);
        DROP FUNCTION contacts_search_words(text);
        """;
}
