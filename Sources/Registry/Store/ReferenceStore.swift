import Logging
import PostgresNIO
import RegistryAPI

/// Regions and authorities: read-only reference data loaded by migrations.
struct ReferenceStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    let authorities: KeptAuthorities

    private static let authorityColumns = """
        a.code, a.dfe_code, a.name, a.region_code, r.name AS region_name, a.country_code,
        ARRAY(SELECT alias_code FROM authority_code_aliases x WHERE x.authority_code = a.code ORDER BY alias_code)
            AS former_codes
        """

    func regions() async throws -> [Region] {
        try await client.queryJoiningAmbient("SELECT code, name, country_code FROM regions ORDER BY code", logger: logger).all {
            Region(code: try $0.get("code"), name: try $0.get("name"), countryCode: try $0.get("country_code"))
        }
    }

    /// By name; in one region when `region` is given.
    func authorities(inRegion region: String?) async throws -> [Authority] {
        let all = try await authorities.get {
            try await client.queryJoiningAmbient(
                """
                SELECT \(unescaped: Self.authorityColumns)
                FROM authorities a LEFT JOIN regions r ON r.code = a.region_code
                ORDER BY a.name
                """, logger: logger
            ).all(Self.authority)
        }
        return region.map { code in all.filter { $0.regionCode == code } } ?? all
    }

    /// Every authority's name, by GSS code.
    func authorityNames() async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await authorities(inRegion: nil).map { ($0.code, $0.name) })
    }

    /// Every authority's place on the hex-grid overview, by GSS code.
    func hexPositions() async throws -> [String: (q: Int, r: Int)] {
        var positions: [String: (q: Int, r: Int)] = [:]
        let rows = try await client.queryJoiningAmbient(
            "SELECT code, hex_q, hex_r FROM authorities WHERE hex_q IS NOT NULL AND hex_r IS NOT NULL", logger: logger)
        for (code, q, r) in try rows.decode((String, Int, Int).self) { positions[code] = (q, r) }
        return positions
    }

    func authority(code: String) async throws -> Authority {
        let resolved = try await client.connectionJoiningAmbient { try await Self.resolve([code], on: $0, logger: logger) }
        guard let canonical = resolved.first ?? nil,
            let authority = try await client.queryJoiningAmbient(
                """
                SELECT \(unescaped: Self.authorityColumns)
                FROM authorities a LEFT JOIN regions r ON r.code = a.region_code WHERE a.code = \(canonical)
                """, logger: logger
            ).first(Self.authority)
        else { throw RegistryError.notFound(resource: "authority", id: code) }
        return authority
    }

    func regionExists(_ code: String) async throws -> Bool {
        try await client.queryJoiningAmbient("SELECT 1 FROM regions WHERE code = \(code)", logger: logger).first { _ in true } ?? false
    }

    /// An authority's current GSS code from any code it is known by (GSS, DfE, a former GSS
    /// code); nil when none matches.
    func canonicalCode(_ code: String) async throws -> String? {
        try await client.connectionJoiningAmbient { try await Self.resolve([code], on: $0, logger: logger) }.first ?? nil
    }

    /// Current GSS codes for each given GSS, former GSS or DfE code, in order; nil where unknown.
    static func resolve(_ codes: [String], on connection: DatabaseConnection, logger: Logger) async throws -> [String?] {
        guard !codes.isEmpty else { return [] }
        var found: [String: String] = [:]
        for (given, code) in try await connection.execute(ResolveCodes(codes: codes), logger: logger) {
            if let code { found[given] = code }
        }
        return codes.map { found[$0] }
    }

    /// Every create or change naming an authority runs this, so it is prepared once per connection.
    struct ResolveCodes: PostgresPreparedStatement {
        static let sql = """
            SELECT given, coalesce(a.code, x.authority_code)
            FROM unnest($1::text[]) AS given
            LEFT JOIN authorities a ON a.code = upper(given) OR a.dfe_code = given
            LEFT JOIN authority_code_aliases x ON x.alias_code = upper(given)
            """

        var codes: [String]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(codes)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> (String, String?) { try row.decode((String, String?).self) }
    }

    /// Like `resolve`, but every unknown code is a field issue named after `field`.
    static func require(
        _ codes: [String], field: (Int) -> String, on connection: DatabaseConnection, logger: Logger
    ) async throws -> [String] {
        let resolved = try await resolve(codes, on: connection, logger: logger)
        let issues = resolved.enumerated().compactMap { index, code in
            code == nil ? FieldIssue(field: field(index), message: "is not a known authority code") : nil
        }
        if !issues.isEmpty { throw RegistryError.invalid(issues) }
        return resolved.compactMap { $0 }
    }

    private static func authority(_ row: PostgresRandomAccessRow) throws -> Authority {
        Authority(
            code: try row.get("code"),
            dfeCode: try row.get("dfe_code", as: String?.self) ?? "",
            name: try row.get("name"),
            regionCode: try row.get("region_code", as: String?.self) ?? "",
            regionName: try row.get("region_name", as: String?.self) ?? "",
            countryCode: try row.get("country_code"),
            formerCodes: try row.get("former_codes"))
    }
}
