/// The statistics the registry publishes: what each table counts, its filters and indicators.
/// The SQL that fills each one is in `StatisticsStore`.
enum StatisticsDataset: String, Sendable, CaseIterable {
    case adoption
    case adoptionByProvider = "adoption_by_provider"
    case adoptionTimeSeries = "adoption_time_series"
    case pilotOutcomes = "pilot_outcomes"
    case discontinuationReasons = "discontinuation_reasons"
    case resourcing
    case governance
    case unevaluatedRollouts = "unevaluated_rollouts"
    case evaluations
    case evaluationMeasures = "evaluation_measures"
    case singleViewStatus = "single_view_status"
    case singleViewDataSources = "single_view_data_sources"

    struct Column: Sendable, Equatable {
        var name: String
        var label: String
        /// Indicators only: `%`, `£`, or nil for counts.
        var unit: String?
        /// Indicators only: decimal places.
        var decimalPlaces: Int = 0
        /// Filters only: the filter this one is grouped under on EES.
        var groupedBy: String? = nil
        var hint: String? = nil

        /// An indicator's value where nothing was counted: zero for counts and sums, `z` for
        /// medians and shares, which have nothing to measure.
        var whenNothingCounted: StatisticsValue {
            if unit == "%" || name.hasPrefix("median") { return .notApplicable }
            return .number(decimalPlaces == 0 ? "0" : "0." + String(repeating: "0", count: decimalPlaces))
        }
    }

    var title: String {
        switch self {
        case .adoption: "Pilots and authorities by tool kind and phase"
        case .adoptionByProvider: "Pilots and authorities by provider"
        case .adoptionTimeSeries: "Pilots and authorities by tool kind and phase, quarterly since 2023"
        case .pilotOutcomes: "Pilot outcomes: conversion to implementation, time in pilot, pilots stopped"
        case .discontinuationReasons: "Reasons pilots were stopped"
        case .resourcing: "Staff time and money to develop, implement and maintain tools"
        case .governance: "Live pilots with each kind of assessment, ethics principle and safeguard"
        case .unevaluatedRollouts: "Implemented tools with no evaluation, or only the provider's"
        case .evaluations: "Evaluations by evaluator, status and outcome"
        case .evaluationMeasures: "Structured measures reported by completed evaluations"
        case .singleViewStatus: "Authorities by single-view status"
        case .singleViewDataSources: "Data sources in authorities' single views"
        }
    }

    /// The topics of `GET /stats/{topic}`, each a few related tables.
    static func tables(ofTopic topic: String) -> [StatisticsDataset] {
        switch topic {
        case "adoption": [.adoption, .adoptionByProvider]
        case "adoption-time-series": [.adoptionTimeSeries]
        case "outcomes": [.pilotOutcomes, .discontinuationReasons]
        case "resourcing": [.resourcing]
        case "governance": [.governance, .unevaluatedRollouts]
        case "evidence": [.evaluations, .evaluationMeasures]
        case "single-views": [.singleViewStatus, .singleViewDataSources]
        default: []
        }
    }

    var filters: [Column] {
        let kind = Column(name: "tool_kind", label: "Tool kind")
        switch self {
        case .adoption:
            return [kind, Column(name: "phase", label: "Phase", hint: "The pilot's phase at the end of the period")]
        case .adoptionTimeSeries:
            return [kind, Column(name: "phase", label: "Phase", hint: "The pilot's phase at the end of the period"),
                    Column(name: "version", label: "Version",
                           hint: "Provisional for the quarter in progress, counted on the report date and still changing; Final for quarters ended")]
        case .adoptionByProvider:
            return [Column(name: "provider", label: "Provider")]
        case .pilotOutcomes, .unevaluatedRollouts:
            return [kind]
        case .discontinuationReasons:
            return [kind, Column(name: "reason", label: "Reason for stopping")]
        case .resourcing:
            return [Column(name: "stage", label: "Stage"), kind, Column(name: "origin", label: "Where the tool came from")]
        case .governance:
            return [kind, Column(name: "practice_group", label: "Practice group"),
                    Column(name: "practice", label: "Practice", groupedBy: "practice_group")]
        case .evaluations:
            return [Column(name: "evaluator", label: "Evaluator"), Column(name: "status", label: "Status"),
                    Column(name: "outcome", label: "Outcome")]
        case .evaluationMeasures:
            return [Column(name: "measure", label: "Measure (unit)")]
        case .singleViewStatus:
            return [Column(name: "status", label: "Single-view status")]
        case .singleViewDataSources:
            return [Column(name: "data_source", label: "Data source")]
        }
    }

