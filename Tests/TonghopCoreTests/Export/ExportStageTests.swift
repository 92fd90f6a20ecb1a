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
    try workspace.runThroughRollup(Self.h1, today: CalendarDay(iso: "2024-07-01")!)
    _ = try workspace.pipeline(today: CalendarDay(iso: "2024-07-01")!).export(Self.h1)
    let folder = "outputs/reports/2024-H1/"
    return (
      workspace, try ReadBackWorkbook.read(workspace.url(folder + "BaoCao-BDG-2024-H1-Tinh.xlsx")),
      try ReadBackWorkbook.read(workspace.url(folder + "BaoCao-BDG-2024-H1-Bo.xlsx"))
    )
  }

  private func number(_ value: ReadBackWorkbook.Value?) -> Double? {
    if case .number(let n) = value { return n }
    return nil
  }

  @Test func provinceWorkbookHasTheSheetsInOrderAndTheOfficialHeader() throws {
    let (_, book, ministry) = try exported()
    #expect(book.sheets == ["Tổng hợp", "Theo địa bàn", "Tiến độ nộp", "Kiểm tra"])
    #expect(ministry.sheets == ["Tổng hợp", "Theo địa bàn"])
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
    for (offset, indicator) in Indicators.targets.enumerated() {
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
    #expect(book.value(sheet, "I12") == .text("Chưa đạt"))  // CT1 3/7 against 100%
    #expect(book.value(sheet, "I13") == nil)  // CT2 not assessed in H1
    #expect(book.value(sheet, "I18") == .text("Đạt"))  // CT6 95.5% against 95%
    #expect(number(book.value(sheet, "H18")) == 0.95)
  }

  @Test func areaSheetHasOneRowPerAreaThenTheProvinceAndAChart() throws {
    let (_, book, _) = try exported()
    let sheet = "Theo địa bàn"
    #expect((3...7).map { book.value(sheet, "A\($0)") } == [.text("Mã"), .text("901"), .text("902"), .text("90300"), .text("99")])
    #expect(book.value(sheet, "C3").map { if case .text(let t) = $0 { t.hasPrefix("CT1 – ") } else { false } } == true)
    #expect(abs(number(book.value(sheet, "C4"))! - 2.0 / 3.0) < 1e-9)
    #expect(number(book.value(sheet, "C5")) == 0)
    #expect(abs(number(book.value(sheet, "C7"))! - 3.0 / 7.0) < 1e-9)
    #expect(book.value(sheet, "E5") == nil)  // CT3A: no media agency in Huyện B
    #expect(book.format(sheet, "C4") == .text("0.0%"))
    #expect(book.charts[sheet] == 1)
    #expect(book.freeze[sheet] == "C4")
  }

  @Test func textFromFileNamesStaysTextEvenWhenItLooksLikeAFormulaOrAnEscape() throws {
    let (_, book, _) = try exported()
    let cells = book.cells["Tiến độ nộp"] ?? [:]
    let names = cells.values.compactMap { cell -> String? in
      if case .text(let t) = cell[0] { return t }
      return nil
    }
    #expect(names.contains("=SUM(1).csv"))
    #expect(names.contains("sn1_x0041_.csv"))
    #expect(cells.keys.allSatisfy { !book.isFormula("Tiến độ nộp", $0) })
  }

  @Test func issueListAndFeedbackFilesAreWrittenForExcel() throws {
    let (workspace, _, _) = try exported()
    let list = try Data(contentsOf: workspace.url("outputs/reports/2024-H1/KiemTra-2024-H1.csv"))
    let staged = try Data(contentsOf: workspace.url("outputs/staging/2024-H1/kiem-tra.csv"))
    #expect(list == Data([0xEF, 0xBB, 0xBF]) + staged)
    let feedback = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/reports/2024-H1/phan-hoi").path)
    // 902 sent a rejected row, SN1's first report was superseded; the others have nothing to hear.
    #expect(feedback.sorted() == ["902.csv", "SN1.csv"])
    let district = try Data(contentsOf: workspace.url("outputs/reports/2024-H1/phan-hoi/902.csv"))
    #expect(district.starts(with: [0xEF, 0xBB, 0xBF]))
    let text = String(decoding: district.dropFirst(3), as: UTF8.self)
    #expect(text.hasPrefix(Issue.header.joined(separator: ",") + "\n"))
    #expect(text.contains("huyen.csv,3,cuoc_tt,902,2024-H1,loi,D06,Cột cuoc_tt: giá trị «abc» không phải số nguyên không âm."))
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
    #expect(try feedback(today: "2024-07-01") == ["902.csv", "90201.csv", "SN1.csv"])
    #expect(try feedback(today: "2024-07-10") == ["902.csv", "SN1.csv"])
    let folder = try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs/reports/2024-H1").path)
    #expect(!folder.contains { $0.hasPrefix(".") })
  }

  @Test func textThatExcelWouldRunIsPrefixedInCSVForPeople() {
    #expect(CSVWriter.inert("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
    #expect(CSVWriter.inert("+84 912") == "'+84 912")
    #expect(CSVWriter.inert("@SUM(A1)") == "'@SUM(A1)")
    #expect(CSVWriter.inert("-3") == "'-3")
    #expect(CSVWriter.inert("Cột cuoc_tt") == "Cột cuoc_tt")
    var writer = CSVWriter(header: ["a"], forSpreadsheet: true)
    writer.append(["=1+1"])
    #expect(writer.text == "\u{FEFF}a\n'=1+1\n")
  }

  @Test func exportBeforeRollupSaysWhatToRun() throws {
    let workspace = try TestWorkspace()
    let error = #expect(throws: TonghopError.self) { try workspace.pipeline.export(Self.h1) }
    #expect(error?.message.contains("tonghop rollup --period 2024-H1") == true)
    #expect(error?.exitCode == 2)
    #expect(!FileManager.default.fileExists(atPath: workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx").path))
  }
}
