import RegistryAPI

// What each request body must satisfy beyond its JSON shape: lengths, ranges, dates, links.
// The generator enforces types, required fields and enum values; these rules cover the rest
// of openapi.yaml's constraints, and a test sends each violation.

extension ProviderInput {
    func validate() throws {
        var v = InputValidator()
        v.text(name, "name", max: 200, required: true)
        v.link(website, "website")
        v.text(description, "description", max: 5000)
        if let number = companiesHouseNumber, CompaniesHouseNumber.normalised(number) == nil {
            v.fail("companies_house_number", "must be 8 digits, or two letters and 6 digits, such as 09876543 or SC123456")
        }
        try v.check()
    }
}

extension ToolInput {
    func validate() throws {
        var v = InputValidator()
        v.text(name, "name", max: 200, required: true)
        v.text(description, "description", max: 5000)
        v.link(website, "website")
        try v.check()
    }
}

extension NetworkInput {
    func validate() throws {
        var v = InputValidator()
        let slugPattern = slug.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ($0.isLowercase || $0.isNumber) && $0.isASCII }
        }
        if !(2...80).contains(slug.count) || !slugPattern {
            v.fail("slug", "must be 2 to 80 lowercase letters, digits and single hyphens")
        }
        v.text(name, "name", max: 200, required: true)
        v.text(description, "description", max: 5000)
        v.count(members, "members", max: 200)
        try v.check()
    }
}

extension PhaseChangeInput {
    func validate(into v: inout InputValidator) {
        v.date(effectiveOn, "effective_on")
        v.count(reasons, "reasons", max: 12)
        v.distinct(reasons, "reasons")
        v.text(note, "note", max: 5000)
    }

    func validate() throws {
        var v = InputValidator()
        validate(into: &v)
        try v.check()
    }
}

extension PilotInput {
    func validate(creating: Bool) throws {
        var v = InputValidator()
        v.text(title, "title", max: 200, required: true)
        v.count(participants, "participants", max: 200)
        v.count(serviceAreas, "service_areas", max: 20)
        v.distinct(serviceAreas, "service_areas")
        v.text(description, "description", max: 10000)
        if let initialPhase {
            if creating {
                var nested = InputValidator()
                initialPhase.validate(into: &nested)
                for issue in nested.issues { v.fail("initial_phase.\(issue.field)", issue.message) }
            } else {
                v.fail("initial_phase", "can only be given when creating a pilot; use POST /pilots/{id}/phases")
            }
        }
        try v.check()
    }
}

extension ResourcingLineInput {
    func validate() throws {
        var v = InputValidator()
        v.number(fte, "fte", min: 0, max: 10000)
        v.money(amountGbp, "amount_gbp")
        v.period(start: periodStart, "period_start", end: periodEnd, "period_end")
        v.text(note, "note", max: 5000)
        if fte == nil && amountGbp == nil { v.fail("fte", "or amount_gbp must be given") }
        try v.check()
    }
}

extension AssessmentInput {
    func validate() throws {
        var v = InputValidator()
        v.date(completedOn, "completed_on")
        v.distinct(principles, "principles")
        v.distinct(safeguards, "safeguards")
        v.distinct(risks, "risks")
        v.text(summary, "summary", max: 10000)
        v.link(link, "link")
        try v.check()
    }
}

extension EvaluationInput {
    func validate() throws {
        var v = InputValidator()
        v.period(start: startedOn, "started_on", end: completedOn, "completed_on")
        v.text(findings, "findings", max: 20000)
        v.link(reportUrl, "report_url")
        v.count(measures, "measures", max: 50)
        for (index, measure) in (measures ?? []).enumerated() {
            v.text(measure.name, "measures[\(index)].name", max: 200, required: true)
            v.text(measure.unit, "measures[\(index)].unit", max: 50)
            v.text(measure.note, "measures[\(index)].note", max: 2000)
            v.number(measure.baseline, "measures[\(index)].baseline", min: -1e12, max: 1e12)
            v.number(measure.value, "measures[\(index)].value", min: -1e12, max: 1e12)
        }
        if outcome != nil && status == .planned { v.fail("outcome", "cannot be known while the evaluation is planned") }
        try v.check()
    }
}

extension InsightInput {
    func validate() throws {
        var v = InputValidator()
        v.text(text, "text", max: 20000, required: true)
        try v.check()
    }
}

extension ContactInput {
    func validate() throws {
        var v = InputValidator()
        v.text(name, "name", max: 200, required: true)
        v.text(role, "role", max: 200)
        // As openapi.yaml's pattern says: one @, a domain with a dot inside it, no spaces or
        // control characters.
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if email.count > 320 || parts.count != 2 || parts[0].isEmpty || !parts[1].dropFirst().dropLast().contains(".")
            || email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        {
            v.fail("email", "must be an email address")
        }
        try v.check()
    }
}

extension SingleViewInput {
    func validate() throws {
        var v = InputValidator()
        v.text(name, "name", max: 200)
        v.distinct(dataSources, "data_sources")
        v.link(dataModelUrl, "data_model_url")
        v.text(description, "description", max: 10000)
        try v.check()
    }
}
