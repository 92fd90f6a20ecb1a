/// Reads the first visible worksheet of an `.xlsx` file sent as a submission (submissions.md,
/// "Excel workbooks"): its rows as Excel numbers them, with cells as Excel stored them.
enum XLSXReader {
  struct Sheet {
    var rows: [SheetRow]
    var date1904: Bool
  }

  static func sheet(_ bytes: [UInt8]) throws(WorkbookError) -> Sheet {
    switch FileKind.sniff(bytes) {
    case .xlsx:
      break
    case .xls:
      // Excel saves a workbook with a password as a compound file holding an encrypted package.
      throw XLSXReader.containsEncryptedPackage(bytes) ? .encrypted : .otherKind("xls")
    case .some(let kind):
      throw .otherKind(kind.rawValue)
    case nil:
      throw TextDecoding.decode(bytes) != nil && !bytes.isEmpty ? .otherKind("csv") : .damaged("không phải tệp nén ZIP")
    }
    var package = try ZipPackage(bytes)
    let parts = try WorkbookParts(&package)
    let reader = SheetReader(sharedStrings: parts.sharedStrings, dateStyles: parts.dateStyles, budget: package.readingBudget)
    let sheet = try package.parse(parts.sheetPath, reader)
    return Sheet(rows: sheet.visibleRows, date1904: parts.date1904)
  }

  /// The stream name `EncryptedPackage` (UTF-16LE) in the compound file's directory.
  private static func containsEncryptedPackage(_ bytes: [UInt8]) -> Bool {
    let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    guard bytes.count >= name.count else { return false }
    return (0...(bytes.count - name.count)).contains { start in
      bytes[start] == name[0] && bytes[start..<(start + name.count)].elementsEqual(name)
    }
  }
}
