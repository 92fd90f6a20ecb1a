import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

@testable import TonghopCLI

/// Whole command lines: exit codes of outputs.md, the shipped sample end to end, reproducible reruns.
@Suite(.serialized) struct CommandLineTests {
  private func tonghop(_ workspace: TestWorkspace, _ arguments: String...) -> Int32 {
    TonghopCommand.execute(["--root", workspace.root.path, "--quiet"] + arguments)
  }

  @Test func badArgumentsExitWith2() throws {
    let workspace = try TestWorkspace()
    #expect(tonghop(workspace, "validate", "--period", "2024-H3") == 2)
    #expect(tonghop(workspace, "validate") == 2)
    #expect(tonghop(workspace, "--today", "15/01/2025", "ingest") == 2)
    #expect(tonghop(workspace, "--today", "2025-01-15", "ingest") == 0)
  }

  /// A file name may carry escape sequences that would repaint the officer's terminal: shown escaped.
  @Test func controlCharactersReachTheTerminalEscaped() {
    #expect(Output.printable("tệp\u{1B}[2J.csv") == "tệp\\x1B[2J.csv")
    #expect(Output.printable("a\u{9B}b\u{7F}") == "a\\x9Bb\\x7F")
    #expect(Output.printable("hai\ndòng\tcột") == "hai\ndòng\tcột")
    #expect(Output.printable("x\ry") == "x\\x0Dy")
    #expect(StatusText.oneLine("Xã\nGiả") == "Xã\\x0AGiả")
  }

  @Test func aBrokenRegistryExitsWith2() throws {
    let workspace = try TestWorkspace(registry: TestWorkspace.smallRegistry + "777,Lạ,quan,99,,\n")
    #expect(tonghop(workspace, "run", "--period", "2024-H1") == 2)
  }

  @Test func aHeldLockExitsWith75() throws {
    let workspace = try TestWorkspace()
    let lock = try RunLock(Workspace(root: workspace.root))
    #expect(tonghop(workspace, "ingest") == 75)
    withExtendedLifetime(lock) {}
  }

  @Test func aStageRunBeforeItsInputExistsExitsWith2() throws {
    let workspace = try TestWorkspace()
    #expect(tonghop(workspace, "rollup", "--period", "2024-H1") == 2)
  }

  @Test func stagesRunOneByOneGiveTheSameFilesAsRun() throws {
    let byStage = try TestWorkspace()
    let together = try TestWorkspace()
    for workspace in [byStage, together] { try workspace.submitSmallFirstHalf() }
    let today = "2024-07-01"
    #expect(tonghop(byStage, "--today", today, "ingest") == 0)
    #expect(tonghop(byStage, "--today", today, "validate", "--period", "2024-H1") == 0)
    #expect(tonghop(byStage, "--today", today, "rollup", "--period", "2024-H1") == 0)
    #expect(tonghop(byStage, "--today", today, "export", "--period", "2024-H1") == 0)
    #expect(tonghop(together, "--today", today, "run", "--period", "2024-H1") == 0)
    for file in [StageFile.issues, StageFile.accepted, StageFile.earliest, StageFile.indicators, StageFile.progress] {
      #expect(try byStage.read("outputs/staging/2024-H1/\(file)") == together.read("outputs/staging/2024-H1/\(file)"))
    }
  }

  @Test func theShippedSampleRunsAndRerunsByteForByte() throws {
    let workspace = try TestWorkspace.sample()
    let stageFiles = [StageFile.issues, StageFile.accepted, StageFile.earliest, StageFile.indicators, StageFile.progress]
    func snapshot() throws -> [String] {
      try stageFiles.map { try workspace.read("outputs/staging/2024-H1/\($0)") }
    }
    #expect(tonghop(workspace, "run", "--period", "2024-H1", "--today", "2024-07-01") == 0)
    let first = try snapshot()
    #expect(tonghop(workspace, "run", "--period", "2024-H1", "--today", "2024-07-01") == 0)
    #expect(try snapshot() == first)
    let fresh = try TestWorkspace.sample()
    #expect(tonghop(fresh, "run", "--period", "2024-H1", "--today", "2024-07-01") == 0)
    #expect(try stageFiles.map { try fresh.read("outputs/staging/2024-H1/\($0)") } == first)
    // Two clean runs in two folders give the same workbooks, byte for byte.
    let books = ["BaoCao-BDG-2024-H1-Tinh.xlsx", "BaoCao-BDG-2024-H1-Bo.xlsx"]
    let hashes = try books.map { try FileDigest.sha256(of: workspace.url("outputs/reports/2024-H1/\($0)")) }
    let again = try books.map { try FileDigest.sha256(of: fresh.url("outputs/reports/2024-H1/\($0)")) }
    #expect(hashes == again)
    ReliabilityReport.record("bytes: \(books.count) workbooks, SHA-256 identical across 2 clean runs: \(hashes == again ? "yes" : "no")")

    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-H1/BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(book.sheets.first == "Tổng hợp")
    let province = try workspace.stage("2024-H1", StageFile.indicators).filter { $0["ma_don_vi"] == "37" }
    let ct1 = province.first { $0["chi_tieu"] == "CT1" }!
    #expect(book.value("Tổng hợp", "B12") == .text("CT1"))
    #expect(book.value("Tổng hợp", "E12") == .number(Double(ct1["tu_so"]!)!))
    #expect(book.value("Tổng hợp", "F12") == .number(Double(ct1["mau_so"]!)!))
    // Eight districts, the units directly under the province, then the province.
    #expect(book.value("Theo địa bàn", "A4") == .text("369"))
    #expect(book.value("Theo địa bàn", "B12") == .text("Cấp tỉnh (đơn vị trực thuộc tỉnh)"))
    #expect(book.value("Theo địa bàn", "A13") == .text("37"))
  }

