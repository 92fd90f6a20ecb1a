/// The indicators of domain.md for one node: pure arithmetic over the node's expected units.
struct IndicatorCalculator {
  let period: Period
  let deadline: CalendarDay
  /// Unit code → its current values.
  let current: [String: [String: String]]
  /// Unit code → `ngay_lap` of its earliest accepted row.
  let earliest: [String: CalendarDay]

  func values(node: String, members: [Unit]) -> [IndicatorValue] {
    var result: [IndicatorValue] = []
    func count(_ types: Set<UnitType>, _ test: ([String: String]) -> Bool) -> (Int64, Int64) {
      let units = members.filter { types.contains($0.type) }
      let hits = units.filter { unit in current[unit.code].map(test) ?? false }
      return (Int64(hits.count), Int64(units.count))
    }
    func number(_ values: [String: String], _ code: String) -> Int64 { Int64(values[code] ?? "") ?? 0 }
    func ratio(_ code: String, _ pair: (Int64, Int64)) {
      result.append(.ratio(node, code, pair.0, pair.1))
    }

    let administrations: Set<UnitType> = [.soNganh, .huyen, .xa]
    ratio("CT1", count(administrations) { number($0, "cuoc_tt") >= 2 })
    if period.kind == .year {
      ratio("CT2", count(administrations) { $0["kh_thang_hd"] == "1" })
    } else {
      result.append(IndicatorValue(node: node, code: "CT2", numerator: nil, denominator: nil, isRatio: true))
    }
    ratio("CT3A", count([.baoChi]) { $0["bo_chi_so"] == "thi_diem" || $0["bo_chi_so"] == "chinh_thuc" })
    ratio("CT3B", count([.baoChi]) { $0["bo_chi_so"] == "chinh_thuc" })
    ratio("CT4", count([.xa]) { values in period.quarters.allSatisfy { number(values, "tin_q\($0)") >= 2 } })
    ratio("CT5", count([.truong]) { number($0, "cuoc_tt") >= 2 })

    let reported = members.compactMap { current[$0.code] }
    let communes = members.filter { $0.type == .xa }.compactMap { current[$0.code] }
    func sum(_ rows: [[String: String]], _ code: String) -> Int64 { rows.reduce(0) { $0 + number($1, code) } }
    ratio("CT6", (sum(communes, "huong_uoc_bdg"), sum(communes, "huong_uoc")))

    for element in DataDictionary.elements where element.kind.isNumber {
      result.append(
        IndicatorValue(node: node, code: "TS_\(element.code)", numerator: sum(reported, element.code), denominator: nil, isRatio: false))
    }
    let women = sum(reported, "luot_nu")
    ratio("TS_ty_le_nu", (women, women + sum(reported, "luot_nam")))

    let all = Set(UnitType.reporting)
    for type in UnitType.reporting {
      ratio("NOP_\(type.rawValue)", count([type]) { _ in true })
    }
    ratio("NOP_tat_ca", count(all) { _ in true })
    func onTime(_ types: Set<UnitType>) -> (Int64, Int64) {
      let units = members.filter { types.contains($0.type) }
      let hits = units.filter { current[$0.code] != nil && (earliest[$0.code].map { $0 <= deadline } ?? false) }
      return (Int64(hits.count), Int64(units.count))
    }
    for type in UnitType.reporting {
      ratio("DUNG_HAN_\(type.rawValue)", onTime([type]))
    }
    ratio("DUNG_HAN_tat_ca", onTime(all))
    return result
  }
}
