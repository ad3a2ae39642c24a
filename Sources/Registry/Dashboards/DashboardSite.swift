import Foundation
import Mustache

/// Renders a dashboard site for one audience from the templates and assets in `Dashboards/`:
/// every file of the site by its path, ready to write to a folder or a zip.
struct DashboardSite: Sendable {
    let templates: MustacheLibrary
    let assets: [String: Data]

    /// Loads `templates/*.mustache` and every file under `assets/` from the Dashboards folder.
    static func load(from folder: URL) async throws -> DashboardSite {
        let templates = try await MustacheLibrary(directory: folder.appendingPathComponent("templates").path)
        var assets: [String: Data] = [:]
        let root = folder.appendingPathComponent("assets")
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() where !name.hasPrefix(".") {
            assets["assets/\(name)"] = try Data(contentsOf: root.appendingPathComponent(name))
        }
        return DashboardSite(templates: templates, assets: assets)
    }

    /// The whole site: pages, chart data and assets.
    func render(_ data: SiteData, audienceName: String) -> [String: Data] {
        let (pages, files) = SitePages(data).pages()
        var site = assets
        for (path, contents) in files { site[path] = Data(contents.utf8) }
        let banner = Banner(data: data, audienceName: audienceName)
        for page in pages {
            let html = templates.render(Self.context(page, banner: banner), withTemplate: page.template) ?? ""
            site[page.path] = Data(html.utf8)
        }
        return site
    }

    /// What every page says about itself: when its data was taken, who it was built for, and
    /// whether it shows demonstration data.
    struct Banner {
        var builtAt: String
        var builtAtISO: String
        var audience: String
        var demonstration: SiteData.Demonstration

        init(data: SiteData, audienceName: String) {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "d MMMM yyyy 'at' HH:mm 'UTC'"
            builtAt = formatter.string(from: data.builtAt)
            builtAtISO = ISO8601DateFormatter().string(from: data.builtAt)
            audience = audienceName
            demonstration = data.demonstration
        }
    }

    // MARK: - Template values

    static func context(_ page: SitePages.Page, banner: Banner) -> [String: Any] {
        let root = String(repeating: "../", count: page.path.filter { $0 == "/" }.count)
        func href(_ link: String?) -> String? { link.map { $0.hasPrefix("../") || $0.hasPrefix("http") ? $0 : root + $0 } }
        func cell(_ cell: SitePages.Cell) -> [String: Any] {
            var value: [String: Any] = ["text": cell.text]
            if let link = href(cell.href) { value["href"] = link }
            if let tag = cell.tag, !cell.text.isEmpty { value["tag"] = tag == "unevaluated" ? "tag tag--warning" : "tag tag--\(tag)" }
            return value
        }
        func table(_ table: SitePages.Table) -> [String: Any] {
            [
                "caption": table.caption,
                "headers": table.headers.dropFirst().map { ["text": $0] },
                "firstHeader": table.headers.first ?? "",
                "rows": table.rows.map { row in ["head": cell(row[0]), "cells": row.dropFirst().map(cell)] },
                "hasRows": !table.rows.isEmpty,
            ]
        }
        var context: [String: Any] = [
            "title": page.title,
            "root": root,
            "builtAt": banner.builtAt,
            "builtAtISO": banner.builtAtISO,
            "audience": banner.audience,
            "isDemo": banner.demonstration == .only,
            // Counts read as headline figures; words (a kind, a provider) as a plain list.
            "facts": page.facts.map { ["label": $0.label, "value": $0.value, "figure": Double($0.value) != nil || $0.value == "c"] },
            "hasFacts": !page.facts.isEmpty,
            "charts": page.charts.map { chart in
                ["id": chart.id, "title": chart.title, "caption": chart.caption, "svg": chart.svg,
                 "csvHref": root + chart.csvHref, "table": table(chart.table), "hasLegend": !chart.legend.isEmpty,
                 "legend": chart.legend.map { ["key": $0.key, "label": $0.label] }] as [String: Any]
            },
            "tables": page.tables.map(table),
            "lists": page.lists.map { list in
                ["heading": list.heading, "items": list.items.map { ["text": $0.text] }, "hasItems": !list.items.isEmpty] as [String: Any]
            },
            "links": page.links.map { group in
                ["heading": group.heading, "hasLinks": !group.links.isEmpty,
                 "links": group.links.map { link in
                     var value: [String: Any] = ["text": link.text, "href": href(link.href)!,
                                                 "search": (link.text + " " + (link.hint ?? "")).lowercased()]
                     if let hint = link.hint { value["hint"] = hint }
                     return value
                 }] as [String: Any]
            },
        ]
        if case .mixed(let demo, let pilots) = banner.demonstration {
            context["mixedDemo"] = ["demoPilots": demo, "pilots": pilots]
        }
        if let lead = page.lead { context["lead"] = lead }
        for (key, value) in page.extra { context[key] = value }
        return context
    }
}
