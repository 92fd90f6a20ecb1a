import Foundation

/// What export and `status` know of a period's hierarchy, as rollup wrote it: the nodes it
/// aggregated (`dia-ban.csv`: the province, then the areas below it) and every expected unit with
/// its type, area and status (`tien-do.csv`). Read from staging only: a registry edited after
/// rollup changes nothing in the reports.
public struct StagedAreas: Sendable {
  public struct Node: Sendable, Equatable {
    public let code: String
    public let name: String
  }

  public struct ExpectedUnit: Sendable {
    public let code: String
    public let name: String
    public let type: UnitType
    /// The area it counts in; nil when it sits directly under the province.
    public let area: String?
    public let status: RollupStage.Status
  }

  public static let header = ["ma_don_vi", "ten_don_vi", "loai"]

  public let province: Node
  public let areas: [Node]
  /// In the order of `tien-do.csv` (by code).
  public let expected: [ExpectedUnit]
  private let areaNames: [String: String]

  /// The area's name, or "Cấp tỉnh" for a unit directly under the province.
  public func areaName(of unit: ExpectedUnit) -> String {
    unit.area.flatMap { areaNames[$0] } ?? PeriodStatus.provinceLevel
  }

  /// Units directly under the province (counted in no area).
  var hasProvinceLevelUnits: Bool { expected.contains { $0.area == nil } }

  /// The rows `dia-ban.csv` gets from a hierarchy.
  static func rows(of hierarchy: Hierarchy) -> [[String]] {
    hierarchy.nodes.map { [$0.code, $0.name, $0.type.rawValue] }
  }

  public static func read(_ workspace: Workspace, _ period: Period) throws(TonghopError) -> StagedAreas {
    let folder = workspace.staging(period)
    let stage = "rollup --period \(period.code)"
    return try StagedAreas(
      nodes: try StageTable.read(folder.appendingPathComponent(StageFile.areas), header: header, writtenBy: stage),
      progress: try StageTable.read(folder.appendingPathComponent(StageFile.progress), header: RollupStage.progressHeader, writtenBy: stage))
  }

  init(nodes: StageTable, progress: StageTable) throws(TonghopError) {
    var nodeList: [Node] = []
    for row in nodes.rows {
      guard let code = row["ma_don_vi"], !code.isEmpty else { throw nodes.damaged(row, "ma_don_vi") }
      guard let type = UnitType(rawValue: row["loai"] ?? ""), type.isTerritorial else { throw nodes.damaged(row, "loai") }
      guard (type == .tinh) == nodeList.isEmpty else { throw nodes.damaged(row, "loai") }
      guard !nodeList.contains(where: { $0.code == code }) else { throw nodes.damaged(row, "ma_don_vi") }
      nodeList.append(Node(code: code, name: row["ten_don_vi"] ?? ""))
    }
    guard let province = nodeList.first else {
      throw TonghopError(.io, "\(nodes.path) không có dòng tỉnh (tệp bị hỏng): hãy chạy lại `tonghop \(nodes.stage)`")
    }
    let areas = Array(nodeList.dropFirst())
    let areaNames = Dictionary(areas.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    var expected: [ExpectedUnit] = []
    expected.reserveCapacity(progress.rows.count)
    var seen = Set<String>()
    for row in progress.rows {
      guard let code = row["ma_don_vi"], !code.isEmpty else { throw progress.damaged(row, "ma_don_vi") }
      guard let type = UnitType(rawValue: row["loai"] ?? ""), type.reports else { throw progress.damaged(row, "loai") }
      guard let status = RollupStage.Status(rawValue: row["trang_thai"] ?? "") else { throw progress.damaged(row, "trang_thai") }
      let area = row["ma_dia_ban"] ?? ""
      guard area.isEmpty || areaNames[area] != nil else { throw progress.damaged(row, "ma_dia_ban") }
      let date = row["ngay_lap"] ?? ""
      guard date.isEmpty || CalendarDay(iso: date) != nil else { throw progress.damaged(row, "ngay_lap") }
      guard seen.insert(code).inserted else { throw progress.damaged(row, "ma_don_vi") }
      expected.append(
        ExpectedUnit(code: code, name: row["ten_don_vi"] ?? "", type: type, area: area.isEmpty ? nil : area, status: status))
    }
    self.province = province
    self.areas = areas
    self.expected = expected
    self.areaNames = areaNames
  }
}
