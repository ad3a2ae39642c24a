import RegistryAPI

/// The fictional providers, tools and phrases the demonstration data set is made of.
/// Every name is invented; any likeness to a real company or product is accidental.
enum DemoCatalogue {
    static let providers: [(name: String, website: String)] = [
        ("Kestrel Voice Ltd", "https://kestrel-voice.example"),
        ("Brightpath Analytics", "https://brightpath.example"),
        ("Northwind Care Technology", "https://northwind-care.example"),
        ("Tallow Translate", "https://tallow-translate.example"),
        ("Amberleaf Systems", "https://amberleaf.example"),
        ("Cobalt Insight Co-operative", "https://cobalt-insight.example"),
        ("Willowmere Records", "https://willowmere.example"),
        ("Harbourlight Data", "https://harbourlight.example"),
    ]

    /// One or more tools of every kind; a nil provider index marks a tool an authority built.
    static let tools: [(name: String, provider: Int?, kind: Components.Schemas.ToolKind, technology: Components.Schemas.Technology)] = [
        ("Kestrel Visit Notes", 0, .transcription, .speechToText),
        ("Hearth Minutes", 2, .transcription, .generativeAi),
        ("Casebook Summariser", 2, .caseSummarisation, .generativeAi),
        ("Kestrel Voice-to-Record", 0, .structuredRecording, .speechToText),
        ("Tallow Live Interpret", 3, .translation, .generativeAi),
        ("Amberleaf Practice Copilot", 4, .generalAssistant, .generativeAi),
        ("Ask the Principal Social Worker", nil, .knowledgeAssistant, .generativeAi),
        ("Case File Q&A", 6, .caseFileQuestions, .generativeAi),
        ("Brightpath Early Help Signals", 1, .predictiveAnalytics, .machineLearning),
        ("Front Door Triage Assistant", 1, .referralTriage, .machineLearning),
        ("Ecomap Builder", 5, .relationshipMapping, .nonAiDigital),
        ("Willowmere Redact", 6, .redaction, .machineLearning),
        ("My Story Records", nil, .childFriendlyRecords, .generativeAi),
        ("Care Leaver Record Access Portal", 6, .childFriendlyRecords, .nonAiDigital),
        ("Mind of My Own Words", 5, .voiceOfTheChild, .nonAiDigital),
        ("Harbourlight Child View", 7, .singleView, .nonAiDigital),
        ("Supervision Reflection Coach", 4, .practiceFeedback, .generativeAi),
        ("Policy Checker", nil, .policyCompliance, .rulesBased),
        ("Visit Planner", 7, .scheduling, .rulesBased),
        ("Read Aloud Assist", 3, .assistiveTechnology, .speechToText),
        ("Court Bundle Builder", nil, .other, .nonAiDigital),
    ]

    static let learnings = [
        "Start with a small group of willing practitioners and let them shape the rollout.",
        "Agree how summaries are checked before anyone relies on them; the twelfth summary gets less scrutiny than the first.",
        "Involve information governance from the first week, not the week before go-live.",
        "Record the time saved honestly: some of it goes into checking the output.",
        "Families responded better when workers explained the tool at the start of a visit.",
    ]
    static let barriers = [
        "Integration with the case management system took longer than the pilot itself.",
        "Uncertainty about where recordings are processed delayed the DPIA sign-off.",
        "Practitioner take-up was low until managers used it themselves.",
        "Licence costs rose sharply after the pilot price ended.",
    ]
    static let asks = [
        "National guidance on acceptable accuracy for AI-generated case notes.",
        "A shared evaluation framework so results can be compared between authorities.",
        "Model contract clauses on data residency and training on authority data.",
        "Funding for regional teams to reuse tools built by other authorities.",
    ]
    static let findings: [Components.Schemas.EvaluationOutcome: String] = [
        .positive: "Practitioners spent noticeably less time on recording; quality of notes was rated the same or better by managers.",
        .mixed: "Time was saved on straightforward visits but complex visits still needed substantial rewriting.",
        .negative: "Accuracy on names and relationships was too low for case records; practitioners stopped using it.",
        .inconclusive: "Too few practitioners used the tool consistently to draw a conclusion.",
    ]
}
