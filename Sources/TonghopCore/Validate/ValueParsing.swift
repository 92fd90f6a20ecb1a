/// The value syntax of submissions.md.
enum ValueParsing {
  enum NumberResult: Equatable {
    case plain(Int64)
    /// Read through grouping separators (`D14`).
    case grouped(Int64)
    case invalid
  }

  static let maximum: Int64 = 1_000_000_000_000

  /// Counts and money: ASCII digits, optionally grouped in threes by one of `.`, `,`, space or no-break space.
  static func number(_ raw: String) -> NumberResult {
    // Plain digits, as nearly every cell is, without Character work.
    let utf8 = raw.utf8
    if !utf8.isEmpty, utf8.count <= 13, utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
      let value = utf8.reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
      return value <= maximum ? .plain(value) : .invalid
    }
    let text = raw.trimmed
    guard !text.isEmpty else { return .invalid }
    let separators: Set<Character> = [".", ",", " ", "\u{00A0}"]
    let used = Set(text.filter { separators.contains($0) })
    guard used.count <= 1 else { return .invalid }
    let groups = used.first.map { sep in text.split(separator: sep, omittingEmptySubsequences: false).map(String.init) } ?? [text]
    guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return .invalid }
    if groups.count > 1 {
      guard (1...3).contains(groups[0].count), groups[0].first != "0",
        groups.dropFirst().allSatisfy({ $0.count == 3 })
      else { return .invalid }
    }
    let digits = groups.joined()
    guard digits.count <= 13, let value = Int64(digits), value <= maximum else { return .invalid }
    return groups.count > 1 ? .grouped(value) : .plain(value)
  }

  static func yesNo(_ raw: String) -> Bool? {
    switch raw.trimmed.nfc.lowercased() {
    case "1", "có", "co", "x", "yes", "true": true
    case "0", "không", "khong", "no", "false": false
    default: nil
    }
  }

  /// `bo_chi_so` as its canonical word.
  static func mediaLevel(_ raw: String) -> String? {
    switch raw.trimmed.nfc.lowercased() {
    case "khong", "không", "0": "khong"
    case "thi_diem", "thí điểm", "thi diem", "1": "thi_diem"
    case "chinh_thuc", "chính thức", "chinh thuc", "2": "chinh_thuc"
    default: nil
    }
  }

  static let textLimit = 32_767

  /// Free text without control characters, cut to Excel's cell limit; `changed` reports `D17`.
  static func text(_ raw: String) -> (text: String, removed: Bool, cut: Bool) {
    // No C0 control byte but tab and line feed, no C1 control (U+0080–U+009F, UTF-8 C2 80–9F), short:
    // nothing to do.
    var previous: UInt8 = 0
    let clean = raw.utf8.count <= textLimit && raw.utf8.allSatisfy { byte in
      defer { previous = byte }
      let control = (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F
        || (previous == 0xC2 && (0x80...0x9F).contains(byte))
      return !control
    }
    if clean { return (raw, false, false) }
    var scalars = String.UnicodeScalarView()
    var removed = false
    for scalar in raw.unicodeScalars {
      if scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t" {
        removed = true
      } else {
        scalars.append(scalar)
      }
    }
    var text = String(scalars)
    var cut = false
    if text.utf16.count > textLimit {
      var kept = ""
      var count = 0
      for character in text {
        count += character.utf16.count
        if count > textLimit { break }
        kept.append(character)
      }
      text = kept
      cut = true
    }
    return (text, removed, cut)
  }
}
