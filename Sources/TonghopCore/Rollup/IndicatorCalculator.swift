/// The indicators of domain.md for one node: pure arithmetic over the node's expected units.
struct IndicatorCalculator {
  let period: Period
  let deadline: CalendarDay
  /// Unit code → its current values.
  let current: [String: StageRow]
  /// Unit code → `ngay_lap` of its earliest accepted row.
  let earliest: [String: CalendarDay]
  /// Unit code → its numeric elements (`numberCodes`), parsed once for every node.
  private let numbers: [String: [Int64]]
  private static let numberCodes = DataDictionary.elements.filter(\.kind.isNumber).map(\.code)
  private static let position = Dictionary(uniqueKeysWithValues: numberCodes.enumerated().map { ($1, $0) })

  init(period: Period, deadline: CalendarDay, current: [String: StageRow], earliest: [String: CalendarDay]) {
    self.period = period
    self.deadline = deadline
    self.current = current
    self.earliest = earliest
    numbers = current.mapValues { values in IndicatorCalculator.numberCodes.map { Int64(values[$0] ?? "") ?? 0 } }
  }

  func values(node: String, members: [Unit]) -> [IndicatorValue] {
    var result: [IndicatorValue] = []
    /// (members of `types` with a current report passing `test`, members of `types`).
    func count(_ types: Set<UnitType>, _ test: (Unit, StageRow) -> Bool = { _, _ in true }) -> (Int64, Int64) {
      var hits: Int64 = 0
      var units: Int64 = 0
      for unit in members where types.contains(unit.type) {
        units += 1
        if let values = current[unit.code], test(unit, values) { hits += 1 }
      }
      return (hits, units)
    }
    func number(_ values: StageRow, _ code: String) -> Int64 { Int64(values[code] ?? "") ?? 0 }
    func ratio(_ code: String, _ pair: (Int64, Int64)) {
      result.append(.ratio(node, code, pair.0, pair.1))
    }

    let administrations: Set<UnitType> = [.soNganh, .huyen, .xa]
    ratio("CT1", count(administrations) { number($1, "cuoc_tt") >= 2 })
    if period.kind == .year {
      ratio("CT2", count(administrations) { $1["kh_thang_hd"] == "1" })
    } else {
      result.append(IndicatorValue(node: node, code: "CT2", numerator: nil, denominator: nil, isRatio: true))
    }
    ratio("CT3A", count([.baoChi]) { $1["bo_chi_so"] == "thi_diem" || $1["bo_chi_so"] == "chinh_thuc" })
    ratio("CT3B", count([.baoChi]) { $1["bo_chi_so"] == "chinh_thuc" })
    ratio("CT4", count([.xa]) { _, values in period.quarters.allSatisfy { number(values, "tin_q\($0)") >= 2 } })
    ratio("CT5", count([.truong]) { number($1, "cuoc_tt") >= 2 })

    func totals(_ types: Set<UnitType>) -> [Int64] {
      var totals = [Int64](repeating: 0, count: IndicatorCalculator.numberCodes.count)
      for unit in members where types.contains(unit.type) {
        guard let values = numbers[unit.code] else { continue }
        for index in totals.indices { totals[index] += values[index] }
      }
      return totals
    }
    let position = IndicatorCalculator.position
    let communes = totals([.xa])
    ratio("CT6", (communes[position["huong_uoc_bdg"]!], communes[position["huong_uoc"]!]))

    let reported = totals(Set(UnitType.allCases))
    for (index, code) in IndicatorCalculator.numberCodes.enumerated() {
      result.append(IndicatorValue(node: node, code: "TS_\(code)", numerator: reported[index], denominator: nil, isRatio: false))
    }
    let women = reported[position["luot_nu"]!]
    ratio("TS_ty_le_nu", (women, women + reported[position["luot_nam"]!]))

    let all = Set(UnitType.reporting)
    for type in UnitType.reporting {
      ratio("NOP_\(type.rawValue)", count([type]))
    }
    ratio("NOP_tat_ca", count(all))
    func onTime(_ types: Set<UnitType>) -> (Int64, Int64) {
      count(types) { unit, _ in earliest[unit.code].map { $0 <= deadline } ?? false }
    }
    for type in UnitType.reporting {
      ratio("DUNG_HAN_\(type.rawValue)", onTime([type]))
    }
    ratio("DUNG_HAN_tat_ca", onTime(all))
    return result
  }
}
