import Foundation
import TonghopCore

/// A throwaway project folder: `inputs/registry/don-vi.csv`, a drop zone, and outputs.
public final class TestWorkspace {
  public let root: URL

  public init(registry: String = TestWorkspace.smallRegistry) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("tonghop-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("inputs/registry"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("inputs/submissions"), withIntermediateDirectories: true)
    try write("inputs/registry/don-vi.csv", registry)
  }

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  /// A province `99` with two districts, communes, a school, a department and media agencies:
  ///
  ///     99 Tỉnh Thử
  ///     ├── 901 Huyện A: 90101 Xã A1, 90102 Xã A2, TRA (school), BCA (media centre)
  ///     ├── 902 Huyện B: 90201 Xã B1
  ///     ├── SN1 (department), BC1 (newspaper)
  ///     └── 90300 Xã C (commune directly under the province, from 2024-01-01)
  public static let smallRegistry = """
    ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den
    99,Tỉnh Thử,tinh,,,
    901,Huyện A,huyen,99,,
    902,Huyện B,huyen,99,,
    90101,Xã A1,xa,901,,
    90102,Xã A2,xa,901,,
    90201,Xã B1,xa,902,,
    90300,Xã C,xa,99,2024-01-01,
    TRA,Trường Tiểu học A,truong,901,,
    BCA,Trung tâm Truyền thanh A,bao_chi,901,,
    SN1,Sở Một,so_nganh,99,,
    BC1,Báo Thử,bao_chi,99,,

    """

  public var pipeline: Pipeline { get throws { try pipeline(today: CalendarDay(iso: "2024-12-31")!) } }

  /// The pipeline as the commands build it, with `inputs/config.toml` when the test wrote one.
  public func pipeline(today: CalendarDay) throws -> Pipeline {
    try Pipeline.load(root: root, today: today)
  }

  public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  public func write(_ path: String, _ text: String) throws {
    try write(path, Data(text.utf8))
  }

  public func write(_ path: String, _ data: Data) throws {
    let url = url(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
  }

  /// A submission under `inputs/submissions/`.
  public func submit(_ name: String, _ text: String) throws {
    try write("inputs/submissions/\(name)", text)
  }

  public func read(_ path: String) throws -> String {
    try String(contentsOf: url(path), encoding: .utf8)
  }

  /// A stage file as rows of column → value.
  public func stage(_ period: String, _ file: String) throws -> [[String: String]] {
    let lines = try read("outputs/staging/\(period)/\(file)")
    let records = try CSVReader.records(in: Array(lines.utf8))
    guard let header = records.first?.fields else { return [] }
    return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
  }

  /// Ingest, validate and rollup one period.
  public func runThroughRollup(_ period: Period, today: CalendarDay = CalendarDay(iso: "2024-12-31")!) throws {
    let pipeline = try pipeline(today: today)
    _ = try pipeline.ingest()
    _ = try pipeline.validate(period)
    _ = try pipeline.rollup(period)
  }
}

extension TestWorkspace {
  /// A workspace with a copy of the shipped Ninh Bình registry, config and sample submissions.
  public static func sample() throws -> TestWorkspace {
    let workspace = try TestWorkspace()
    try FileManager.default.removeItem(at: workspace.url("inputs"))
    try FileManager.default.copyItem(at: repository.appendingPathComponent("inputs"), to: workspace.url("inputs"))
    return workspace
  }

  /// The checkout this test runs from: the shipped registry and sample live there.
  public static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// A workbook as openpyxl reads it (`Tests/Readback/read_workbook.py`).
public struct ReadBackWorkbook: Decodable {
  public enum Value: Decodable, Equatable {
    case number(Double)
    case text(String)
    case flag(Bool)
    public init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let bool = try? container.decode(Bool.self) {
        self = .flag(bool)
      } else if let number = try? container.decode(Double.self) {
        self = .number(number)
      } else {
        self = .text(try container.decode(String.self))
      }
    }
  }

  public let sheets: [String]
  /// Sheet → cell reference → [value, number format, font, is formula].
  public let cells: [String: [String: [Value]]]
  public let charts: [String: Int]
  public let freeze: [String: String?]
  public let title: String?
  public let author: String?

  public func value(_ sheet: String, _ cell: String) -> Value? { cells[sheet]?[cell]?.first }
  public func format(_ sheet: String, _ cell: String) -> Value? { cells[sheet]?[cell]?[1] }
  public func font(_ sheet: String, _ cell: String) -> Value? { cells[sheet]?[cell]?[2] }
  public func isFormula(_ sheet: String, _ cell: String) -> Bool { cells[sheet]?[cell]?[3] == .flag(true) }

  public static func read(_ url: URL) throws -> ReadBackWorkbook {
    let python = ProcessInfo.processInfo.environment["TONGHOP_PYTHON"] ?? "/usr/bin/python3"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [TestWorkspace.repository.appendingPathComponent("Tests/Readback/read_workbook.py").path, url.path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ReadBackError(message: String(decoding: message, as: UTF8.self))
    }
    return try JSONDecoder().decode(ReadBackWorkbook.self, from: data)
  }
}

public struct ReadBackError: Error, CustomStringConvertible {
  public let message: String
  public var description: String { "openpyxl could not read the workbook: \(message)" }
}

extension TestWorkspace {
  /// 2024-H1 reports for `smallRegistry`, with the indicators worked out by hand in `RollupStageTests`:
  /// a late commune, a rejected district, a commune that never reported, a late correction, and
  /// file names that look like a formula and like an OOXML escape.
  public func submitSmallFirstHalf() throws {
    try submit(
      "xa.csv",
      """
      ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg
      90101,2024-H1,2024-06-05,3,40,60,2,3,8,8
      90102,2024-H1,12/06/2024,1,10,10,2,1,4,3
      90300,2024-H1,2024-06-01,2,5,15,3,2,10,10

      """)
    try submit(
      "huyen.csv",
      """
      ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu
      901,2024-H1,2024-06-09,2,20,30
      902,2024-H1,2024-06-09,abc,20,30

      """)
    try submit(
      "=SUM(1).csv",
      """
      ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_gv_nv,luot_hs_nam,luot_hs_nu,bo_chi_so,tin_bai_bc
      TRA,2024-H1,2024-06-10,2,10,50,40,,
      BCA,2024-H1,2024-06-10,,,,,thi_diem,5
      BC1,2024-H1,2024-06-02,,,,,chinh_thuc,20

      """)
    try submit("sn1_x0041_.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu\nSN1,2024-H1,2024-06-03,5,30,70\n")
    // A late correction: it replaces the values, but the unit stays on time.
    try submit("sn1-b.csv", "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu\nSN1,2024-H1,2024-06-20,1,30,70\n")
  }
}
