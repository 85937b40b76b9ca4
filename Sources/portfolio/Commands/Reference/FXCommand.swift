import ArgumentParser
import CSV
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// `portfolio fx …`
struct FXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fx", abstract: "Set, import and list FX rates into the reporting currency.",
        discussion: "A value converts at the latest rate on or before its value date.",
        subcommands: [Set.self, Import.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set one rate: units of --quote (USD) for one unit of CUR on DATE.",
            discussion: "Example: portfolio fx set CNY 2024-01-02 0.1408")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The currency, e.g. CNY.") var currency: String
        @Argument(help: "The date (YYYY-MM-DD).") var date: String
        @Argument(help: "The rate, a positive decimal: at most 12 decimals and 18 digits before the point.") var rate: String
        @Option(help: "The reporting currency the rate converts into.") var quote = "USD"

        func run() throws {
            let fx = try FXCommand.rate(currency: currency, date: date, rate: rate, quote: quote, at: nil)
            let connection = try database.connect()
            defer { connection.close() }
            try FXStore(connection).set(fx, actor: ChangeActor.current())
            try Console.out("set \(fx)\n")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import rates from CSV (header currency,date,rate[,quote]), all or nothing.",
            discussion: """
                A currency, quote and date may appear once in a file; a rate has at most 12 decimals
                and 18 digits before the point.
                Example: portfolio fx import rates.csv
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            let rates = try FXCommand.readRates(file)
            let connection = try database.connect()
            defer { connection.close() }
            try FXStore(connection).set(rates, actor: ChangeActor.current())
            try Console.out("imported \(rates.count) rates\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rate.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "table, csv or json.") var format: ListFormat = .table

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let rates = try FXStore(connection).list()
            let rows = rates.map { [$0.currency.code, $0.date.description, $0.rate.description, $0.quote.code] }
            switch format {
            case .json: try Console.out(try Console.json(rates))
            case .csv: try Console.out(Console.csv(header: ["currency", "date", "rate", "quote"], rows: rows))
            case .table:
                var table = TextTable([.init("CURRENCY"), .init("DATE"), .init("RATE", .right), .init("QUOTE")])
                for row in rows { table.append(row) }
                try Console.out(table.render())
            }
        }
    }

    /// Validates one rate; `location` prefixes messages (`FILE:LINE`) when reading a file.
    static func rate(currency: String, date: String, rate: String, quote: String, at location: String?) throws -> FXRate {
        let label: (String) -> String = { name in location.map { "\($0): \(name)" } ?? name }
        let parsedCurrency = try checked(label("currency")) { try Currency(code: currency) }
        let parsedQuote = try checked(label(location == nil ? "--quote" : "quote")) { try Currency(code: quote) }
        let parsedDate = try checked(label("date")) { try LocalDate.parse(date) }
        let parsedRate = try checked(label("rate")) { try FXRate.parseRate(rate) }
        return try checked(label("rate")) { try FXRate(currency: parsedCurrency, quote: parsedQuote, date: parsedDate, rate: parsedRate) }
    }

    /// Reads every rate of a CSV file, reporting every bad row before failing. A second row for
    /// the same currency, quote and date is a bad row: which of the two was meant is unknown.
    static func readRates(_ filePath: String) throws -> [FXRate] {
        let path = filePath.escapedForMessage
        let reader: CSVReader<CSVFileSource>
        do {
            reader = try CSVReader(path: filePath)
        } catch {
            throw StoreError.unreadable("\(path): cannot be read (\(error))")
        }
        var problems: [String] = []
        var rates: [FXRate] = []
        var firstLine: [FXRate.Key: Int] = [:]
        var columns: [String: Int]?
        for result in reader {
            switch result {
            case .failure(let error):
                if error.kind == .readFailed { throw StoreError.unreadable("\(path): \(error.message)") }
                problems.append("\(path):\(error.line): \(error.message)")
            case .success(let record):
                guard let map = columns else {
                    switch CSVHeader.positions(of: record, required: ["currency", "date", "rate"], optional: ["quote"], file: path) {
                    case .success(let found): columns = found
                    case .failure(let failure): throw ImportSummary(problems: failure.problems)
                    }
                    continue
                }
                func value(_ name: String) -> String? {
                    map[name].flatMap { $0 < record.fields.count ? record.fields[$0] : nil }
                }
                guard record.fields.count == map.count else {
                    problems.append("\(path):\(record.line): has \(record.fields.count) fields; the header has \(map.count)")
                    continue
                }
                do {
                    let parsed = try rate(currency: value("currency") ?? "", date: value("date") ?? "", rate: value("rate") ?? "",
                                          quote: value("quote").flatMap { $0.isEmpty ? nil : $0 } ?? "USD", at: "\(path):\(record.line)")
                    let key = parsed.key
                    if let first = firstLine[key] {
                        problems.append("\(path):\(record.line): a rate for \(key) appears again (first on line \(first))")
                        continue
                    }
                    firstLine[key] = record.line
                    rates.append(parsed)
                } catch let error as InputError {
                    problems.append(error.message)
                }
            }
        }
        if columns == nil { problems.append("\(path):1: the file is empty; expected a header row currency,date,rate[,quote]") }
        if !problems.isEmpty {
            for problem in problems.dropLast() { Console.note("error: \(problem)") }
            throw ImportSummary(problems: problems)
        }
        return rates
    }
}
