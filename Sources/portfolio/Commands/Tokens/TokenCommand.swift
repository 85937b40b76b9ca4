import ArgumentParser
import Foundation
import PortfolioReports
import PortfolioStore

/// `portfolio token create|list|revoke`
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke the API tokens portfolio-server accepts.",
        discussion: """
            portfolio-server asks every request for 'Authorization: Bearer TOKEN' when it listens on
            an address other than loopback. A token is printed once, when created; only its SHA-256
            is stored. Examples:
              portfolio token create ministry-stats
              portfolio token list
              portfolio token revoke ministry-stats
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (once).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A name: letters, digits, '.', '_', '-'.") var name: String

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let token = try TokenStore(connection).create(name: name, actor: ChangeActor.current())
            try Console.out(token + "\n")
            Console.note("created token \(name); it is shown only now")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (names and dates, never the tokens).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "table, csv or json.") var format: ListFormat = .table

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let rows = try TokenStore(connection).list()
            let formatter = ISO8601DateFormatter()
            let cells = rows.map { [$0.name, formatter.string(from: $0.createdAt), $0.createdBy, $0.revokedAt.map(formatter.string) ?? ""] }
            switch format {
            case .json: try Console.out(try Console.json(rows))
            case .csv: try Console.out(Console.csv(header: ["name", "created_at", "created_by", "revoked_at"], rows: cells))
            case .table:
                var table = TextTable([.init("NAME"), .init("CREATED"), .init("BY"), .init("REVOKED")])
                for row in cells { table.append(row.enumerated().map { $0.offset == 3 && $0.element.isEmpty ? "-" : $0.element }) }
                try Console.out(table.render())
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: the server refuses it from then on.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The token's name.") var name: String

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            try TokenStore(connection).revoke(name: name, actor: ChangeActor.current())
            try Console.out("revoked token \(name)\n")
        }
    }
}
