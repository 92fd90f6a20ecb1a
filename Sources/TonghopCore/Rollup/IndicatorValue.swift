/// One row of `chi-tieu.csv`.
public struct IndicatorValue: Sendable, Equatable {
  public var node: String
  public var code: String
  /// Ratios: both set, or both nil when the denominator is 0 or the indicator does not apply.
  /// Totals: `numerator` is the sum, `denominator` nil.
  public var numerator: Int64?
  public var denominator: Int64?
  public var isRatio: Bool

  public static let header = ["ky_bao_cao", "ma_don_vi", "chi_tieu", "tu_so", "mau_so", "gia_tri"]

  public static func ratio(_ node: String, _ code: String, _ numerator: Int64, _ denominator: Int64) -> IndicatorValue {
    denominator == 0
      ? IndicatorValue(node: node, code: code, numerator: nil, denominator: nil, isRatio: true)
      : IndicatorValue(node: node, code: code, numerator: numerator, denominator: denominator, isRatio: true)
  }

  /// The ratio as a fraction, nil when empty.
  public var value: Double? {
    guard let numerator else { return nil }
    guard isRatio else { return Double(numerator) }
    guard let denominator, denominator > 0 else { return nil }
    return Double(numerator) / Double(denominator)
  }

  /// `gia_tri`: six decimals, rounded half away from zero, for ratios; the sum for totals.
  public var formatted: String {
    guard let numerator else { return "" }
    guard isRatio, let denominator else { return String(numerator) }
    let scaled = (Int128(numerator) * 2_000_000 + Int128(denominator)) / (Int128(denominator) * 2)
    let whole = scaled / 1_000_000
    let fraction = String(scaled % 1_000_000)
    return "\(whole).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
  }

  func fields(_ period: Period) -> [String] {
    [period.code, node, code, numerator.map(String.init) ?? "", denominator.map(String.init) ?? "", formatted]
  }
}

extension IndicatorValue {
  /// `chi-tieu.csv` read back: node code → indicator code → value; a damaged cell is an error
  /// naming its line, never an empty value.
  static func byNode(_ table: StageTable) throws(TonghopError) -> [String: [String: IndicatorValue]] {
    var values: [String: [String: IndicatorValue]] = [:]
    for row in table.rows {
      let code = row["chi_tieu"] ?? ""
      guard let definition = Indicators.byCode[code] else { throw table.damaged(row, "chi_tieu") }
      let value = IndicatorValue(
        node: row["ma_don_vi"] ?? "", code: code, numerator: try table.number(row, "tu_so"),
        denominator: try table.number(row, "mau_so"), isRatio: definition.isRatio)
      // A ratio has both parts or neither, and its part never exceeds its whole; a node has one row
      // per indicator.
      if definition.isRatio {
        guard (value.numerator == nil) == (value.denominator == nil) else { throw table.damaged(row, "mau_so") }
        if let numerator = value.numerator, let denominator = value.denominator, numerator > denominator || denominator == 0 {
          throw table.damaged(row, "tu_so")
        }
      }
      guard values[value.node]?[code] == nil else { throw table.damaged(row, "chi_tieu") }
      values[value.node, default: [:]][code] = value
    }
    return values
  }
}
