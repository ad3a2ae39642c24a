import Foundation
import HTTPTypes
import OpenAPIRuntime
import RegistryAPI

/// What the generated request decoding accepts for each typed path and query parameter of
/// openapi.yaml, by name. The runtime reports a refused parameter value with no coding path,
/// so the parameter is found by checking the request's values against these rules, built from
/// the generated types themselves rather than from the wording of the runtime's message.
struct ParameterRule: Sendable {
    let accepts: @Sendable (String) -> Bool
    let message: String

    /// The first parameter of a request that the generated decoding could not read, named.
    static func issue(in error: ServerError) -> FieldIssue? {
        let path = error.requestMetadata.pathParameters.map { (name: $0.key, value: String($0.value)) }
        let query = (URLComponents(string: error.request.path ?? "")?.queryItems ?? [])
            .compactMap { item in item.value.map { (name: item.name, value: $0) } }
        for (name, value) in path.sorted(by: { $0.name < $1.name }) + query {
            if let rule = rules[name], !rule.accepts(value) { return FieldIssue(field: name, message: rule.message) }
        }
        return nil
    }

    static let rules: [String: ParameterRule] = [
        "kind": oneOf(Components.Schemas.ToolKind.self),
        "technology": oneOf(Components.Schemas.Technology.self),
        "phase": oneOf(Components.Schemas.Phase.self),
        "origin": oneOf(Components.Schemas.Origin.self),
        "resource_type": oneOf(Components.Schemas.AuditResource.self),
        "sharing_level": oneOf(Components.Schemas.SharingLevel.self),
        "geographic_level": oneOf(Components.Parameters.GeographicLevel.self),
        "dataset": oneOf(Components.Schemas.StatisticsDataset.self),
        "topic": oneOf(Components.Schemas.StatisticsTopic.self),
        "table": oneOf(Components.Schemas.ExportTable.self),
        "limit": ParameterRule(accepts: { Int($0) != nil }, message: "must be a whole number"),
        "updated_since": timestamp,
        "since": timestamp,
    ]

    private static func oneOf<Term: RawRepresentable & CaseIterable>(_: Term.Type) -> ParameterRule
    where Term.RawValue == String {
        let allowed = Term.allCases.map(\.rawValue).joined(separator: ", ")
        return ParameterRule(
            accepts: { Term(rawValue: $0) != nil }, message: "is not one of the allowed values: \(allowed)")
    }

    private static let timestamp = ParameterRule(
        accepts: { (try? UTCTimestampTranscoder().decode($0)) != nil },
        message: "must be an RFC 3339 date-time such as 2025-04-01T00:00:00Z")
}
