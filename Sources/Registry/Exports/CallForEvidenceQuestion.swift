/// One of the 23 questions of DfE's March 2026 call for evidence, with the column the
/// sector-wide CSV gives its answers.
struct CallForEvidenceQuestion: Sendable {
    var number: Int
    var area: String
    var column: String
    var text: String

    static let all: [CallForEvidenceQuestion] = [
        .init(number: 1, area: "Externally procured tools", column: "q01_uses_procured_tools",
              text: "Does your authority use externally procured AI or digital tools in children's social care?"),
        .init(number: 2, area: "Externally procured tools", column: "q02_procured_tools_and_providers",
              text: "Which tools, and from which providers?"),
        .init(number: 3, area: "Externally procured tools", column: "q03_procured_tools_impact",
              text: "What impact have these tools had?"),
        .init(number: 4, area: "Externally procured tools", column: "q04_piloted_not_rolled_out",
              text: "Which tools did you pilot and not roll out?"),
        .init(number: 5, area: "Externally procured tools", column: "q05_reasons_not_rolled_out",
              text: "Why were they not rolled out?"),
        .init(number: 6, area: "Tools built by the authority", column: "q06_own_tools",
              text: "Describe the tools your authority has built itself."),
        .init(number: 7, area: "Tools built by the authority", column: "q07_own_tools_established",
              text: "How established are they (pilot, implemented, fully established)?"),
        .init(number: 8, area: "Tools built by the authority", column: "q08_own_tools_resourcing",
              text: "What staff time (FTE) and money (£) did it take to develop, to implement and to maintain them?"),
        .init(number: 9, area: "Tools built by the authority", column: "q09_own_tools_impact",
              text: "What impact have they had?"),
        .init(number: 10, area: "Tools built by the authority", column: "q10_key_learnings",
              text: "What are the key learnings for other authorities?"),
        .init(number: 11, area: "Tools built by the authority", column: "q11_help_needed",
              text: "What would help you develop, scale or reuse tools, locally, regionally or nationally?"),
        .init(number: 12, area: "Risks and ethics", column: "q12_benefits_and_risks_assessed",
              text: "How were benefits and risks assessed before adoption?"),
        .init(number: 13, area: "Risks and ethics", column: "q13_ethics_considered",
              text: "Were ethics considered (none, ethical impact assessment, staff consultation, citizen consultation, other)?"),
        .init(number: 14, area: "Risks and ethics", column: "q14_risk_safeguards",
              text: "How do you guard against the risks of AI?"),
        .init(number: 15, area: "Implementation", column: "q15_barriers",
              text: "What barriers have you met?"),
        .init(number: 16, area: "Implementation", column: "q16_implementation_support",
              text: "What is the most important thing you did to support implementation?"),
        .init(number: 17, area: "Implementation", column: "q17_asks_of_government",
              text: "What do you want from central government?"),
        .init(number: 18, area: "Implementation", column: "q18_other_suggestions",
              text: "Any other suggestions?"),
        .init(number: 19, area: "Evaluation", column: "q19_evaluation",
              text: "Have your tools been evaluated (none, internal, external, provider; under way or completed)?"),
        .init(number: 20, area: "Evaluation", column: "q20_evaluation_findings",
              text: "What did the evaluations find?"),
        .init(number: 21, area: "Single view", column: "q21_single_view_status",
              text: "Does your authority have a children's single view (live, in development, planned within 12 months, no, don't know)?"),
        .init(number: 22, area: "Single view", column: "q22_single_view_data",
              text: "Which data does it show?"),
        .init(number: 23, area: "Single view", column: "q23_single_view_link",
              text: "Link to its data model or list of sources."),
    ]
}
