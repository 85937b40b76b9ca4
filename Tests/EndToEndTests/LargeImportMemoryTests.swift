import Foundation
import Testing
import TestSupport

/// Imports read their files one record at a time: a file many times larger than the memory the
/// process may use is read through in that memory.
@Suite("large imports in bounded memory")
struct LargeImportMemoryTests {
    /// Runs `portfolio` with these arguments under Python, which reports the child's peak
    /// resident set (`ru_maxrss`, KiB) on the last line of stderr.
    static func peak(_ cli: PortfolioCLI, _ arguments: [String]) async throws -> (run: ExecutableRun, kib: Int) {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "import resource, subprocess, sys\n"
            + "r = subprocess.run(sys.argv[1:])\n"
            + "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
            + "sys.exit(r.returncode)\n"
        let run = try await ExecutableRun.shell("python3 -c '\(script)' \"$PORTFOLIO\" \(quoted)", environment: cli.environment)
        let last = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
        return (run, Int(last) ?? -1)
    }

    /// Writes `count` activities of about 1 KiB each, the last one with a status no codelist
    /// has, so the import maps every activity and then refuses.
    static func writeActivities(_ path: String, count: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        let filler = String(repeating: "A port and its railway, financed by a policy bank. ", count: 14)
        try handle.write(contentsOf: Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n".utf8))
        var chunk = ""
        for index in 0..<count {
            let status = index == count - 1 ? "9" : "2"
            chunk += """
                 <iati-activity default-currency="USD">
                  <iati-identifier>XM-1-P\(index)</iati-identifier>
                  <reporting-org ref="XM-1" type="10"><narrative>Ministry</narrative></reporting-org>
                  <title><narrative>Project \(index)</narrative></title>
                  <description><narrative>\(filler)</narrative></description>
                  <participating-org role="1"><narrative>Bank of China</narrative></participating-org>
                  <activity-status code="\(status)"/>
                  <sector vocabulary="2" code="210"/>
                  <transaction><transaction-type code="2"/><transaction-date iso-date="2020-01-01"/><value currency="USD" value-date="2020-01-01">1000.00</value></transaction>
                 </iati-activity>

                """
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data((chunk + "</iati-activities>\n").utf8))
    }

    @Test("an IATI file of 100,000 activities (about 100 MiB) is read through, then refused by its last activity, in under 100 MiB")
    func iati() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("large.xml")
        let count = 100_000
        try await Blocking.run { try Self.writeActivities(path, count: count) }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size > 100 << 20, "the file is \(size) bytes")
        try await TestDatabase.with { db in
            let (run, kib) = try await Self.peak(PortfolioCLI(db), ["import", "--format", "iati", path])
            #expect(run.status == 65, "\(run.stderr.suffix(500))")
            #expect(run.stderr.contains("large.xml:\(10 * count - 1): activity-status: code 9 is not an IATI ActivityStatus"),
                    "\(run.stderr.suffix(500))")
            #expect(kib > 0 && kib < 100 << 10, "peak RSS \(kib) KiB for a file of \(size >> 20) MiB")
            print("IATI import of \(count) activities (\(size >> 20) MiB): peak RSS \(kib >> 10) MiB")
            #expect(try await IATIImportTests.projectCount(db) == 0)
        }
    }
}
