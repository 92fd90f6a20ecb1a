import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

@Suite struct XLSXWorkbookTests {
  private let properties = DocumentProperties(title: "t", author: "a", created: CalendarDay(iso: "2025-06-14")!)

  @Test func aFailedWriteLeavesNeitherATemporaryFileNorATarget() throws {
    let workspace = try TestWorkspace()
    let target = workspace.url("outputs/book.xlsx")
    let error = #expect(throws: TonghopError.self) {
      try XLSXWorkbook.write(to: target, scratch: workspace.url("scratch"), properties: properties) { book throws(TonghopError) in
        let sheet = try book.addSheet("Một")
        try sheet.text(0, 0, "x")
        _ = try book.addSheet("một")  // Excel compares sheet names without case: refused
      }
    }
    #expect(error?.message.contains("một") == true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("scratch").path).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs").path).isEmpty)
  }

  @Test func anEarlierWorkbookSurvivesAFailedRewrite() throws {
    let workspace = try TestWorkspace()
    let target = workspace.url("outputs/book.xlsx")
    try XLSXWorkbook.write(to: target, scratch: workspace.url("scratch"), properties: properties) { book throws(TonghopError) in
      try book.addSheet("Một").text(0, 0, "cũ")
    }
    let before = try Data(contentsOf: target)
    _ = try? XLSXWorkbook.write(to: target, scratch: workspace.url("scratch"), properties: properties) { book throws(TonghopError) in
      try book.addSheet("Một").text(0, 0, "mới")
      throw TonghopError(.io, "disk full")
    }
    #expect(try Data(contentsOf: target) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("outputs").path) == ["book.xlsx"])
  }

  @Test func constantMemoryModeWritesRowsInOrderAndCentresInsteadOfMerging() throws {
    let workspace = try TestWorkspace()
    let target = workspace.url("outputs/large.xlsx")
    try XLSXWorkbook.write(to: target, scratch: workspace.url("scratch"), properties: properties, constantMemory: true) { book throws(TonghopError) in
      let sheet = try book.addSheet("Lớn")
      try sheet.merge(0, 0, 3, "TIÊU ĐỀ", CellStyle(bold: true))
      for row in 1...2_000 {
        try sheet.text(row, 0, "Đơn vị \(row)", .cell)
        try sheet.number(row, 1, Double(row), .count)
      }
      // A row above one already written is refused in this mode, and said so.
      #expect(throws: TonghopError.self) { try sheet.text(5, 0, "late") }
    }
    let book = try ReadBackWorkbook.read(target)
    #expect(book.value("Lớn", "A1") == .text("TIÊU ĐỀ"))
    #expect(book.value("Lớn", "B2001") == .number(2_000))
    #expect(book.value("Lớn", "A1000") == .text("Đơn vị 999"))
  }

  @Test func textIsMadeSafeForTheLibrary() {
    #expect(XLSXSheet.safe("a\0b") == "ab")
    #expect(XLSXSheet.safe("x_x000D_y") == "x_x005F_x000D_y")
    #expect(XLSXSheet.safe(String(repeating: "ạ", count: 40_000)).unicodeScalars.count == 32_767)
    #expect(XLSXSheet.columnName(0) == "A" && XLSXSheet.columnName(25) == "Z" && XLSXSheet.columnName(27) == "AB")
  }
}
