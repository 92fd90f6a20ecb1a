/// The aggregation nodes of a period: the province and the territorial units directly below it,
/// as they stood on the period's reference date.
public struct Hierarchy: Sendable {
  public let date: CalendarDay
  public let province: Unit
  /// The nodes below the province, by code.
  public let areas: [Unit]
  /// Every unit that reports and exists on the date, by code.
  public let expected: [Unit]
  /// Unit code → the area it counts in (nil: only in the province).
  public let areaOf: [String: String]

  public init(registry: Registry, date: CalendarDay) throws(TonghopError) {
    guard let province = registry.root(on: date) else {
      throw TonghopError(.registry, "\(registry.path): no province (tinh) exists on \(date)")
    }
    let alive = registry.units(on: date)
    self.date = date
    self.province = province
    self.areas = alive.filter { $0.parentCode == province.code && $0.type.isTerritorial }
    self.expected = alive.filter(\.type.reports)
    let areaCodes = Set(areas.map(\.code))
    var areaOf: [String: String] = [:]
    for unit in expected {
      let chain = [unit] + registry.ancestors(of: unit, on: date)
      areaOf[unit.code] = chain.first { areaCodes.contains($0.code) }?.code
    }
    self.areaOf = areaOf
  }

  /// The expected units counted in a node.
  public func members(of node: String) -> [Unit] {
    node == province.code ? expected : expected.filter { areaOf[$0.code] == node }
  }

  /// The province first, then the areas.
  public var nodes: [Unit] { [province] + areas }
}
