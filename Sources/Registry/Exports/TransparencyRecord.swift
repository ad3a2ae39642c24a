import Foundation
import RegistryAPI

/// A draft Algorithmic Transparency Recording Standard (ATRS v3.0) record for a pilot: the
/// fields the registry can fill (tool, owner, supplier, phase, description, human review,
/// impact assessments, risks and mitigations), and the ones the authority still has to write.
/// See ReferenceData/ATRS.md.
struct TransparencyRecord: Sendable {
    struct Facts: Sendable {
        var pilot: Pilot
        var tool: Tool
        var provider: Provider?
        var authority: Authority
        var assessments: [Assessment]
        var evaluations: [Evaluation]
        var insights: [Insight]
        var resourcing: [ResourcingLine]
        var contactEmail: String?
    }

    enum Status: String, Sendable { case filled, toComplete = "to_complete", notApplicable = "not_applicable" }

    struct Field: Sendable {
        var reference: String
        var attribute: String
        var section: String
        var required: Bool
        var value: String?
        var status: Status
    }

    let fields: [Field]
    var toComplete: [Field] { fields.filter { $0.status == .toComplete } }

    init(_ facts: Facts, generatedOn: CalendarDate) {
        let known = Self.known(facts, generatedOn: generatedOn)
        let archived = ["discontinued", "retired"].contains(facts.pilot.phase.rawValue)
        fields = Self.template.map { reference, attribute, section, required in
            if let value = known[attribute], !value.isEmpty {
                return Field(reference: reference, attribute: attribute, section: section, required: required, value: value, status: .filled)
            }
            let notApplicable = (attribute == "date_archived" && !archived)
                || (reference.hasPrefix("2.1.4.") && facts.provider == nil && facts.pilot.origin == .inHouse)
            return Field(reference: reference, attribute: attribute, section: section, required: required, value: nil,
                         status: notApplicable ? .notApplicable : .toComplete)
        }
    }

    // MARK: - What the registry knows

    /// Values by attribute name (0.13 and 2.4.1.2 are both `phase`, and both the pilot's phase).
    private static func known(_ facts: Facts, generatedOn: CalendarDate) -> [String: String] {
        let pilot = facts.pilot, tool = facts.tool
        let safeguards = Set(facts.assessments.flatMap { $0.safeguards }.map(\.rawValue))
        let phase = atrsPhase(pilot.phase.rawValue)
        let description = pilot.description ?? tool.description
        var values: [String: String] = [
            "standard_version": "3.0",
            "organisation_type": "Local authority",
            "function": "Children's social care",
            "capability": label(tool.technology.rawValue),
            "task": label(tool.kind.rawValue),
            "tags": pilot.serviceAreas.map { label($0.rawValue) }.joined(separator: ", "),
            "date_updated": String(ISO8601DateFormatter().string(from: pilot.updatedAt).prefix(10)),
            "title": pilot.title,
            "organisation_name": facts.authority.name,
            "phase": phase,
            "region": facts.authority.regionName,
            "one_sentence_description": description.map(firstSentence) ?? "",
            "name": tool.name,
            "description": description ?? "",
            "website_url": tool.website ?? "",
            "contact_email": facts.contactEmail ?? "",
            "organisation_or_department": facts.authority.name,
            "external_supplier_involvement": facts.provider == nil && pilot.origin == .inHouse ? "No" : "Yes",
            "external_supplier": facts.provider?.name ?? "",
            "companies_house_number": facts.provider?.companiesHouseNumber ?? "",
            "external_supplier_role": supplierRole(pilot.origin.rawValue),
            "detailed_description": pilot.description ?? "",
            "scope": scope(facts),
            "benefit": (facts.insights.filter { $0.kind == .impact }.map(\.text)
                + facts.evaluations.compactMap { evaluation in
                    evaluation.findings.map { "\(label(evaluation.evaluator.rawValue)) evaluation (\(label(evaluation.status.rawValue).lowercased())): \($0)" }
                }).joined(separator: "\n"),
            "human_decisions_and_review": safeguards.contains("human_review")
                ? "A practitioner reviews every output before it is used or recorded." : "",
            "required_training": safeguards.contains("staff_training") ? "Staff are trained before they use the tool." : "",
            "appeals_and_review": safeguards.contains("family_opt_out") ? "Families may opt out of the tool being used in their case." : "",
            "maintenance": facts.resourcing.filter { $0.stage == .maintain }.map(resourcingLine).joined(separator: "\n"),
            "models": label(tool.technology.rawValue),
            "model_task": label(tool.kind.rawValue),
            "data_access_and_storage": [
                safeguards.contains("uk_data_residency") ? "Data is held in the UK." : nil,
                safeguards.contains("no_training_on_authority_data") ? "The supplier does not train models on the authority's data." : nil,
                safeguards.contains("retention_limits") ? "Retention is limited." : nil,
                safeguards.contains("data_minimisation") ? "Only the data needed is processed." : nil,
            ].compactMap { $0 }.joined(separator: " "),
            "impact_assessment": facts.assessments.map { assessment in
                [label(assessment.kind.rawValue), label(assessment.status.rawValue).lowercased(), assessment.completedOn,
                 assessment.link].compactMap { $0 }.joined(separator: ", ")
            }.joined(separator: "\n"),
            "risks_and_mitigations": risks(facts.assessments),
        ]
        if ["discontinued", "retired"].contains(pilot.phase.rawValue) { values["date_archived"] = pilot.phaseSince }
        return values
    }

