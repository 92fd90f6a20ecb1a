import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// The corpus of `Fixtures/corpus` (written by `Fixtures/make-corpus.py`): files made the way
/// offices make them, each validated alone against its expected accepted rows and issue codes.
@Suite struct SubmissionCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/corpus")

  struct Entry: Sendable, CustomTestStringConvertible {
    var path: String
    var period: Period
    var accepted: Int
    var codes: [String]
    var testDescription: String { path }
  }

  /// An unreadable manifest stops the suite: an empty list would let the parameterised test check nothing.
  static let entries: [Entry] = {
    guard let text = try? String(contentsOf: corpus.appendingPathComponent("manifest.tsv"), encoding: .utf8) else {
      preconditionFailure("cannot read \(corpus.path)/manifest.tsv")
    }
    return text.split(separator: "\n").dropFirst().map { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return Entry(
        path: cells[0], period: Period(code: cells[1])!, accepted: Int(cells[2])!,
        codes: cells[3].isEmpty ? [] : cells[3].split(separator: ",").map(String.init))
    }
  }()

  /// Validates the files of `path` (one file, or every file of a folder) in a fresh workspace.
  private func validate(_ path: String, as name: String? = nil, period: Period) throws -> TestWorkspace {
    let workspace = try TestWorkspace(registry: String(contentsOf: Self.corpus.appendingPathComponent("don-vi.csv"), encoding: .utf8))
    let source = Self.corpus.appendingPathComponent(path)
    var isFolder: ObjCBool = false
    FileManager.default.fileExists(atPath: source.path, isDirectory: &isFolder)
    let files = isFolder.boolValue
      ? try FileManager.default.contentsOfDirectory(atPath: source.path).sorted().map { "\(path)/\($0)" } : [path]
    for file in files {
      try workspace.write("inputs/submissions/\(name ?? file)", Data(contentsOf: Self.corpus.appendingPathComponent(file)))
    }
    let pipeline = try workspace.pipeline(today: CalendarDay(iso: "2025-01-15")!)
    _ = try pipeline.ingest()
    _ = try pipeline.validate(period)
    return workspace
  }

  @Test(arguments: entries)
  func eachFileHasItsExpectedOutcome(_ entry: Entry) throws {
    let workspace = try validate(entry.path, period: entry.period)
    let issues = try workspace.stage(entry.period.code, StageFile.issues)
    #expect(issues.map { $0["ma_loi"]! }.sorted() == entry.codes)
    #expect(try workspace.stage(entry.period.code, StageFile.accepted).count == entry.accepted)
    #expect(issues.allSatisfy { !($0["noi_dung"] ?? "").isEmpty })
  }

  /// Every row read is accepted (in its period), rejected, or blank: none is lost, none counted twice.
  @Test func everyRowOfTheCorpusIsAccountedFor() throws {
    var files = 0
    var rows = 0
    var unaccounted = 0
    var expected = 0
    var errors = 0
    for entry in Self.entries {
      let workspace: TestWorkspace
      do {
        workspace = try validate(entry.path, period: entry.period)
      } catch {
        Issue.record("\(entry.path): \(error)")
        errors += 1
        continue
      }
      let ledger = try Workspace(root: workspace.root).openLedger()
      let pipeline = try workspace.pipeline(today: CalendarDay(iso: "2025-01-15")!)
      let stage = ValidateStage(
        workspace: pipeline.workspace, ledger: ledger, registry: try pipeline.workspace.loadRegistry(), config: pipeline.config,
        today: pipeline.today)
      var accepted: Set<String> = []
      var rejected: Set<String> = []
      // The periods of the corpus: 2024, and 2023-H1 (the year before, which `D20` compares with).
      for period in [entry.period, Period(year: 2024, kind: .firstHalf), Period(year: 2024, kind: .year), Period(year: 2023, kind: .firstHalf)] {
        let outcome = try stage.check(period)
        accepted.formUnion(outcome.accepted.map { "\($0.file):\($0.line)" })
        rejected.formUnion(outcome.issues.filter { $0.severity == .error && $0.line != nil }.map { "\($0.file):\($0.line!)" })
      }
      for file in try ledger.files() {
        files += 1
        let stored = try ledger.rows(ofFile: file.id)
        rows += stored.count
        guard file.errorCode == nil, HeaderCheck(header: file.header).error == nil else { continue }
        for row in stored {
          let key = "\(file.path):\(row.line)"
          if accepted.contains(key) == rejected.contains(key) { unaccounted += 1 }
        }
      }
      let codes = try workspace.stage(entry.period.code, StageFile.issues).map { $0["ma_loi"]! }.sorted()
      if codes == entry.codes { expected += 1 }
    }
    #expect(unaccounted == 0)
    #expect(Self.entries.count >= 30)
    ReliabilityReport.record(
      "corpus: \(Self.entries.count) entries, \(files) files, \(rows) rows, \(errors) stopped with an error, \(expected)/\(Self.entries.count) outcomes as expected, \(unaccounted) rows unaccounted")
  }

  @Test func theCorpusTriggersEveryCodeButTheSizeLimit() {
    let triggered = Set(Self.entries.flatMap(\.codes))
    // T06 needs a file over the limit: IngestStageTests.aFileLargerThanTheLimitIsT06. T10 needs an
    // entry that is not a file (a link out, a FIFO): DropZoneTests.
    #expect(triggered == Set(IssueCode.allCases.map(\.rawValue)).subtracting(["T06", "T10"]))
  }

  @Test func everyEncodingAndDialectGivesTheSameAcceptedRows() throws {
    let dialects = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent("dialects").path).sorted()
    #expect(dialects.count == 10)
    let h1 = Period(year: 2024, kind: .firstHalf)
    let reference = try validate("dialects/excel-csv-utf8.csv", as: "bao-cao.csv", period: h1).read("outputs/staging/2024-H1/hop-le.csv")
    #expect(reference.split(separator: "\n").count == 21)
    for dialect in dialects {
      let accepted = try validate("dialects/\(dialect)", as: "bao-cao.csv", period: h1).read("outputs/staging/2024-H1/hop-le.csv")
      #expect(accepted == reference, "\(dialect)")
    }
  }

  @Test func windows1258ToneMarksAreComposedToNFC() throws {
    let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent("dialects/windows-1258.csv")))
    let decoded = try #require(TextDecoding.decode(bytes))
    #expect(decoded.encoding == .windows1258)
    let text = String(decoding: decoded.utf8, as: UTF8.self).nfc
    #expect(text.contains("Nguyễn Thị Hoà"))
    #expect(text.contains("Đinh Quang Vũ"))
    #expect(text.hasSuffix("\r\n"))  // the held-back last character was flushed
  }
}
