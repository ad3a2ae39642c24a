import RegistryAPI

extension RegistryService {
    func listRegions(_ input: Operations.ListRegions.Input) async throws -> Operations.ListRegions.Output {
        .ok(.init(body: .json(.init(items: try await store.reference.regions()))))
    }

    func listAuthorities(_ input: Operations.ListAuthorities.Input) async throws -> Operations.ListAuthorities.Output {
        let region = try await regionFilter(input.query.region)
        return .ok(.init(body: .json(.init(items: try await store.reference.authorities(inRegion: region)))))
    }

    func getAuthority(_ input: Operations.GetAuthority.Input) async throws -> Operations.GetAuthority.Output {
        .ok(.init(body: .json(try await store.reference.authority(code: input.path.authorityCode))))
    }
}