    static func atrsPhase(_ phase: String) -> String {
        switch phase {
        case "planned": "Pre-deployment"
        case "pilot", "paused": "Beta/Pilot"
        case "implemented", "fully_established": "Production"
        default: "Retired"
        }
    }

    private static func supplierRole(_ origin: String) -> String {
        switch origin {
        case "procured": "Supplies the tool to the authority"
        case "co_developed": "Developed the tool with the authority"
        case "regional_or_national": "Provides the tool regionally or nationally"
        case "reused_from_authority": "Another authority built the tool and shares it"
        default: ""
        }
    }

    private static func scope(_ facts: Facts) -> String {
        var parts: [String] = []
        if !facts.pilot.serviceAreas.isEmpty {
            parts.append("Used in: " + facts.pilot.serviceAreas.map { label($0.rawValue) }.joined(separator: "; ") + ".")
        }
        let partners = facts.pilot.participants
        if !partners.isEmpty {
            parts.append("Led by \(facts.authority.name) with \(partners.count) other authorit\(partners.count == 1 ? "y" : "ies").")
        }
        return parts.joined(separator: " ")
    }

    private static func risks(_ assessments: [Assessment]) -> String {
        let named = Set(assessments.flatMap { $0.risks }.map(\.rawValue)).sorted()
        let guarded = Set(assessments.flatMap { $0.safeguards }.map(\.rawValue)).sorted()
        var lines: [String] = []
        if !named.isEmpty { lines.append("Risks: " + named.map(label).joined(separator: "; ")) }
        if !guarded.isEmpty { lines.append("Mitigations: " + guarded.map(label).joined(separator: "; ")) }
        return lines.joined(separator: "\n")
    }

    private static func resourcingLine(_ line: ResourcingLine) -> String {
        [line.fte.map { "\($0) FTE" }, line.amountGbp.map { "£\($0)" }, line.note].compactMap { $0 }.joined(separator: ", ")
    }

    private static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    private static func label(_ term: String) -> String { VocabularyLabel.label(term) }

    // MARK: - Documents

    func markdown(title: String, generatedOn: CalendarDate) -> String {
        var text = "# Algorithmic transparency record (draft): \(title)\n\n"
        text += "Drafted from the registry on \(generatedOn) against ATRS v3.0. "
        text += "\(toComplete.count) of \(fields.count) fields are still to complete; they are listed at the end.\n"
        var section = ""
        for field in fields where field.status != .notApplicable {
            if field.section != section {
                section = field.section
                text += "\n## \(section)\n\n| Ref | Field | Value |\n|---|---|---|\n"
            }
            let value = field.value.map { $0.replacingOccurrences(of: "\n", with: "<br>").replacingOccurrences(of: "|", with: "\\|") }
            text += "| \(field.reference) | \(field.attribute)\(field.required ? "" : " (optional)") | \(value ?? "_to complete_") |\n"
        }
        text += "\n## Still to complete\n\n"
        text += toComplete.map { "- \($0.reference) \($0.attribute)\($0.required ? "" : " (optional)")" }.joined(separator: "\n") + "\n"
        return text
    }

