import Configuration
import Foundation
import PortfolioJobs

/// Where a setting's text came from.
public enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(path: String, key: String)

    public var description: String {
        switch self {
        case .flag: "from the command line"
        case .environment: "from the environment"
        case .file(let path, let key): "from \(path), key \(key)"
        }
    }
}

/// The worker's settings as text, looked up in order: flags, then environment variables, then
/// the JSON settings file. The first source that has a setting wins, empty text included:
/// every source hands its text to the same parser.
public struct SettingSources: Sendable {
    public let flags: [WorkerSetting: String]
    public let environment: [String: String]
    /// The settings file, when there is one.
    public let file: FileProvider<JSONSnapshot>?
    public let filePath: String

    public init(flags: [WorkerSetting: String], environment: [String: String], file: FileProvider<JSONSnapshot>?, filePath: String) {
        self.flags = flags
        self.environment = environment
        self.file = file
        self.filePath = filePath
    }

    /// Reads `path` as a JSON settings file: a missing file is no file unless `required`.
    ///
    /// - Throws: `WorkerSettings.Invalid` for a required file that cannot be read (66) or a
    ///   file that is not a JSON object (64).
    public static func loadFile(_ path: String, required: Bool) async throws -> FileProvider<JSONSnapshot>? {
        if required, !FileManager.default.isReadableFile(atPath: path) {
            throw WorkerSettings.Invalid(message: "--config: \(path) cannot be read", exitStatus: .noInput)
        }
        let fileSettings = ConfigReader(provider: InMemoryProvider(values: [
            "filePath": ConfigValue(.string(path), isSecret: false),
            "allowMissing": ConfigValue(.bool(true), isSecret: false),
        ]))
        do {
            return try await FileProvider<JSONSnapshot>(config: fileSettings)
        } catch {
            throw WorkerSettings.Invalid(message: "\(path): not a valid JSON settings file (\(error))")
        }
    }

    /// The setting's text and where it came from, or nil when no source has it.
    ///
    /// - Throws: `WorkerSettings.Invalid` when the file holds something other than text, a
    ///   number, a true/false or a list of text at the setting's key.
    public func text(for setting: WorkerSetting) throws -> (text: String, origin: SettingOrigin)? {
        if let text = flags[setting], let flag = setting.flag {
            return (text, .flag(flag))
        }
        if let text = environment[setting.variable] {
            return (text, .environment(setting.variable))
        }
        guard let file else { return nil }
        let key = AbsoluteConfigKey(setting.key.split(separator: ".").map(String.init))
        let origin = SettingOrigin.file(path: filePath, key: setting.key)
        // JSON numbers are read as their text (swift-configuration reads true and false as 1
        // and 0), lists of text as their elements separated by commas.
        for type in [ConfigType.string, .int, .double, .stringArray] {
            guard let result = try? file.value(forKey: key, type: type) else { continue }
            guard let value = result.value else { return nil }
            switch value.content {
            case .string(let text): return (text, origin)
            case .int(let number): return (String(number), origin)
            case .double(let number): return (String(number), origin)
            case .stringArray(let texts) where setting.isList: return (texts.joined(separator: ","), origin)
            default:
                throw WorkerSettings.Invalid(message: "\(setting): a list where one value belongs (\(origin))")
            }
        }
        throw WorkerSettings.Invalid(message: "\(setting): the value is not text, a number\(setting.isList ? " or a list of text" : "") (\(origin))")
    }
}

extension SettingSources {
    /// The setting parsed from the first source that has it, or `value` when none does.
    ///
    /// - Throws: `WorkerSettings.Invalid` naming the setting, the reason and the source.
    public func value<T>(_ setting: WorkerSetting, default value: T, _ parse: (String) -> Result<T, ConfigurationError>) throws -> T {
        guard let (text, origin) = try text(for: setting) else { return value }
        switch parse(text) {
        case .success(let parsed): return parsed
        case .failure(let error): throw WorkerSettings.Invalid(message: "\(setting): \(error.message) (\(origin))")
        }
    }
}
