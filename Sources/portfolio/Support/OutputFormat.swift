import ArgumentParser

/// How a listing is printed.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// How a single record is printed.
enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
