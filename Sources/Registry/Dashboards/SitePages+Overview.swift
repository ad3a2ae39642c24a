import RegistryAPI

/// The overview page: headline figures and the national charts, each with its table and CSV.
extension SitePages {
    func overview() -> Page {
        var page = Page(
            template: "page", path: "index.html", title: "AI and digital tools in children's social care",
            lead: "Who is trying which tools, how far they have gone, what risk and ethics work was done "
                + "and what the evaluations found.")
        let adoption = national(.adoption)
        let allPilots = adoption.first { $0.filter("tool_kind") == "Total" && $0.filter("phase") == "Total" }
        let allRollouts = national(.unevaluatedRollouts).first { $0.filter("tool_kind") == "Total" }
        page.facts = [
            ("Pilots recorded", allPilots?.value("pilots").description ?? "0"),
            ("Authorities taking part", allPilots?.value("authorities").description ?? "0"),
            ("Implemented with no evaluation", allRollouts?.value("without_evaluation").description ?? "0"),
            ("Implemented with only the provider's evaluation", allRollouts?.value("provider_evaluation_only").description ?? "0"),
        ]
        page.charts = [
            adoptionChart(adoption), trendChart(), governanceChart(), evidenceChart(), stoppedChart(), mapChart(),
        ]
        let usedTools = data.tools.filter { pilotsByTool[$0.id] != nil }.sorted { $0.name < $1.name }
        page.links = [
            ("Regions", data.networks.filter { $0.kind == "region" }.map(networkLink)),
            ("Networks", data.networks.filter { $0.kind != "region" }.map(networkLink)),
            ("Tools", usedTools.map { Link(text: named($0.name, demo: $0.isDemo), href: "tools/\($0.id).html", hint: VocabularyLabel.label($0.kind)) }),
        ]
        return page
    }

    private func networkLink(_ network: SiteData.Network) -> Link {
        Link(text: network.name, href: "networks/\(network.slug).html", hint: nil)
    }

    private func national(_ dataset: StatisticsDataset) -> [NamedStatisticsRow] {
        data.statistics[dataset]?.named(at: .national) ?? []
    }

    private func number(_ value: StatisticsValue) -> Double? {
        if case .number(let text) = value { Double(text) } else { nil }
    }

    // MARK: - Charts

    private func adoptionChart(_ rows: [NamedStatisticsRow]) -> Chart {
        let kinds = Set(rows.map { $0.filter("tool_kind") }).subtracting(["Total"]).sorted()
        func pilots(_ kind: String, _ phase: String) -> StatisticsValue? {
            rows.first { $0.filter("tool_kind") == kind && $0.filter("phase") == phase }?.value("pilots")
        }
        let bars = kinds.map { kind in
            SVGChart.Bar(
                label: VocabularyLabel.label(kind),
                segments: SVGChart.phases.map { phase in (phase, pilots(kind, phase).flatMap(number) ?? 0) })
        }
        let table = Table(
            caption: "Pilots by tool kind and phase (c: withheld, fewer than three authorities)",
            headers: ["Tool kind"] + SVGChart.phases.map(VocabularyLabel.label) + ["Total"],
            rows: kinds.map { kind in
                [Cell(text: VocabularyLabel.label(kind))]
                    + (SVGChart.phases + ["Total"]).map { Cell(text: pilots(kind, $0)?.description ?? "0") }
            })
        let title = "Pilots by tool kind and phase"
        return Chart(
            id: "adoption", title: title,
            caption: "Each bar is one kind of tool; its segments are the pilots at each phase today. "
                + "Withheld figures count as nothing in the bars.",
            svg: SVGChart.bars(
                bars, title: title, description: "Stacked bars of pilots per tool kind, by phase.",
                colours: SVGChart.phaseColours),
            table: table, csvHref: "data/adoption.csv", legend: SVGChart.phases.map { ($0, VocabularyLabel.label($0)) })
    }

