/// A reporting period: the 6-month report (`YYYY-H1`) or the annual report (`YYYY-Y`).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
  public enum Kind: Sendable { case firstHalf, year }

  public let year: Int
  public let kind: Kind

  public init(year: Int, kind: Kind) {
    self.year = year
    self.kind = kind
  }

  public var code: String { kind == .firstHalf ? "\(year)-H1" : "\(year)-Y" }
  public var description: String { code }

  /// The quarters whose news counts (`tin_qK`) the period covers.
  public var quarters: ClosedRange<Int> { kind == .firstHalf ? 1...2 : 1...4 }

  /// "6 THÁNG ĐẦU NĂM 2025" / "NĂM 2025", for report titles.
  public var titleWords: String {
    kind == .firstHalf ? "6 THÁNG ĐẦU NĂM \(year)" : "NĂM \(year)"
  }

  public static func < (a: Period, b: Period) -> Bool {
    (a.year, a.kind == .year ? 1 : 0) < (b.year, b.kind == .year ? 1 : 0)
  }

  /// The canonical code only (command line, stage files).
  public init?(code: String) {
    guard let period = Period.parse(code), period.code == code else { return nil }
    self = period
  }

  private static let firstHalfForms: Set<String> = [
    "#-h1", "h1/#", "h1-#", "6t/#", "6t-#", "#-6t", "#s1", "6tháng#", "6thángđầunăm#",
  ]
  private static let yearForms: Set<String> = [
    "#-y", "#", "y/#", "n/#", "cn/#", "#-cn", "năm#", "cảnăm#",
  ]

  /// Every form a unit may write in `ky_bao_cao` (submissions.md), case-insensitive, spaces ignored.
  public static func parse(_ raw: String) -> Period? {
    let text = raw.nfc.lowercased().filter { !$0.isWhitespace }
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      guard characters[index].isASCII, characters[index].isNumber else {
        index += 1
        continue
      }
      var end = index
      while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
      if end - index == 4, let year = Int(String(characters[index..<end])), (2000...2100).contains(year) {
        let form = String(characters[..<index]) + "#" + String(characters[end...])
        if firstHalfForms.contains(form) { return Period(year: year, kind: .firstHalf) }
        if yearForms.contains(form) { return Period(year: year, kind: .year) }
        return nil
      }
      index = end
    }
    return nil
  }
}
