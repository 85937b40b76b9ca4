import Foundation
import Hummingbird
import PortfolioCore
import PortfolioReports
import PortfolioService

/// The API's parameters, read exactly as the contract (`OpenAPIDocument`) describes them: a
/// value must be spelt as the contract spells it (no spaces around it, codes in their case), or
/// the request is refused with a problem naming the parameter. So the server takes what the
/// contract says it takes, and nothing more. Free text may be empty (no filter); a typed value
/// may be empty only on a form's page (`emptyIsAbsent`), where an empty field means none.
struct QueryParameters {
    let request: Request
    var emptyIsAbsent = false

    /// The value of `name` as given, empty included; a control character is refused.
    func raw(_ name: String) throws -> String? {
        guard let value = request.uri.queryParameters.get(name) else { return nil }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIProblem(.badParameter, "\(name): a control character is not allowed")
        }
        return value.isEmpty && emptyIsAbsent ? nil : value
    }

    /// Free text: nil when absent or empty.
    func text(_ name: String) throws -> String? {
        try raw(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func date(_ name: String) throws -> LocalDate? {
        try raw(name).map { text in try Routes.parse(name) { try LocalDate.parse(text) } }.flatMap { date in
            // LocalDate.parse trims; the contract does not.
            guard date.description == request.uri.queryParameters.get(name) else {
                throw APIProblem(.badParameter, "\(name): write the date as YYYY-MM-DD, nothing around it")
            }
            return date
        }
    }

    func recordingTime(_ name: String) throws -> Date? {
        try raw(name).map { text in try Routes.parse(name) { try RecordingTime.parse(text, strict: true) } }
    }

    func currency(_ name: String) throws -> Currency? {
        try raw(name).map { text in
            guard let currency = Currency.known(text), currency.code == text else {
                throw APIProblem(.badParameter, "\(name): one of \(Currency.all.map(\.code).joined(separator: ", ")), not \(text)")
            }
            return currency
        }
    }

    func sector(_ name: String) throws -> String? {
        try raw(name).map { text in
            let code = try Routes.parse(name) { try Sector.validateCode(text) }
            guard code == text else { throw APIProblem(.badParameter, "\(name): a sector code in lower case, such as energy") }
            return code
        }
    }

    func status(_ name: String) throws -> ProjectStatus? {
        try keyword(name, ProjectStatus.allCases.map(\.rawValue)).flatMap(ProjectStatus.init(rawValue:))
    }

    /// One of `choices`, exactly.
    func keyword(_ name: String, _ choices: [String]) throws -> String? {
        try raw(name).map { text in
            guard choices.contains(text) else { throw APIProblem(.badParameter, "\(name): one of \(choices.joined(separator: ", ")), not \(text)") }
            return text
        }
    }

    func wholeNumber(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        try raw(name).map { text in
            guard let value = Int(text), range.contains(value) else {
                throw APIProblem(.badParameter, "\(name): a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)")
            }
            return value
        }
    }
}