    /// The v3.0 fields in order: reference, attribute, section, required.
    static let template: [(String, String, String, Bool)] = {
        let rows = """
            0.1|id|Metadata|1
            0.2|standard_version|Metadata|1
            0.3|organisation_type|Metadata|1
            0.4|function|Metadata|1
            0.5|capability|Metadata|1
            0.6|task|Metadata|1
            0.7|tags|Metadata|1
            0.8|date_of_completion|Metadata|1
            0.9|date_updated|Metadata|1
            0.10|date_archived|Metadata|1
            0.11|title|Title Information|1
            0.12|organisation_name|Title Information|1
            0.13|phase|Title Information|1
            0.14|region|Title Information|1
            0.15|one_sentence_description|Title Information|1
            1.1|name|Tier 1 Information|1
            1.2|description|Tier 1 Information|1
            1.3|website_url|Tier 1 Information|1
            1.4|contact_email|Tier 1 Information|1
            2.1.1|organisation_or_department|Owner and Responsibility|1
            2.1.2|team|Owner and Responsibility|1
            2.1.3|senior_responsible_owner|Owner and Responsibility|1
            2.1.4|external_supplier_involvement|Owner and Responsibility|1
            2.1.4.1|external_supplier|Owner and Responsibility|0
            2.1.4.2|companies_house_number|Owner and Responsibility|0
            2.1.4.3|external_supplier_role|Owner and Responsibility|0
            2.1.4.4|procurement_procedure_type|Owner and Responsibility|0
            2.1.4.5|data_access_terms|Owner and Responsibility|0
            2.2.1|detailed_description|Description and Rationale|0
            2.2.2|scope|Description and Rationale|1
            2.2.3|benefit|Description and Rationale|1
            2.2.4|previous_process|Description and Rationale|0
            2.2.5|alternatives_considered|Description and Rationale|0
            2.3.1|process_integration|Decision-making Process|1
            2.3.2|provided_information|Decision-making Process|1
            2.3.3|frequency_and_scale_of_usage|Decision-making Process|1
            2.3.4|human_decisions_and_review|Decision-making Process|1
            2.3.5|required_training|Decision-making Process|1
            2.3.6|appeals_and_review|Decision-making Process|0
            2.4.1.1|system_architecture|Tool Specification|1
            2.4.1.2|phase|Tool Specification|1
            2.4.1.3|maintenance|Tool Specification|1
            2.4.1.4|models|Tool Specification|1
            2.4.2.1|model_name|Model Specification|1
            2.4.2.2|model_version|Model Specification|1
            2.4.2.3|model_task|Model Specification|1
            2.4.2.4|model_input|Model Specification|1
            2.4.2.5|model_output|Model Specification|1
            2.4.2.6|model_architecture|Model Specification|1
            2.4.2.7|model_performance|Model Specification|1
            2.4.2.8|datasets|Model Specification|1
            2.4.2.9|dataset_purposes|Model Specification|1
            2.4.3.1|source_data_name|Data Specification|1
            2.4.3.2|data_modality|Data Specification|1
            2.4.3.3|data_description|Data Specification|1
            2.4.3.4|data_quantities|Data Specification|1
            2.4.3.5|sensitive_attributes|Data Specification|1
            2.4.3.6|data_completeness_and_representativeness|Data Specification|1
            2.4.3.7|source_data_url|Data Specification|1
            2.4.3.8|data_collection|Data Specification|1
            2.4.3.9|data_cleaning|Data Specification|0
            2.4.3.10|data_sharing_agreements|Data Specification|1
            2.4.3.11|data_access_and_storage|Data Specification|1
            2.5.1|impact_assessment|Risks, mitigations and impact assessments|1
            2.5.2|risks_and_mitigations|Risks, mitigations and impact assessments|1
            """
        return rows.split(separator: "\n").map { line in
            let parts = line.split(separator: "|").map(String.init)
            return (parts[0], parts[1], parts[2], parts[3] == "1")
        }
    }()
}
