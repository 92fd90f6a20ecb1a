/// The indicators of domain.md for one node: pure arithmetic over the node's expected units.
struct IndicatorCalculator {
  let period: Period
  /// Unit code → what the indicators read of its current report, worked out once for every node.
  private let reports: [String: Report]

  private static let numberCodes = DataDictionary.elements.filter(\.kind.isNumber).map(\.code)
  private static let position = Dictionary(uniqueKeysWithValues: numberCodes.enumerated().map { ($1, $0) })
  /// The positions of `numberCodes` in `hop-le.csv`.
  private static let numberCells = numberCodes.map { StageTable.position(of: $0, in: AcceptedRow.header) }
  private static let planCell = StageTable.position(of: "kh_thang_hd", in: AcceptedRow.header)
  private static let mediaLevelCell = StageTable.position(of: "bo_chi_so", in: AcceptedRow.header)

  private struct Report {
    /// The earliest accepted row is dated on or before the deadline.
    var onTime: Bool
    /// `cuoc_tt` ≥ 2 (CT1, CT5).
    var twoSessions: Bool
    /// `kh_thang_hd` = 1 (CT2).
    var plan: Bool
    var mediaLevel: String
    /// `tin_q<n>` ≥ 2 for every quarter of the period (CT4).
    var everyQuarter: Bool
    /// The numeric elements (`numberCodes`); not reported = 0.
    var numbers: [Int64]
  }

  /// What the members of one unit type add up to.
  private struct Tally {
    var units: Int64 = 0
    var reported: Int64 = 0
    var onTime: Int64 = 0
    var twoSessions: Int64 = 0
    var plan: Int64 = 0
    var pilotOrOfficial: Int64 = 0
    var official: Int64 = 0
    var everyQuarter: Int64 = 0
    var totals = [Int64](repeating: 0, count: IndicatorCalculator.numberCodes.count)

    mutating func add(_ report: Report) {
      reported += 1
      if report.onTime { onTime += 1 }
      if report.twoSessions { twoSessions += 1 }
      if report.plan { plan += 1 }
      if report.mediaLevel == "thi_diem" || report.mediaLevel == "chinh_thuc" { pilotOrOfficial += 1 }
      if report.mediaLevel == "chinh_thuc" { official += 1 }
      if report.everyQuarter { everyQuarter += 1 }
      for index in totals.indices { totals[index] += report.numbers[index] }
    }
  }

  init(period: Period, deadline: CalendarDay, current: [String: StageRow], earliest: [String: CalendarDay]) {
    self.period = period
    reports = Dictionary(
      uniqueKeysWithValues: current.map { code, row in
        let numbers = IndicatorCalculator.numberCells.map { Int64(row[at: $0]) ?? 0 }
        func number(_ code: String) -> Int64 { numbers[IndicatorCalculator.position[code]!] }
        return (
          code,
          Report(
            onTime: earliest[code].map { $0 <= deadline } ?? false, twoSessions: number("cuoc_tt") >= 2,
            plan: row[at: IndicatorCalculator.planCell] == "1", mediaLevel: row[at: IndicatorCalculator.mediaLevelCell],
            everyQuarter: period.quarters.allSatisfy { number("tin_q\($0)") >= 2 }, numbers: numbers)
        )
      })
  }

  /// A unit type's place in the tallies of a node.
  private static func slot(_ type: UnitType) -> Int { UnitType.allCases.firstIndex(of: type)! }

  /// A unit counted in a node: its code and type are all the arithmetic needs.
  struct Member {
    let code: String
    let type: UnitType
  }

  /// What the indicators read of a unit's current report, for `explain`: the elements each indicator
  /// uses (`ngay_lap`, the earliest accepted one, for timeliness).
  static func elementsUsed(by code: String) -> [String] {
    switch code {
    case "CT1", "CT5": ["cuoc_tt"]
    case "CT2": ["kh_thang_hd"]
    case "CT3A", "CT3B": ["bo_chi_so"]
    case "CT4": (1...4).map { "tin_q\($0)" }
    case "CT6": ["huong_uoc_bdg", "huong_uoc"]
    case "TS_ty_le_nu": ["luot_nu", "luot_nam"]
    case _ where code.hasPrefix("TS_"): [String(code.dropFirst(3))]
    default: []
    }
  }

  /// The numerators, denominators and totals of a node: each is a sum over its members, so a node's
  /// value is the sum of what `values(node: unit, members: [unit])` gives for each member.
  func values(node: String, members: [Member]) -> [IndicatorValue] {
    var tallies = [Tally](repeating: Tally(), count: UnitType.allCases.count)
    for unit in members {
      let slot = IndicatorCalculator.slot(unit.type)
      tallies[slot].units += 1
      guard let report = reports[unit.code] else { continue }
      tallies[slot].add(report)
    }
    /// The sum of one count over the members of `types`.
    func sum(_ types: [UnitType], _ count: KeyPath<Tally, Int64>) -> Int64 {
      types.reduce(0) { $0 + tallies[IndicatorCalculator.slot($1)][keyPath: count] }
    }
    func total(_ types: [UnitType], _ code: String) -> Int64 {
      let index = IndicatorCalculator.position[code]!
      return types.reduce(0) { $0 + tallies[IndicatorCalculator.slot($1)].totals[index] }
    }

    var result: [IndicatorValue] = []
    func ratio(_ code: String, _ types: [UnitType], _ hits: KeyPath<Tally, Int64>) {
      result.append(.ratio(node, code, sum(types, hits), sum(types, \.units)))
    }
    let administrations: [UnitType] = [.soNganh, .huyen, .xa]
    ratio("CT1", administrations, \.twoSessions)
    if period.kind == .year {
      ratio("CT2", administrations, \.plan)
    } else {
      result.append(IndicatorValue(node: node, code: "CT2", numerator: nil, denominator: nil, isRatio: true))
    }
    ratio("CT3A", [.baoChi], \.pilotOrOfficial)
    ratio("CT3B", [.baoChi], \.official)
    ratio("CT4", [.xa], \.everyQuarter)
    ratio("CT5", [.truong], \.twoSessions)
    result.append(.ratio(node, "CT6", total([.xa], "huong_uoc_bdg"), total([.xa], "huong_uoc")))

    for code in IndicatorCalculator.numberCodes {
      result.append(
        IndicatorValue(node: node, code: "TS_\(code)", numerator: total(UnitType.allCases, code), denominator: nil, isRatio: false))
    }
    let women = total(UnitType.allCases, "luot_nu")
    result.append(.ratio(node, "TS_ty_le_nu", women, women + total(UnitType.allCases, "luot_nam")))

    for type in UnitType.reporting {
      ratio("NOP_\(type.rawValue)", [type], \.reported)
    }
    ratio("NOP_tat_ca", UnitType.reporting, \.reported)
    for type in UnitType.reporting {
      ratio("DUNG_HAN_\(type.rawValue)", [type], \.onTime)
    }
    ratio("DUNG_HAN_tat_ca", UnitType.reporting, \.onTime)
    return result
  }
}
