/// `D20` (domain.md, "Unusual values"): a count far from the unit's own report a year earlier, or
/// far above those of its peers of the same type by the modified z-score (Iglewicz and Hoaglin).
/// A warning only: the row is accepted and its numbers are kept.
struct UnusualValues {
  /// The count elements with their positions in `AcceptedRow.values` (money and yes/no are not compared).
  static let elements = DataDictionary.elements.enumerated().filter { $0.element.kind == .count }.map { ($0.offset, $0.element.code) }
  /// Fewer peers than this: no comparison.
  static let minimumPeers = 10
  static let zLimit = 3.5

  struct Peers {
    var count: Int
    var median: Double
    var deviation: Double
  }

  let yearBefore: [String: AcceptedRow]
  let yearBeforePeriod: Period
  /// Unit type → element position → the spread of the current values.
  let peers: [UnitType: [Int: Peers]]
  let typeOf: (String) -> UnitType?

  init(current: [AcceptedRow], yearBefore: [AcceptedRow], yearBeforePeriod: Period, typeOf: @escaping (String) -> UnitType?) {
    self.yearBefore = Dictionary(yearBefore.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
    self.yearBeforePeriod = yearBeforePeriod
    self.typeOf = typeOf
    var peers: [UnitType: [Int: Peers]] = [:]
    for (type, rows) in Dictionary(grouping: current, by: { typeOf($0.unit) }) {
      guard let type else { continue }
      for (position, _) in UnusualValues.elements {
        let values = rows.compactMap { Int64($0.values[position]) }.map(Double.init)
        guard values.count >= UnusualValues.minimumPeers else { continue }
        let median = UnusualValues.median(values)
        let deviation = UnusualValues.median(values.map { abs($0 - median) })
        guard deviation > 0 else { continue }
        peers[type, default: [:]][position] = Peers(count: values.count, median: median, deviation: deviation)
      }
    }
    self.peers = peers
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// One `D20` per unusual count of each accepted row; `current` are the rows that count (a
  /// superseded row's warning says it no longer counts).
  func findings(_ rows: [AcceptedRow], current: [AcceptedRow]) -> [Finding] {
    let counting = Set(current.map { "\($0.fileID) \($0.line)" })
    var findings: [Finding] = []
    for row in rows {
      let type = typeOf(row.unit)
      for (position, code) in UnusualValues.elements {
        guard let value = Int64(row.values[position]) else { continue }
        var reasons: [String] = []
        if let before = yearBefore[row.unit].flatMap({ Int64($0.values[position]) }) {
          if value >= 10 * max(before, 1) && value - before >= 100 {
            reasons.append(
              before == 0
                ? "tăng từ 0 ở \(yearBeforePeriod.reportWords)"
                : "gấp \(UnusualValues.times(value, before)) lần \(yearBeforePeriod.reportWords) (\(before.grouped))")
          } else if before >= 10 * max(value, 1) && before - value >= 100 {
            reasons.append(
              value == 0
                ? "giảm về 0 từ \(before.grouped) ở \(yearBeforePeriod.reportWords)"
                : "chỉ bằng 1/\(UnusualValues.times(before, value)) \(yearBeforePeriod.reportWords) (\(before.grouped))")
          }
        }
        if let type, let peers = peers[type]?[position], value >= 100,
          0.6745 * (Double(value) - peers.median) / peers.deviation > UnusualValues.zLimit
        {
          reasons.append("cao bất thường so với \(peers.count) \(type.noun) (trung vị \(UnusualValues.plain(peers.median)))")
        }
        guard !reasons.isEmpty else { continue }
        findings.append(
          Finding(
            file: row.file, line: row.line, column: code, unit: row.unit, period: row.period.code, code: .D20,
            message: Message.unusual(code, value, reasons, counts: counting.contains("\(row.fileID) \(row.line)"))))
      }
    }
    return findings
  }

  /// How many times `a` is `b`, to the nearest whole number.
  private static func times(_ a: Int64, _ b: Int64) -> String {
    Int64((Double(a) / Double(b)).rounded()).grouped
  }

  /// A median: whole, or with one decimal (a median of an even count may end in .5).
  private static func plain(_ value: Double) -> String {
    value == value.rounded() ? Int64(value).grouped : Int64(value.rounded(.down)).grouped + ",5"
  }
}
