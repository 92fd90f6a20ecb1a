import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// The workbooks read back with openpyxl, cell by cell.
@Suite struct ExportStageTests {
  static let h1 = Period(year: 2024, kind: .firstHalf)

  private func exported() throws -> (TestWorkspace, ReadBackWorkbook, ReadBackWorkbook) {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    // A file whose name and content look like formulas: both reach the issue list.
    try workspace.submit("=HYPERLINK(\"x\").csv", "ma_don_vi,ky_bao_cao,ngay_lap\n@SUM(A1),2024-H1,2024-06-05\n")
    try workspace.runThroughRollup(Self.h1, today: CalendarDay(iso: "2024-07-01")!)
    _ = try workspace.pipeline(today: CalendarDay(iso: "2024-07-01")!).export(Self.h1)
    let folder = "outputs/reports/2024-H1/"
    return (
      workspace, try ReadBackWorkbook.read(workspace.url(folder + "BaoCao-BDG-2024-H1-Tinh.xlsx")),
      try ReadBackWorkbook.read(workspace.url(folder + "BaoCao-BDG-2024-H1-Bo.xlsx"))
    )
  }

  /// A province large enough for constant-memory mode gets the same cells, formulas included.
  @Test func constantMemoryModeWritesTheSameCells() throws {
    let (workspace, book, _) = try exported()
    var stage = ExportStage(workspace: Workspace(root: workspace.root), config: .standard)
    stage.constantMemoryRows = 0
    _ = try stage.run(Self.h1)
    let large = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(large.sheets == book.sheets)
    for sheet in book.sheets {
      let cells = book.cells[sheet] ?? [:]
      #expect(cells.count > 3)
      for (cell, value) in cells where value.first != nil {
        // Constant memory writes inline strings, whose `_x005F_` escape openpyxl leaves as it is
        // (Excel and LibreOffice read `_`, as in shared strings).
        var inline = large.value(sheet, cell)
        if case .text(let text) = inline { inline = .text(text.replacingOccurrences(of: "_x005F_", with: "_")) }
        #expect(inline == value.first, "\(sheet)!\(cell)")
        #expect(large.isFormula(sheet, cell) == book.isFormula(sheet, cell), "\(sheet)!\(cell)")
      }
    }
  }

  private func number(_ value: ReadBackWorkbook.Value?) -> Double? {
    if case .number(let n) = value { return n }
    return nil
  }

