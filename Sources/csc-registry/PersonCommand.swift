import ArgumentParser
import Registry

/// `csc-registry person`: the people who sign in, managed from the server's command line.
struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Invite, list, change, suspend and restore the people who sign in.",
        subcommands: [Invite.self, List.self, Change.self, Suspend.self, Restore.self, SignOut.self])

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite someone; they are bound to their account when they first sign in from this address.",
            discussion: """
                Roles: admin; authority_editor (with --authority); network_member (with one or more --network);
                national_analyst.
                """)

        @OptionGroup var common: CommonOptions
        @Option(help: "Their name, as others will see it in the audit trail.") var name: String
        @Option(help: "The work address they sign in with.") var email: String
        @Option(help: "admin, authority_editor, network_member or national_analyst.") var role: String
        @Option(help: "For an authority editor: the authority's GSS or DfE code.") var authority: String?
        @Option(name: .customLong("network"), help: "For a network member: a network slug; repeat for several.")
        var networks: [String] = []

        func run() async throws {
            let configuration = try common.configuration()
            print(
                try await RegistryOperations.invitePerson(
                    database: configuration.database, name: name, email: email, role: role, authority: authority,
                    networks: networks, logger: common.logger(configuration)))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List everyone, with their role and state.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            print(try await RegistryOperations.listPeople(database: configuration.database, logger: common.logger(configuration)))
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a person's name, address, role or scope; a new role takes only the scope given with it.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The person's id or e-mail address.") var person: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "A new address.") var email: String?
        @Option(help: "A new role.") var role: String?
        @Option(help: "For an authority editor: the authority's GSS or DfE code.") var authority: String?
        @Option(name: .customLong("network"), help: "For a network member: a network slug; repeat for several.")
        var networks: [String] = []

        func run() async throws {
            let configuration = try common.configuration()
            print(
                try await RegistryOperations.changePerson(
                    database: configuration.database, person: person, name: name, email: email, role: role,
                    authority: authority, networks: networks, logger: common.logger(configuration)))
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suspend a person: their sessions end and their tokens stop at once.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The person's id or e-mail address.") var person: String

        func run() async throws {
            let configuration = try common.configuration()
            print(
                try await RegistryOperations.setPersonActive(
                    database: configuration.database, person: person, active: false, logger: common.logger(configuration)))
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a person's suspension.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The person's id or e-mail address.") var person: String

        func run() async throws {
            let configuration = try common.configuration()
            print(
                try await RegistryOperations.setPersonActive(
                    database: configuration.database, person: person, active: true, logger: common.logger(configuration)))
        }
    }

    struct SignOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-out", abstract: "End every session of a person; their tokens keep working.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The person's id or e-mail address.") var person: String

        func run() async throws {
            let configuration = try common.configuration()
            print(
                try await RegistryOperations.signOutPerson(
                    database: configuration.database, person: person, logger: common.logger(configuration)))
        }
    }
}
