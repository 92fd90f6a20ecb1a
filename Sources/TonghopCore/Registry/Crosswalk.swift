import Foundation

/// `inputs/registry/chuyen-doi.csv` (`ma_cu,ma_moi,tu_ngay`): where the units whose code disappeared
/// in a reorganisation went. Optional; used only to restate old periods on newer areas.
public struct Crosswalk: Sendable {
  public static let header = ["ma_cu", "ma_moi", "tu_ngay"]

  /// Old code → (from date, new code), latest first.
  let moves: [String: [(from: CalendarDay, to: String)]]

  public static let empty = Crosswalk(moves: [:])

  public init(moves: [String: [(from: CalendarDay, to: String)]]) {
    self.moves = moves.mapValues { $0.sorted { $0.from > $1.from } }
  }

  /// The new code of `old` on `day`: the latest move that has taken effect by then.
  public func successor(of old: String, on day: CalendarDay) -> String? {
    moves[old]?.first { $0.from <= day }?.to
  }

  public static func load(from url: URL, registry: Registry) throws(TonghopError) -> Crosswalk {
    guard FileManager.default.fileExists(atPath: url.path) else { return .empty }
    let file = try RegistryFile(url, header: header)
    let fail = file.fail
    var moves: [String: [(from: CalendarDay, to: String)]] = [:]
    for row in file.rows {
      let cells = row.fields
      guard registry.knows(cells[0]) else { throw fail(row.line, "ma_cu \"\(cells[0])\" không có trong danh mục") }
      guard let from = CalendarDay(iso: cells[2]) else {
        throw fail(row.line, "tu_ngay \"\(cells[2])\" không phải ngày dạng NĂM-THÁNG-NGÀY (YYYY-MM-DD)")
      }
      guard registry.unit(cells[1], on: from) != nil else {
        throw fail(row.line, "ma_moi \"\(cells[1])\" không tồn tại trong danh mục vào ngày \(from)")
      }
      moves[cells[0], default: []].append((from, cells[1]))
    }
    return Crosswalk(moves: moves)
  }
}
