/// How a cell looks. Every style is Times New Roman, the font of Vietnamese administrative documents.
public struct CellStyle: Hashable, Sendable {
  public enum Align: Int, Hashable, Sendable { case general, left, center, right, centerAcross }
  public enum Number: Int, Hashable, Sendable {
    case text, count, percent, date
    var format: String? {
      switch self {
      case .text: nil
      case .count: "#,##0"
      case .percent: "0.0%"
      case .date: "dd/mm/yyyy"
      }
    }
  }

  public var bold = false
  public var italic = false
  public var size = 12.0
  public var align = Align.general
  public var wrap = false
  public var border = false
  public var number = Number.text
  public var shaded = false

  public init(
    bold: Bool = false, italic: Bool = false, size: Double = 12, align: Align = .general, wrap: Bool = false,
    border: Bool = false, number: Number = .text, shaded: Bool = false
  ) {
    self.bold = bold
    self.italic = italic
    self.size = size
    self.align = align
    self.wrap = wrap
    self.border = border
    self.number = number
    self.shaded = shaded
  }

  /// Looked up for every cell written: one word to hash instead of eight fields.
  public func hash(into hasher: inout Hasher) {
    let flags = (bold ? 1 : 0) | (italic ? 2 : 0) | (wrap ? 4 : 0) | (border ? 8 : 0) | (shaded ? 16 : 0)
    hasher.combine(flags | Int(size * 4) << 5 | align.rawValue << 16 | number.rawValue << 24)
  }

  public static let plain = CellStyle()
  public static let tableHeader = CellStyle(bold: true, align: .center, wrap: true, border: true, shaded: true)
  public static let cell = CellStyle(wrap: true, border: true)
  public static let centered = CellStyle(align: .center, border: true)
  public static let count = CellStyle(border: true, number: .count)
  public static let percent = CellStyle(border: true, number: .percent)
  public static let boldCount = CellStyle(bold: true, border: true, number: .count)
  public static let boldPercent = CellStyle(bold: true, border: true, number: .percent)
  public static let boldCell = CellStyle(bold: true, wrap: true, border: true)
  public static let date = CellStyle(align: .center, border: true, number: .date)
}
