import Testing

/// Request bodies the tests build on: valid by default, so each test changes one thing.
enum Fixtures {
    static let provider = #"{"name": "Test Voice Ltd", "website": "https://voice.example", "description": "Fictional"}"#

    static func tool(providerID: String?) -> String {
        let provider = providerID.map { #""provider_id": "\#($0)","# } ?? ""
        return #"{\#(provider) "name": "Visit Notes", "kind": "transcription", "technology": "speech_to_text"}"#
    }

    /// A pilot led by Hartlepool (E06000001) with Middlesbrough (DfE code 806) taking part.
    static func pilot(toolID: String, sharing: String = "public", extra: String = "") -> String {
        #"""
        {"title": "Visit notes pilot", "tool_id": "\#(toolID)", "lead_authority": "E06000001",
         "participants": ["806"], "origin": "procured", "service_areas": ["child_protection"],
         "sharing_level": "\#(sharing)", "description": "Fictional"\#(extra)}
        """#
    }

    static let resourcing = #"""
        {"stage": "implement", "fte": 1.5, "amount_gbp": "25000.50", "funding_source": "dfe_grant",
         "period_start": "2025-04-01", "period_end": "2026-03-31"}
        """#

    static let assessment = #"""
        {"kind": "dpia", "status": "completed", "completed_on": "2025-02-01", "principles": ["privacy", "fairness"],
         "safeguards": ["human_review", "uk_data_residency"], "risks": ["hallucination"], "summary": "Reviewed",
         "link": "https://example.org/dpia"}
        """#

    static let evaluation = #"""
        {"evaluator": "external", "design": "pre_post", "status": "completed", "outcome": "positive",
         "findings": "Saved time", "started_on": "2025-01-01", "completed_on": "2025-06-30",
         "measures": [{"name": "admin hours per week", "unit": "hours", "baseline": 10, "value": 6.5}]}
        """#

    static let insight = #"{"kind": "barrier", "text": "Integration took longer than expected."}"#

    static let singleView = #"""
        {"authority": "E06000001", "name": "Child view", "status": "live",
         "data_sources": ["childrens_social_care", "education"], "data_model_url": "https://example.org/model",
         "sharing_level": "public"}
        """#

    static let contact = #"""
        {"authority": "E06000001", "name": "Sam Lead", "email": "sam@example.org", "role": "Digital lead",
         "consent_to_contact": true}
        """#
}

extension TestRegistry {
    /// A provider, a tool and a pilot; returns the pilot's id.
    func makePilot(sharing: String = "public", extra: String = "") async throws -> (pilot: String, tool: String, provider: String) {
        let provider = try await create("/api/v1/providers", Fixtures.provider)
        let tool = try await create("/api/v1/tools", Fixtures.tool(providerID: provider))
        let pilot = try await create("/api/v1/pilots", Fixtures.pilot(toolID: tool, sharing: sharing, extra: extra))
        return (pilot, tool, provider)
    }
}
