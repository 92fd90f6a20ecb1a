/// `loai`: the type of a unit in the registry (domain.md).
public enum UnitType: String, CaseIterable, Sendable, Comparable {
  case tinh, huyen, xa, truong
  case soNganh = "so_nganh"
  case baoChi = "bao_chi"

  /// The types that send reports, in the order of the spec's tables.
  public static let reporting: [UnitType] = [.xa, .huyen, .soNganh, .baoChi, .truong]

  public var reports: Bool { self != .tinh }

  /// Territorial units form the aggregation nodes.
  public var isTerritorial: Bool { self == .tinh || self == .huyen || self == .xa }

  /// The types a unit of this type may have as its parent (domain.md's table).
  public var allowedParents: [UnitType] {
    switch self {
    case .tinh: []
    case .huyen, .soNganh: [.tinh]
    case .xa: [.huyen, .tinh]
    case .truong: [.huyen, .xa, .tinh]
    case .baoChi: [.tinh, .huyen]
    }
  }

  public var label: String {
    switch self {
    case .tinh: "Tỉnh"
    case .huyen: "UBND cấp huyện"
    case .xa: "UBND cấp xã"
    case .truong: "Cơ sở giáo dục"
    case .soNganh: "Sở, ban, ngành, đoàn thể"
    case .baoChi: "Cơ quan báo chí, truyền thông"
    }
  }

  /// The common noun, as in "so với 143 xã".
  public var noun: String {
    switch self {
    case .tinh: "tỉnh"
    case .huyen: "huyện"
    case .xa: "xã"
    case .truong: "trường"
    case .soNganh: "sở, ngành"
    case .baoChi: "cơ quan báo chí"
    }
  }

  public static func < (a: UnitType, b: UnitType) -> Bool {
    (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
  }
}
