import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// Signed numbers never move; every later change is shown against them with its cause.
@Suite struct SigningTests {
  static let today = CalendarDay(iso: "2025-01-15")!
  static let period = Period(year: 2024, kind: .firstHalf)

  /// SHA-256 of every file of a folder, by name.
  private func hashes(_ folder: URL) throws -> [String: String] {
    var hashes: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      hashes[name] = try FileDigest.sha256(of: folder.appendingPathComponent(name))
    }
    return hashes
  }

  /// `chi-tieu.csv` as (node, indicator) → "tu_so mau_so gia_tri".
  private func indicators(_ url: URL) throws -> [String: String] {
    let records = try CSVReader.records(in: Array(try Data(contentsOf: url)))
    return Dictionary(uniqueKeysWithValues: records.dropFirst().map { ("\($0.fields[1]) \($0.fields[2])", $0.fields[3...5].joined(separator: " ")) })
  }

  /// A later report of `unit` with one more woman attending: the same values otherwise.
  private func correction(of unit: String, in workspace: TestWorkspace) throws -> String {
    let row = try #require(try workspace.stage(Self.period.code, StageFile.accepted).first { $0["ma_don_vi"] == unit })
    let columns = ["ma_don_vi", "ky_bao_cao", "ngay_lap"] + DataDictionary.elements.map(\.code).filter { !(row[$0] ?? "").isEmpty }
    var values = columns.map { row[$0]! }
    values[2] = "2024-07-02"
    let women = try #require(columns.firstIndex(of: "luot_nu"))
    values[women] = String(Int(values[women])! + 7)
    return columns.joined(separator: ",") + "\n" + values.joined(separator: ",") + "\n"
  }

  @Test func aLateCorrectionLeavesTheSignedFolderAsItWasAndIsShownAgainstIt() throws {
    let workspace = try TestWorkspace.sample()
    let pipeline = try workspace.pipeline(today: Self.today)
    _ = try pipeline.ingest()
    _ = try pipeline.run(Self.period)
    let signing = try pipeline.sign(Self.period, number: "15/BC-SNV", date: CalendarDay(iso: "2024-07-20"))
    #expect(signing.version == 1)
    let signed = workspace.url("outputs/chot/2024-H1/lan-1")
    let before = try hashes(signed)
    #expect(Set(before.keys).isSuperset(of: ["BaoCao-BDG-2024-H1-Tinh.xlsx", "BaoCao-BDG-2024-H1-Bo.xlsx", "KiemTra-2024-H1.csv", "danh-sach.csv", "chi-tieu.csv", "hop-le.csv"]))
    let signedBook = try ReadBackWorkbook.read(signed.appendingPathComponent("BaoCao-BDG-2024-H1-Tinh.xlsx"))
    #expect(signedBook.value("Tổng hợp", "A4") == .text("Số: 15/BC-SNV"))
    #expect(signedBook.value("Tổng hợp", "D4") == .text("Ninh Bình, ngày 20 tháng 07 năm 2024"))
    #expect(signedBook.value("Tổng hợp", "A5") == .text("BÁO CÁO"))
    let working = workspace.url("outputs/reports/2024-H1")
    #expect(try ReadBackWorkbook.read(working.appendingPathComponent("BaoCao-BDG-2024-H1-Tinh.xlsx")).value("Tổng hợp", "A9")
      == .text("Số liệu đã chốt ngày 20/07/2024 (số 15/BC-SNV); bản này giống bản đã chốt, không có số liệu nào thay đổi."))
    #expect(access(working.appendingPathComponent("DoiChieu-2024-H1.xlsx").path, F_OK) != 0)

    // A commune's correction arrives after the signing.
    try workspace.submit("2024-H1/sua-sau-chot/14383.csv", try correction(of: "14383", in: workspace))
    _ = try pipeline.ingest()
    guard case .done = try pipeline.run(Self.period) else { Issue.record("the correction changed nothing"); return }
    #expect(try hashes(signed) == before)

    // Exactly the pairs whose numbers moved, worked out here from the two chi-tieu.csv.
    let old = try indicators(signed.appendingPathComponent("chi-tieu.csv"))
    let now = try indicators(workspace.url("outputs/staging/2024-H1/chi-tieu.csv"))
    let changed = Set(old.keys.filter { old[$0] != now[$0] })
    #expect(!changed.isEmpty)
    let book = try ReadBackWorkbook.read(working.appendingPathComponent("DoiChieu-2024-H1.xlsx"))
    #expect(book.sheets == ["Chỉ tiêu", "Đơn vị", "Tệp"])
    var listed = Set<String>()
    var row = 5
    while case .text(let node) = book.value("Chỉ tiêu", "B\(row)"), case .text(let code) = book.value("Chỉ tiêu", "D\(row)") {
      listed.insert("\(node) \(code)")
      row += 1
    }
    #expect(listed == changed)
    #expect(book.value("Đơn vị", "B5") == .text("14383"))
    #expect(book.value("Đơn vị", "I5") == .text("2024-H1/sua-sau-chot/14383.csv"))
    #expect(book.value("Tệp", "B5") == .text("Nhận sau khi chốt"))
    #expect(book.value("Tệp", "C5") == .text("2024-H1/sua-sau-chot/14383.csv"))
    #expect(book.value("Tệp", "C6") == nil)
    #expect(try ReadBackWorkbook.read(working.appendingPathComponent("BaoCao-BDG-2024-H1-Tinh.xlsx")).value("Tổng hợp", "A9")
      == .text("Số liệu đã chốt ngày 20/07/2024 (số 15/BC-SNV); bản này có \(changed.count) thay đổi so với bản đã chốt — xem DoiChieu-2024-H1.xlsx."))
    #expect(signing.differs(from: Workspace(root: workspace.root)))

    // The second signing is the revision; the first stays as it was.
    let revision = try pipeline.sign(Self.period, number: "20/BC-SNV", date: CalendarDay(iso: "2024-08-01"))
    #expect(revision.version == 2)
    let revised = try ReadBackWorkbook.read(workspace.url("outputs/chot/2024-H1/lan-2/BaoCao-BDG-2024-H1-Bo.xlsx"))
    #expect(revised.value("Tổng hợp", "A5") == .text("BÁO CÁO ĐIỀU CHỈNH LẦN 1"))
    #expect(revised.value("Tổng hợp", "A4") == .text("Số: 20/BC-SNV"))
    #expect(revised.value("Tổng hợp", "A9") == .text("(Điều chỉnh Báo cáo số 15/BC-SNV ngày 20/07/2024)"))
    #expect(try hashes(signed) == before)
    #expect(access(working.appendingPathComponent("DoiChieu-2024-H1.xlsx").path, F_OK) != 0)
    #expect(try ReadBackWorkbook.read(working.appendingPathComponent("BaoCao-BDG-2024-H1-Tinh.xlsx")).value("Tổng hợp", "A9")
      == .text("Số liệu đã chốt lần 2 ngày 01/08/2024 (số 20/BC-SNV); bản này giống bản đã chốt, không có số liệu nào thay đổi."))
    #expect(try Workspace(root: workspace.root).openLedger().signings(of: Self.period).map(\.number) == ["15/BC-SNV", "20/BC-SNV"])

    // Every signed file is read-only and listed with its hash; the submissions that count follow.
    let list = try CSVReader.records(in: Array(try Data(contentsOf: signed.appendingPathComponent("danh-sach.csv")))).dropFirst()
    for record in list where !record.fields[0].hasSuffix(".csv") || record.fields[0].count < 64 {
      #expect(before[record.fields[0]] == record.fields[1], "\(record.fields[0])")
    }
    let counted = Set(
      try CSVReader.records(in: Array(try Data(contentsOf: signed.appendingPathComponent("hop-le.csv")))).dropFirst().map { $0.fields[3] })
    #expect(list.count == before.count - 1 + counted.count)
    var info = stat()
    stat(signed.appendingPathComponent("hop-le.csv").path, &info)
    #expect(info.st_mode & 0o222 == 0)
    let report = try ArchiveVerification(workspace: Workspace(root: workspace.root), ledger: try Workspace(root: workspace.root).openLedger()).run()
    #expect(report.isSound, "\(report.problems)")
    // lan-2 also lists the correction.
    #expect(report.signedFilesChecked == 2 * (before.count - 1) + 2 * counted.count + 1)
  }

  @Test func aPeriodThatARunWouldChangeIsNotSigned() throws {
    let workspace = try TestWorkspace.sample()
    let pipeline = try workspace.pipeline(today: Self.today)
    #expect(throws: TonghopError.self) { _ = try pipeline.sign(Self.period, number: "15/BC-SNV", date: nil) }
    _ = try pipeline.ingest()
    _ = try pipeline.run(Self.period)
    // A file waiting in the drop zone, a registry edited: the outputs are no longer what a run would write.
    try workspace.submit("2024-H1/muon/14383.csv", try correction(of: "14383", in: workspace))
    do {
      _ = try pipeline.sign(Self.period, number: "15/BC-SNV", date: nil)
      Issue.record("signed outputs that a run would change")
    } catch {
      #expect(error.exitCode == 2)
      #expect(error.message.contains("tonghop run --period 2024-H1"))
      #expect(error.message.contains("vừa nhận 1 tệp mới"))
    }
    _ = try pipeline.run(Self.period)
    try workspace.write("inputs/registry/don-vi.csv", try workspace.read("inputs/registry/don-vi.csv") + "\n")
    #expect(throws: TonghopError.self) { _ = try pipeline.sign(Self.period, number: "15/BC-SNV", date: nil) }
    #expect(throws: TonghopError.self) { _ = try pipeline.sign(Self.period, number: "  ", date: nil) }
    _ = try pipeline.run(Self.period)

    // A stage file edited by hand, its size and mtime kept: the signed copy would carry a number no
    // submission supports.
    let staged = workspace.url("outputs/staging/2024-H1/chi-tieu.csv")
    var info = stat()
    stat(staged.path, &info)
    let text = try workspace.read("outputs/staging/2024-H1/chi-tieu.csv")
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("2024-H1,37,TS_cuoc_tt,") })
    let digit = try #require(line.last)
    let edited = line.dropLast() + String(digit == "1" ? "2" : "1")
    try workspace.write("outputs/staging/2024-H1/chi-tieu.csv", text.replacingOccurrences(of: String(line), with: String(edited)))
    var times = [info.st_atim, info.st_mtim]
    utimensat(AT_FDCWD, staged.path, &times, 0)
    #expect(throws: TonghopError.self) { _ = try pipeline.sign(Self.period, number: "15/BC-SNV", date: nil) }

    // Dates and numbers that make no sense.
    _ = try pipeline.ingest()
    try FileManager.default.removeItem(at: workspace.url("outputs/staging/2024-H1/van-tay.txt"))
    _ = try pipeline.run(Self.period)
    for (date, reason) in [("2025-02-01", "sau ngày hôm nay"), ("2023-12-01", "trước ngày bắt đầu kỳ")] {
      do {
        _ = try pipeline.sign(Self.period, number: "15/BC-SNV", date: CalendarDay(iso: date))
        Issue.record("signed on \(date)")
      } catch {
        #expect(error.message.contains(reason), "\(error.message)")
      }
    }
    #expect(try Workspace(root: workspace.root).openLedger().signings(of: Self.period).isEmpty)
    #expect(access(workspace.url("outputs/chot").path, F_OK) != 0)
    _ = try pipeline.sign(Self.period, number: "15/BC-SNV", date: CalendarDay(iso: "2024-07-20"))
    // A revision with nothing changed, a number used before, a date before the first signing.
    for (number, date, reason) in [
      ("16/BC-SNV", "2024-08-01", "không thay đổi so với bản đã chốt lần 1"),
    ] {
      do {
        _ = try pipeline.sign(Self.period, number: number, date: CalendarDay(iso: date))
        Issue.record("signed \(number)")
      } catch {
        #expect(error.message.contains(reason), "\(error.message)")
      }
    }
    try workspace.submit("2024-H1/muon/14383.csv", try correction(of: "14383", in: workspace))
    _ = try pipeline.ingest()
    _ = try pipeline.run(Self.period)
    for (number, date, reason) in [
      ("15/BC-SNV", "2024-08-01", "đã dùng cho lần chốt kỳ 2024-H1 lần 1"), ("16/BC-SNV", "2024-07-01", "trước ngày chốt lần 1"),
    ] {
      do {
        _ = try pipeline.sign(Self.period, number: number, date: CalendarDay(iso: date))
        Issue.record("signed \(number) on \(date)")
      } catch {
        #expect(error.exitCode == 2)
        #expect(error.message.contains(reason), "\(error.message)")
      }
    }
    #expect(try Workspace(root: workspace.root).openLedger().signings(of: Self.period).count == 1)
  }

  /// `explain --csv`: the contributions of the units add up exactly to every node's `tu_so` and
  /// `mau_so` in `chi-tieu.csv`, for every indicator of every period of the shipped sample.
  @Test func explainedContributionsAddUpToEveryNodeAndIndicator() throws {
    let workspace = try TestWorkspace.sample()
    let pipeline = try workspace.pipeline(today: CalendarDay(iso: "2026-02-20")!)
    _ = try pipeline.ingest()
    var checked = 0
    for code in ["2024-H1", "2024-Y", "2025-H1", "2025-Y"] {
      let period = Period(code: code)!
      _ = try pipeline.run(period)
      let values = try indicators(workspace.url("outputs/staging/\(code)/chi-tieu.csv"))
      for node in try workspace.stage(code, StageFile.areas).map({ $0["ma_don_vi"]! }) {
        let explanation = try Explanation(workspace: pipeline.workspace, config: pipeline.config, period: period, code: node, indicator: nil)
        let records = try CSVReader.records(in: Array(explanation.csv.utf8))
        #expect(records.first?.fields == Explanation.csvHeader)
        var sums: [String: (Int64, Int64, Bool)] = [:]
        for record in records.dropFirst() {
          let (numerator, denominator) = (Int64(record.fields[7]), Int64(record.fields[8]))
          let sum = sums[record.fields[6], default: (0, 0, false)]
          sums[record.fields[6]] = (sum.0 + (numerator ?? 0), sum.1 + (denominator ?? 0), sum.2 || numerator != nil)
        }
        for definition in Indicators.all {
          let parts = try #require(values["\(node) \(definition.code)"]).split(separator: " ", omittingEmptySubsequences: false)
          let sum = sums[definition.code] ?? (0, 0, false)
          #expect(Int64(parts[0]) ?? 0 == sum.0, "\(code) \(node) \(definition.code)")
          #expect(Int64(parts[1]) ?? 0 == sum.1, "\(code) \(node) \(definition.code)")
          #expect(parts[0].isEmpty == !sum.2, "\(code) \(node) \(definition.code)")
          checked += 1
        }
        #expect(records.count - 1 == explanation.members.count * Indicators.all.count)
      }
    }
    #expect(checked > 5_000)
    ReliabilityReport.record("explain --csv: \(checked) (period, node, indicator) sums equal to chi-tieu.csv")
  }

  @Test func explainNamesTheRowsThatCountAndThoseSetAside() throws {
    let workspace = try TestWorkspace()
    try workspace.submitSmallFirstHalf()
    let pipeline = try workspace.pipeline
    _ = try pipeline.ingest()
    _ = try pipeline.run(Self.period)
    let explanation = try Explanation(workspace: pipeline.workspace, config: pipeline.config, period: Self.period, code: "901", indicator: "CT1")
    #expect(explanation.members.map(\.code) == ["901", "90101", "90102", "BCA", "TRA"])
    let text = explanation.text
    #expect(text.contains("Chỉ tiêu CT1"))
    #expect(text.contains("cuoc_tt"))
    #expect(explanation.setAside.isEmpty)
    // In the province: the district's rejected row and the department's superseded one.
    let province = try Explanation(workspace: pipeline.workspace, config: pipeline.config, period: Self.period, code: "99", indicator: nil)
    #expect(province.setAside.map { "\($0.unit) \($0.file) \($0.codes)" } == ["902 huyen.csv [\"D06\"]", "SN1 sn1_x0041_.csv [\"D16\"]"])
    #expect(province.text.contains("SN1  sn1_x0041_.csv, dòng 2: D16"))
    #expect(throws: TonghopError.self) {
      _ = try Explanation(workspace: pipeline.workspace, config: pipeline.config, period: Self.period, code: "KHONG", indicator: nil)
    }
    #expect(throws: TonghopError.self) {
      _ = try Explanation(workspace: pipeline.workspace, config: pipeline.config, period: Self.period, code: "901", indicator: "CT9")
    }
    let unit = try Explanation(workspace: pipeline.workspace, config: pipeline.config, period: Self.period, code: "90101", indicator: "NOP_xa")
    #expect(unit.members.count == 1)
    #expect(unit.values["NOP_xa"]?.numerator == 1 && unit.values["NOP_xa"]?.denominator == 1)
  }
}
