extension ProjectDraft {
    /// Parses and checks every field, reporting all problems at once, each naming its field
    /// (`code`, `value`, `value_date`, `lenders`, ...).
    public func validate() throws(ValidationFailure) -> ValidatedProject {
        var collector = ProblemCollector()
        let code = collector.check(ProjectField.code.rawValue) { () throws(DomainError) in try ProjectCode(self.code) }
        let status = collector.check(ProjectField.status.rawValue) { () throws(DomainError) in
            TextRules.trimmed(self.status).isEmpty ? ProjectStatus.pledged : try ProjectStatus.parse(self.status)
        }
        let currency = collector.check(ProjectField.currency.rawValue) { () throws(DomainError) in
            try Currency(code: self.currency)
        }
        let value: Money? = if let currency {
            collector.check(ProjectField.value.rawValue) { () throws(DomainError) in
                try Money.parse(self.value, currency: currency)
            }
        } else {
            nil
        }
        let valueDate = collector.check(ProjectField.valueDate.rawValue) { () throws(DomainError) in
            try LocalDate.parse(self.valueDate)
        }
        let lenders = collector.check(ProjectField.lenders.rawValue) { () throws(DomainError) in
            try LenderShare.parseList(self.lenders)
        }
        let startDate = collector.check(ProjectField.startDate.rawValue) { () throws(DomainError) in
            try Self.optionalDate(self.startDate)
        }
        let endDate = collector.check(ProjectField.endDate.rawValue) { () throws(DomainError) in
            try Self.optionalDate(self.endDate)
        }
        let checked = ProjectRules.check(
            &collector, code: code, name: name, sectorCode: sector, status: status,
            value: value, valueDate: valueDate, lenders: lenders,
            startDate: startDate, endDate: endDate,
            location: .some(location), description: .some(description)
        )
        guard let checked else { throw ValidationFailure(Self.inFieldOrder(collector.problems)) }
        return checked
    }

    /// Builds a draft from validated content, in the text forms `validate()` reads back.
    public init(_ content: ValidatedProject) {
        self.init(
            code: content.code.rawValue, name: content.name, sector: content.sectorCode,
            status: content.status.rawValue, value: content.value.formatted(),
            currency: content.value.currency.code, valueDate: content.valueDate.description,
            lenders: LenderShare.format(content.lenders),
            startDate: content.startDate?.description ?? "", endDate: content.endDate?.description ?? "",
            location: content.location ?? "", description: content.description ?? ""
        )
    }

    private static func optionalDate(_ text: String) throws(DomainError) -> LocalDate? {
        TextRules.trimmed(text).isEmpty ? nil : try LocalDate.parse(text)
    }

    /// Sorts problems by the order of `ProjectField`, keeping the order within a field.
    static func inFieldOrder(_ problems: [DomainError]) -> [DomainError] {
        let rank = Dictionary(
            uniqueKeysWithValues: ProjectField.allCases.enumerated().map { ($1.rawValue, $0) }
        )
        return problems.enumerated()
            .sorted { lhs, rhs in
                let left = rank[lhs.element.field ?? ""] ?? Int.max
                let right = rank[rhs.element.field ?? ""] ?? Int.max
                return (left, lhs.offset) < (right, rhs.offset)
            }
            .map(\.element)
    }
}
