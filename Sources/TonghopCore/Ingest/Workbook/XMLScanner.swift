/// What an XML part hands on: elements by their local name (the namespace prefix dropped), their
/// attributes, and the text between them (possibly in several pieces).
protocol XMLHandler {
  mutating func start(_ name: String, _ attributes: [XMLAttribute]) throws(WorkbookError)
  mutating func end(_ name: String) throws(WorkbookError)
  /// Character data, entities already replaced; a run of text may arrive in several calls.
  mutating func text(_ bytes: ArraySlice<UInt8>) throws(WorkbookError)
}

struct XMLAttribute {
  var name: String
  var value: String
}

extension [XMLAttribute] {
  subscript(_ name: String) -> String? { first { $0.name == name }?.value }
}

/// A streaming scanner for the XML of a workbook's parts, fed in pieces as the archive inflates them.
///
/// It knows what SpreadsheetML uses: elements, attributes, text, CDATA, comments and processing
/// instructions, the five predefined entities and character references. A document type declaration
/// (`<!DOCTYPE`, where entity expansion and external entities live) is refused before anything in it
/// is read: no entity is ever defined, nothing outside the workbook is ever opened.
struct XMLScanner<Handler: XMLHandler> {
  var handler: Handler
  private var buffer: [UInt8] = []
  private var position = 0
  /// The open elements, innermost last: an end tag must close the innermost one.
  private var open: [String] = []
  private var depth: Int { open.count }
  private var begun = false
  private var decoded: [UInt8] = []

  /// No tag, comment or entity of a workbook comes near this; a longer one is a damaged or hostile part.
  static var tokenLimit: Int { 1 << 20 }
  /// SpreadsheetML nests a handful of levels; thousands are a hostile part.
  static var depthLimit: Int { 256 }

  init(_ handler: Handler) {
    self.handler = handler
  }

  mutating func feed(_ bytes: some Collection<UInt8>) throws(WorkbookError) {
    if position > 0, position >= buffer.count / 2 {
      buffer.removeSubrange(0..<position)
      position = 0
    }
    buffer.append(contentsOf: bytes)
    try scan(final: false)
  }

  /// The end of the part: anything left unfinished is a damaged part.
  mutating func finish() throws(WorkbookError) {
    try scan(final: true)
    guard position == buffer.count, depth == 0 else { throw .damaged("phần XML bị cắt cụt") }
  }

