import Foundation

/// An authority's single view, on a page of its own (call-for-evidence questions 21 to 23).
enum SingleViewRoutes {
    static func make(pages: PageRenderer, store: RegistryStore) -> AuthorityRecordRoutes<SingleViewForm> {
        AuthorityRecordRoutes(
            pages: pages,
            store: .init(
                current: { authority, caller in
                    try await store.singleViews.list(
                        authority: authority, region: nil, updatedSince: nil, page: try PageRequest(cursor: nil, limit: 1),
                        viewer: caller
                    ).items.first
                },
                create: { _ = try await store.singleViews.create($0, context: $1) },
                update: { _ = try await store.singleViews.update($0, $1, context: $2) },
                get: { try await store.singleViews.get($0, viewer: $1) },
                delete: { try await store.singleViews.delete($0, context: $1) }),
            path: "/manage/single-view", template: "single-view", title: "Your single view of a child",
            record: "your single view", saved: "single-view",
            forbidden: ("Only editors record a single view", "An authority's single view is recorded by its editors."))
    }
}
