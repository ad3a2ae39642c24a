import Foundation
import RegistryAPI

/// What `csc-registry demo` loaded.
public struct DemoSummary: Sendable, CustomStringConvertible {
    public var alreadyLoaded = false
    public var providers = 0
    public var tools = 0
    public var networks = 0
    public var pilots = 0
    public var phaseChanges = 0
    public var resourcingLines = 0
    public var assessments = 0
    public var evaluations = 0
    public var insights = 0
    public var singleViews = 0
    public var contacts = 0
    /// Demonstration people invited by this run (none when they were already there).
    public var people = 0
    /// After `demo --scale N`: the pilots the multiplied set holds.
    public var scaledPilots: Int?

    public var description: String {
        if let scaledPilots { return (alreadyLoaded ? "" : loaded + "\n") + "Scaled the demonstration data to \(scaledPilots) pilots." }
        if alreadyLoaded {
            return "Demonstration data is already loaded" + (people > 0 ? "; invited \(people) demonstration people." : "; nothing to do.")
        }
        return loaded
    }

    private var loaded: String {
        """
            Loaded fictional demonstration data: \(providers) providers, \(tools) tools, \(networks) networks, \
            \(pilots) pilots with \(phaseChanges) phase changes, \(resourcingLines) resourcing lines, \
            \(assessments) assessments, \(evaluations) evaluations, \(insights) insights, \
            \(singleViews) single views, \(contacts) contacts; invited \(people) demonstration people.
            """
    }
}
