@testable import Postgres
import Testing

@Suite("Redaction")
struct RedactionTests {
    @Test("a secret is replaced where it stands as a token")
    func tokens() {
        let secrets = ["zq7wv9"]
        #expect(Redaction.scrub(#"role "zq7wv9" does not exist"#, secrets: secrets) == #"role "***" does not exist"#)
        #expect(Redaction.scrub("postgresql://u:zq7wv9@h/db", secrets: secrets) == "postgresql://u:***@h/db")
        #expect(Redaction.scrub("password=zq7wv9 host=h", secrets: secrets) == "password=*** host=h")
        #expect(Redaction.scrub("zq7wv9", secrets: secrets) == "***")
        #expect(Redaction.scrub("(zq7wv9)", secrets: secrets) == "(***)")
    }

    @Test("a secret inside a longer word is left alone, so short passwords do not blank letters")
    func insideWords() {
        #expect(Redaction.scrub(#"connection to server at "127.0.0.1", port 1 failed"#, secrets: ["p"])
            == #"connection to server at "127.0.0.1", port 1 failed"#)
        #expect(Redaction.scrub(#"role "p" does not exist"#, secrets: ["p"]) == #"role "***" does not exist"#)
        #expect(Redaction.scrub("a:b@c", secrets: ["b"]) == "a:***@c")
        #expect(Redaction.scrub("error: bad", secrets: [":"]) == "error: bad")
        #expect(Redaction.scrub("abcd xabcdx abcd", secrets: ["abcd"]) == "*** xabcdx ***")
    }

    @Test("the longer of two overlapping secrets wins")
    func overlapping() {
        #expect(Redaction.scrub(#"host "zq7@wv9""#, secrets: ["zq7", "zq7@wv9"]) == #"host "***""#)
    }

    // The control for ErrorTests: libpq itself does print the fragments of these passwords,
    // so a configuration that let them through would leak.
    @Test("libpq echoes the fragments of a misread password", arguments: [
        ("postgresql://u:zq7@wv9@127.0.0.1:1/db", "wv9"),
        ("postgresql://u:zq7/wv9@127.0.0.1:1/db", "zq7"),
    ])
    func libpqEchoes(_ url: String, _ fragment: String) throws {
        let pointer = try #require(Connection.connect(keywords: ["dbname"], values: [url]))
        let handle = ConnectionHandle(pointer)
        #expect(Connection.errorMessage(pointer).contains(fragment))
        _ = consume handle
    }
}