    private func trendChart() -> Chart {
        let rows = national(.adoptionTimeSeries).filter { $0.filter("tool_kind") == "Total" }
        func quarter(_ row: NamedStatisticsRow) -> String { "\(row.timePeriod) Q\(row.timeIdentifier.suffix(1))" }
        let periods = Array(Set(rows.map(quarter))).sorted()
        let shown = ["pilot", "implemented", "fully_established"]
        func pilots(_ period: String, _ phase: String) -> StatisticsValue? {
            rows.first { quarter($0) == period && $0.filter("phase") == phase }?.value("pilots")
        }
        let series = shown.map { phase in
            (key: phase, values: periods.map { period -> Double? in pilots(period, phase).flatMap(number) ?? 0 })
        }
        let table = Table(
            caption: "Pilots at each phase at the end of each quarter",
            headers: ["Quarter"] + shown.map(VocabularyLabel.label),
            rows: periods.map { period in
                [Cell(text: period)] + shown.map { Cell(text: pilots(period, $0)?.description ?? "0") }
            })
        let title = "Pilots in use over time"
        return Chart(
            id: "trend", title: title,
            caption: "Pilots in pilot, implemented and fully established at the end of each quarter since 2023, "
                + "from the dated phase history. Gaps are withheld figures.",
            svg: SVGChart.lines(
                periods: periods, series: series, title: title, description: "Lines of pilots per phase by quarter.",
                colours: SVGChart.phaseColours),
            table: table, csvHref: "data/trend.csv", legend: shown.map { ($0, VocabularyLabel.label($0)) })
    }

    private func governanceChart() -> Chart {
        let rows = national(.governance).filter {
            $0.filter("tool_kind") == "Total" && $0.filter("practice_group") != "Total" && $0.filter("practice") != "Total"
        }
        let bars = rows.map { row in
            SVGChart.Bar(
                label: VocabularyLabel.label(row.filter("practice")),
                segments: [(row.filter("practice_group"), number(row.value("percent_with_practice")) ?? 0)])
        }
        let table = Table(
            caption: "Live pilots with each practice",
            headers: ["Practice", "Group", "Live pilots", "With the practice", "Share (%)"],
            rows: rows.map { row in
                [Cell(text: VocabularyLabel.label(row.filter("practice"))),
                 Cell(text: VocabularyLabel.label(row.filter("practice_group")))]
                    + row.values.map { Cell(text: $0.description) }
            })
        let title = "Risk and ethics work on live pilots"
        return Chart(
            id: "governance", title: title,
            caption: "The share of live pilots (pilot, implemented, fully established) with each completed assessment, "
                + "ethics principle covered and safeguard in place.",
            svg: SVGChart.bars(
                bars, title: title, description: "Bars of the percentage of live pilots with each practice.",
                colours: ["assessment": "#1d70b8", "ethics_principle": "#4c2c92", "safeguard": "#00703c"], unit: "%"),
            table: table, csvHref: "data/governance.csv",
            legend: [
                ("assessment", "Assessment done"), ("ethics_principle", "Ethics principle covered"),
                ("safeguard", "Safeguard in place"),
            ])
    }

