import Foundation

extension String {
  /// Unicode NFC; ASCII text is returned as it is without the cost of normalising.
  public var nfc: String {
    utf8.allSatisfy({ $0 < 0x80 }) ? self : precomposedStringWithCanonicalMapping
  }

  /// Spaces, tabs and no-break spaces removed at both ends.
  public var trimmed: String {
    trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{00A0}\u{FEFF}"))
  }

  /// Header matching: case-insensitive, every space removed.
  public var headerKey: String {
    nfc.lowercased().filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{FEFF}" }
  }
}
