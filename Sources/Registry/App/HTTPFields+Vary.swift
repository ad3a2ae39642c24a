import Foundation
import HTTPTypes

extension HTTPFields {
    /// Adds `name` to `Vary`, once.
    mutating func appendVary(_ name: HTTPField.Name) {
        let present = self[values: .vary].flatMap { $0.split(separator: ",") }
            .contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == name.canonicalName }
        if !present { append(HTTPField(name: .vary, value: name.rawName)) }
    }
}
