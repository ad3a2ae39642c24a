import Foundation
import RegistryAPI

/// Builds the fictional demonstration data set through the same stores the API uses, so every
/// record passes the same rules a user's would. Deterministic: the same seed gives the same set.
struct DemoDataLoader {
    let store: RegistryStore
    var random = SeededGenerator(seed: 20_260_301)
    /// The last day any phase change may fall on, so the set never depends on today's date.
    let lastDay = CalendarDate(year: 2026, month: 10, day: 31)

    init(store: RegistryStore) {
        self.store = store
    }

    mutating func load() async throws -> DemoSummary {
        var summary = DemoSummary()
        if try await store.demo.isLoaded() {
            summary.alreadyLoaded = true
            summary.people = try await loadPeople()
            return summary
        }

        var providerIDs: [String] = []
        for provider in DemoCatalogue.providers {
            let created = try await store.providers.create(
                ProviderInput(
                    name: provider.name, website: provider.website,
                    description: "A fictional supplier in the demonstration data set."),
                context: .demo)
            providerIDs.append(created.id)
        }
        summary.providers = providerIDs.count

        var tools: [Tool] = []
        for tool in DemoCatalogue.tools {
            let providerID = tool.provider.map { providerIDs[$0] }
            let input = ToolInput(
                name: tool.name, providerId: providerID, kind: tool.kind, technology: tool.technology,
                description: "Fictional \(tool.kind.rawValue.replacingOccurrences(of: "_", with: " ")) tool for the demonstration data set.")
            tools.append(try await store.tools.create(input, providerID: providerID.flatMap(UUID.init(uuidString:)), context: .demo))
        }
        summary.tools = tools.count

        let authorities = try await store.reference.authorities(inRegion: nil)
        let regions = Dictionary(grouping: authorities, by: \.regionCode)
        summary.networks = try await loadNetworks(regions: regions)

        // Most authorities run one to three pilots; a few run none yet.
        for authority in authorities where random.chance(0.85) {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                try await loadPilot(lead: authority.code, participants: [], tool: random.pick(tools), into: &summary)
            }
        }
        // One regional demonstrator per region: a lead and a few participants sharing a tool.
        for (_, members) in regions.sorted(by: { $0.key < $1.key }) where members.count >= 3 {
            let group = members.shuffled(using: &random).prefix(Int.random(in: 3...5, using: &random)).map(\.code)
            try await loadPilot(lead: group[0], participants: Array(group.dropFirst()), tool: random.pick(tools), into: &summary)
        }
        for authority in authorities where random.chance(0.6) {
            try await loadSingleView(authority: authority.code)
            summary.singleViews += 1
        }
        for authority in authorities.prefix(40) {
            let slug = authority.name.lowercased().filter { $0.isLetter }
            _ = try await store.contacts.create(
                ContactInput(
                    authority: authority.code, name: "Demo Digital Lead", email: "digital.lead@\(slug).example",
                    role: "Head of practice systems (fictional)", consentToContact: random.chance(0.7)),
                context: .demo)
            summary.contacts += 1
        }
        summary.people = try await loadPeople()
        return summary
    }

    /// Invites the demonstration people not yet in the registry, so a registry loaded before
    /// people could sign in gets them too.
    private func loadPeople() async throws -> Int {
        let known = Set(try await store.people.people().compactMap { $0.email?.lowercased() })
        var added = 0
        for entry in DemoPeople.all where !known.contains(entry.details.email?.lowercased() ?? "") {
            _ = try await store.people.add(entry.details, context: .demo)
            added += 1
        }
        return added
    }

    // MARK: - Pieces

    private mutating func loadNetworks(regions: [String: [Authority]]) async throws -> Int {
        let north = (regions["E12000001"] ?? []) + (regions["E12000002"] ?? [])
        let south = (regions["E12000008"] ?? []) + (regions["E12000009"] ?? [])
        let networks = [
            ("northern-ai-demonstrator", "Northern AI Demonstrator (fictional)", Components.Schemas.NetworkKind.demonstrator, north),
            ("southern-practice-alliance", "Southern Practice Alliance (fictional)", .regionalImprovementAlliance, south),
        ]
        for (slug, name, kind, candidates) in networks {
            let members = random.subset(candidates.map(\.code), count: 6...10)
            _ = try await store.networks.create(
                NetworkInput(slug: slug, name: name, kind: kind, description: "A fictional network for the demonstration data set.", members: members),
                context: .demo)
        }
        return networks.count
    }

    private mutating func loadPilot(lead: String, participants: [String], tool: Tool, into summary: inout DemoSummary) async throws {
        let origin: Components.Schemas.Origin =
            tool.providerId == nil ? random.pick([.inHouse, .reusedFromAuthority, .coDeveloped]) : random.pick([.procured, .procured, .coDeveloped, .regionalOrNational])
        let sharing: Components.Schemas.SharingLevel = random.pick([._public, ._public, ._public, .sector, .sector, .network, ._private])
        var day = CalendarDate(year: Int.random(in: 2023...2026, using: &random), month: Int.random(in: 1...9, using: &random), day: Int.random(in: 1...28, using: &random))
        if day > lastDay { day = CalendarDate(year: 2026, month: 3, day: 1) }
        let pilot = try await store.pilots.create(
            PilotInput(
                title: "\(tool.name) \(participants.isEmpty ? "pilot" : "regional demonstrator")",
                toolId: tool.id, leadAuthority: lead, participants: participants, origin: origin,
                serviceAreas: random.subset(Components.Schemas.ServiceArea.allCases, count: 1...3),
                sharingLevel: sharing,
                description: "Fictional pilot in the demonstration data set.",
                initialPhase: PhaseChangeInput(phase: .planned, effectiveOn: day.description)),
            toolID: UUID(uuidString: tool.id)!, context: .demo)
        let pilotID = UUID(uuidString: pilot.id)!
        summary.pilots += 1
        summary.phaseChanges += 1

        var reached: Set<Components.Schemas.Phase> = [.planned]
        for next in trajectory() {
            day = advance(day, days: Int.random(in: 45...320, using: &random))
            if day > lastDay { break }
            let reasons: [Components.Schemas.DiscontinuationReason]? =
                next == .discontinued ? random.subset(Components.Schemas.DiscontinuationReason.allCases, count: 1...2) : nil
            _ = try await store.pilots.changePhase(
                of: pilotID, PhaseChangeInput(phase: next, effectiveOn: day.description, reasons: reasons), context: .demo)
            reached.insert(next)
            summary.phaseChanges += 1
        }

        for stage in stages(origin: origin, reached: reached) {
            _ = try await store.resourcing.create(
                pilot: pilotID,
                ResourcingLineInput(
                    stage: stage, fte: Double(Int.random(in: 1...30, using: &random)) / 10,
                    amountGbp: "\(Int.random(in: 5...250, using: &random) * 1000).00",
                    fundingSource: random.pick(Components.Schemas.FundingSource.allCases)),
                context: .demo)
            summary.resourcingLines += 1
        }
        for kind in assessmentKinds() {
            _ = try await store.assessments.create(
                pilot: pilotID,
                AssessmentInput(
                    kind: kind, status: .completed, completedOn: "2025-01-15",
                    principles: random.subset(Components.Schemas.EthicsPrinciple.allCases, count: 1...6),
                    safeguards: random.subset(Components.Schemas.Safeguard.allCases, count: 2...7),
                    risks: random.subset(Components.Schemas.Risk.allCases, count: 1...4),
                    summary: "Fictional assessment in the demonstration data set."),
                context: .demo)
            summary.assessments += 1
        }
        if reached.contains(.pilot) && random.chance(0.55) {
            try await loadEvaluation(pilot: pilotID)
            summary.evaluations += 1
        }
        for (kind, pool) in [(Components.Schemas.InsightKind.keyLearning, DemoCatalogue.learnings), (.barrier, DemoCatalogue.barriers), (.askOfGovernment, DemoCatalogue.asks)]
        where random.chance(0.5) {
            _ = try await store.insights.create(
                pilot: pilotID, InsightInput(kind: kind, scope: kind == .askOfGovernment ? .national : nil, text: random.pick(pool)),
                context: .demo)
            summary.insights += 1
        }
    }

    private mutating func loadEvaluation(pilot: UUID) async throws {
        let outcome: Components.Schemas.EvaluationOutcome = random.pick([.positive, .positive, .mixed, .negative, .inconclusive])
        let completed = random.chance(0.7)
        let baseline = Double(Int.random(in: 8...14, using: &random))
        _ = try await store.evaluations.create(
            pilot: pilot,
            EvaluationInput(
                evaluator: random.pick(Components.Schemas.Evaluator.allCases),
                design: random.pick(Components.Schemas.EvaluationDesign.allCases),
                status: completed ? .completed : .underWay,
                outcome: completed ? outcome : nil,
                findings: completed ? DemoCatalogue.findings[outcome] : nil,
                startedOn: "2024-09-01", completedOn: completed ? "2025-06-30" : nil,
                measures: [
                    Measure(name: "admin hours per practitioner per week", unit: "hours", baseline: baseline,
                            value: baseline - Double(Int.random(in: 0...6, using: &random))),
                    Measure(name: "practitioner satisfaction", unit: "score out of 5", value: Double(Int.random(in: 2...5, using: &random))),
                ]),
            context: .demo)
    }

    private mutating func loadSingleView(authority: String) async throws {
        let status: Components.Schemas.SingleViewStatus = random.pick([.live, .live, .inDevelopment, .plannedWithin12Months, .no, .dontKnow])
        _ = try await store.singleViews.create(
            SingleViewInput(
                authority: authority, name: status == .no ? nil : "Children's single view (fictional)", status: status,
                dataSources: status == .no ? [] : [.childrensSocialCare] + random.subset(Array(Components.Schemas.DataSource.allCases.dropFirst()), count: 2...8),
                sharingLevel: random.pick([._public, .sector, .network])),
            context: .demo)
    }

    /// The phases a pilot moves through after `planned`: most convert, some stop, some pause.
    private mutating func trajectory() -> [Components.Schemas.Phase] {
        switch Int.random(in: 0..<10, using: &random) {
        case 0...3: return [.pilot, .implemented, .fullyEstablished]
        case 4...5: return [.pilot, .discontinued]
        case 6: return [.pilot, .paused, .pilot, .implemented]
        case 7: return [.pilot, .implemented, .retired]
        default: return [.pilot]
        }
    }

    private func stages(origin: Components.Schemas.Origin, reached: Set<Components.Schemas.Phase>) -> [Components.Schemas.ResourcingStage] {
        var stages: [Components.Schemas.ResourcingStage] = []
        if origin == .inHouse || origin == .coDeveloped { stages.append(.develop) }
        if reached.contains(.pilot) { stages.append(.implement) }
        if reached.contains(.implemented) { stages.append(.maintain) }
        return stages
    }

    private mutating func assessmentKinds() -> [Components.Schemas.AssessmentKind] {
        var kinds: [Components.Schemas.AssessmentKind] = []
        if random.chance(0.85) { kinds.append(.dpia) }
        if random.chance(0.4) { kinds.append(.ethicalImpactAssessment) }
        if random.chance(0.3) { kinds.append(.equalityImpactAssessment) }
        if random.chance(0.2) { kinds.append(.staffConsultation) }
        if random.chance(0.1) { kinds.append(.coProductionWithChildrenAndFamilies) }
        return kinds
    }

    private func advance(_ date: CalendarDate, days: Int) -> CalendarDate {
        var components = DateComponents(year: date.year, month: date.month, day: date.day)
        components.timeZone = TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let moved = calendar.date(byAdding: .day, value: days, to: calendar.date(from: components)!)!
        let parts = calendar.dateComponents([.year, .month, .day], from: moved)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
