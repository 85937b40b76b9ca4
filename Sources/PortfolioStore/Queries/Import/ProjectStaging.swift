/// The COPY that streams a project import's rows into the staging table
/// (`CreateProjectStaging`), in `ProjectImporter.stagingFields` order.
public enum ProjectStaging {
    public static let copy = """
        COPY import_staging (line, code, name, sector, status, value_minor, currency, value_date, start_date, end_date,
                             location, description, lender_names, lender_shares, aggregates) FROM STDIN
        """
}
