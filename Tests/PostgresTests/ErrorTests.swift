import Postgres
import Testing
import TestSupport

@Suite("Errors and their SQLSTATE")
struct ErrorTests {
    static let schema = """
        CREATE TABLE parent (id int PRIMARY KEY);
        CREATE TABLE child (
            id int PRIMARY KEY,
            parent_id int REFERENCES parent (id),
            amount int CONSTRAINT amount_positive CHECK (amount > 0),
            code text CONSTRAINT child_code_key UNIQUE
        );
        INSERT INTO parent VALUES (1);
        INSERT INTO child VALUES (1, 1, 5, 'a');
        """

    @Test("constraint violations are told apart, with the constraint's name")
    func constraints() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                try c.execute(script: ErrorTests.schema)
                let unique = try #require(throws: PostgresError.self) {
                    try c.query("INSERT INTO child VALUES ($1, 1, 5, $2)", 2, "a")
                }
                #expect(unique.sqlState == "23505")
                #expect(unique.isUniqueViolation)
                #expect(unique.constraint == "child_code_key")
                #expect(unique.detail?.contains("(code)=(a)") == true)
                #expect(unique.table == "child")

                let foreign = try #require(throws: PostgresError.self) {
                    try c.query("INSERT INTO child VALUES ($1, $2, 5, NULL)", 3, 99)
                }
                #expect(foreign.isForeignKeyViolation)
                #expect(foreign.constraint == "child_parent_id_fkey")

                let check = try #require(throws: PostgresError.self) {
                    try c.query("INSERT INTO child VALUES ($1, 1, $2, NULL)", 4, -1)
                }
                #expect(check.isCheckViolation)
                #expect(check.constraint == "amount_positive")
                #expect(!check.isUniqueViolation && !check.isForeignKeyViolation)
            }
        }
    }

    @Test("syntax, missing table, bad text and division errors carry their codes", arguments: [
        ("SELEC 1", "42601"),
        ("SELECT * FROM no_such_table", "42P01"),
        ("SELECT 'x'::int", "22P02"),
        ("SELECT 1 / 0", "22012"),
        ("SELECT 99999999999::int4", "22003"),
    ])
    func codes(_ sql: String, _ state: String) async throws {
        try await TestDatabase.with(migrated: false) { db in
            let error = try await #require(throws: PostgresError.self) {
                try await db.run { c in try c.query(sql) }
            }
            #expect(error.sqlState == state)
            #expect(error.kind == .server)
            #expect(!error.description.contains("\n"))
            // The connection is still usable afterwards.
            #expect(try await db.run { c in try c.query("SELECT 1").scalar(Int.self) } == 1)
        }
    }

    @Test("a refused connection is one line without the password")
    func refusedConnection() throws {
        let configuration = try ConnectionConfiguration("postgresql://u:secret@127.0.0.1:1/x")
        let error = try #require(throws: PostgresError.self) { try Connection(configuration: configuration) }
        #expect(error.kind == .connection)
        #expect(error.isConnectionFailure)
        #expect(!error.description.contains("secret"))
        #expect(!error.description.contains("\n"))
        #expect(!configuration.description.contains("secret"))
        #expect(configuration.description.contains("***"))
    }

    @Test("a wrong password is refused without echoing it")
    func wrongPassword() async throws {
        // The embedded cluster trusts local users, so ask for a role that does not exist.
        let url = TestCluster.url(database: "postgres").replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://nobody_here:hunter2@")
        let configuration = try ConnectionConfiguration(url)
        let error = try #require(throws: PostgresError.self) { try Connection(configuration: configuration) }
        #expect(error.kind == .connection)
        #expect(!error.description.contains("hunter2"))
    }

    @Test("malformed connection strings are configuration errors without the password", arguments: [
        "postgresql://u:topsecret@[bad",
        "postgresql://u:topsecret@host/db?no_such_option=1",
        "host=x port= password=topsecret bogus_option=1",
    ])
    func malformed(_ text: String) throws {
        let error = try #require(throws: PostgresError.self) { try ConnectionConfiguration(text) }
        #expect(error.kind == .configuration)
        #expect(!error.description.contains("topsecret"))
    }
}