  @Test func provinceWorkbookHasTheSheetsInOrderAndTheOfficialHeader() throws {
    let (_, book, ministry) = try exported()
    #expect(
      book.sheets == [
        "Tổng hợp", "Theo địa bàn", "Cấp xã", "Cấp huyện", "Trường học", "Sở ngành - Báo chí", "Tiến độ nộp", "Kiểm tra",
      ])
    #expect(ministry.sheets == ["Tổng hợp", "Theo địa bàn", "Tiến độ nộp"])
    let sheet = "Tổng hợp"
    #expect(book.value(sheet, "A1") == .text("UBND TỈNH THỬ"))
    #expect(book.value(sheet, "A2") == .text("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"))
    #expect(book.value(sheet, "D1") == .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    #expect(book.value(sheet, "D2") == .text("Độc lập - Tự do - Hạnh phúc"))
    #expect(book.value(sheet, "A7") == .text("6 THÁNG ĐẦU NĂM 2024"))
    #expect(book.value(sheet, "A8") == .text("Kính gửi: Ủy ban nhân dân tỉnh Thử"))
    #expect(ministry.value(sheet, "A8") == .text("Kính gửi: Bộ Lao động - Thương binh và Xã hội"))
    #expect(book.author == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    #expect(book.font(sheet, "A1") == .text("Times New Roman"))
  }

  @Test func indicatorTableCarriesTheRollupsNumbersAsPercentages() throws {
    let (workspace, book, _) = try exported()
    let sheet = "Tổng hợp"
    let staged = try workspace.stage("2024-H1", StageFile.indicators).filter { $0["ma_don_vi"] == "99" }
    for (offset, indicator) in Indicators.plan.enumerated() {
      let row = 12 + offset
      let expected = staged.first { $0["chi_tieu"] == indicator.code }!
      #expect(book.value(sheet, "B\(row)") == .text(indicator.code))
      #expect(number(book.value(sheet, "E\(row)")) == Double(expected["tu_so"]!))
      #expect(number(book.value(sheet, "F\(row)")) == Double(expected["mau_so"]!))
      if let ratio = Double(expected["gia_tri"]!) {
        #expect(abs(number(book.value(sheet, "G\(row)"))! - ratio) < 1e-6)
        #expect(book.format(sheet, "G\(row)") == .text("0.0%"))
      } else {
        #expect(book.value(sheet, "G\(row)") == nil)
      }
    }
    // A 6-month report follows the progress; it assesses nothing (domain.md).
    #expect(book.value(sheet, "I12") == .text("Báo cáo 6 tháng: theo dõi tiến độ"))  // CT1 3/7 against 100%
    #expect(book.value(sheet, "I13") == nil)  // CT2 only in the annual report
    #expect(book.value(sheet, "I18") == .text("Báo cáo 6 tháng: theo dõi tiến độ"))  // CT6 95.5% against 95%
    #expect(number(book.value(sheet, "H18")) == 0.95)
  }

  @Test func areaSheetNumbersAreTheRollupsAndTheProvinceRowIsFormulas() throws {
    let (workspace, book, _) = try exported()
    let sheet = "Theo địa bàn"
    let rows = try workspace.stage("2024-H1", StageFile.indicators)
    func staged(_ node: String, _ code: String) -> [String: String] {
      rows.first { $0["ma_don_vi"] == node && $0["chi_tieu"] == code }!
    }
    #expect((3...8).map { book.value(sheet, "A\($0)") } == [.text("Mã"), .text("901"), .text("902"), .text("90300"), nil, .text("99")])
    #expect(book.value(sheet, "B7") == .text("Cấp tỉnh (đơn vị trực thuộc tỉnh)"))
    for (offset, code) in AreaSheet.columns.enumerated() {
      let column = XLSXSheet.columnName(2 + offset)
      let ratio = Indicators.byCode[code]!.isRatio
      guard case .text(let title) = book.value(sheet, "\(column)3") else {
        Issue.record("no header for \(code)")
        continue
      }
      // The plan's indicators begin with their code; internal codes (TS_, NOP_) never print.
      if Indicators.plan.contains(where: { $0.code == code }) {
        #expect(title.hasPrefix("\(code) – "))
      } else {
        #expect(title == Indicators.heading(Indicators.byCode[code]!) && !title.contains("_"), "\(title)")
      }
      for (row, node) in [(4, "901"), (5, "902"), (6, "90300"), (8, "99")] {
        let expected = Double(staged(node, code)["gia_tri"]!)
        let shown = number(book.value(sheet, "\(column)\(row)"))
        if let expected {
          #expect(shown.map { abs($0 - expected) < 5e-7 } == true, "\(code) \(node)")
          #expect(book.format(sheet, "\(column)\(row)") == .text(ratio ? "0.0%" : "#,##0"))
        } else {
          #expect(shown == nil, "\(code) \(node)")
        }
      }
      // The province row holds formulas whose stored results are the rollup's values.
      if staged("99", code)["gia_tri"] != "" { #expect(book.isFormula(sheet, "\(column)8"), "\(code)") }
    }
    // "Cấp tỉnh": SN1 (its correction: 1 session, 30 men, 70 women, first sent on time) and BC1
    // (chinh_thuc), worked out by hand from the fixture.
    let provinceLevel: [Double?] = [0, nil, 1, 1, nil, nil, nil, 1, 30, 70, 0.7, 1, 1]
    for (offset, expected) in provinceLevel.enumerated() {
      let shown = number(book.value(sheet, "\(XLSXSheet.columnName(2 + offset))7"))
      #expect(shown == expected, "\(AreaSheet.columns[offset]) Cấp tỉnh")
    }
    #expect(abs(number(book.value(sheet, "C8"))! - 3.0 / 7.0) < 1e-9)
    #expect(book.value(sheet, "E5") == nil)  // CT3A: no media agency in Huyện B
    #expect(book.charts[sheet] == 1)
    #expect(book.freeze[sheet] == "C4")
  }

  @Test func unitSheetsListEveryExpectedUnitWithItsValuesAndStatus() throws {
    let (_, book, _) = try exported()
    func rows(_ sheet: String) -> [String: [String: ReadBackWorkbook.Value]] {
      let cells = book.cells[sheet] ?? [:]
      var byRow: [String: [String: ReadBackWorkbook.Value]] = [:]
      for (reference, cell) in cells {
        let column = String(reference.prefix { $0.isLetter })
        let row = String(reference.drop { $0.isLetter })
        byRow[row, default: [:]][column] = cell[0]
      }
      var byCode: [String: [String: ReadBackWorkbook.Value]] = [:]
      for (row, cells) in byRow where Int(row)! > 3 {
        if case .text(let code) = cells["A"] { byCode[code] = cells }
      }
      return byCode
    }
    let communes = rows("Cấp xã")
    #expect(Set(communes.keys) == ["90101", "90102", "90201", "90300"])
    // One type per sheet: no "Loại" column; the date of the report is a date cell.
    #expect(communes["90201"]?["D"] == .text("Chưa nộp"))
    #expect(communes["90102"]?["D"] == .text("Trễ hạn"))
    #expect(communes["90102"]?["E"] == .text("2024-06-12 00:00:00"))
    #expect(book.format("Cấp xã", "E5") == .text("dd/mm/yyyy"))
    #expect(communes["90101"]?["F"] == .number(3))  // cuoc_tt
    #expect(Set(rows("Cấp huyện").keys) == ["901", "902"])
    #expect(rows("Cấp huyện")["902"]?["D"] == .text("Có lỗi, chưa hợp lệ"))
    #expect(Set(rows("Trường học").keys) == ["TRA"])
    let others = rows("Sở ngành - Báo chí")
    #expect(Set(others.keys) == ["SN1", "BC1", "BCA"])
    #expect(others["BC1"]?.values.contains(.text("Chính thức")) == true)
  }

  @Test func progressSheetCountsAndListsTheMissing() throws {
    let (_, book, ministry) = try exported()
    let sheet = "Tiến độ nộp"
    let cells = book.cells[sheet] ?? [:]
    let total = cells.keys.filter { cells[$0]?[0] == .text("Tổng") }.sorted().first.map { String($0.dropFirst()) }
    let numbers = ["B", "C", "D", "E", "F", "G"].map { book.value(sheet, "\($0)\(total ?? "0")") }
    #expect(numbers == [10, 9, 7, 1, 1, 1].map { .number($0) })
    let listed = cells.values.compactMap { if case .text(let t) = $0[0] { t } else { nil } }
    #expect(listed.contains("Xã B1") && listed.contains("Huyện B"))
    let ministryText = (ministry.cells[sheet] ?? [:]).values.compactMap { if case .text(let t) = $0[0] { t } else { nil } }
    #expect(!ministryText.contains("Xã B1"))  // no unit detail for the ministry
  }

  @Test func summaryTotalsAndCompletenessAreTheRollups() throws {
    let (workspace, book, _) = try exported()
    let staged = try workspace.stage("2024-H1", StageFile.indicators).filter { $0["ma_don_vi"] == "99" }
    let cells = book.cells["Tổng hợp"] ?? [:]
    for total in Indicators.totals {
      guard let reference = cells.first(where: { $0.value[0] == .text(total.code) })?.key else {
        Issue.record("\(total.code) is not in Tổng hợp")
        continue
      }
      let row = reference.drop { $0.isLetter }
      let expected = Double(staged.first { $0["chi_tieu"] == total.code }!["gia_tri"]!)!
      #expect(number(book.value("Tổng hợp", "E\(row)")).map { abs($0 - expected) < 5e-7 } == true, "\(total.code)")
    }
    let all = cells.first { $0.value[0] == .text("Tất cả đơn vị") }!.key.drop { $0.isLetter }
    #expect(book.value("Tổng hợp", "D\(all)") == .number(10))
    #expect(book.value("Tổng hợp", "E\(all)") == .number(8))
    #expect(book.value("Tổng hợp", "G\(all)") == .number(7))
  }

  @Test func textThatLooksLikeAFormulaOrAnEscapeStaysText() throws {
    let (_, book, _) = try exported()
    let cells = book.cells["Kiểm tra"] ?? [:]
    let texts = cells.values.compactMap { if case .text(let t) = $0[0] { t } else { nil } }
    #expect(texts.contains("=HYPERLINK(\"x\").csv"))
    #expect(texts.contains("@SUM(A1)"))
    for sheet in book.sheets where sheet != "Theo địa bàn" {
      #expect((book.cells[sheet] ?? [:]).keys.allSatisfy { !book.isFormula(sheet, $0) }, "\(sheet)")
    }
  }

  @Test func issueListAndFeedbackFilesAreWrittenForExcel() throws {
    let (workspace, _, _) = try exported()
    let list = try Data(contentsOf: workspace.url("outputs/reports/2024-H1/KiemTra-2024-H1.csv"))
    let staged = try Data(contentsOf: workspace.url("outputs/staging/2024-H1/kiem-tra.csv"))
    // The same list, for Excel: a byte order mark, and text that Excel would run prefixed with '.
    let forExcel = String(decoding: staged, as: UTF8.self)
      .replacingOccurrences(of: "\"=HYPERLINK", with: "\"'=HYPERLINK").replacingOccurrences(of: ",@SUM(A1),", with: ",'@SUM(A1),")
    #expect(forExcel != String(decoding: staged, as: UTF8.self))
    #expect(list == Data([0xEF, 0xBB, 0xBF]) + Data(forExcel.utf8))
    let feedback = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/reports/2024-H1/phan-hoi").path)
    // 902 sent a rejected row; SN1's first report was superseded, which is information only (no file):
    // only units with an error or a warning have something to do.
    #expect(feedback.sorted() == ["902.csv", "902.xlsx"])
    // The workbook is what the unit opens: its name and the period in the title, Vietnamese headers,
    // the same lines.
    let unitBook = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/phan-hoi/902.xlsx"))
    #expect(unitBook.sheets == ["Phản hồi"])
    #expect(unitBook.value("Phản hồi", "A1") == .text("PHẢN HỒI KẾT QUẢ KIỂM TRA BÁO CÁO – Huyện B (902) – 6 THÁNG ĐẦU NĂM 2024"))
    #expect(unitBook.value("Phản hồi", "H3") == .text("Nội dung"))
    #expect(unitBook.value("Phản hồi", "F4") == .text("Lỗi"))
    #expect(unitBook.value("Phản hồi", "G4") == .text("D06"))
    let issueBook = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/KiemTra-2024-H1.xlsx"))
    let listed = try workspace.stage("2024-H1", StageFile.issues)
    #expect(issueBook.value("Kiểm tra", "G\(3 + listed.count)") == .text(listed.last!["ma_loi"]!))
    let district = try Data(contentsOf: workspace.url("outputs/reports/2024-H1/phan-hoi/902.csv"))
    #expect(district.starts(with: [0xEF, 0xBB, 0xBF]))
    let text = String(decoding: district.dropFirst(3), as: UTF8.self)
    #expect(text.hasPrefix(Finding.header.joined(separator: ",") + "\n"))
    #expect(text.contains("huyen.csv,3,cuoc_tt,902,2024-H1,loi,D06,\"Cột cuoc_tt: giá trị «abc» không phải số nguyên không âm. Hãy ghi một số nguyên"))
  }

  /// A warning on a row that the unit's later report replaced asks nothing of it: no feedback file.
  @Test func warningsOnAReplacedRowSendNoFeedback() throws {
    let workspace = try TestWorkspace()
    let header = "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n"
    try workspace.submit("a.csv", header + "90101,2024-H1,2024-06-05,3,\"1,234\",60,2,3,8,8\n")
    try workspace.submit("b.csv", header + "90101,2024-H1,2024-06-08,3,34,60,2,3,8,8\n")
    try workspace.runThroughRollup(Self.h1, today: CalendarDay(iso: "2024-07-01")!)
    _ = try workspace.pipeline(today: CalendarDay(iso: "2024-07-01")!).export(Self.h1)
    #expect(try workspace.stage("2024-H1", StageFile.issues).map { $0["ma_loi"]! }.sorted() == ["D14", "D16"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/reports/2024-H1/phan-hoi").path).isEmpty)
  }

  @Test func aUnitWhoseIssuesAreGoneLosesItsOldFeedbackFile() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    // Dated after the first run date (D05), but not after the second.
    try workspace.submit(
      "xa-b1.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n90201,2024-H1,2024-07-05,2,1,1,2,2,3,3\n")
    func feedback(today: String) throws -> [String] {
      try workspace.runThroughRollup(Self.h1, today: CalendarDay(iso: today)!)
      _ = try workspace.pipeline(today: CalendarDay(iso: today)!).export(Self.h1)
      return try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/reports/2024-H1/phan-hoi").path).sorted()
    }
    #expect(try feedback(today: "2024-07-01") == ["902.csv", "902.xlsx", "90201.csv", "90201.xlsx"])
    #expect(try feedback(today: "2024-07-10") == ["902.csv", "902.xlsx"])
    let folder = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/reports/2024-H1").path)
    #expect(!folder.contains { $0.hasPrefix(".") })
  }

  @Test func textThatExcelWouldRunIsPrefixedInCSVForPeople() {
    #expect(CSVWriter.inert("   =HYPERLINK(\"x\")") == "'   =HYPERLINK(\"x\")")
    #expect(CSVWriter.inert("\u{A0}+1") == "'\u{A0}+1")
    #expect(CSVWriter.inert("   ") == "   ")
    var nul = CSVWriter(header: ["a"], forSpreadsheet: true)
    nul.append(["ghi\u{0}chú"])
    #expect(nul.text == "\u{FEFF}a\nghichú\n")
    #expect(Message.quote("a\u{0}b\u{1B}[2J") == "«a␀b␛[2J»")
    #expect(CSVWriter.inert("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
    #expect(CSVWriter.inert("+84 912") == "'+84 912")
    #expect(CSVWriter.inert("@SUM(A1)") == "'@SUM(A1)")
    #expect(CSVWriter.inert("-3") == "'-3")
    #expect(CSVWriter.inert("Cột cuoc_tt") == "Cột cuoc_tt")
    var writer = CSVWriter(header: ["a"], forSpreadsheet: true)
    writer.append(["=1+1"])
    #expect(writer.text == "\u{FEFF}a\n'=1+1\n")
  }

  /// Export reads only staging: a registry edited (or broken) between rollup and export changes no
  /// byte of the workbooks, and status shows what the rollup counted.
  @Test func aRegistryEditedAfterRollupChangesNoByteOfTheReports() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let today = CalendarDay(iso: "2024-07-01")!
    try workspace.runThroughRollup(Self.h1, today: today)
    let folder = "outputs/reports/2024-H1/"
    let names = ["BaoCao-BDG-2024-H1-Tinh.xlsx", "BaoCao-BDG-2024-H1-Bo.xlsx", "KiemTra-2024-H1.csv"]
    _ = try workspace.pipeline(today: today).export(Self.h1)
    let before = try names.map { try Data(contentsOf: workspace.url(folder + $0)) }
    let status = try PeriodStatus(workspace: Workspace(root: workspace.root), config: .standard, period: Self.h1)
    // Renamed and moved units, a new commune, a district gone.
    try workspace.write(
      "inputs/registry/don-vi.csv",
      TestWorkspace.smallRegistry.replacingOccurrences(of: "90102,Xã A2,xa,901,,", with: "90102,Xã Mới,xa,902,,\n90103,Xã A3,xa,901,,")
        .replacingOccurrences(of: "Huyện A,", with: "Huyện Đổi Tên,"))
    _ = try workspace.pipeline(today: today).export(Self.h1)
    #expect(try names.map { try Data(contentsOf: workspace.url(folder + $0)) } == before)
    // A registry that no longer loads at all: export and status still read staging alone.
    try workspace.write("inputs/registry/don-vi.csv", "ma_don_vi,ten_don_vi\n")
    _ = try workspace.pipeline(today: today).export(Self.h1)
    #expect(try names.map { try Data(contentsOf: workspace.url(folder + $0)) } == before)
    let after = try PeriodStatus(workspace: Workspace(root: workspace.root), config: .standard, period: Self.h1)
    #expect(after.byArea.map(\.area) == status.byArea.map(\.area))
    #expect(after.byArea.map(\.area).contains("Huyện A"))
    #expect(after.total == status.total)
  }

  /// A stage file edited by hand or damaged: an error naming the file and the line (or what is
  /// missing), never a zero, a default type or a number no stage writes.
  @Test(arguments: [
    (StageFile.progress, "xa,902,chua_nop", "truong_hoc,902,chua_nop", "cột loai"),
    (StageFile.progress, "xa,902,chua_nop", "xa,902,mat_tich", "cột trang_thai"),
    (StageFile.progress, "dung_han,2024-06-05,xa.csv,901", "dung_han,2024-13-45,xa.csv,901", "cột ngay_lap"),
    (StageFile.progress, "Xã B1,xa,902,chua_nop,,,902\n", "Xã B1,xa,902,chua_nop,,\n", "có 8 ô thay vì 9"),
    (StageFile.progress, "2024-H1,90201,Xã B1,xa,902,chua_nop,,,902\n", "2024-H1,90201,Xã B1,xa,902,chua_nop,,,902\n2024-H1,90201,Xã B1,xa,902,chua_nop,,,902\n", "cột ma_don_vi"),
    (StageFile.indicators, ",CT1,3,", ",CT1,3x,", "cột tu_so"),
    (StageFile.indicators, ",99,CT1,3,7,", ",99,CT1,-3,7,", "cột tu_so"),
    (StageFile.indicators, ",99,CT1,3,7,", ",99,CT1,8,7,", "cột tu_so"),
    (StageFile.indicators, "2024-H1,99,CT1,3,7,0.428571\n", "", "thiếu dòng CT1 của 99"),
    (StageFile.indicators, "2024-H1,99,CT1,3,7,0.428571\n", "2024-H1,99,CT1,3,7,0.428571\n2024-H1,99,CT1,3,7,0.428571\n", "cột chi_tieu"),
    (StageFile.areas, "901,Huyện A,huyen", "901,Huyện A,truong", "cột loai"),
    (StageFile.accepted, "xa.csv,2,3,40,60", "xa.csv,2,abc,40,60", "cột cuoc_tt"),
    (StageFile.accepted, "xa.csv,2,3,40,60", "xa.csv,2,-3,40,60", "cột cuoc_tt"),
    (StageFile.accepted, "90101,2024-H1,2024-06-05", "77777,2024-H1,2024-06-05", "cột ma_don_vi"),
  ])
  func aDamagedStageFileNamesItsLine(_ file: String, _ from: String, _ to: String, _ what: String) throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    try workspace.runThroughRollup(Self.h1, today: CalendarDay(iso: "2024-07-01")!)
    let path = "outputs/staging/2024-H1/" + file
    let text = String(decoding: try Data(contentsOf: workspace.url(path)), as: UTF8.self)
    #expect(text.contains(from), "\(file) has no \(from)")
    try workspace.write(path, text.replacingOccurrences(of: from, with: to))
    let error = #expect(throws: TonghopError.self) { try workspace.pipeline.export(Self.h1) }
    #expect(error?.message.contains(file) == true)
    #expect(error?.message.contains(what) == true, "\(error?.message ?? "")")
    #expect(error?.exitCode == 1)
  }

  /// The `Kiểm tra` sheet keeps at most its limit of rows and says where the rest is; the CSV list
  /// keeps them all.
  @Test func theIssueSheetStopsAtItsLimitAndSaysWhereTheRestIs() throws {
    let (workspace, _, _) = try exported()
    let all = try workspace.stage("2024-H1", StageFile.issues)
    #expect(all.count == 3)
    var stage = ExportStage(workspace: Workspace(root: workspace.root), config: .standard)
    stage.issueRowLimit = 2
    // In constant memory too (a sheet of 100,000 rows is written so): the note comes after the rows.
    stage.constantMemoryRows = 0
    _ = try stage.run(Self.h1)
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(book.value("Kiểm tra", "A5") == .text(all[1]["tep"]!))
    guard case .text(let note) = book.value("Kiểm tra", "A6") else {
      Issue.record("no note under the last row")
      return
    }
    #expect(note.contains("Còn 1 dòng") && note.contains("KiemTra-2024-H1.csv"))
    #expect(book.value("Kiểm tra", "A7") == nil)
    let list = try workspace.read("outputs/reports/2024-H1/KiemTra-2024-H1.csv")
    #expect(list.split(separator: "\n").count == all.count + 1)
  }

  /// A province with no unit below it at all (a registry being started): the area sheet has no
  /// rows to add up, and export still writes the workbooks.
  @Test func aProvinceWithoutUnitsIsExported() throws {
    let workspace = try TestWorkspace(registry: "ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den\n99,Tỉnh Trống,tinh,,,\n")
    try workspace.runThroughRollup(Self.h1, today: CalendarDay(iso: "2024-07-01")!)
    _ = try workspace.pipeline(today: CalendarDay(iso: "2024-07-01")!).export(Self.h1)
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(book.value("Theo địa bàn", "A4") == .text("99"))
  }

  /// libxlsxwriter's temporary files and the unfinished workbook are made in `outputs/.tmp/`: the
  /// reports folder only ever holds finished files.
  @Test func nothingButFinishedFilesAppearsInTheReportsFolder() throws {
    let (workspace, _, _) = try exported()
    let folder = workspace.url("outputs/reports/2024-H1").path
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names == ["BaoCao-BDG-2024-H1-Bo.xlsx", "BaoCao-BDG-2024-H1-Tinh.xlsx", "KiemTra-2024-H1.csv", "KiemTra-2024-H1.xlsx", "phan-hoi"])
    #expect((try? FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/.tmp").path)) ?? [] == [])
  }

  /// The message names the earliest stage whose files are missing.
  @Test func exportBeforeRollupSaysWhatToRun() throws {
    let workspace = try TestWorkspace()
    let nothingRun = #expect(throws: TonghopError.self) { try workspace.pipeline.export(Self.h1) }
    #expect(nothingRun?.message.contains("tonghop validate --period 2024-H1") == true)
    try workspace.submitSmallFirstHalf()
    _ = try workspace.pipeline.ingest()
    _ = try workspace.pipeline.validate(Self.h1)
    let error = #expect(throws: TonghopError.self) { try workspace.pipeline.export(Self.h1) }
    #expect(error?.message.contains("tonghop rollup --period 2024-H1") == true)
    #expect(error?.exitCode == 2)
    #expect(!FileManager.default.fileExists(atPath: workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx").path))
  }
}

