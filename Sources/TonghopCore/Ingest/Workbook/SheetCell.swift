import Foundation

/// A cell as Excel stored it, before it becomes the text a CSV file would have held.
enum SheetCell: Equatable {
  case empty
  case text(String)
  /// A number, and whether its cell's format shows a date.
  case number(Double, dateFormat: Bool)
  case boolean(Bool)
  /// An error value (`#REF!`, `#DIV/0!` …), as the cell shows it.
  case error(String)
  /// A date stored as ISO 8601 text (`t="d"`, from some writers).
  case isoDate(String)
  /// A formula whose result was never stored (written by a program that does not calculate).
  case formulaWithoutValue

  /// The cell's text, read as a column of the given role wants it (dates in `ngay_lap`, whole numbers
  /// without `.0`), and what a CSV cell could not say: a number with a fractional part (never a
  /// count, whatever its digits look like), a formula without a stored result.
  func read(as role: Role, date1904: Bool) -> (text: String, note: CellNote?) {
    switch self {
    case .empty: ("", nil)
    case .formulaWithoutValue: ("", .formulaWithoutValue)
    case .text(let text): (text, nil)
    case .boolean(let value): (value ? "TRUE" : "FALSE", nil)
    case .error(let text): (text, nil)
    case .isoDate(let text): (text.count == 10 || text.dropFirst(10).first == "T" ? String(text.prefix(10)) : text, nil)
    case .number(let value, let dateFormat):
      if role == .date, dateFormat, let day = SheetCell.day(serial: value, date1904: date1904) {
        (day, nil)
      } else {
        (SheetCell.general(value), value.rounded(.towardZero) == value ? nil : .fraction)
      }
    }
  }

  enum Role { case date, other }

  /// A number as Excel's General format writes it to CSV: whole numbers without a decimal part.
  static func general(_ value: Double) -> String {
    if value.rounded(.towardZero) == value, abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }

  /// A date serial as `YYYY-MM-DD`: the 1904 system counts from 1 January 1904; the 1900 system
  /// from 1 January 1900 = 1, with Excel's 29 February 1900 (serial 60), a day that never was: it is
  /// written as such, and the date rules refuse it (`D04`).
  static func day(serial: Double, date1904: Bool) -> String? {
    // The last day either system can show is 31 December 9999.
    guard serial.isFinite, serial >= (date1904 ? 0 : 1), serial < (date1904 ? 2_957_004 : 2_958_466) else { return nil }
    let whole = Int(serial.rounded(.down))
    let base: CalendarDay
    if date1904 {
      base = CalendarDay(year: 1904, month: 1, day: 1)!
    } else if whole == 60 {
      return "1900-02-29"
    } else {
      base = whole < 60 ? CalendarDay(year: 1899, month: 12, day: 31)! : CalendarDay(year: 1899, month: 12, day: 30)!
    }
    return base.adding(days: whole).description
  }
}

/// What a workbook cell was beyond its text, kept in the ledger beside the row's cells.
public enum CellNote: String, Sendable, Equatable {
  case fraction = "so-le"
  case formulaWithoutValue = "cong-thuc"

  /// As the ledger stores them: cell index and note, in turn.
  static func encode(_ notes: [Int: CellNote]) -> Data {
    StoredCells.encode(notes.keys.sorted().flatMap { [String($0), notes[$0]!.rawValue] })
  }

  static func decode(_ texts: [String]) -> [Int: CellNote] {
    var notes: [Int: CellNote] = [:]
    for pair in stride(from: 0, to: texts.count - 1, by: 2) {
      if let index = Int(texts[pair]), let note = CellNote(rawValue: texts[pair + 1]) { notes[index] = note }
    }
    return notes
  }
}

enum SheetText {
  /// Excel writes characters that XML cannot carry as `_xHHHH_` (and a literal `_x` as `_x005F_x`).
  static func unescape(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "_")), text.contains("_x") else { return text }
    var result = ""
    var rest = Substring(text)
    while let range = rest.range(of: "_x") {
      result += rest[..<range.lowerBound]
      let after = rest[range.upperBound...]
      let hex = after.prefix(5)
      if hex.count == 5, hex.last == "_", let value = UInt32(hex.dropLast(), radix: 16), let scalar = Unicode.Scalar(value) {
        result.unicodeScalars.append(scalar)
        rest = after.dropFirst(5)
      } else {
        result += "_x"
        rest = after
      }
    }
    return result + rest
  }
}
