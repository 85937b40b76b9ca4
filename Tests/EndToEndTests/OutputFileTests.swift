import Foundation
import Testing
import TestSupport

/// `--output`: links are written through, a failed write leaves the old file, never half a file.
@Suite("Output files")
struct OutputFileTests {
    static let fm = FileManager.default

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func isSymlink(_ path: String) -> Bool {
        (try? Self.fm.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// Names in the folder other than the expected ones: left-over temporary files.
    func leftovers(_ folder: TemporaryFolder, expected: Set<String>) -> [String] {
        ((try? Self.fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !expected.contains($0) }
    }

    @Test("a symlink (absolute, relative, chained) is written through: the link stays, its file gets the export",
          arguments: ["absolute", "relative", "chain"])
    func symlinks(kind: String) async throws {
        try await withSampleDatabase { _, cli in
            try await TemporaryFolder.with { folder in
                try Self.fm.createDirectory(atPath: folder.file("real"), withIntermediateDirectories: true)
                let real = try folder.write("real/portfolio.csv", "old\n")
                let link = folder.file("link.csv")
                switch kind {
                case "absolute": try Self.fm.createSymbolicLink(atPath: link, withDestinationPath: real)
                case "relative": try Self.fm.createSymbolicLink(atPath: link, withDestinationPath: "real/portfolio.csv")
                default:
                    try Self.fm.createSymbolicLink(atPath: folder.file("real/hop.csv"), withDestinationPath: "portfolio.csv")
                    try Self.fm.createSymbolicLink(atPath: link, withDestinationPath: "real/hop.csv")
                }
                let run = try await cli.run(["project", "export", "--output", link])
                #expect(run.status == 0, "\(run.summary)")
                #expect(isSymlink(link), "the link was replaced by a file")
                let exported = contents(real) ?? ""
                #expect(exported.hasPrefix("code,name,"), "the linked file does not hold the export: \(exported.prefix(80))")
                #expect(leftovers(folder, expected: ["real", "link.csv"]).isEmpty)
            }
        }
    }

    @Test("a dangling link creates the file it names; a new file gets 0666 less the umask, an existing one keeps its mode")
    func danglingLinkAndModes() async throws {
        try await withSampleDatabase { _, cli in
            try await TemporaryFolder.with { folder in
                let link = folder.file("report.md")
                try Self.fm.createSymbolicLink(atPath: link, withDestinationPath: "target.md")
                let run = try await ExecutableRun.shell("umask 022; exec \"$PORTFOLIO\" report sectors --format markdown --output '\(link)'",
                                                  environment: cli.environment)
                #expect(run.status == 0, "\(run.summary)")
                #expect(isSymlink(link))
                let created = try Self.fm.attributesOfItem(atPath: folder.file("target.md"))
                #expect((created[.posixPermissions] as? Int) == 0o644)
                let kept = try folder.write("kept.csv", "old\n")
                try Self.fm.setAttributes([.posixPermissions: 0o640], ofItemAtPath: kept)
                await #expect(try cli.run(["project", "export", "--output", kept]).status == 0)
                #expect((try Self.fm.attributesOfItem(atPath: kept)[.posixPermissions] as? Int) == 0o640)
            }
        }
    }

    @Test("a write that fails part-way (file size limit) leaves the old file whole and no temporary file")
    func failedWriteKeepsOldFile() async throws {
        try await withSampleDatabase { _, cli in
            try await TemporaryFolder.with { folder in
                let target = try folder.write("report.html", "old report\n")
                // 4 blocks is far less than the HTML page; EFBIG instead of SIGXFSZ.
                let run = try await ExecutableRun.shell(
                    "trap '' XFSZ; ulimit -f 4; exec \"$PORTFOLIO\" report sectors --format html --output '\(target)'",
                    environment: cli.environment)
                #expect(run.status == 74, "\(run.summary)")
                #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("error: --output: cannot write"), "\(run.stderr)")
                #expect(contents(target) == "old report\n")
                #expect(leftovers(folder, expected: ["report.html"]).isEmpty)
            }
        }
    }

    @Test("an output that cannot be opened is exit 74 naming --output and the path",
          arguments: ["missing-folder/out.csv", "a-folder", ""])
    func unwritable(name: String) async throws {
        try await withSampleDatabase { _, cli in
            try await TemporaryFolder.with { folder in
                try Self.fm.createDirectory(atPath: folder.file("a-folder"), withIntermediateDirectories: true)
                let path = name.isEmpty ? "" : folder.file(name)
                let run = try await cli.run(["report", "statuses", "--format", "csv", "--output", path])
                #expect(run.status == 74, "\(run.summary)")
                #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("error: --output: "), "\(run.stderr)")
            }
        }
    }

    @Test("a device or FIFO is written in place, never replaced")
    func devicesStay() async throws {
        try await withSampleDatabase { _, cli in
            let run = try await cli.run(["project", "export", "--output", "/dev/null"])
            #expect(run.status == 0, "\(run.summary)")
            let type = try Self.fm.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
            #expect(type == .typeCharacterSpecial)
            try await TemporaryFolder.with { folder in
                let fifo = folder.file("pipe")
                #expect(mkfifo(fifo, 0o600) == 0)
                let read = try await ExecutableRun.shell("cat '\(fifo)' & \"$PORTFOLIO\" report progress --format csv --output '\(fifo)'; wait",
                                                   environment: cli.environment)
                #expect(read.status == 0, "\(read.summary)")
                #expect(read.stdout.contains("progress") || read.stdout.contains(","), "\(read.stdout)")
                var status = stat()
                #expect(lstat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
            }
        }
    }
}