/// The report as a Vietnamese official reads it on paper: labels and units, not internal codes.
@Suite struct ReportPresentationTests {
  @Test func thePrintedReportSpeaksTheOfficialsLanguage() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let period = Period(year: 2024, kind: .firstHalf)
    try workspace.runThroughRollup(period, today: CalendarDay(iso: "2024-07-01")!)
    _ = try workspace.pipeline(today: CalendarDay(iso: "2024-07-01")!).export(period)
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    let summary = book.cells["Tổng hợp"] ?? [:]
    let texts = summary.values.compactMap { if case .text(let text) = $0[0] { text } else { nil } }
    // The closing of an administrative report: "Nơi nhận:" and the head of the issuing body.
    #expect(texts.contains("Nơi nhận:"))
    #expect(texts.contains("- Như trên;") && texts.contains { $0.hasPrefix("- Lưu: VT, ") })
    #expect(texts.contains("(Ký, ghi rõ họ tên, đóng dấu)"))
    #expect(!texts.contains("NGƯỜI LẬP BIỂU"))
    #expect(texts.contains { $0.allSatisfy { $0 == "\u{2500}" } && !$0.isEmpty })
    // Each count with its own unit.
    for (code, unit) in [("TS_cuoc_tt", "cuộc"), ("TS_luot_nu", "lượt người"), ("TS_tin_q1", "tin/bài"), ("TS_kp_nsnn", "nghìn đồng")] {
      let row = try #require(summary.first { $0.value.first == .text(code) }?.key.dropFirst())
      #expect(book.value("Tổng hợp", "D\(row)") == .text(unit), "\(code)")
    }
    #expect(!texts.contains("số"))
    // Severities in words; element headers as labels, without their codes.
    let severities = (book.cells["Kiểm tra"] ?? [:]).filter { $0.key.hasPrefix("F") && $0.key != "F3" }.compactMap {
      if case .text(let word) = $0.value[0] { word } else { nil }
    }
    #expect(!severities.isEmpty && Set(severities).isSubset(of: ["Lỗi", "Cảnh báo", "Thông tin"]), "\(severities)")
    let header = (book.cells["Cấp xã"] ?? [:]).filter { $0.key.hasSuffix("3") && $0.key.count == 2 }.compactMap {
      if case .text(let text) = $0.value[0] { text } else { nil }
    }
    #expect(header.contains("Số cuộc truyền thông về BĐG đã tổ chức (cuộc)"))
    #expect(!header.contains { $0.contains("cuoc_tt") || $0.contains("luot_") })
    #expect(UnitType.baoChi.label == "Cơ quan báo chí, truyền thông")
  }
}
