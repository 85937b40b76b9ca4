import Postgres

extension ProjectStore {
    /// The refusal for a code no project has: when one differs only in case, it is named, since
    /// codes match exactly.
    static func notFound(_ code: String, _ connection: Connection) -> StoreError {
        guard let stored = try? ProjectStore(connection).existingCode(like: code) else { return .projectNotFound(code) }
        return .projectCodeCase(typed: code, stored: stored)
    }

    /// The stored code equal to `code` regardless of case, if any.
    func existingCode(like code: String) throws -> String? {
        try connection.first(ProjectCodeLike(code: code))
    }

    /// The refusal for a code taken already, naming the stored code when its case differs.
    static func duplicateCode(_ code: String, stored: String?) -> StoreError {
        let existing = stored.flatMap { $0 == code ? nil : " as \($0.quotedForMessage)" } ?? ""
        return .duplicate("a project with code \(code.quotedForMessage) exists already\(existing)")
    }
}
