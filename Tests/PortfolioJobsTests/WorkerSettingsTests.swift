import Foundation
import Logging
import PortfolioJobs
import PortfolioStore
import PortfolioWorker
import Testing

/// Where a test puts a setting's text.
enum SettingSource: String, CaseIterable, Sendable {
    case flag, environment, file
}

@Suite("Worker settings: one parser per setting, whatever the source")
struct WorkerSettingsTests {
    /// A settings file holding `json`, for `--config`.
    static func file(_ json: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID()).json")
        try Data(json.utf8).write(to: url)
        return url.path
    }

    /// The JSON of a settings file that sets `key` (dotted) to `value`.
    static func json(_ key: String, _ value: Any) throws -> String {
        var object: Any = value
        for part in key.split(separator: ".").reversed() { object = [String(part): object] }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed]), as: UTF8.self)
    }

    /// Resolves with `setting` set to `text` in `source` and nothing else set.
    static func resolve(_ setting: WorkerSetting, _ text: String, from source: SettingSource) async throws -> WorkerSettings {
        switch source {
        case .flag:
            return try await WorkerSettings.resolve(flags: [setting: text], environment: [:], configPath: try file("{}"))
        case .environment:
            return try await WorkerSettings.resolve(flags: [:], environment: [setting.variable: text], configPath: try file("{}"))
        case .file:
            return try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: try file(try json(setting.key, text)))
        }
    }

    /// The sources a setting can come from (settings without a flag have two).
    static func sources(of setting: WorkerSetting) -> [SettingSource] {
        setting.flag == nil ? [.environment, .file] : SettingSource.allCases
    }

    /// The message a refused value gets, or nil when it was accepted.
    static func refusal(_ setting: WorkerSetting, _ text: String, from source: SettingSource) async -> WorkerSettings.Invalid? {
        do {
            _ = try await resolve(setting, text, from: source)
            return nil
        } catch let error as WorkerSettings.Invalid {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    /// Expects `text` refused from every source, with a message naming the flag, the variable and the source.
    static func expectRefusedEverywhere(_ setting: WorkerSetting, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) async {
        for source in sources(of: setting) {
            guard let refusal = await refusal(setting, text, from: source) else {
                Issue.record("\(setting) \(text.debugDescription) from \(source) was accepted", sourceLocation: sourceLocation)
                continue
            }
            #expect(refusal.exitStatus == .usage, sourceLocation: sourceLocation)
            #expect(refusal.message.hasPrefix("\(setting): "), "\(refusal.message)", sourceLocation: sourceLocation)
            if let flag = setting.flag { #expect(refusal.message.contains(flag), sourceLocation: sourceLocation) }
            #expect(refusal.message.contains(setting.variable), sourceLocation: sourceLocation)
            let origin = switch source {
            case .flag: "(from the command line)"
            case .environment: "(from the environment)"
            case .file: ", key \(setting.key))"
            }
            #expect(refusal.message.hasSuffix(origin), "\(refusal.message)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Queues

    @Test("queues: all (any case) is every queue; names are trimmed, from every source", arguments: [
        ("all", nil), ("ALL", nil), ("  All ", nil), ("status", ["status"]), ("status,rollups", ["status", "rollups"]),
        (" status , rollups ", ["status", "rollups"]), (String(repeating: "q", count: 100), [String(repeating: "q", count: 100)]),
    ] as [(String, [String]?)])
    func queuesAccepted(_ text: String, _ expected: [String]?) async throws {
        for source in SettingSource.allCases {
            #expect(try await Self.resolve(.queues, text, from: source).options.queues == expected, "\(source)")
        }
    }

    @Test("queues: empty, blank, empty names, duplicates, all among names and overlong names are refused everywhere", arguments: [
        "", "   ", ",", ",,", ",,,", "a,,b", "a,", ",a", " , ", "a,a", "status, status", "all,status", "status,ALL",
        String(repeating: "q", count: 101), "a\u{7}b", "ta\u{200B}b", "a\nb",
    ])
    func queuesRefused(_ text: String) async {
        await Self.expectRefusedEverywhere(.queues, text)
    }

    // MARK: Whole numbers

    @Test("concurrency and batch size: whole numbers in range, from text or a JSON number", arguments: [
        (WorkerSetting.concurrency, "1", 1), (.concurrency, " 64 ", 64), (.batchSize, "1000", 1000), (.batchSize, "1", 1),
    ])
    func numbersAccepted(_ setting: WorkerSetting, _ text: String, _ expected: Int) async throws {
        for source in SettingSource.allCases {
            let settings = try await Self.resolve(setting, text, from: source)
            #expect((setting == .concurrency ? settings.options.concurrency : settings.options.batchSize) == expected)
        }
        let path = try Self.file(try Self.json(setting.key, expected))
        let fromNumber = try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: path)
        #expect((setting == .concurrency ? fromNumber.options.concurrency : fromNumber.options.batchSize) == expected)
    }

    @Test("concurrency and batch size: out of range, signs, fractions, words and empty are refused everywhere", arguments: [
        (WorkerSetting.concurrency, "0"), (.concurrency, "65"), (.concurrency, "-1"), (.concurrency, "two"), (.concurrency, "1.5"),
        (.concurrency, ""), (.concurrency, " "), (.concurrency, "+2"), (.concurrency, "0x10"), (.concurrency, "99999999999999999999"),
        (.batchSize, "0"), (.batchSize, "1001"), (.batchSize, "1e3"), (.batchSize, "1 000"),
    ])
    func numbersRefused(_ setting: WorkerSetting, _ text: String) async {
        await Self.expectRefusedEverywhere(setting, text)
    }

    @Test("a JSON value that is not a whole number is refused like its text; a list only where a list is meant",
          arguments: ["1.5", "[\"2\"]", "[2]", "-3", "\"\"", "[]"])
    func jsonValues(_ json: String) async throws {
        let path = try Self.file(#"{"portfolio": {"worker": {"concurrency": \#(json)}}}"#)
        await #expect(throws: WorkerSettings.Invalid.self) {
            _ = try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: path)
        }
    }

    @Test("every source gets the same message, ending with where the value came from")
    func sameMessage() async {
        let rule = #"--concurrency / PORTFOLIO_WORKER_CONCURRENCY: "0" must be a whole number from 1 to 64"#
        #expect(await Self.refusal(.concurrency, "0", from: .flag)?.message == rule + " (from the command line)")
        #expect(await Self.refusal(.concurrency, "0", from: .environment)?.message == rule + " (from the environment)")
        let fromFile = await Self.refusal(.concurrency, "0", from: .file)?.message ?? ""
        #expect(fromFile.hasPrefix(rule + " (from /"), "\(fromFile)")
        #expect(fromFile.hasSuffix(".json, key portfolio.worker.concurrency)"), "\(fromFile)")
    }

    // MARK: Durations, log format and level

    @Test("durations from text or a JSON number of seconds", arguments: [
        (WorkerSetting.lease, "90s", Duration.seconds(90)), (.pollInterval, "250ms", .milliseconds(250)),
        (.rollupInterval, " 1h ", .seconds(3600)), (.retention, "1d", .seconds(86_400)), (.leaderLease, "15", .seconds(15)),
    ])
    func durations(_ setting: WorkerSetting, _ text: String, _ expected: Duration) async throws {
        func read(_ settings: WorkerSettings) -> Duration {
            switch setting {
            case .lease: settings.options.lease
            case .pollInterval: settings.options.pollInterval
            case .rollupInterval: settings.rollupInterval
            case .retention: settings.options.retention
            default: settings.options.leaderLease
            }
        }
        for source in Self.sources(of: setting) {
            #expect(read(try await Self.resolve(setting, text, from: source)) == expected)
        }
    }

    @Test("bad durations are refused everywhere", arguments: [
        (WorkerSetting.lease, "0"), (.lease, ""), (.lease, "soon"), (.lease, "-1s"), (.pollInterval, "0ms"),
        (.rollupInterval, "400d"), (.retention, "forever"), (.leaderLease, "   "),
    ])
    func badDurations(_ setting: WorkerSetting, _ text: String) async {
        await Self.expectRefusedEverywhere(setting, text)
    }

    @Test("log format and level are words of their list, in any case")
    func logWords() async throws {
        for source in SettingSource.allCases {
            #expect(try await Self.resolve(.logFormat, "JSON", from: source).logFormat == .json)
            #expect(try await Self.resolve(.logFormat, " text ", from: source).logFormat == .text)
        }
        for source in Self.sources(of: .logLevel) {
            #expect(try await Self.resolve(.logLevel, "Debug", from: source).logLevel == .debug)
        }
        for text in ["", "xml", "JSONL", "text,json"] { await Self.expectRefusedEverywhere(.logFormat, text) }
        for text in ["", "loud", "warn"] { await Self.expectRefusedEverywhere(.logLevel, text) }
    }

    // MARK: HTTP address

    @Test("HTTP addresses: IPv4, IPv6 in brackets, host names, :PORT and off", arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("[::1]:8080", "::1", 8080), ("[::]:9000", "::", 9000),
        ("[::ffff:127.0.0.1]:80", "::ffff:127.0.0.1", 80), (":9090", "127.0.0.1", 9090), ("localhost:65535", "localhost", 65535),
        ("worker-1.example.org:1", "worker-1.example.org", 1), (" 0.0.0.0:8080 ", "0.0.0.0", 8080),
    ])
    func addresses(_ text: String, _ host: String, _ port: Int) async throws {
        for source in SettingSource.allCases {
            let address = try #require(try await Self.resolve(.httpAddress, text, from: source).http)
            #expect(address == ListenAddress(host: host, port: port))
        }
    }

    @Test("off, in any case, turns HTTP off")
    func off() async throws {
        for source in SettingSource.allCases {
            #expect(try await Self.resolve(.httpAddress, "OFF", from: source).http == nil)
        }
        #expect(try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: try Self.file("{}")).http
            == ListenAddress(host: "127.0.0.1", port: 8080))
    }

    @Test("impossible HTTP addresses are refused everywhere", arguments: [
        "", " ", "localhost", "127.0.0.1:0", ":0", "127.0.0.1:65536", "127.0.0.1:99999", "127.0.0.1:-1", "127.0.0.1:+80",
        "127.0.0.1:http", "256.1.1.1:80", "1.2.3:80", "127.1:80", "01.2.3.4:80", "0x7f.0.0.1:80", "[::1", "::1:80", "[::1]80",
        "[127.0.0.1]:80", "[fe80::1%eth0]:80", "[::g]:80", "host_name:80", "-bad.example:80", "bad-.example:80", "a..b:80",
        "none", "127.0.0.1:80/x", ":",
    ])
    func badAddresses(_ text: String) async {
        await Self.expectRefusedEverywhere(.httpAddress, text)
    }

    // MARK: Precedence and files

    @Test("a flag beats the environment, which beats the file; a lower source is not read")
    func precedence() async throws {
        let path = try Self.file(#"{"portfolio": {"worker": {"concurrency": "7", "batch": {"size": "bad"}, "queues": "file"}}}"#)
        let settings = try await WorkerSettings.resolve(
            flags: [.concurrency: "3", .batchSize: "5"], environment: ["PORTFOLIO_WORKER_CONCURRENCY": "bad", "PORTFOLIO_WORKER_QUEUES": "env"],
            configPath: path)
        #expect(settings.options.concurrency == 3)
        #expect(settings.options.batchSize == 5)
        #expect(settings.options.queues == ["env"])
        await #expect {
            _ = try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: path)
        } throws: { ($0 as? WorkerSettings.Invalid)?.message.hasPrefix("--batch-size / PORTFOLIO_WORKER_BATCH_SIZE: \"bad\"") == true }
        let fromFile = try await WorkerSettings.resolve(flags: [.batchSize: "9"], environment: [:], configPath: path)
        #expect(fromFile.options.concurrency == 7)
        #expect(fromFile.options.queues == ["file"])
    }

    @Test("a list of names in the file is read like the comma-separated text")
    func queueArray() async throws {
        let path = try Self.file(#"{"portfolio": {"worker": {"queues": ["status", "rollups"]}}}"#)
        #expect(try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: path).options.queues == ["status", "rollups"])
        let empty = try Self.file(#"{"portfolio": {"worker": {"queues": []}}}"#)
        await #expect(throws: WorkerSettings.Invalid.self) {
            _ = try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: empty)
        }
    }

    @Test("a missing --config file is 66, a file that is not JSON 64; an empty DATABASE_URL means libpq's defaults")
    func files() async throws {
        await #expect {
            _ = try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: "/nonexistent/settings.json")
        } throws: { ($0 as? WorkerSettings.Invalid)?.exitStatus == .noInput }
        let bad = try Self.file("{ not json")
        await #expect {
            _ = try await WorkerSettings.resolve(flags: [:], environment: [:], configPath: bad)
        } throws: { ($0 as? WorkerSettings.Invalid)?.exitStatus == .usage }
        _ = try await WorkerSettings.resolve(flags: [:], environment: ["DATABASE_URL": ""], configPath: try Self.file("{}"))
    }
}
