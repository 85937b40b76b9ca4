import CSV
/// The CSV form of projects: which column holds which field, for import and export.
///
/// Header names are matched ignoring case and surrounding spaces, in any order. Required columns:
/// `code, name, sector, value, currency, value_date, lenders`. Optional: `status` (blank means
/// pledged), `start_date`, `end_date`, `location` and `description`. Export writes every column, so
/// an export imports back into the same projects. Any other column is an error.
public struct ProjectCSV: Hashable, Sendable {
    /// The header `encode(_:)` writes, in order.
    public static let header: [String] = [
        "code", "name", "sector", "status", "value", "currency",
        "value_date", "lenders", "start_date", "end_date", "location", "description",
    ]

    /// Columns a header must have.
    public static let requiredColumns: [ProjectField] = [
        .code, .name, .sector, .value, .currency, .valueDate, .lenders,
    ]

    /// The field each column holds, by position.
    public let columns: [ProjectField]

    /// Reads a header record; errors name unknown, repeated and missing columns, all at once.
    public init(header fields: [String]) throws(ValidationFailure) {
        var problems: [DomainError] = []
        var columns: [ProjectField] = []
        var seen: Set<ProjectField> = []
        for (index, name) in fields.enumerated() {
            let key = TextRules.trimmed(name).lowercased()
            guard let column = ProjectField(rawValue: key) else {
                problems.append(DomainError(
                    "column \(index + 1) \(TextRules.quoted(name)) is not a project column; use: "
                        + Self.header.joined(separator: ", "),
                    field: "header"
                ))
                continue
            }
            if !seen.insert(column).inserted {
                problems.append(DomainError("column \(TextRules.quoted(key)) appears more than once", field: "header"))
            }
            columns.append(column)
        }
        let missing = Self.requiredColumns.filter { !seen.contains($0) }
        if !missing.isEmpty {
            let names = missing.map(\.rawValue).joined(separator: ", ")
            problems.append(DomainError(
                "the header lacks the required \(missing.count == 1 ? "column" : "columns") \(names)", field: "header"
            ))
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        self.columns = columns
    }

    /// Maps a data record to a draft; the only errors here are about the record's shape.
    /// Validate the draft to check the values.
    public func decode(_ record: CSVRecord) -> Result<ProjectDraft, ValidationFailure> {
        guard record.fields.count == columns.count else {
            return .failure(ValidationFailure(DomainError(
                "the record has \(TextRules.counted(record.fields.count, "field")); the header has \(columns.count)"
            )))
        }
        var values: [ProjectField: String] = [:]
        for (column, value) in zip(columns, record.fields) {
            values[column] = value
        }
        return .success(ProjectDraft(
            code: values[.code] ?? "", name: values[.name] ?? "", sector: values[.sector] ?? "",
            status: values[.status] ?? "", value: values[.value] ?? "", currency: values[.currency] ?? "",
            valueDate: values[.valueDate] ?? "", lenders: values[.lenders] ?? "",
            startDate: values[.startDate] ?? "", endDate: values[.endDate] ?? "",
            location: values[.location] ?? "", description: values[.description] ?? ""
        ))
    }

    /// Maps and validates a data record, reporting the shape problem or every field problem.
    public func decodeValidated(_ record: CSVRecord) -> Result<ValidatedProject, ValidationFailure> {
        decode(record).flatMap { draft in
            Result { () throws(ValidationFailure) in try draft.validate() }
        }
    }

    /// The project's fields in `header` order, in the text forms `decode(_:)` reads back.
    public static func encode(_ project: Project) -> [String] {
        [
            project.code.rawValue,
            project.name,
            project.sectorCode,
            project.status.rawValue,
            project.value.formatted(),
            project.value.currency.code,
            project.valueDate.description,
            LenderShare.format(project.lenders),
            project.startDate?.description ?? "",
            project.endDate?.description ?? "",
            project.location ?? "",
            project.description ?? "",
        ]
    }
}
