/// Where the EES columns for a row's place come from: names and DfE codes by GSS code.
struct Geography: Sendable {
    struct Place: Sendable { var name: String; var dfeCode: String? }
    var countries: [String: Place]
    var regions: [String: Place]
    var authorities: [String: Place]
}
