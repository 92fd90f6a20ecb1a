import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// `.xlsx` submissions (submissions.md, "Excel workbooks"): the template as units send it back, the
/// same cells as a CSV file giving the same results, and the reader's own rules.
@Suite struct WorkbookSubmissionTests {
  static let python = ProcessInfo.processInfo.environment["TONGHOP_PYTHON"] ?? "/usr/bin/python3"
  static let libreOffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

  static func run(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(executable) \(arguments)")
  }

  /// Re-saves every workbook of `folder` with LibreOffice into `out`, as an office that opened and
  /// saved the file in LibreOffice Calc sends it.
  static func resaveWithLibreOffice(_ folder: URL, into out: URL) throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("tonghop-lo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    try run(
      libreOffice!,
      ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "xlsx", "--outdir", out.path] + files)
  }

  @Test(
    .enabled(if: WorkbookSubmissionTests.libreOffice != nil, "LibreOffice (soffice) is not installed: scripts/test installs it"),
    arguments: [Period(year: 2024, kind: .firstHalf), Period(year: 2024, kind: .year)])
  func theTemplateFilledInAndSentBackIsAcceptedWithoutIssues(_ period: Period) throws {
    let filled = try TestWorkspace()
    let resaved = try TestWorkspace()
    _ = try filled.pipeline.templates(period, types: UnitType.reporting)
    let folder = filled.url("inputs/submissions/excel")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let day = period.kind == .firstHalf ? "2024-06-05" : "2024-12-05"
    for type in UnitType.reporting {
      try Self.run(Self.python, [
        TestWorkspace.repository.appendingPathComponent("Tests/Readback/fill_template_xlsx.py").path,
        filled.url("outputs/reports/\(period.code)/mau/mau-\(type.rawValue).xlsx").path,
        folder.appendingPathComponent("mau-\(type.rawValue).xlsx").path, day,
      ])
    }
    let out = resaved.url("inputs/submissions/libreoffice")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try Self.resaveWithLibreOffice(folder, into: out)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == UnitType.reporting.count)
    var accepted: [[String]] = []
    for workspace in [filled, resaved] {
      _ = try workspace.pipeline.ingest()
      _ = try workspace.pipeline.validate(period)
      #expect(try workspace.stage(period.code, StageFile.issues).map { $0["noi_dung"]! } == [])
      accepted.append(try workspace.stage(period.code, StageFile.accepted).map { row in
        row.filter { $0.key != "tep" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
      })
    }
    // Every reporting unit of the registry, with the same values whichever program saved the workbook.
    #expect(accepted[0].count == 10)
    #expect(accepted[0] == accepted[1])
    #expect(accepted[0].allSatisfy { $0.contains("ngay_lap=\(day)") })
  }

  /// The sample's district files as an office that typed them into Excel sends them: the same rows
  /// accepted, the same issues, the same indicators as the CSV files.
  @Test func aDistrictsFilesAsWorkbooksGiveTheSameResultsAsTheirCSV() throws {
    let csv = try TestWorkspace.sample()
    let xlsx = try TestWorkspace.sample()
    let period = Period(year: 2024, kind: .firstHalf)
    let districts = xlsx.url("inputs/submissions/2024-H1")
    var converted = 0
    for folder in try FileManager.default.contentsOfDirectory(atPath: districts.path) where folder.first?.isNumber == true {
      let district = districts.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: district.path) where name.hasSuffix(".csv") {
        let source = district.appendingPathComponent(name)
        // The files an office could have typed into Excel: those that read as UTF-8 comma-separated text
        // (a file broken as CSV, or in another encoding, has no workbook twin).
        let read = SubmissionReader.read(Array(try Data(contentsOf: source)))
        guard read.errorCode == nil, read.encoding?.hasPrefix("UTF-8") == true, read.delimiter == "," else { continue }
        try Self.run(Self.python, [
          TestWorkspace.repository.appendingPathComponent("Tests/TonghopCoreTests/Fixtures/csv_to_xlsx.py").path,
          source.path, source.deletingPathExtension().appendingPathExtension("xlsx").path,
        ])
        try FileManager.default.removeItem(at: source)
        converted += 1
      }
    }
    #expect(converted >= 8)
    for workspace in [csv, xlsx] {
      let pipeline = try workspace.pipeline(today: CalendarDay(iso: "2026-01-15")!)
      _ = try pipeline.ingest()
      _ = try pipeline.run(period)
    }
    func withoutFile(_ rows: [[String: String]], _ drop: Set<String>) -> [String] {
      rows.map { row in row.filter { !drop.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";") }.sorted()
    }
    let accepted = try [csv, xlsx].map { withoutFile(try $0.stage(period.code, StageFile.accepted), ["tep"]) }
    #expect(accepted[0].count > 100)
    #expect(accepted[0] == accepted[1], "\(Set(accepted[0]).symmetricDifference(accepted[1]).sorted().prefix(6))")
    let issues = try [csv, xlsx].map { withoutFile(try $0.stage(period.code, StageFile.issues), ["tep", "noi_dung"]) }
    #expect(issues[0] == issues[1], "\(Set(issues[0]).symmetricDifference(issues[1]).sorted().prefix(6))")
    #expect(try csv.read("outputs/staging/2024-H1/\(StageFile.indicators)") == xlsx.read("outputs/staging/2024-H1/\(StageFile.indicators)"))
  }

  @Test func aFractionIsNeverACountAndAFormulaWithoutItsResultIsBlank() throws {
    let sheet = """
      <worksheet><sheetData>
      <row r="1"><c t="inlineStr"><is><t>ma_don_vi</t></is></c><c t="inlineStr"><is><t>ky_bao_cao</t></is></c><c t="inlineStr"><is><t>ngay_lap</t></is></c><c t="inlineStr"><is><t>cuoc_tt</t></is></c><c t="inlineStr"><is><t>ghi_chu</t></is></c></row>
      <row r="3"><c><v>90101</v></c><c t="inlineStr"><is><t>2024-H1</t></is></c><c s="1"><v>45448.75</v></c><c><v>1.234</v></c><c t="inlineStr"><is><r><t>Họp </t></r><r><t>thôn</t></r><rPh><t>x</t></rPh></is></c></row>
      <row r="4"><c><v>90102</v></c><c t="inlineStr"><is><t>2024-H1</t></is></c><c><v>45448</v></c><c><f>1+2</f><v/></c><c t="str"><v>a_x0007_b</v></c></row>
      </sheetData></worksheet>
      """
    let outcome = SubmissionReader.read(StoredZip.workbook(sheet: Array(sheet.utf8)), as: .xlsx)
    #expect(outcome.errorCode == nil)
    #expect(outcome.rows.map(\.line) == [3, 4])
    // A date-formatted serial is the date (its time of day dropped); unformatted, it is the number.
    #expect(outcome.rows[0].cells == ["90101", "2024-H1", "2024-06-05", "1.234", "Họp thôn"])
    #expect(outcome.rows[1].cells == ["90102", "2024-H1", "45448", "", "a\u{07}b"])
    #expect(outcome.notes[3] == [3: .fraction])
    #expect(outcome.notes[4] == [3: .formulaWithoutValue])
  }

  @Test func excelsDateSystems() {
    #expect(SheetCell.day(serial: 1, date1904: false) == "1900-01-01")
    #expect(SheetCell.day(serial: 59, date1904: false) == "1900-02-28")
    #expect(SheetCell.day(serial: 60, date1904: false) == "1900-02-29")
    #expect(SheetCell.day(serial: 61, date1904: false) == "1900-03-01")
    #expect(SheetCell.day(serial: 45448, date1904: false) == "2024-06-05")
    #expect(SheetCell.day(serial: 43986, date1904: true) == "2024-06-05")
    #expect(SheetCell.day(serial: 0, date1904: false) == nil)
    #expect(CellStyles.isDate(164, custom: [164: "[$-42A]dd/mm/yyyy;@"]))
    #expect(CellStyles.isDate(14, custom: [:]))
    #expect(!CellStyles.isDate(164, custom: [164: "General"]))
    #expect(!CellStyles.isDate(165, custom: [165: "h:mm:ss"]))
    #expect(!CellStyles.isDate(166, custom: [166: "#,##0 \"đồng/ngày\""]))
  }

  /// Rows out of order or a cell given twice would have to replace one another: the file is refused.
  @Test func aSheetThatWouldLoseAValueIsRefused() {
    for sheet in [
      "<worksheet><sheetData><row r=\"2\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row></sheetData></worksheet>",
      "<worksheet><sheetData><row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row></sheetData></worksheet>",
    ] {
      let outcome = SubmissionReader.read(StoredZip.workbook(sheet: Array(sheet.utf8)), as: .xlsx)
      #expect(outcome.errorCode == "T01")
      #expect(outcome.errorDetail == "xlsx-hong")
    }
  }

  /// What the fuzz target found, and what a hostile tester made: an end tag that closes nothing, two
  /// parts of one name, a value hidden under a merged cell, a million cheap cells.
  @Test func malformedAndCostlySheetsAreRefusedOrReadAsExcelShowsThem() {
    let header = "<row r=\"1\"><c t=\"inlineStr\"><is><t>ma_don_vi</t></is></c><c t=\"inlineStr\"><is><t>ghi_chu</t></is></c></row>"
    func read(_ sheet: String) -> ReadOutcome {
      SubmissionReader.read(StoredZip.workbook(sheet: Array(sheet.utf8)), as: .xlsx)
    }
    #expect(read("<worksheet><sheetData>\(header)<row r=\"2\"></c></row></sheetData></worksheet>").errorDetail == "xlsx-hong")
    let merged = read(
      "<worksheet><sheetData>\(header)<row r=\"2\"><c><v>90101</v></c><c t=\"inlineStr\"><is><t>ẩn</t></is></c></row></sheetData><mergeCells><mergeCell ref=\"A2:B2\"/></mergeCells></worksheet>")
    #expect(merged.rows.map(\.cells) == [["90101", ""]])
    let cheap = String(repeating: "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>", count: 200_000)
    #expect(read("<worksheet><sheetData>\(header)\(cheap)</sheetData></worksheet>").errorDetail == "xlsx-qua-lon")
    let twice = StoredZip.archive([("a.xml", [0x3C]), ("a.xml", [0x3E])])
    #expect(SubmissionReader.read(twice, as: .xlsx).errorDetail == "xlsx-hong")
  }

  /// A formula whose result is the empty text (=IF(F3="";"";…), saved by Excel or LibreOffice as t="str"
  /// with an empty value) is a blank cell, not a formula never calculated; values no spreadsheet shows
  /// (a hexadecimal number, two values in a cell, a boolean 2) make the file damaged, not a number.
  @Test func calculatedBlanksAreBlankAndValuesNoSpreadsheetShowsAreRefused() {
    let header = "<row r=\"1\"><c t=\"inlineStr\"><is><t>ma_don_vi</t></is></c><c t=\"inlineStr\"><is><t>cuoc_tt</t></is></c></row>"
    func read(_ cell: String) -> ReadOutcome {
      let sheet = "<worksheet><sheetData>\(header)<row r=\"2\"><c><v>90101</v></c>\(cell)</row></sheetData></worksheet>"
      return SubmissionReader.read(StoredZip.workbook(sheet: Array(sheet.utf8)), as: .xlsx)
    }
    let blank = read("<c t=\"str\"><f>IF(A2=\"\",\"\",1)</f><v></v></c>")
    #expect(blank.rows.map(\.cells) == [["90101", ""]])
    #expect(blank.notes.isEmpty)
    #expect(read("<c><f>1+2</f><v/></c>").notes[2] == [1: .formulaWithoutValue])
    for cell in ["<c><v>0x10</v></c>", "<c><v>4</v><v>0</v></c>", "<c t=\"b\"><v>2</v></c>"] {
      #expect(read(cell).errorDetail == "xlsx-hong", "\(cell)")
    }
    #expect(!CellStyles.isDate(170, custom: [170: "[h]:mm"]))
    #expect(SheetCell.day(serial: 2_958_000, date1904: true) == nil)
  }

  /// A deflate stream that does not end before its data does is a damaged file, read no further.
  @Test func aCompressedPartThatNeverEndsIsDamaged() throws {
    // The sheet as one deflate block that is not the final one: after it, the stream wants more.
    let xml = Array("<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>".utf8)
    let block = [0x00, UInt8(xml.count & 0xFF), UInt8(xml.count >> 8), ~UInt8(xml.count & 0xFF), ~UInt8(xml.count >> 8)] + xml
    var book = StoredZip.workbook(sheet: block)
    func last(_ signature: [UInt8]) throws -> Int {
      try #require(book.indices.last { book[$0..<min($0 + 4, book.count)].elementsEqual(signature) })
    }
    book[try last([0x50, 0x4B, 0x03, 0x04]) + 8] = 8  // the sheet's local header: deflate
    book[try last([0x50, 0x4B, 0x01, 0x02]) + 10] = 8  // and its directory entry
    let outcome = SubmissionReader.read(book, as: .xlsx)
    #expect(outcome.errorCode == "T01")
    #expect(outcome.errorDetail == "xlsx-hong")
  }
}
