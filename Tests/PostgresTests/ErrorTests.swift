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

    /// Every text a configuration and a connection attempt on `url` produce: the refusal, or
    /// the description and the connection error.
    static func texts(for url: String) -> (refused: PostgresError?, texts: [String]) {
        do {
            let configuration = try ConnectionConfiguration(url)
            var texts = [configuration.description, String(describing: configuration)]
            do {
                let connection = try Connection(configuration: configuration)
                connection.close()
            } catch {
                texts.append(String(describing: error))
            }
            return (nil, texts)
        } catch let error as PostgresError {
            return (error, [error.description, error.message])
        } catch {
            return (nil, [String(describing: error)])
        }
    }

    // libpq reads these user-infos differently from RFC 3986 and prints what it took for a
    // host, a port or a database name: the password's fragments "zq7" and "wv9".
    @Test("a URL whose user-info libpq misreads is refused before connecting, without its password", arguments: [
        "postgresql://u:zq7@wv9@127.0.0.1:1/db",
        "postgresql://u:zq7/wv9@127.0.0.1:1/db",
        "postgresql://u:zq7?wv9@127.0.0.1:1/db",
        "postgresql://u:zq7#wv9@127.0.0.1:1/db",
        "postgresql://u:4417/wv9@127.0.0.1:1/db",
        "postgres://u:zq7@wv9@127.0.0.1:1/db",
        "postgresql://u:zq7@wv9@127.0.0.1:1,localhost:2/db",
        "postgresql://u:zq7wv9@127.0.0.1:1/db?host=x@y",
        "postgresql://u:zq7wv9@127.0.0.1:zq7/db",
        "postgresql://u:zq7wv9@[::1/db",
    ])
    func misreadUserInfo(_ url: String) throws {
        let (refused, texts) = ErrorTests.texts(for: url)
        for text in texts {
            for fragment in ["zq7", "wv9", "4417"] {
                #expect(!text.contains(fragment), "\(fragment) in: \(text)")
            }
            #expect(!text.contains("\n"))
        }
        let error = try #require(refused)
        #expect(error.kind == .configuration)
    }

    @Test("URLs both parsers read alike are accepted and keep their password out of every text", arguments: [
        ("postgresql://u:zq7wv9@127.0.0.1:1/db", "zq7wv9"),
        ("postgresql://u:zq7%40wv9@127.0.0.1:1/db", "zq7@wv9"),
        ("postgresql://u:zq7%2Fwv9@127.0.0.1:1/db", "zq7/wv9"),
        ("postgresql://u:zq7:wv9@127.0.0.1:1/db", "zq7:wv9"),
        ("postgresql://u@127.0.0.1:1/db?password=zq7wv9", "zq7wv9"),
        ("postgresql://u:other@127.0.0.1:1/db?password=zq7wv9&sslmode=disable", "zq7wv9"),
        ("postgresql://u:zq7wv9@127.0.0.1:1,127.0.0.1:2/db", "zq7wv9"),
        ("postgresql://u:zq7wv9@[::1]:1/db", "zq7wv9"),
    ])
    func acceptedURLs(_ url: String, _ password: String) throws {
        let (refused, texts) = ErrorTests.texts(for: url)
        #expect(refused == nil)
        #expect(texts.count == 3)
        for text in texts {
            #expect(!text.contains("zq7"), "password in: \(text)")
            #expect(!text.contains("wv9"), "password in: \(text)")
        }
        let configuration = try ConnectionConfiguration(url)
        #expect(configuration.description.contains("***"))
        #expect(configuration.description.hasPrefix("postgres"))
    }

    @Test("a one-character password is scrubbed as a token, not as a letter everywhere")
    func oneCharacterPassword() throws {
        let configuration = try ConnectionConfiguration("postgresql://u:p@127.0.0.1:1/postgres")
        #expect(configuration.description == "postgresql://u:***@127.0.0.1:1/postgres")
        let error = try #require(throws: PostgresError.self) { try Connection(configuration: configuration) }
        #expect(error.kind == .connection)
        #expect(error.isConnectionFailure)
        #expect(error.description.contains("port 1 failed"), "\(error)")
        #expect(!error.description.contains("***"), "\(error)")
    }

    @Test("a password the server echoes as a role or database name is scrubbed")
    func echoedPassword() async throws {
        // The embedded cluster trusts local users, so the server reports the missing role or
        // database by name; here that name is the password.
        let base = TestCluster.url(database: "postgres")
        let asRole = base.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://zq7wv9:zq7wv9@")
        let asDatabase = TestCluster.url(database: "zq7wv9")
            .replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://postgres:zq7wv9@")
        #expect(asRole.contains("zq7wv9:zq7wv9@") && asDatabase.contains(":zq7wv9@") && asDatabase.hasSuffix("/zq7wv9"))
        for url in [asRole, asDatabase] {
            let configuration = try ConnectionConfiguration(url)
            let error = try #require(throws: PostgresError.self) { try Connection(configuration: configuration) }
            #expect(error.kind == .connection)
            #expect(!error.description.contains("zq7wv9"), "\(error)")
            #expect(error.description.contains("\"***\""), "\(error)")
            #expect(!configuration.description.contains("zq7wv9"))
        }
    }

    @Test("a keyword string's quoted password never reaches the description", arguments: [
        #"host=127.0.0.1 port=1 password='zq7 \'wv9' user=u"#,
        #"password=zq7wv9 host=127.0.0.1"#,
        #"host=127.0.0.1 password = 'zq7\\wv9'"#,
    ])
    func keywordPassword(_ text: String) throws {
        let (refused, texts) = ErrorTests.texts(for: text)
        #expect(refused == nil)
        for text in texts {
            #expect(!text.contains("zq7"), "password in: \(text)")
            #expect(!text.contains("wv9"), "password in: \(text)")
        }
        #expect(try ConnectionConfiguration(text).description.contains("password=***"))
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
