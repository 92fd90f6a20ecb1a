/// The aggregation nodes of a period: the province and the territorial units directly below it,
/// as they stood on a date, and the area each expected unit counts in.
public struct Hierarchy: Sendable {
  /// The date whose areas are used.
  public let date: CalendarDay
  public let province: Unit
  /// The nodes below the province, by code.
  public let areas: [Unit]
  /// Every unit expected to report, by code.
  public let expected: [Unit]
  /// Unit code → the area it counts in (nil: only in the province).
  public let areaOf: [String: String]
  /// Area code → the expected units counted in it, in the order of `expected`.
  private let membersOfArea: [String: [Unit]]

  /// The hierarchy of `date`: the units expected then, in the areas of then.
  public init(registry: Registry, date: CalendarDay) throws(TonghopError) {
    // Every expected unit is alive on `date`: it stands as itself.
    try self.init(registry: registry, expectedOn: date, areasOn: date) { $0 }
  }

  /// The units expected on `expectedOn`, counted in the areas of `areasOn` (a restatement across a
  /// reorganisation): each unit goes to the unit alive then that holds its code or, where the code
  /// is gone, to the one the crosswalk names, following the crosswalk through several
  /// reorganisations (14326 → 14320 in January, 14320 → 14329 in July); a unit with neither counts
  /// only in the province.
  public static func restated(
    registry: Registry, crosswalk: Crosswalk, expectedOn: CalendarDay, areasOn: CalendarDay
  ) throws(TonghopError) -> Hierarchy {
    try Hierarchy(registry: registry, expectedOn: expectedOn, areasOn: areasOn) { unit in
      var code = unit.code
      for _ in 0...registry.versions.count {
        if let alive = registry.unit(code, on: areasOn) { return alive }
        guard let next = crosswalk.successor(of: code, on: areasOn), next != code else { return nil }
        code = next
      }
      return nil
    }
  }

  private init(
    registry: Registry, expectedOn: CalendarDay, areasOn: CalendarDay, successor: (Unit) -> Unit?
  ) throws(TonghopError) {
    guard let province = registry.root(on: areasOn) else {
      throw TonghopError(.registry, "\(registry.path): không có tỉnh (tinh) nào tồn tại vào ngày \(areasOn)")
    }
    self.date = areasOn
    self.province = province
    let alive = registry.units(on: areasOn)
    self.areas = alive.filter { $0.parentCode == province.code && $0.type.isTerritorial }
    self.expected = (expectedOn == areasOn ? alive : registry.units(on: expectedOn)).filter(\.type.reports)
    let areaCodes = Set(areas.map(\.code))
    var areaOf: [String: String] = [:]
    areaOf.reserveCapacity(expected.count)
    var membersOfArea: [String: [Unit]] = [:]
    for unit in expected {
      // Up the chain from the unit as it stands on `areasOn` to the first area (a loop cannot
      // pass the registry's checks; the bound only keeps a broken one finite).
      var next = successor(unit)
      var steps = 0
      while let node = next, steps <= registry.versions.count {
        if areaCodes.contains(node.code) {
          areaOf[unit.code] = node.code
          membersOfArea[node.code, default: []].append(unit)
          break
        }
        next = node.parentCode.flatMap { registry.unit($0, on: areasOn) }
        steps += 1
      }
    }
    self.areaOf = areaOf
    self.membersOfArea = membersOfArea
  }

  /// The expected units counted in a node.
  public func members(of node: String) -> [Unit] {
    node == province.code ? expected : membersOfArea[node] ?? []
  }

  /// The province first, then the areas.
  public var nodes: [Unit] { [province] + areas }
}
