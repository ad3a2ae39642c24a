import Foundation
import HTTPTypes
import OpenAPIRuntime
import RegistryAPI

/// Refuses a write whose body has a field its operation does not define, with 400 naming the
/// field, before anything is decoded for the handler or written. Fields of a record as it is
/// read (id, version, timestamps) are declared `readOnly` in the inputs, so a client may send
/// back what it read.
struct UnknownFieldsMiddleware: ServerMiddleware {
    /// Each JSON request body's type, by operation; a test checks openapi.yaml names no other.
    static let bodies: [String: any (Decodable & Sendable).Type] = [
        "createPhaseChange": PhaseChangeInput.self,
        "createProvider": ProviderInput.self, "updateProvider": ProviderInput.self,
        "createTool": ToolInput.self, "updateTool": ToolInput.self,
        "createNetwork": NetworkInput.self, "updateNetwork": NetworkInput.self,
        "createPilot": PilotInput.self, "updatePilot": PilotInput.self,
        "createResourcing": ResourcingLineInput.self, "updateResourcing": ResourcingLineInput.self,
        "createAssessment": AssessmentInput.self, "updateAssessment": AssessmentInput.self,
        "createEvaluation": EvaluationInput.self, "updateEvaluation": EvaluationInput.self,
        "createInsight": InsightInput.self, "updateInsight": InsightInput.self,
        "createContact": ContactInput.self, "updateContact": ContactInput.self,
        "createSingleView": SingleViewInput.self, "updateSingleView": SingleViewInput.self,
        "issueToken": Components.Schemas.TokenInput.self,
        "invitePerson": Components.Schemas.PersonInput.self, "changePerson": Components.Schemas.PersonInput.self,
        "createOwnToken": Components.Schemas.OwnTokenInput.self,
    ]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let type = Self.bodies[operationID], let body else { return try await next(request, body, metadata) }
        let data = try await Data(collecting: body, upTo: RequestLimits.bodyBytes)
        // A body that does not parse or decode is left to the generated decoding to name.
        if let json = try? JSONSerialization.jsonObject(with: data), let decoded = Self.decodeKnown(type, from: json) {
            let issues = UnknownFields.find(in: json, decoded: decoded)
            if !issues.isEmpty { throw RegistryError.malformed(issues) }
        }
        return try await next(request, HTTPBody(data), metadata)
    }

    /// The body decoded as `type`. The generated types refuse unknown fields themselves
    /// (`additionalProperties: false`), naming one at a time by its coding path, so each field
    /// named is set aside and the rest decoded again; which of them were unknown is then
    /// decided by the decoded value. Nil when the body fails for any other reason.
    private static func decodeKnown(_ type: any Decodable.Type, from json: Any) -> Any? {
        var remaining = json
        for _ in 0...64 {
            guard let data = try? JSONSerialization.data(withJSONObject: remaining) else { return nil }
            do {
                return try decoder.decode(type, from: data)
            } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
                guard let shorter = removing(context.codingPath, from: remaining) else { return nil }
                remaining = shorter
            } catch {
                return nil
            }
        }
        return nil
    }

    /// The JSON without the member at `path`; nil when there is no such member.
    private static func removing(_ path: [any CodingKey], from json: Any) -> Any? {
        guard let first = path.first else { return nil }
        if let index = first.intValue, var array = json as? [Any], array.indices.contains(index) {
            if path.count == 1 { return nil }
            guard let inner = removing(Array(path.dropFirst()), from: array[index]) else { return nil }
            array[index] = inner
            return array
        }
        guard var object = json as? [String: Any], let member = object[first.stringValue] else { return nil }
        if path.count == 1 {
            object[first.stringValue] = nil
        } else {
            guard let inner = removing(Array(path.dropFirst()), from: member) else { return nil }
            object[first.stringValue] = inner
        }
        return object
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            try ISO8601DateTranscoder().decode(try decoder.singleValueContainer().decode(String.self))
        }
        return decoder
    }()
}
