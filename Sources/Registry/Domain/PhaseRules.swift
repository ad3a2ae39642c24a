/// The rules a new entry in a pilot's phase history must follow.
///
/// History is append-only and dated, so pilot length and conversion can be measured: a change
/// may not predate the latest one, must actually change the phase, and a discontinuation must
/// say why (pausing may, nothing else may).
public enum PhaseRules {
    public static let reasonPhases: Set<String> = ["discontinued", "paused"]

    public static func validate(
        phase: String,
        effectiveOn: CalendarDate,
        reasons: [String],
        current: (phase: String, since: CalendarDate)?,
        today: CalendarDate,
        into validator: inout InputValidator
    ) {
        if effectiveOn > today {
            validator.fail("effective_on", "must not be in the future (today is \(today))")
        }
        if let current {
            if effectiveOn < current.since {
                validator.fail("effective_on", "must not be before the latest phase change on \(current.since)")
            }
            if phase == current.phase {
                validator.fail("phase", "is already the pilot's phase")
            }
        }
        if phase == "discontinued" && reasons.isEmpty {
            validator.fail("reasons", "must name at least one reason when a pilot is discontinued")
        }
        if !reasons.isEmpty && !reasonPhases.contains(phase) {
            validator.fail("reasons", "may only be given when a pilot is discontinued or paused")
        }
    }
}
