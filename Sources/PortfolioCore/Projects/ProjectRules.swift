/// Limits and checks for project fields, shared by drafts, patches and decoding.
public enum ProjectRules {
    /// Longest project name, in Unicode scalars.
    public static let maxNameLength = 300
    /// Longest location, in Unicode scalars.
    public static let maxLocationLength = 200
    /// Longest description, in Unicode scalars.
    public static let maxDescriptionLength = 2000

    /// Checks every field and the rules between them, collecting all problems.
    ///
    /// A `nil` argument stands for a field that already failed to parse: it is skipped,
    /// and the result is `nil` whenever any field is missing or wrong.
    static func check(
        _ collector: inout ProblemCollector,
        code: ProjectCode?, name: String?, sectorCode: String?, status: ProjectStatus?,
        value: Money?, valueDate: LocalDate?, lenders: [LenderShare]?,
        startDate: LocalDate??, endDate: LocalDate??, location: String??, description: String??
    ) -> ValidatedProject? {
        let name = name.flatMap { text in
            collector.check(ProjectField.name.rawValue) { () throws(DomainError) in
                try TextRules.requiredText(text, what: "name", maxLength: maxNameLength)
            }
        }
        let sectorCode = sectorCode.flatMap { text in
            collector.check(ProjectField.sector.rawValue) { () throws(DomainError) in try Sector.validateCode(text) }
        }
        if let value {
            _ = collector.check(ProjectField.value.rawValue) { () throws(DomainError) in try value.checkStorable() }
        }
        if let lenders {
            _ = collector.check(ProjectField.lenders.rawValue) { () throws(DomainError) in
                try LenderShare.validate(lenders)
            }
        }
        if let start = startDate ?? nil, let end = endDate ?? nil, end < start {
            collector.add(DomainError(
                "end_date \(end) is before start_date \(start)", field: ProjectField.endDate.rawValue
            ))
        }
        let location = location.flatMap { text in
            collector.check(ProjectField.location.rawValue) { () throws(DomainError) in
                try TextRules.optionalText(text, what: "location", maxLength: maxLocationLength)
            }
        }
        let description = description.flatMap { text in
            collector.check(ProjectField.description.rawValue) { () throws(DomainError) in
                try TextRules.optionalText(text, what: "description", maxLength: maxDescriptionLength)
            }
        }
        guard collector.problems.isEmpty,
              let code, let name, let sectorCode, let status, let value, let valueDate, let lenders,
              let startDate, let endDate, let location, let description
        else { return nil }
        return ValidatedProject(
            unchecked: code, name: name, sectorCode: sectorCode, status: status,
            value: value, valueDate: valueDate, lenders: lenders,
            startDate: startDate, endDate: endDate, location: location, description: description
        )
    }
}
