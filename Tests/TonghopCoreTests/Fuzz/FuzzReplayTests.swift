import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// The inputs that once broke a fuzz target (kept in `Tests/Fuzz/FailCases`) and the submission
/// corpus, through the same invariants the fuzz targets check.
@Suite struct FuzzReplayTests {
  static let failCases = TestWorkspace.repository.appendingPathComponent("Tests/Fuzz/FailCases")
  static let corpus = TestWorkspace.repository.appendingPathComponent("Tests/TonghopCoreTests/Fixtures/corpus")

  static func files(under folder: URL) -> [URL] {
    (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
      .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
      .filter { $0.lastPathComponent != "README.md" }
      .sorted { $0.path < $1.path }
  }

  @Test func keptCrashersNoLongerBreakAnything() throws {
    let files = Self.files(under: Self.failCases)
    #expect(files.count >= 4)
    for file in files {
      let bytes = Array(try Data(contentsOf: file))
      let check =
        file.path.contains("/csv-round-trip/")
        ? Invariants.csvRoundTrip : file.path.contains("/workbook/") ? Invariants.workbook : Invariants.submission
      #expect(check(bytes) == [], "\(file.lastPathComponent)")
    }
  }

  @Test func theCorpusKeepsEveryPromise() throws {
    let files = Self.files(under: Self.corpus)
    #expect(files.count > 30)
    for file in files {
      let bytes = Array(try Data(contentsOf: file))
      if file.pathExtension == "xlsx" {
        #expect(Invariants.workbook(bytes) == [], "\(file.lastPathComponent)")
        continue
      }
      #expect(Invariants.submission(bytes) == [], "\(file.lastPathComponent)")
      #expect(Invariants.csvRoundTrip(bytes) == [], "\(file.lastPathComponent)")
    }
  }

  /// The kept inputs found by hostile testing read as the specification says.
  @Test func keptInputsReadAsSpecified() throws {
    let folder = Self.failCases.appendingPathComponent("submission")
    let utf16 = SubmissionReader.read(Array(try Data(contentsOf: folder.appendingPathComponent("bom-before-utf16le.csv"))))
    #expect(utf16.errorCode == nil && utf16.encoding == "UTF-16LE")
    #expect(utf16.rows.first?.cells.last == "Hội nghị")
    let split = SubmissionReader.read(Array(try Data(contentsOf: folder.appendingPathComponent("grouped-number-split.csv"))))
    #expect(HeaderCheck(header: split.header).extraCells(of: split.rows[0].cells) == 1)
  }

  @Test func theInvariantsCatchABrokenRoundTrip() {
    // A record of one empty field, and fields with spaces at their ends, must survive writing.
    #expect(Invariants.csvRoundTrip(Array("h\n\"\"\n\" a \",b\n".utf8)) == [])
    var writer = CSVWriter(header: ["h"])
    writer.append([" padded "])
    #expect(writer.text == "h\n\" padded \"\n")
  }
}
