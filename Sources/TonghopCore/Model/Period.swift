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

  /// "báo cáo 6 tháng 2024" / "báo cáo năm 2024", for messages.
  public var reportWords: String {
    kind == .firstHalf ? "báo cáo 6 tháng \(year)" : "báo cáo năm \(year)"
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
    if let canonical = canonical(raw) { return canonical }
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

  /// `2024-H1` or `2024-Y` exactly: the form nearly every file uses, read without Unicode work.
  private static func canonical(_ raw: String) -> Period? {
    let bytes = Array(raw.utf8)
    guard bytes.count >= 6, bytes[4] == UInt8(ascii: "-"),
      bytes[0..<4].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
    else { return nil }
    let year = bytes[0..<4].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    guard (2000...2100).contains(year) else { return nil }
    switch bytes[5...] {
    case [UInt8(ascii: "H"), UInt8(ascii: "1")]: return Period(year: year, kind: .firstHalf)
    case [UInt8(ascii: "Y")]: return Period(year: year, kind: .year)
    default: return nil
    }
  }
}
