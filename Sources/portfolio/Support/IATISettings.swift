import Foundation
import PortfolioCore

/// The reporting organisation and recipient country of an IATI export: each from its flag,
/// else its environment variable, else `portfolio.iati` in the settings file
/// (`PORTFOLIO_CONFIG`, else `Config/portfolio.json` when present), else the default.
struct IATISettings {
    let org: IATIReportingOrg
    let country: String?

    static func resolve(ref: String?, name: String?, type: String?, country: String?,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> IATISettings {
        let file = try fileSettings(environment: environment)
        func pick(_ flag: String?, _ variable: String, _ key: String) -> String? {
            flag ?? environment[variable] ?? file[key]
        }
        let ref = pick(ref, "PORTFOLIO_IATI_ORG_REF", "org-ref")
        let name = pick(name, "PORTFOLIO_IATI_ORG_NAME", "org-name")
        let type = pick(type, "PORTFOLIO_IATI_ORG_TYPE", "org-type")
        let org: IATIReportingOrg
        if ref == nil && name == nil && type == nil {
            org = .default
        } else {
            do {
                org = try IATIReportingOrg(ref: ref ?? IATIReportingOrg.default.ref, name: name ?? IATIReportingOrg.default.name,
                                           type: type ?? IATIReportingOrg.default.type)
            } catch {
                throw InputError.invalid("--" + (error.field ?? "org-name"), error.message)
            }
        }
        let code = pick(country, "PORTFOLIO_IATI_COUNTRY", "country")
        if let code, code.count != 2 || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
            throw InputError.invalid("--country", "an ISO 3166-1 alpha-2 code in capitals, such as BY")
        }
        return IATISettings(org: org, country: code)
    }

    /// `portfolio.iati` of the settings file as text by key (`org-ref`, `org-name`, `org-type`,
    /// `country`); empty when there is no file.
    static func fileSettings(environment: [String: String]) throws -> [String: String] {
        let path = environment["PORTFOLIO_CONFIG"] ?? "Config/portfolio.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            if environment["PORTFOLIO_CONFIG"] != nil {
                throw InputError(message: "PORTFOLIO_CONFIG: \(path) cannot be read", exitStatus: .noInput)
            }
            return [:]
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(message: "\(path): not a JSON settings file", exitStatus: .usage)
        }
        let iati = (root["portfolio"] as? [String: Any])?["iati"] as? [String: Any] ?? [:]
        let org = iati["org"] as? [String: Any] ?? [:]
        var values: [String: String] = [:]
        values["org-ref"] = org["ref"] as? String
        values["org-name"] = org["name"] as? String
        values["org-type"] = org["type"] as? String
        values["country"] = iati["country"] as? String
        return values
    }
}