  @Test func anotherProvinceWithoutDistrictsIsServedBySwappingRegistryAndConfig() throws {
    let workspace = try TestWorkspace(
      registry: """
        ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den
        50,Tỉnh Hai Cấp,tinh,,,
        50001,Phường Một,xa,50,,
        50002,Xã Hai,xa,50,,
        TH1,Trường Tiểu học Một,truong,50001,,
        SVH,Sở Văn hóa,so_nganh,50,,

        """)
    try workspace.write(
      "inputs/config.toml",
      """
      ten_tinh = "Hai Cấp"
      [ky_bao_cao]
      che_do = "lich"
      han_ca_nam = "15/01"
      [[co_quan]]
      tu_ngay = 2020-01-01
      ten = "SỞ NỘI VỤ"
      viet_tat = "SNV"
      bo = "Bộ Nội vụ"

      """)
    try workspace.submit(
      "bao-cao.csv",
      """
      ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,luot_gv_nv,luot_hs_nam,luot_hs_nu,tin_q1,tin_q2,tin_q3,tin_q4,huong_uoc,huong_uoc_bdg,kh_thang_hd
      50001,2025-Y,10/01/2026,2,5,5,,,,2,2,2,2,4,4,1
      50002,2025-Y,20/01/2026,1,5,5,,,,2,2,2,1,6,5,1
      TH1,2025-Y,05/01/2026,3,,,10,20,20,,,,,,,

      """)
    #expect(tonghop(workspace, "--today", "2026-02-01", "run", "--period", "2025-Y") == 0)
    let rows = try workspace.stage("2025-Y", StageFile.indicators)
    func value(_ node: String, _ code: String) -> String? {
      rows.first { $0["ma_don_vi"] == node && $0["chi_tieu"] == code }?["gia_tri"]
    }
    #expect(Set(rows.map { $0["ma_don_vi"]! }) == ["50", "50001", "50002"])
    #expect(value("50", "CT1") == "0.333333")  // 50001 only; 50002 held 1 session; SVH did not report
    #expect(value("50001", "CT5") == "1.000000")  // the school counts in its ward
    #expect(value("50", "CT6") == "0.900000")
    #expect(value("50", "DUNG_HAN_tat_ca") == "0.500000")  // calendar regime, deadline 15 January
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/2025-Y/BaoCao-BDG-2025-Y-Tinh.xlsx"))
    #expect(book.value("Tổng hợp", "A1") == .text("UBND TỈNH HAI CẤP"))
    #expect(book.value("Tổng hợp", "A2") == .text("SỞ NỘI VỤ"))
  }

  @Test func theSampleCoversTheReorganisations() throws {
    let workspace = try TestWorkspace.sample()
    #expect(tonghop(workspace, "run", "--period", "2024-Y", "2025-H1", "2025-Y", "--today", "2026-01-15") == 0)
    func areas(_ period: String) throws -> Int {
      Set(try workspace.stage(period, StageFile.indicators).map { $0["ma_don_vi"]! }).count - 1
    }
    #expect(try areas("2024-Y") == 8)
    #expect(try areas("2025-H1") == 7)
    #expect(try areas("2025-Y") == 129)
    let h1 = try ReadBackWorkbook.read(workspace.url("outputs/reports/2025-H1/BaoCao-BDG-2025-H1-Tinh.xlsx"))
    #expect(h1.value("Tổng hợp", "A2") == .text("SỞ NỘI VỤ"))
    let y2024 = try ReadBackWorkbook.read(workspace.url("outputs/reports/2024-Y/BaoCao-BDG-2024-Y-Bo.xlsx"))
    #expect(y2024.value("Tổng hợp", "A8") == .text("Kính gửi: Bộ Lao động - Thương binh và Xã hội"))
  }

