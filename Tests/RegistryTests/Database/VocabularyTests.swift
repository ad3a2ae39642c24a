import Foundation
import PostgresNIO
import RegistryAPI
import Testing

@testable import Registry

/// The database's closed vocabularies and openapi.yaml's enums must name the same terms.
@Suite struct VocabularyTests {
    static let pairs: [(domain: String, terms: [String])] = [
        ("sharing_level", Components.Schemas.SharingLevel.allCases.map(\.rawValue)),
        ("tool_kind", Components.Schemas.ToolKind.allCases.map(\.rawValue)),
        ("technology", Components.Schemas.Technology.allCases.map(\.rawValue)),
        ("origin", Components.Schemas.Origin.allCases.map(\.rawValue)),
        ("phase", Components.Schemas.Phase.allCases.map(\.rawValue)),
        ("discontinuation_reasons", Components.Schemas.DiscontinuationReason.allCases.map(\.rawValue)),
        ("service_areas", Components.Schemas.ServiceArea.allCases.map(\.rawValue)),
        ("network_kind", Components.Schemas.NetworkKind.allCases.map(\.rawValue)),
        ("resourcing_stage", Components.Schemas.ResourcingStage.allCases.map(\.rawValue)),
        ("funding_source", Components.Schemas.FundingSource.allCases.map(\.rawValue)),
        ("assessment_kind", Components.Schemas.AssessmentKind.allCases.map(\.rawValue)),
        ("assessment_status", Components.Schemas.AssessmentStatus.allCases.map(\.rawValue)),
        ("ethics_principles", Components.Schemas.EthicsPrinciple.allCases.map(\.rawValue)),
        ("safeguards", Components.Schemas.Safeguard.allCases.map(\.rawValue)),
        ("risks", Components.Schemas.Risk.allCases.map(\.rawValue)),
        ("evaluator", Components.Schemas.Evaluator.allCases.map(\.rawValue)),
        ("evaluation_design", Components.Schemas.EvaluationDesign.allCases.map(\.rawValue)),
        ("evaluation_status", Components.Schemas.EvaluationStatus.allCases.map(\.rawValue)),
        ("evaluation_outcome", Components.Schemas.EvaluationOutcome.allCases.map(\.rawValue)),
        ("insight_kind", Components.Schemas.InsightKind.allCases.map(\.rawValue)),
        ("insight_scope", Components.Schemas.InsightScope.allCases.map(\.rawValue)),
        ("single_view_status", Components.Schemas.SingleViewStatus.allCases.map(\.rawValue)),
        ("data_sources", Components.Schemas.DataSource.allCases.map(\.rawValue)),
    ]

    @Test func everyDomainAcceptsExactlyTheContractsTerms() async throws {
        try await TestRegistry.run { registry in
            for (domain, terms) in Self.pairs {
                let isList = domain.hasSuffix("s") && !["sharing_level", "assessment_status", "evaluation_status", "single_view_status"].contains(domain)
                for term in terms {
                    let literal = isList ? "ARRAY['\(term)']" : "'\(term)'"
                    _ = try await registry.database.query(PostgresQuery(unsafeSQL: "SELECT \(literal)::\(domain)")).collect()
                }
                let wrong = isList ? "ARRAY['not_a_term']" : "'not_a_term'"
                await #expect(throws: PSQLError.self, "\(domain) refuses unknown terms") {
                    _ = try await registry.database.query(PostgresQuery(unsafeSQL: "SELECT \(wrong)::\(domain)")).collect()
                }
                // The CHECK constraint lists the terms; the same count on both sides means no extra term in SQL.
                let listed = try await registry.database.query(
                    """
                    SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
                    JOIN pg_type t ON t.oid = c.contypid WHERE t.typname = \(domain)
                    """
                ).first { try $0.get("definition", as: String.self) } ?? ""
                #expect(listed.components(separatedBy: "'").count / 2 == terms.count, "\(domain): \(listed)")
            }
        }
    }
}
