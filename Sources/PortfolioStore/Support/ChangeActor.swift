import Foundation

/// Who makes a change, for the audit trail and the status history.
public enum ChangeActor {
    /// `PORTFOLIO_ACTOR`, else the OS user (`USER`, `LOGNAME`), else the user id.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["PORTFOLIO_ACTOR", "USER", "LOGNAME"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                return String(value.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(200).map(Character.init))
            }
        }
        return "uid:\(getuid())"
    }
}