  @Test func theReviewWorkbookShowsEachYearOnTodaysAreas() throws {
    let workspace = try TestWorkspace.sample()
    // 2023 run but without a single valid report: no data, an empty column, never 0%.
    #expect(tonghop(workspace, "run", "--period", "2023-Y", "2024-Y", "2025-Y", "--today", "2026-01-15") == 0)
    #expect(try workspace.stage("2023-Y", StageFile.accepted).isEmpty)
    #expect(tonghop(workspace, "export", "--xu-huong", "2023-Y..2025-Y") == 0)
    #expect(tonghop(workspace, "export", "--xu-huong", "2025-Y..2023-Y") == 2)
    #expect(tonghop(workspace, "export", "--period", "2025-Y", "--xu-huong", "2023-Y..2025-Y") == 2)
    let book = try ReadBackWorkbook.read(workspace.url("outputs/reports/BaoCao-BDG-XuHuong-2023-2025.xlsx"))
    #expect(book.sheets == ["Xu hướng", "Theo địa bàn"])
    #expect(book.charts["Xu hướng"] == 1)
    #expect((["C3", "D3", "E3"]).map { book.value("Xu hướng", $0) } == [.text("Năm 2023"), .text("Năm 2024 (*)"), .text("Năm 2025")])
    for (offset, indicator) in Indicators.plan.enumerated() {
      let row = 4 + offset
      #expect(book.value("Xu hướng", "A\(row)") == .text(indicator.code))
      #expect(book.value("Xu hướng", "C\(row)") == nil)  // 2023 has no data
      for (column, year) in [("D", "2024-Y"), ("E", "2025-Y")] {
        let staged = try workspace.stage(year, StageFile.indicators).first { $0["ma_don_vi"] == "37" && $0["chi_tieu"] == indicator.code }
        let expected = Double(staged?["gia_tri"] ?? "")
        if case .number(let shown) = book.value("Xu hướng", "\(column)\(row)"), let expected {
          #expect(abs(shown - expected) < 5e-7, "\(indicator.code) \(year)")
        } else {
          #expect(expected == nil && book.value("Xu hướng", "\(column)\(row)") == nil, "\(indicator.code) \(year)")
        }
      }
    }
    let notes = (book.cells["Xu hướng"] ?? [:]).values.compactMap { if case .text(let t) = $0[0] { t } else { nil } }
    #expect(notes.contains { $0.hasPrefix("(*) Số liệu năm này được quy đổi theo địa bàn hành chính ngày 14/12/2025") })
    #expect(notes.contains("Chưa có số liệu đã kiểm tra cho năm 2023."))
    // The 2024 figures by area are those of the 129 communes of 2025, restated.
    #expect(FileManager.default.fileExists(atPath: workspace.url("outputs/staging/2024-Y/chi-tieu-theo-2025-12-14.csv").path))
  }

  @Test(.enabled(if: CommandLineTests.libreOffice != nil, "LibreOffice (soffice) is not installed: scripts/render-pages installs it"))
  func libreOfficeOpensEveryWorkbook() throws {
    let workspace = try TestWorkspace.sample()
    #expect(tonghop(workspace, "run", "--period", "2025-H1", "--today", "2026-01-15") == 0)
    // A signed version, then a late correction: the signed copies and the comparison workbook too.
    #expect(tonghop(workspace, "sign", "--period", "2025-H1", "--so", "15/BC-SNV", "--today", "2026-01-15") == 0)
    try workspace.submit(
      "2025-H1/muon/14386.csv",
      "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n14386,2025-H1,2025-07-01,3,104,50,2,2,14,14\n")
    #expect(tonghop(workspace, "run", "--period", "2025-H1", "--today", "2026-01-15") == 0)
    let reports = workspace.url("outputs/reports/2025-H1")
    let signed = workspace.url("outputs/chot/2025-H1/lan-1")
    let books = [
      (reports, "BaoCao-BDG-2025-H1-Tinh"), (reports, "BaoCao-BDG-2025-H1-Bo"), (reports, "DoiChieu-2025-H1"),
      (signed, "BaoCao-BDG-2025-H1-Tinh"), (signed, "BaoCao-BDG-2025-H1-Bo"),
    ]
    for (index, (folder, book)) in books.enumerated() {
      let out = workspace.url("pdf-\(index)")
      let converted = try Subprocess.run(
        URL(fileURLWithPath: CommandLineTests.libreOffice!),
        ["--headless", "--convert-to", "pdf", "--outdir", out.path, folder.appendingPathComponent("\(book).xlsx").path],
        environment: ["HOME": workspace.root.path])
      #expect(converted.status == 0, "\(converted.errors)")
      let pdf = try Data(contentsOf: out.appendingPathComponent("\(book).pdf"))
      #expect(pdf.starts(with: Array("%PDF".utf8)) && pdf.count > 10_000, "\(folder.path)/\(book)")
    }
  }

  static let libreOffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test func theSampleHasTheExpectedShape() throws {
    let workspace = try TestWorkspace.sample()
    #expect(tonghop(workspace, "run", "--period", "2024-H1", "2024-Y", "--today", "2025-01-15") == 0)
    for period in ["2024-H1", "2024-Y"] {
      let progress = try workspace.stage(period, StageFile.progress)
      let statuses = Set(progress.map { $0["trang_thai"]! })
      #expect(statuses == ["dung_han", "tre_han", "loi", "chua_nop"])
      let codes = Set(try workspace.stage(period, StageFile.issues).map { $0["ma_loi"]! })
      #expect(codes.isSuperset(of: ["T05", "T09", "D01", "D06", "D07", "D08", "D12", "D16"]))
    }
  }
}
