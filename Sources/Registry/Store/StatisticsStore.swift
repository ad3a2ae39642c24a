import Foundation
import Logging
import PostgresNIO
import RegistryAPI

/// The SQL behind every statistics table. Each query aggregates in PostgreSQL with grouping
/// sets, so `Total` rows and every geographic level come from one pass over the records the
/// viewer may read, and returns rows of one shape (`Group`).
///
/// Every query shares the parameters $1 to $9 of `StatisticsFilter` and the viewer, and the
/// common table expressions in `visibleRecords`. Only constant SQL text is spliced in.
struct StatisticsStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    let limit: ConcurrencyLimit
    /// Whether tables that `KeptStatistics` holds are read from there; tests compare both ways.
    var keptCounts = true

    struct Filter: Sendable, Equatable {
        /// Statistics as they stood at the end of this day; nil for the current state.
        var asOf: CalendarDate?
        var region: String?
        var networkID: UUID?
        var kind: String?
        var technology: String?
        var origin: String?
        /// The geographic levels to return. The small-number rule runs over all of them whatever
        /// is asked, so a level's rows are the same asked alone or with the others.
        var levels: Set<GeographicLevel> = Set(GeographicLevel.allCases)
    }

    /// A table as `viewer` may see it, with the small-number rule applied (what the API, the
    /// dashboards and exports publish) unless `suppression` is `.none`, which only callers
    /// entitled to it reach. The rule runs over every level; the levels asked for are kept.
    func table(
        _ dataset: StatisticsDataset, filter: Filter, viewer: Caller, suppression: Suppression = .applied
    ) async throws -> StatisticsTable {
        let reportDate = filter.asOf ?? .today()
        let (rows, authorities) = try await limit.run { () async throws -> ([StatisticsRow], [AuthorityReturn]) in
            (try await self.rows(dataset, filter: filter, viewer: viewer, reportDate: reportDate),
             filter.levels.contains(.localAuthority) ? try await self.authorities(filter) : [])
        }
        let published = switch suppression {
        case .applied: Disclosure.apply(to: rows, filterCount: dataset.filters.count)
        case .none: rows
        }
        let added = Self.rowsForAuthoritiesWithNone(dataset, authorities, beside: published, reportDate: reportDate)
        // The small-number rule leaves its rows in publication order.
        let ordered = suppression == .applied && added.isEmpty ? published : StatisticsRow.inPublicationOrder(published + added)
        return StatisticsTable(dataset: dataset, rows: ordered.filter { filter.levels.contains($0.level) }, suppression: suppression)
    }

    /// An authority in the table's places, and whether it has recorded anything at all.
    struct AuthorityReturn: Sendable {
        var code: String
        var regionCode: String?
        var countryCode: String
        var hasReturn: Bool
    }

    /// Every authority among the filter's places, so a local-authority table can say of each
    /// that it counted nothing (`0`) or that the authority made no return (`x`).
    private func authorities(_ filter: Filter) async throws -> [AuthorityReturn] {
        try await client.queryJoiningAmbient(
            """
            SELECT a.code, a.region_code, a.country_code,
                   EXISTS (SELECT 1 FROM pilots p WHERE p.deleted_at IS NULL
                           AND (p.lead_authority = a.code OR EXISTS (
                               SELECT 1 FROM pilot_participants pp WHERE pp.pilot_id = p.id AND pp.authority_code = a.code)))
                   OR EXISTS (SELECT 1 FROM single_views s WHERE s.deleted_at IS NULL AND s.authority_code = a.code)
                   OR EXISTS (SELECT 1 FROM contacts c WHERE c.deleted_at IS NULL AND c.authority_code = a.code) AS has_return
            FROM authorities a
            WHERE (\(filter.region)::text IS NULL OR a.region_code = \(filter.region))
              AND (\(filter.networkID)::uuid IS NULL OR a.code IN (
                    SELECT m.authority_code FROM network_members m WHERE m.network_id = \(filter.networkID)))
            """, logger: logger
        ).all {
            AuthorityReturn(
                code: try $0.get("code"), regionCode: try $0.get("region_code"), countryCode: try $0.get("country_code"),
                hasReturn: try $0.get("has_return"))
        }
    }

    /// A `Total` row for each period and authority the table has no row for: nothing counted,
    /// or `x` where the authority has recorded nothing in the registry.
    private static func rowsForAuthoritiesWithNone(
        _ dataset: StatisticsDataset, _ authorities: [AuthorityReturn], beside rows: [StatisticsRow], reportDate: CalendarDate
    ) -> [StatisticsRow] {
        let present = Set(rows.filter { $0.level == .localAuthority }.map { "\($0.timePeriod)|\($0.timeIdentifier)|\($0.authorityCode ?? "")" })
        let periods: [(period: String, identifier: String)] = dataset == .adoptionTimeSeries
            ? Self.quarters(through: reportDate).map { (String($0.year), "Calendar year Q\($0.quarter)") }
            : [(String(reportDate.year), "Calendar year")]
        var added: [StatisticsRow] = []
        for (period, identifier) in periods {
            for authority in authorities where !present.contains("\(period)|\(identifier)|\(authority.code)") {
                var filters = dataset.filters.map { _ in "Total" }
                if dataset == .adoptionTimeSeries { filters[filters.count - 1] = version(of: identifier, period, reportDate) }
                added.append(StatisticsRow(
                    timePeriod: period, timeIdentifier: identifier, level: .localAuthority, countryCode: authority.countryCode,
                    regionCode: authority.regionCode, authorityCode: authority.code, filters: filters,
                    values: dataset.indicators.map { authority.hasReturn ? $0.whenNothingCounted : .notAvailable },
                    contributors: 0, allPublic: true))
            }
        }
        return added
    }

    /// The quarters of the time series, from 2023 to the one `day` falls in.
    static func quarters(through day: CalendarDate) -> [(year: Int, quarter: Int)] {
        (2023...max(2023, day.year)).flatMap { year in
            (1...4).map { (year, $0) }.filter { year < day.year || $0.1 <= (day.month - 1) / 3 + 1 }
        }
    }

    /// `Provisional` for the quarter the report date falls in, which goes on changing; else `Final`.
    static func version(of identifier: String, _ period: String, _ reportDate: CalendarDate) -> String {
        let current = "Calendar year Q\((reportDate.month - 1) / 3 + 1)"
        return period == String(reportDate.year) && identifier == current ? "Provisional" : "Final"
    }

    /// Rows of a table before the small-number rule; `period` is set for time series only.
    private func rows(_ dataset: StatisticsDataset, filter: Filter, viewer: Caller, reportDate: CalendarDate) async throws -> [StatisticsRow] {
        let query: PostgresQuery
        if keptCounts, let audience = KeptStatistics.audience(dataset, filter, viewer: viewer) {
            try await client.queryJoiningAmbient(KeptStatistics.fold, logger: logger)
            query = KeptStatistics.rows(dataset, audience: audience)
        } else {
            query = Self.counted(dataset, filter: filter, viewer: viewer)
        }
        return try Self.decode(try await client.queryJoiningAmbient(query, logger: logger), dataset, reportDate: reportDate)
    }

    /// Rows as both kinds of query send them: a table's columns in order, its filter values and
    /// indicators each joined by U+001F. A national table runs to hundreds of thousands of rows
    /// naming the same few periods, places and filter values, so each is held once.
    private static func decode(_ fetched: FetchedRows, _ dataset: StatisticsDataset, reportDate: CalendarDate) throws -> [StatisticsRow] {
        var words = SharedWords()
        let year = String(reportDate.year)
        return try fetched.rows.map { row in
            let (period, geo, country, region, authority, filterText, indicatorText, contributors, allPublic) = try row.decode(
                (String?, Int, String, String?, String?, String, String, Int, Bool).self, context: .default)
            let level: GeographicLevel = switch geo {
            case 0: .localAuthority
            case 1: .regional
            default: .national
            }
            let timePeriod = period.map { words[$0.prefix(4)] } ?? year
            let timeIdentifier = period.map { words.quarter($0.suffix(1)) } ?? "Calendar year"
            var filters = filterText.split(separator: "\u{1F}", omittingEmptySubsequences: false).map { words[$0] }
            if dataset == .adoptionTimeSeries { filters.append(Self.version(of: timeIdentifier, timePeriod, reportDate)) }
            return StatisticsRow(
                timePeriod: timePeriod,
                timeIdentifier: timeIdentifier,
                level: level,
                countryCode: words[country[...]],
                regionCode: level == .national ? nil : region.map { words[$0[...]] },
                authorityCode: level == .localAuthority ? authority.map { words[$0[...]] } : nil,
                filters: filters,
                values: indicatorText.split(separator: "\u{1F}", omittingEmptySubsequences: false).map {
                    $0.isEmpty ? .notApplicable : .number(String($0))
                },
                contributors: contributors,
                allPublic: allPublic)
        }
    }

    /// The table counted from the records the viewer may read, with the filter applied.
    private static func counted(_ dataset: StatisticsDataset, filter: Filter, viewer: Caller) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(filter.asOf?.description)
        binds.append(viewer: viewer)
        binds.append(filter.kind)
        binds.append(filter.technology)
        binds.append(filter.origin)
        binds.append(filter.region)
        binds.append(filter.networkID)
        if dataset == .governance {
            let catalogue = Self.practiceCatalogue
            binds.append(catalogue.map(\.group))
            binds.append(catalogue.map(\.practice))
        }
        return PostgresQuery(unsafeSQL: """
            SELECT period, geo, country_code, region_code, authority_code,
                   array_to_string(filters, E'\\x1f', '') AS filters, array_to_string(indicators, E'\\x1f', '') AS indicators,
                   contributors, all_public
            FROM (\(visibleRecords + sql(dataset))) counted
            """, binds: binds)
    }

    /// Names and codes of every country, region and authority, for the EES place columns.
    func geography() async throws -> Geography {
        var geography = Geography(countries: [:], regions: [:], authorities: [:])
        let rows = try await client.queryJoiningAmbient(
            """
            SELECT 'country' AS kind, code, name, NULL AS dfe_code FROM countries
            UNION ALL SELECT 'region', code, name, NULL FROM regions
            UNION ALL SELECT 'authority', code, name, dfe_code FROM authorities
            """, logger: logger)
        for (kind, code, name, dfeCode) in try rows.decode((String, String, String, String?).self) {
            let place = Geography.Place(name: name, dfeCode: dfeCode)
            switch kind {
            case "country": geography.countries[code] = place
            case "region": geography.regions[code] = place
            default: geography.authorities[code] = place
            }
        }
        return geography
    }

    // MARK: - SQL

    /// Pilots the viewer may read, with their phase on $1, and the places (authorities after
    /// the region and network filters) their records count towards. A pilot counts once for
    /// each of its authorities (lead and participants) that is among the places.
    private static let visibleRecords = """
        WITH pilot_states AS (
            SELECT p.id, p.sharing_level::text AS sharing_level, p.origin::text AS origin, t.kind::text AS kind,
                   t.technology::text AS technology, t.provider_id, pilot_owners(p.id, p.lead_authority) AS owners,
                   CASE WHEN $1::date IS NULL THEN p.phase::text ELSE (
                       SELECT pc.phase::text FROM phase_changes pc
                       WHERE pc.pilot_id = p.id AND pc.effective_on <= $1::date
                       ORDER BY pc.effective_on DESC, pc.seq DESC LIMIT 1) END AS phase
            FROM pilots p JOIN tools t ON t.id = p.tool_id
            WHERE p.deleted_at IS NULL
              AND ($5::text IS NULL OR t.kind = $5::text)
              AND ($6::text IS NULL OR t.technology = $6::text)
              AND ($7::text IS NULL OR p.origin = $7::text)
        ),
        visible_pilots AS (
            SELECT * FROM pilot_states
            WHERE phase IS NOT NULL AND may_read(sharing_level, owners, $2::text, $3::text, $4::uuid[])
        ),
        places AS (
            SELECT a.code AS authority_code, a.region_code, a.country_code FROM authorities a
            WHERE ($8::text IS NULL OR a.region_code = $8::text)
              AND ($9::uuid IS NULL OR a.code IN (
                    SELECT m.authority_code FROM network_members m WHERE m.network_id = $9::uuid))
        ),
        pilot_units AS (
            SELECT v.id, v.kind, v.origin, v.technology, v.provider_id, v.phase, v.sharing_level = 'public' AS is_public,
                   pl.authority_code, pl.region_code, pl.country_code
            FROM visible_pilots v CROSS JOIN LATERAL unnest(v.owners) AS owner(code)
            JOIN places pl ON pl.authority_code = owner.code
        ),
        evaluation_states AS (
            SELECT e.id, e.pilot_id, e.authority_code, e.evaluator::text AS evaluator,
                   v.sharing_level = 'public' AND e.sharing_level = 'public' AS is_public,
                   CASE WHEN $1::date IS NULL THEN e.status::text
                        WHEN e.status = 'completed' AND COALESCE(e.completed_on, e.created_at::date) <= $1::date THEN 'completed'
                        WHEN e.status IN ('under_way', 'completed') THEN 'under_way'
                        ELSE 'planned' END AS status,
                   e.outcome::text AS outcome
            FROM evaluations e JOIN visible_pilots v ON v.id = e.pilot_id
            WHERE e.deleted_at IS NULL AND may_read(e.sharing_level, v.owners, $2::text, $3::text, $4::uuid[])
              AND ($1::date IS NULL OR COALESCE(e.started_on, e.created_at::date) <= $1::date)
        )

        """

    /// Every geographic level in one pass: the small-number rule needs them all together.
    private static let placeSets = "GROUPING SETS ((), (region_code), (region_code, authority_code))"
    /// `geo` is GROUPING(region_code, authority_code): 3 national, 1 regional, 0 local authority.
    private static let placeColumns = "GROUPING(region_code, authority_code) AS geo, country_code, region_code, authority_code"

    /// A filter column: its value, or `Total` in rows that add it up.
    private static func filters(_ columns: String...) -> String {
        "ARRAY[" + columns.map { "CASE WHEN GROUPING(\($0)) = 1 THEN 'Total' ELSE \($0)::text END" }.joined(separator: ", ") + "] AS filters"
    }

    /// An exact median: the mean of the lower and upper middle values, rounded.
    private static func median(_ expression: String, places: Int) -> String {
        "COALESCE(round((percentile_disc(0.5) WITHIN GROUP (ORDER BY \(expression)) "
            + "+ percentile_disc(0.5) WITHIN GROUP (ORDER BY \(expression) DESC)) / 2.0, \(places))::text, '')"
    }

    /// A percentage to one place, as text; empty where the whole is nothing.
    static func percent(_ part: String, of whole: String) -> String {
        "COALESCE(round(100.0 * \(part) / NULLIF(\(whole), 0), 1)::text, '')"
    }

    private static let disclosure = "count(DISTINCT authority_code)::int AS contributors, bool_and(is_public) AS all_public"

    private static func sql(_ dataset: StatisticsDataset) -> String {
        switch dataset {
        case .adoption:
            return """
                SELECT NULL::text AS period, \(placeColumns), \(filters("kind", "phase")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT authority_code)::text] AS indicators, \(disclosure)
                FROM pilot_units
                GROUP BY country_code, \(placeSets), CUBE (kind, phase)
                """
        case .adoptionByProvider:
            return """
                SELECT NULL::text AS period, \(placeColumns), \(filters("provider")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT authority_code)::text] AS indicators, \(disclosure)
                FROM (SELECT u.*, COALESCE(pr.name, 'No provider recorded') AS provider
                      FROM pilot_units u LEFT JOIN providers pr ON pr.id = u.provider_id) units
                GROUP BY country_code, \(placeSets), ROLLUP (provider)
                """
        case .adoptionTimeSeries:
            return """
                , quarters AS (
                    SELECT extract(year FROM start)::int AS year, extract(quarter FROM start)::int AS quarter,
                           LEAST((start + interval '3 months' - interval '1 day')::date, COALESCE($1::date, current_date)) AS day
                    FROM generate_series(date '2023-01-01', COALESCE($1::date, current_date), interval '3 months') AS start
                ),
                spells AS (
                    SELECT pc.pilot_id, pc.phase::text AS spell_phase, pc.effective_on AS since,
                           lead(pc.effective_on) OVER (PARTITION BY pc.pilot_id ORDER BY pc.effective_on, pc.seq) AS until
                    FROM phase_changes pc WHERE pc.pilot_id IN (SELECT id FROM visible_pilots)
                ),
                quarterly AS (
                    SELECT q.year || '-Q' || q.quarter AS quarter_name, u.id, u.kind, s.spell_phase, u.is_public,
                           u.authority_code, u.region_code, u.country_code
                    FROM quarters q
                    JOIN spells s ON s.since <= q.day AND (s.until IS NULL OR s.until > q.day)
                    JOIN pilot_units u ON u.id = s.pilot_id
                )
                SELECT quarter_name AS period, \(placeColumns), \(filters("kind", "spell_phase")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT authority_code)::text] AS indicators, \(disclosure)
                FROM quarterly
                GROUP BY quarter_name, country_code, \(placeSets), CUBE (kind, spell_phase)
                """
        case .pilotOutcomes:
            return """
                , journeys AS (
                    SELECT u.*, first_pilot.effective_on AS piloted_on, later.left_on, later.converted_on
                    FROM pilot_units u
                    LEFT JOIN LATERAL (
                        SELECT pc.effective_on, pc.seq FROM phase_changes pc
                        WHERE pc.pilot_id = u.id AND pc.phase = 'pilot' AND ($1::date IS NULL OR pc.effective_on <= $1::date)
                        ORDER BY pc.effective_on, pc.seq LIMIT 1) first_pilot ON true
                    LEFT JOIN LATERAL (
                        SELECT min(pc.effective_on) FILTER (WHERE pc.phase <> 'pilot') AS left_on,
                               min(pc.effective_on) FILTER (WHERE pc.phase IN ('implemented', 'fully_established')) AS converted_on
                        FROM phase_changes pc
                        WHERE pc.pilot_id = u.id AND (pc.effective_on, pc.seq) > (first_pilot.effective_on, first_pilot.seq)
                          AND ($1::date IS NULL OR pc.effective_on <= $1::date)) later ON true
                )
                SELECT NULL::text AS period, \(placeColumns), \(filters("kind")),
                       ARRAY[count(DISTINCT id) FILTER (WHERE piloted_on IS NOT NULL)::text,
                             count(DISTINCT id) FILTER (WHERE converted_on IS NOT NULL)::text,
                             \(percent("count(DISTINCT id) FILTER (WHERE converted_on IS NOT NULL)", of: "count(DISTINCT id) FILTER (WHERE piloted_on IS NOT NULL)")),
                             \(median("left_on - piloted_on", places: 1)),
                             count(DISTINCT id) FILTER (WHERE phase = 'pilot')::text,
                             count(DISTINCT id) FILTER (WHERE phase = 'discontinued')::text] AS indicators,
                       \(disclosure)
                FROM journeys
                GROUP BY country_code, \(placeSets), ROLLUP (kind)
                """
        case .discontinuationReasons:
            return """
                , stopped AS (
                    SELECT u.*, reason
                    FROM pilot_units u
                    CROSS JOIN LATERAL (
                        SELECT pc.reasons::text[] AS reasons FROM phase_changes pc
                        WHERE pc.pilot_id = u.id AND pc.phase = 'discontinued' AND ($1::date IS NULL OR pc.effective_on <= $1::date)
                        ORDER BY pc.effective_on DESC, pc.seq DESC LIMIT 1) last_stop
                    CROSS JOIN LATERAL unnest(CASE WHEN cardinality(last_stop.reasons) = 0 THEN ARRAY['not_recorded']
                                              ELSE last_stop.reasons END) AS reason
                    WHERE u.phase = 'discontinued'
                )
                SELECT NULL::text AS period, \(placeColumns), \(filters("kind", "reason")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT authority_code)::text] AS indicators, \(disclosure)
                FROM stopped
                GROUP BY country_code, \(placeSets), CUBE (kind, reason)
                """
        case .resourcing:
            return """
                , resourcing_units AS (
                    SELECT v.id, v.kind, v.origin, r.stage::text AS stage, pl.authority_code, pl.region_code, pl.country_code,
                           sum(r.fte) AS fte, sum(r.amount_gbp) AS cost,
                           bool_and(v.sharing_level = 'public' AND r.sharing_level = 'public') AS is_public
                    FROM resourcing_lines r
                    JOIN visible_pilots v ON v.id = r.pilot_id
                    JOIN places pl ON pl.authority_code = r.authority_code
                    WHERE r.deleted_at IS NULL AND may_read(r.sharing_level, v.owners, $2::text, $3::text, $4::uuid[])
                      AND ($1::date IS NULL OR COALESCE(r.period_start, r.created_at::date) <= $1::date)
                    GROUP BY v.id, v.kind, v.origin, r.stage, pl.authority_code, pl.region_code, pl.country_code
                )
                SELECT NULL::text AS period, \(placeColumns), \(filters("stage", "kind", "origin")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT authority_code)::text,
                             COALESCE(sum(fte)::numeric(14, 2)::text, ''), \(median("fte", places: 2)),
                             COALESCE(sum(cost)::numeric(16, 2)::text, ''), \(median("cost", places: 2))] AS indicators,
                       \(disclosure)
                FROM resourcing_units
                GROUP BY country_code, \(placeSets),
                         GROUPING SETS ((stage, kind), (stage, origin), (stage), (kind), (origin), ())
                """
        case .governance:
            return """
                , live AS (
                    SELECT * FROM pilot_units WHERE phase IN ('pilot', 'implemented', 'fully_established')
                ),
                practices AS (
                    SELECT a.pilot_id, done.practice_group, done.practice, bool_and(a.sharing_level = 'public') AS is_public
                    FROM assessments a
                    JOIN visible_pilots v ON v.id = a.pilot_id
                    CROSS JOIN LATERAL assessment_practices(a.kind::text, a.principles, a.safeguards) done
                    WHERE a.deleted_at IS NULL AND a.status = 'completed'
                      AND may_read(a.sharing_level, v.owners, $2::text, $3::text, $4::uuid[])
                      AND ($1::date IS NULL OR COALESCE(a.completed_on, a.created_at::date) <= $1::date)
                    GROUP BY a.pilot_id, done.practice_group, done.practice
                ),
                catalogue AS (
                    SELECT * FROM unnest($10::text[], $11::text[]) AS c(practice_group, practice)
                ),
                coverage AS (
                    SELECT l.id, l.kind, l.authority_code, l.region_code, l.country_code, c.practice_group, c.practice,
                           pr.pilot_id IS NOT NULL AS has_practice, l.is_public AND COALESCE(pr.is_public, true) AS is_public
                    FROM live l CROSS JOIN catalogue c
                    LEFT JOIN practices pr ON pr.pilot_id = l.id AND pr.practice_group = c.practice_group AND pr.practice = c.practice
                )
                SELECT NULL::text AS period, \(placeColumns), \(filters("kind", "practice_group", "practice")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT id) FILTER (WHERE has_practice)::text,
                             \(percent("count(DISTINCT id) FILTER (WHERE has_practice)", of: "count(DISTINCT id)"))] AS indicators,
                       \(disclosure)
                FROM coverage
                GROUP BY country_code, \(placeSets), ROLLUP (kind),
                         GROUPING SETS ((practice_group, practice), (practice_group), ())
                """
        case .unevaluatedRollouts:
            return """
                , rolled_out AS (
                    SELECT u.*, evidence.evaluated, evidence.evaluated AND NOT evidence.beyond_provider AS provider_only
                    FROM pilot_units u
                    CROSS JOIN LATERAL (
                        SELECT count(*) > 0 AS evaluated, count(*) FILTER (WHERE e.evaluator <> 'provider') > 0 AS beyond_provider
                        FROM evaluation_states e
                        WHERE e.pilot_id = u.id AND e.status IN ('under_way', 'completed')) evidence
                    WHERE u.phase IN ('implemented', 'fully_established')
                )
                SELECT NULL::text AS period, \(placeColumns), \(filters("kind")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT id) FILTER (WHERE NOT evaluated)::text,
                             \(percent("count(DISTINCT id) FILTER (WHERE NOT evaluated)", of: "count(DISTINCT id)")),
                             count(DISTINCT id) FILTER (WHERE provider_only)::text,
                             \(percent("count(DISTINCT id) FILTER (WHERE provider_only)", of: "count(DISTINCT id)"))] AS indicators,
                       \(disclosure)
                FROM rolled_out
                GROUP BY country_code, \(placeSets), ROLLUP (kind)
                """
        case .evaluations:
            return """
                , evaluated AS (
                    SELECT e.id, e.pilot_id, e.evaluator, e.status, e.is_public,
                           CASE WHEN e.status <> 'completed' THEN 'not_yet_known' ELSE COALESCE(e.outcome, 'not_recorded') END AS outcome,
                           pl.authority_code, pl.region_code, pl.country_code
                    FROM evaluation_states e JOIN places pl ON pl.authority_code = e.authority_code
                )
                SELECT NULL::text AS period, \(placeColumns), \(filters("evaluator", "status", "outcome")),
                       ARRAY[count(DISTINCT id)::text, count(DISTINCT pilot_id)::text] AS indicators, \(disclosure)
                FROM evaluated
                GROUP BY country_code, \(placeSets), CUBE (evaluator, status, outcome)
                """
        case .evaluationMeasures:
            return """
                , measured AS (
                    SELECT e.id, e.is_public, pl.authority_code, pl.region_code, pl.country_code, m.baseline, m.value,
                           lower(btrim(m.name)) || COALESCE(' (' || NULLIF(lower(btrim(m.unit)), '') || ')', '') AS measure
                    FROM evaluation_states e
                    JOIN places pl ON pl.authority_code = e.authority_code
                    JOIN evaluation_measures m ON m.evaluation_id = e.id
                    WHERE e.status = 'completed'
                )
                SELECT NULL::text AS period, \(placeColumns), \(filters("measure")),
                       ARRAY[count(DISTINCT id)::text,
                             CASE WHEN GROUPING(measure) = 1 THEN '' ELSE \(median("baseline", places: 2)) END,
                             CASE WHEN GROUPING(measure) = 1 THEN '' ELSE \(median("value", places: 2)) END,
                             CASE WHEN GROUPING(measure) = 1 THEN '' ELSE \(median("value - baseline", places: 2)) END] AS indicators,
                       \(disclosure)
                FROM measured
                GROUP BY country_code, \(placeSets), ROLLUP (measure)
                """
        case .singleViewStatus:
            return """
                , views AS (\(singleViews))
                SELECT NULL::text AS period, \(placeColumns), \(filters("status")),
                       ARRAY[count(DISTINCT authority_code)::text] AS indicators, \(disclosure)
                FROM views
                GROUP BY country_code, \(placeSets), ROLLUP (status)
                """
        case .singleViewDataSources:
            return """
                , views AS (\(singleViews)),
                sources AS (
                    SELECT v.*, source
                    FROM views v
                    CROSS JOIN LATERAL unnest(CASE WHEN cardinality(v.data_sources) = 0 THEN ARRAY['none_recorded']
                                          ELSE v.data_sources END) AS source
                    WHERE v.status IN ('live', 'in_development')
                ),
                counted AS (
                    SELECT \(placeColumns), GROUPING(source) = 1 AS is_total, \(filters("source")),
                           count(DISTINCT authority_code) AS with_source, \(disclosure)
                    FROM sources
                    GROUP BY country_code, \(placeSets), ROLLUP (source)
                )
                SELECT NULL::text AS period, geo, country_code, region_code, authority_code, filters,
                       ARRAY[with_source::text, \(percent("with_source", of: "max(with_source) FILTER (WHERE is_total) OVER (PARTITION BY geo, country_code, region_code, authority_code)"))] AS indicators,
                       contributors, all_public
                FROM counted
                """
        }
    }

    private static let singleViews = """
        SELECT s.authority_code, s.status::text AS status, s.data_sources::text[] AS data_sources,
               s.sharing_level = 'public' AS is_public, pl.region_code, pl.country_code
        FROM single_views s JOIN places pl ON pl.authority_code = s.authority_code
        WHERE s.deleted_at IS NULL AND may_read(s.sharing_level, ARRAY[s.authority_code], $2::text, $3::text, $4::uuid[])
          AND ($1::date IS NULL OR s.created_at::date <= $1::date)
        """

    /// Every assessment kind, ethics principle and safeguard, so live pilots lacking one are counted too.
    static var practiceCatalogue: [(group: String, practice: String)] {
        Components.Schemas.AssessmentKind.allCases.map { ("assessment", $0.rawValue) }
            + Components.Schemas.EthicsPrinciple.allCases.map { ("ethics_principle", $0.rawValue) }
            + Components.Schemas.Safeguard.allCases.map { ("safeguard", $0.rawValue) }
    }
}
