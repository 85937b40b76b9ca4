extension ValidatedProject {
    /// Checks typed fields by the rules a draft's are checked by (`ProjectRules`), reporting
    /// every problem at once: for importers that parse their own formats.
    public static func checked(
        code: ProjectCode, name: String, sectorCode: String, status: ProjectStatus, value: Money, valueDate: LocalDate,
        lenders: [LenderShare], startDate: LocalDate?, endDate: LocalDate?, location: String?, description: String?
    ) throws(ValidationFailure) -> ValidatedProject {
        var collector = ProblemCollector()
        let checked = ProjectRules.check(
            &collector, code: code, name: name, sectorCode: sectorCode, status: status, value: value, valueDate: valueDate,
            lenders: lenders, startDate: .some(startDate), endDate: .some(endDate),
            location: .some(location ?? ""), description: .some(description ?? ""))
        guard let checked else { throw ValidationFailure(ProjectDraft.inFieldOrder(collector.problems)) }
        return checked
    }
}
