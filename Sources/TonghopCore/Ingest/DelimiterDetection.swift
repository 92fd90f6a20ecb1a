/// Picks the delimiter that splits the header line into the most known column names
/// (ties go to the comma). Quoted header cells are allowed: LibreOffice quotes every text cell.
enum DelimiterDetection {
  static func detect(headerLine: [UInt8], known: Set<String>) -> CSVReader.Delimiter {
    var best = CSVReader.Delimiter.comma
    var bestScore = -1
    for delimiter in CSVReader.Delimiter.allCases {
      let score = cells(of: headerLine, by: delimiter.rawValue).filter { known.contains($0.headerKey) }.count
      if score > bestScore {
        best = delimiter
        bestScore = score
      }
    }
    return best
  }

  private static func cells(of line: [UInt8], by delimiter: UInt8) -> [String] {
    var cells: [String] = []
    var start = 0
    var quoted = false
    var hasQuotes = false
    func cell(upTo end: Int) -> String {
      let bytes = line[start..<end]
      if hasQuotes { return String(decoding: bytes.filter { $0 != 0x22 }, as: UTF8.self) }
      return String(decoding: bytes, as: UTF8.self)
    }
    for (index, byte) in line.enumerated() {
      if byte == 0x22 {
        quoted.toggle()
        hasQuotes = true
      } else if byte == delimiter && !quoted {
        cells.append(cell(upTo: index))
        start = index + 1
        hasQuotes = false
      }
    }
    cells.append(cell(upTo: line.count))
    return cells
  }

  /// The first line holding anything but spaces.
  static func firstLine(of text: [UInt8]) -> [UInt8]? {
    var start = 0
    while start < text.count {
      var end = start
      while end < text.count, text[end] != 0x0A, text[end] != 0x0D { end += 1 }
      if text[start..<end].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
        return Array(text[start..<end])
      }
      start = end + 1
    }
    return nil
  }
}