    var indicators: [Column] {
        let pilots = Column(name: "pilots", label: "Pilots", unit: nil)
        let authorities = Column(name: "authorities", label: "Authorities", unit: nil)
        switch self {
        case .adoption, .adoptionByProvider, .adoptionTimeSeries, .discontinuationReasons:
            return [pilots, authorities]
        case .pilotOutcomes:
            return [Column(name: "pilots_piloted", label: "Pilots that reached the pilot phase", unit: nil),
                    Column(name: "pilots_converted", label: "Piloted and then implemented", unit: nil),
                    Column(name: "conversion_percent", label: "Pilot-to-implementation conversion", unit: "%", decimalPlaces: 1),
                    Column(name: "median_days_in_pilot", label: "Median days in pilot (pilots that left it)", unit: nil, decimalPlaces: 1),
                    Column(name: "pilots_in_pilot", label: "Pilots still in pilot", unit: nil),
                    Column(name: "pilots_stopped", label: "Pilots discontinued", unit: nil)]
        case .resourcing:
            return [pilots, authorities,
                    Column(name: "total_fte", label: "Total staff (FTE)", unit: nil, decimalPlaces: 2),
                    Column(name: "median_fte", label: "Median staff per pilot (FTE)", unit: nil, decimalPlaces: 2),
                    Column(name: "total_cost_gbp", label: "Total cost", unit: "£", decimalPlaces: 2),
                    Column(name: "median_cost_gbp", label: "Median cost per pilot", unit: "£", decimalPlaces: 2)]
        case .governance:
            return [Column(name: "live_pilots", label: "Live pilots (pilot, implemented or fully established)", unit: nil),
                    Column(name: "pilots_with_practice", label: "Live pilots with the practice", unit: nil),
                    Column(name: "percent_with_practice", label: "Share of live pilots with the practice", unit: "%", decimalPlaces: 1)]
        case .unevaluatedRollouts:
            return [Column(name: "implemented_pilots", label: "Implemented or fully established pilots", unit: nil),
                    Column(name: "without_evaluation", label: "With no evaluation under way or completed", unit: nil),
                    Column(name: "percent_without_evaluation", label: "Share with no evaluation", unit: "%", decimalPlaces: 1),
                    Column(name: "provider_evaluation_only", label: "Evaluated only by the tool's provider", unit: nil),
                    Column(name: "percent_provider_evaluation_only", label: "Share evaluated only by the provider", unit: "%", decimalPlaces: 1)]
        case .evaluations:
            return [Column(name: "evaluations", label: "Evaluations", unit: nil), pilots]
        case .evaluationMeasures:
            return [Column(name: "evaluations", label: "Evaluations reporting the measure", unit: nil),
                    Column(name: "median_baseline", label: "Median baseline", unit: nil, decimalPlaces: 2),
                    Column(name: "median_value", label: "Median value", unit: nil, decimalPlaces: 2),
                    Column(name: "median_change", label: "Median change from baseline", unit: nil, decimalPlaces: 2)]
        case .singleViewStatus:
            return [authorities]
        case .singleViewDataSources:
            return [Column(name: "authorities", label: "Authorities whose live or developing single view includes the source", unit: nil),
                    Column(name: "percent_of_single_views", label: "Share of authorities with a live or developing single view", unit: "%", decimalPlaces: 1)]
        }
    }
}
