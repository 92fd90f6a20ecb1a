import Foundation

/// The units of `inputs/registry/don-vi.csv` with their versions over time.
public struct Registry: Sendable {
  public static let header = ["ma_don_vi", "ten_don_vi", "loai", "ma_cap_tren", "hieu_luc_tu", "hieu_luc_den"]

  /// Versions of each code, oldest first.
  public let versions: [String: [Unit]]
  /// Every code, sorted.
  private let codes: [String]
  public let path: String

  public init(units: [Unit], path: String = "don-vi.csv") throws(TonghopError) {
    var versions: [String: [Unit]] = [:]
    versions.reserveCapacity(units.count)
    for unit in units { versions[unit.code, default: []].append(unit) }
    // Most codes have one version: only the others need sorting.
    for (code, list) in versions where list.count > 1 {
      versions[code] = list.sorted { ($0.from?.ordinal ?? Int.min) < ($1.from?.ordinal ?? Int.min) }
    }
    self.versions = versions
    self.codes = versions.keys.sorted()
    self.path = path
    let byLine = zip(units, units.dropFirst()).allSatisfy { $0.line <= $1.line } ? units : units.sorted { $0.line < $1.line }
    try RegistryChecks(registry: self, units: byLine).run()
  }

  public static func load(from url: URL) throws(TonghopError) -> Registry {
    let file = try RegistryFile(url, header: header)
    let fail = file.fail
    var units: [Unit] = []
    for row in file.rows {
      let cells = row.fields
      guard cells.dropFirst(header.count).allSatisfy(\.isEmpty) else {
        throw fail(row.line, "dòng có nhiều ô hơn số cột của dòng tiêu đề")
      }
      guard !cells[0].isEmpty else { throw fail(row.line, "ma_don_vi bỏ trống") }
      guard !cells[1].isEmpty else { throw fail(row.line, "ten_don_vi bỏ trống") }
      guard let type = UnitType(rawValue: cells[2]) else {
        throw fail(
          row.line,
          "loai \"\(cells[2])\" không có; phải là một trong \(UnitType.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      func day(_ text: String, _ column: String) throws(TonghopError) -> CalendarDay? {
        guard !text.isEmpty else { return nil }
        guard let day = CalendarDay(iso: text) else {
          throw fail(row.line, "\(column) \"\(text)\" không phải ngày dạng NĂM-THÁNG-NGÀY (YYYY-MM-DD), ví dụ 2025-07-01")
        }
        return day
      }
      units.append(
        Unit(
          code: cells[0], name: cells[1], type: type, parentCode: cells[3].isEmpty ? nil : cells[3],
          from: try day(cells[4], "hieu_luc_tu"), to: try day(cells[5], "hieu_luc_den"), line: row.line))
    }
    return try Registry(units: units, path: file.path)
  }

  /// The version of `code` alive on `day`.
  public func unit(_ code: String, on day: CalendarDay) -> Unit? {
    versions[code]?.first { $0.isAlive(on: day) }
  }

  public func knows(_ code: String) -> Bool { versions[code] != nil }

  /// Every unit alive on `day`, sorted by code.
  public func units(on day: CalendarDay) -> [Unit] {
    codes.compactMap { unit($0, on: day) }
  }

  /// The province (`tinh`) alive on `day`.
  public func root(on day: CalendarDay) -> Unit? {
    versions.values.compactMap { $0.first { $0.type == .tinh && $0.isAlive(on: day) } }.min { $0.code < $1.code }
  }
}
