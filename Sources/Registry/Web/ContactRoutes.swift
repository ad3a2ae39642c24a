import Foundation

/// The person DfE may contact about an authority's answers, on a page of its own: personal
/// data, so shown only to the authority's editors, as the store allows.
enum ContactRoutes {
    static func make(pages: PageRenderer, store: RegistryStore) -> AuthorityRecordRoutes<ContactForm> {
        AuthorityRecordRoutes(
            pages: pages,
            store: .init(
                current: { authority, caller in
                    try await store.contacts.list(
                        authority: authority, updatedSince: nil, page: try PageRequest(cursor: nil, limit: 1), viewer: caller
                    ).items.first
                },
                create: { _ = try await store.contacts.create($0, context: $1) },
                update: { _ = try await store.contacts.update($0, $1, context: $2) },
                get: { try await store.contacts.get($0, viewer: $1) },
                delete: { try await store.contacts.delete($0, context: $1) }),
            path: "/manage/contact", template: "contact", title: "Who may DfE contact?", record: "your contact",
            saved: "contact",
            forbidden: ("Only editors record a contact", "An authority's contact is recorded by its editors."))
    }
}
