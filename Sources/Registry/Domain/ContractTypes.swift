import RegistryAPI

// Short names for the contract's schemas, for every layer. The generated types are the
// registry's records on the wire and in the store, so there is exactly one definition of each field.
typealias Provider = Components.Schemas.Provider
typealias ProviderInput = Components.Schemas.ProviderInput
typealias Tool = Components.Schemas.Tool
typealias ToolInput = Components.Schemas.ToolInput
typealias Network = Components.Schemas.Network
typealias NetworkInput = Components.Schemas.NetworkInput
typealias Pilot = Components.Schemas.Pilot
typealias PilotInput = Components.Schemas.PilotInput
typealias PhaseChange = Components.Schemas.PhaseChange
typealias PhaseChangeInput = Components.Schemas.PhaseChangeInput
typealias ResourcingLine = Components.Schemas.ResourcingLine
typealias ResourcingLineInput = Components.Schemas.ResourcingLineInput
typealias Assessment = Components.Schemas.Assessment
typealias AssessmentInput = Components.Schemas.AssessmentInput
typealias Evaluation = Components.Schemas.Evaluation
typealias EvaluationInput = Components.Schemas.EvaluationInput
typealias Measure = Components.Schemas.Measure
typealias Insight = Components.Schemas.Insight
typealias InsightInput = Components.Schemas.InsightInput
typealias Contact = Components.Schemas.Contact
typealias ContactInput = Components.Schemas.ContactInput
typealias SingleView = Components.Schemas.SingleView
typealias SingleViewInput = Components.Schemas.SingleViewInput
typealias Authority = Components.Schemas.Authority
typealias Region = Components.Schemas.Region