    /// Implemented tools by the strongest evaluation under way or completed: one beyond the
    /// provider (independent or internal), the provider's own only, or none, by kind.
    private func evidenceChart() -> Chart {
        let rows = national(.unevaluatedRollouts).filter { $0.filter("tool_kind") != "Total" }
        let bars = rows.map { row -> SVGChart.Bar in
            let all = number(row.value("implemented_pilots")) ?? 0
            let without = number(row.value("without_evaluation")) ?? 0
            let providerOnly = number(row.value("provider_evaluation_only")) ?? 0
            return SVGChart.Bar(
                label: VocabularyLabel.label(row.filter("tool_kind")),
                segments: [("evaluated", all - without - providerOnly), ("provider_only", providerOnly), ("unevaluated", without)])
        }
        let table = Table(
            caption: "Implemented pilots and evaluations by tool kind",
            headers: ["Tool kind", "Implemented", "With no evaluation", "Share with none (%)",
                      "Only the provider's evaluation", "Share with only the provider's (%)"],
            rows: rows.map { row in
                [Cell(text: VocabularyLabel.label(row.filter("tool_kind")))] + row.values.map { Cell(text: $0.description) }
            })
        let title = "Are implemented tools evaluated, and by whom?"
        return Chart(
            id: "evidence", title: title,
            caption: "Implemented and fully established pilots of each kind, split by the evaluations under way or "
                + "completed: one beyond the provider (independent or the authority's own), only the provider's own, or none. "
                + "Roll-outs with no evaluation are shown, not hidden; a supplier's study of its own tool is not an independent one.",
            svg: SVGChart.bars(
                bars, title: title,
                description: "Stacked bars of implemented pilots per kind: evaluated beyond the provider, by the provider only, and not evaluated.",
                colours: ["evaluated": "#00703c", "provider_only": "#f47738", "unevaluated": "#d4351c"]),
            table: table, csvHref: "data/evidence.csv",
            legend: [("evaluated", "Independent or internal evaluation"), ("provider_only", "Provider's evaluation only"),
                     ("unevaluated", "No evaluation")])
    }

    private func stoppedChart() -> Chart {
        let rows = national(.discontinuationReasons).filter {
            $0.filter("tool_kind") == "Total" && $0.filter("reason") != "Total"
        }
        let bars = rows.map { row in
            SVGChart.Bar(
                label: VocabularyLabel.label(row.filter("reason")),
                segments: [("discontinued", number(row.value("pilots")) ?? 0)])
        }
        let table = Table(
            caption: "Discontinued pilots by reason", headers: ["Reason", "Pilots", "Authorities"],
            rows: rows.map { row in
                [Cell(text: VocabularyLabel.label(row.filter("reason")))] + row.values.map { Cell(text: $0.description) }
            })
        let title = "What stopped, and why"
        return Chart(
            id: "stopped", title: title,
            caption: "Pilots discontinued, by the reasons given when they stopped (a pilot may give several).",
            svg: SVGChart.bars(
                bars, title: title, description: "Bars of discontinued pilots per reason.", colours: SVGChart.phaseColours),
            table: table, csvHref: "data/stopped.csv")
    }

    /// Each authority coloured by the furthest phase any of its visible pilots has reached.
    private func mapChart() -> Chart {
        let order = ["none"] + SVGChart.phases.filter { !["paused", "discontinued", "retired"].contains($0) }
        let cells = data.places.compactMap { place -> SVGChart.HexCell? in
            guard let hex = place.hex else { return nil }
            let pilots = pilotsByAuthority[place.code]
            let phases = (pilots ?? []).map(\.phase.rawValue)
            let furthest = order.last { phases.contains($0) } ?? (phases.isEmpty ? "none" : "stopped")
            return (place.code, place.name, hex.q, hex.r, furthest, pilots == nil ? nil : "authorities/\(place.code).html")
        }
        var colours = SVGChart.phaseColours
        colours["none"] = "#f3f2f1"
        colours["stopped"] = "#b1b4b6"
        let counts = Dictionary(grouping: cells, by: \.category).mapValues(\.count)
        let table = Table(
            caption: "Authorities by the furthest phase reached", headers: ["Furthest phase", "Authorities"],
            rows: (order + ["stopped"]).map { [Cell(text: VocabularyLabel.label($0), tag: $0), Cell(text: String(counts[$0] ?? 0))] })
        return Chart(
            id: "map", title: "Where tools are in use",
            caption: "Each hexagon is an authority, roughly where it is in England, coloured by the furthest phase any "
                + "of its pilots has reached. Select one to see its pilots.",
            svg: SVGChart.hexMap(
                cells, title: "Map of authorities by adoption",
                description: "Hex grid of English authorities coloured by furthest phase reached.", colours: colours),
            table: table, csvHref: "data/map.csv",
            legend: [("none", "No pilots")] + order.dropFirst().map { ($0, VocabularyLabel.label($0)) }
                + [("stopped", "All stopped")])
    }
}
