import Foundation
import Hummingbird
import Mustache

/// Renders the signed-in pages from `Templates/`, each inside the common header (with the
/// person's name and a sign-out button) and footer.
struct PageRenderer: Sendable {
    let templates: MustacheLibrary
    let stylesheet: ByteBuffer
    /// Signing in goes through a test provider: every page says so.
    let development: Bool
    /// Whom to ask about access, in a sentence.
    let support: String

    static func load(from folder: URL, development: Bool, supportContact: String?) async throws -> PageRenderer {
        PageRenderer(
            templates: try await MustacheLibrary(directory: folder.appendingPathComponent("Templates").path),
            stylesheet: ByteBuffer(bytes: try Data(contentsOf: folder.appendingPathComponent("Assets/app.css"))),
            development: development,
            support: supportContact.map { "To be given access, or if your role is wrong, ask the registry's administrators at \($0)." }
                ?? "To be given access, or if your role is wrong, ask the person who looks after the registry for your organisation.")
    }

    /// A field's error, shown in the summary (linking to the field) and at the field.
    struct FieldError: Sendable {
        var fieldID: String
        var message: String

        /// The input rules' issues in words: each field by its question, linked to its input.
        static func from(_ issues: [FieldIssue], fields: [String: (id: String, name: String)]) -> [FieldError] {
            issues.map { issue in
                let field = fields[issue.field] ?? (issue.field, issue.field)
                return FieldError(fieldID: field.id, message: "\(field.name) \(issue.message)")
            }
        }
    }

    func page(
        _ template: String, title: String, _ values: [String: Any] = [:], errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = values
        context["title"] = title
        context["development"] = development
        context["support"] = support
        if let session = BrowserSession.ofThisRequest, Caller.ofThisRequest.role != .anonymous {
            context["signedIn"] = ["name": Caller.ofThisRequest.name, "csrfToken": session.csrfToken]
        }
        context["hasErrors"] = !errors.isEmpty
        context["errors"] = errors.map { ["fieldID": $0.fieldID, "message": $0.message] }
        let html = templates.render(context, withTemplate: template) ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// "Page not found", saying what is missing and where to go back to.
    func notFound(_ what: String, back: (href: String, text: String)) -> Response {
        page(
            "problem", title: "Page not found",
            ["heading": "Page not found", "paragraphs": [what], "link": ["href": back.href, "text": back.text]],
            status: .notFound)
    }

    /// A page a signed-in person's role does not open (403), saying who does that instead.
    func notForYourRole(_ heading: String, _ why: String) -> Response {
        page(
            "problem", title: heading,
            ["heading": heading, "paragraphs": [why], "link": ["href": "/manage", "text": "Go to your home"]],
            status: .forbidden)
    }

    /// A redirect after a form or a sign-in step (303, so the browser follows with GET).
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    var stylesheetResponse: Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: stylesheet))
    }
}