  private mutating func scan(final: Bool) throws(WorkbookError) {
    if !begun {
      guard buffer.count >= 2 || final else { return }
      begun = true
      if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) { throw .damaged("phần XML không mã hóa UTF-8") }
    }
    while position < buffer.count {
      if buffer[position] == UInt8(ascii: "<") {
        guard try markup(final: final) else { return }
      } else {
        guard try characters(final: final) else { return }
      }
    }
  }

  /// One markup token at `position`; false when it is not complete yet.
  private mutating func markup(final: Bool) throws(WorkbookError) -> Bool {
    let rest = buffer.count - position
    func incomplete() throws(WorkbookError) -> Bool {
      if final { throw .damaged("phần XML bị cắt cụt") }
      if rest > XMLScanner.tokenLimit { throw .damaged("thẻ XML quá dài") }
      return false
    }
    if rest < 2 { return try incomplete() }
    switch buffer[position + 1] {
    case UInt8(ascii: "!"):
      if starts(with: "<!--") {
        guard let end = find("-->", from: position + 4) else { return try incomplete() }
        position = end + 3
      } else if starts(with: "<![CDATA[") {
        guard let end = find("]]>", from: position + 9) else { return try incomplete() }
        try handler.text(buffer[(position + 9)..<end])
        position = end + 3
      } else if rest < 9, !final {
        return false
      } else {
        // <!DOCTYPE, <!ENTITY …: never in a workbook Excel writes, and where every XML attack lives.
        throw .documentType
      }
    case UInt8(ascii: "?"):
      guard let end = find("?>", from: position + 2) else { return try incomplete() }
      position = end + 2
    default:
      guard let end = tagEnd(from: position + 1) else { return try incomplete() }
      try tag(position + 1, end)
      position = end + 1
    }
    return true
  }

  /// The `>` that closes the tag, outside quoted attribute values.
  private func tagEnd(from start: Int) -> Int? {
    var quote: UInt8 = 0
    var index = start
    while index < buffer.count {
      let byte = buffer[index]
      if quote != 0 {
        if byte == quote { quote = 0 }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: ">") {
        return index
      }
      index += 1
    }
    return nil
  }

  /// A start, end or empty-element tag between `<` and `>`.
  private mutating func tag(_ start: Int, _ end: Int) throws(WorkbookError) {
    if buffer[start] == UInt8(ascii: "/") {
      var nameEnd = start + 1
      while nameEnd < end, !XMLScanner.isSpace(buffer[nameEnd]) { nameEnd += 1 }
      let name = localName(start + 1, nameEnd)
      guard open.last == name else { throw .damaged("thẻ đóng </\(name.prefix(40))> không khớp thẻ mở") }
      open.removeLast()
      try handler.end(name)
      return
    }
    let selfClosing = buffer[end - 1] == UInt8(ascii: "/")
    let last = selfClosing ? end - 1 : end
    var index = start
    while index < last, !XMLScanner.isSpace(buffer[index]) { index += 1 }
    let name = localName(start, index)
    guard !name.isEmpty else { throw .damaged("thẻ XML không có tên") }
    var attributes: [XMLAttribute] = []
    while true {
      while index < last, XMLScanner.isSpace(buffer[index]) { index += 1 }
      guard index < last else { break }
      let nameStart = index
      while index < last, buffer[index] != UInt8(ascii: "="), !XMLScanner.isSpace(buffer[index]) { index += 1 }
      let attribute = localName(nameStart, index)
      while index < last, XMLScanner.isSpace(buffer[index]) { index += 1 }
      guard index < last, buffer[index] == UInt8(ascii: "=") else { throw .damaged("thuộc tính XML sai cú pháp") }
      index += 1
      while index < last, XMLScanner.isSpace(buffer[index]) { index += 1 }
      guard index < last, buffer[index] == UInt8(ascii: "\"") || buffer[index] == UInt8(ascii: "'") else {
        throw .damaged("thuộc tính XML sai cú pháp")
      }
      let quote = buffer[index]
      let valueStart = index + 1
      index = valueStart
      while index < last, buffer[index] != quote { index += 1 }
      guard index < last else { throw .damaged("thuộc tính XML sai cú pháp") }
      decoded.removeAll(keepingCapacity: true)
      try decode(valueStart, index, into: &decoded)
      attributes.append(XMLAttribute(name: attribute, value: String(decoding: decoded, as: UTF8.self)))
      index += 1
    }
    guard open.count < XMLScanner.depthLimit else { throw .damaged("các thẻ XML lồng nhau quá sâu") }
    try handler.start(name, attributes)
    if selfClosing {
      try handler.end(name)
    } else {
      open.append(name)
    }
  }

  /// Text up to the next `<`; without one yet, as much as is complete (an entity cut by the end of
  /// the piece waits for the next piece).
  private mutating func characters(final: Bool) throws(WorkbookError) -> Bool {
    var end = position
    while end < buffer.count, buffer[end] != UInt8(ascii: "<") { end += 1 }
    if end == buffer.count, !final {
      var amp = end - 1
      while amp >= position, amp >= end - 12, buffer[amp] != UInt8(ascii: "&"), buffer[amp] != UInt8(ascii: ";") { amp -= 1 }
      if amp >= position, amp >= end - 12, buffer[amp] == UInt8(ascii: "&") { end = amp }
      if end == position { return false }
    }
    decoded.removeAll(keepingCapacity: true)
    try decode(position, end, into: &decoded)
    if depth > 0 { try handler.text(decoded[...]) }
    position = end
    return true
  }

  /// Text with its predefined entities and character references replaced.
  private func decode(_ start: Int, _ end: Int, into out: inout [UInt8]) throws(WorkbookError) {
    var index = start
    while index < end {
      let byte = buffer[index]
      guard byte == UInt8(ascii: "&") else {
        out.append(byte)
        index += 1
        continue
      }
      var semicolon = index + 1
      while semicolon < end, semicolon - index <= 12, buffer[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
      guard semicolon < end, buffer[semicolon] == UInt8(ascii: ";") else { throw .damaged("tham chiếu thực thể XML sai") }
      let name = buffer[(index + 1)..<semicolon]
      switch String(decoding: name, as: UTF8.self) {
      case "lt": out.append(UInt8(ascii: "<"))
      case "gt": out.append(UInt8(ascii: ">"))
      case "amp": out.append(UInt8(ascii: "&"))
      case "quot": out.append(UInt8(ascii: "\""))
      case "apos": out.append(UInt8(ascii: "'"))
      case let reference where reference.hasPrefix("#"):
        let digits = reference.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { throw .damaged("tham chiếu ký tự XML sai") }
        out.append(contentsOf: String(Character(scalar)).utf8)
      default:
        // Only a document type declaration could define another entity, and none is ever read.
        throw .damaged("thực thể XML không được định nghĩa")
      }
      index = semicolon + 1
    }
  }

  private func localName(_ start: Int, _ end: Int) -> String {
    var from = start
    for index in start..<end where buffer[index] == UInt8(ascii: ":") { from = index + 1 }
    return String(decoding: buffer[from..<end], as: UTF8.self)
  }

  private func starts(with text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard buffer.count - position >= count else { return false }
    return text.withUTF8Buffer { prefix in (0..<count).allSatisfy { buffer[position + $0] == prefix[$0] } }
  }

  private func find(_ text: StaticString, from start: Int) -> Int? {
    text.withUTF8Buffer { needle -> Int? in
      guard buffer.count >= needle.count else { return nil }
      var index = start
      while index <= buffer.count - needle.count {
        if buffer[index] == needle[0], (1..<needle.count).allSatisfy({ buffer[index + $0] == needle[$0] }) { return index }
        index += 1
      }
      return nil
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
