import Foundation
import Logging
import PortfolioJobs
import PortfolioStore
import PortfolioWorker

/// Logs to stderr, human-readable or as JSON lines.
enum WorkerLogging {
    static func bootstrap(format: WorkerSettings.LogFormat, level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: JSONLogHandler(label: label)
            case .text: StreamLogHandler.standardError(label: label)
            }
        }
        var logger = Logger(label: "portfolio-worker")
        logger.logLevel = level
        return logger
    }
}

/// One JSON object per line: time, level, message, label and metadata.
struct JSONLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [
            "time": ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]),
            "level": event.level.rawValue, "message": "\(event.message)", "label": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = "\(value)"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return }
        // A log line that cannot be written (a full disk, a closed pipe) is dropped, never fatal.
        _ = (data + Data("\n".utf8)).withUnsafeBytes { DescriptorWriter.write($0, to: STDERR_FILENO) }
    }
}
