import Foundation
import Hummingbird
import RegistryAPI

/// An editor's bulk entry: a call-for-evidence CSV for their own authority, uploaded, checked
/// in full (every problem by line and column, nothing written), shown as what it would add,
/// and only then imported, once, through the same importer and stores as the API's.
struct AnswersUploadRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    static let path = "/manage/answers/upload"
    /// One authority's row is a few kilobytes; the file comes back in the confirmation form.
    static let largestFile = 256 * 1024

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/answers/upload") { _, _ in
            try await editor { _, authority in uploadPage(authority, sharing: "", errors: []) }
        }
        router.post("/manage/answers/upload") { request, _ in
            try await editor { _, authority in
                let form = try await WebForm.read(request)
                let sharing = form["sharing_level"] ?? ""
                let file = form.files["file"]
                var errors: [PageRenderer.FieldError] = []
                if let problem = Self.problem(with: file) { errors.append(.init(fieldID: "file", message: problem)) }
                if Components.Schemas.SharingLevel(rawValue: sharing) == nil {
                    errors.append(.init(fieldID: "sharing_level", message: "Select who may read what the file adds"))
                }
                guard errors.isEmpty, let file, let text = String(data: file.bytes, encoding: .utf8) else {
                    return uploadPage(authority, sharing: sharing, errors: errors)
                }
                return try await checked(text, filename: file.filename, sharing: sharing, authority: authority) { file, report in
                    checkPage(authority, text: text, filename: file, sharing: sharing, report: report)
                }
            }
        }
        router.post("/manage/answers/upload/confirm") { request, _ in
            try await editor { caller, authority in
                let form = try await WebForm.read(request)
                // The file comes back as base64, so its bytes (line breaks in cells) are exactly those checked.
                let text = form["csv"].flatMap { Data(base64Encoded: $0) }.flatMap { String(data: $0, encoding: .utf8) } ?? ""
                let (filename, sharing) = (form["filename"] ?? "the file", form["sharing_level"] ?? "")
                return try await checked(text, filename: filename, sharing: sharing, authority: authority) { _, _ in
                    let made = try await OnceOnly(store: store).run(
                        "answers-upload", submission: form["submission"] ?? "", answers: [("csv", text), ("sharing_level", sharing)],
                        person: caller.userID!
                    ) {
                        let report = try await importer(caller, sharing: sharing).run(try CallForEvidenceImport.read(text))
                        return String(report.created.values.reduce(0, +))
                    }
                    return PageRenderer.redirect(to: "/manage?saved=upload&records=\(made)")
                }
            }
        }
    }

    /// What is wrong with the chosen file before its contents are read, in the Design System's words.
    private static func problem(with file: UploadedFile?) -> String? {
        guard let file, !file.isEmpty else { return "Select a CSV file" }
        if file.bytes.count > largestFile { return "The selected file must be smaller than 256 KB" }
        if String(data: file.bytes, encoding: .utf8) == nil { return "The selected file must be a CSV file saved as UTF-8" }
        return nil
    }

    /// Runs `body` for an authority's editor, with their authority's code; others are told who uploads.
    private func editor(_ body: (Caller, Authority) async throws -> Response) async throws -> Response {
        try await SignedInPage.run(returnTo: Self.path) { caller, _ in
            guard caller.role == .authorityEditor, let code = caller.authority else {
                return pages.notForYourRole(
                    "Only editors upload answers", "An authority's call-for-evidence answers are uploaded by its editors.")
            }
            return try await body(caller, try await store.reference.authority(code: code))
        }
    }

    private func importer(_ caller: Caller, sharing: String) throws -> CallForEvidenceImport {
        CallForEvidenceImport(
            store: store, context: try WriteContext.signedIn(caller),
            sharingLevel: Components.Schemas.SharingLevel(rawValue: sharing) ?? ._private, today: .today())
    }

    /// Reads and checks the whole file (by importing it and rolling back); `body` runs only for a
    /// file with no problem, else the upload page lists every problem found.
    private func checked(
        _ text: String, filename: String, sharing: String, authority: Authority,
        _ body: (String, CallForEvidenceImport.Report) async throws -> Response
    ) async throws -> Response {
        let importer = try importer(Caller.ofThisRequest, sharing: sharing)
        var issues: [FieldIssue]
        do {
            let file = try CallForEvidenceImport.read(text)
            issues = try await importer.othersRows(in: file.responses, authority: authority.code)
            if issues.isEmpty {
                let report = try await importer.check(file)
                if report.created.isEmpty {
                    issues = [.init(field: "line 2", message: "adds nothing: the file has no answers for \(authority.name)")]
                } else {
                    return try await body(filename, report)
                }
            }
        } catch RegistryError.invalid(let found), RegistryError.malformed(let found) {
            issues = found
        } catch RegistryError.forbidden(let reason) {
            issues = [.init(field: "", message: reason)]
        }
        return uploadPage(authority, sharing: sharing, errors: [
            .init(fieldID: "file", message: "\(filename) has \(issues.count == 1 ? "a problem" : "\(issues.count) problems"), listed below; nothing was added")
        ], problems: issues)
    }

    private func uploadPage(
        _ authority: Authority, sharing: String, errors: [PageRenderer.FieldError], problems: [FieldIssue] = []
    ) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        return pages.page(
            "answers-upload", title: "Upload your call-for-evidence answers",
            [
                "authority": ["name": authority.name, "code": authority.code],
                "sharingLevels": ChoiceList.radios("sharing_level", PilotForm.sharingLevels, chosen: sharing),
                "fileError": error("file"), "sharingError": error("sharing_level"),
                "problems": problems.map(Self.problemRow), "hasProblems": !problems.isEmpty,
            ],
            errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// "line 3: q02_…" as its line, column and problem.
    private static func problemRow(_ issue: FieldIssue) -> [String: String] {
        let parts = issue.field.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let line = parts.first.map { $0.hasPrefix("line ") ? String($0.dropFirst(5)) : "" } ?? ""
        let column = parts.count > 1 ? parts[1] : (parts.first?.hasPrefix("line ") == true ? "" : issue.field)
        return ["line": line.isEmpty ? "–" : line, "column": column.isEmpty ? "–" : column, "message": issue.message]
    }

    private func checkPage(
        _ authority: Authority, text: String, filename: String, sharing: String, report: CallForEvidenceImport.Report
    ) -> Response {
        let rows = Self.kinds.compactMap { kind, label -> [String: String]? in
            report.created[kind].map { ["label": label, "count": String($0)] }
        }
        return pages.page(
            "answers-check", title: "Check what the file adds",
            [
                "authority": ["name": authority.name, "code": authority.code], "filename": filename, "csv": Data(text.utf8).base64EncodedString(),
                "rows": rows, "sharing": sharing, "sharingText": ChoiceList.label(sharing, in: PilotForm.sharingLevels),
                "unknownColumns": report.unknownColumns.joined(separator: ", "), "hasUnknownColumns": !report.unknownColumns.isEmpty,
                "submission": UUID().uuidString.lowercased(),
            ])
    }

    /// The importer's record kinds in words, in the order the page lists them.
    static let kinds = [
        ("providers", "Providers added to the catalogue"), ("tools", "Tools added to the catalogue"), ("pilots", "Pilots"),
        ("resourcing_lines", "Resourcing lines"), ("assessments", "Risk and ethics assessments"), ("evaluations", "Evaluations"),
        ("insights", "Lessons, barriers and impacts"), ("single_views", "Single view"), ("contacts", "Contact"),
    ]
}
