import Foundation

/// A CSV file the office maintains beside the registry (`don-vi.csv`, `chuyen-doi.csv`): UTF-8 with or
/// without BOM, the expected header first, blank rows skipped. Mistakes are registry errors (exit 2)
/// naming the line.
struct RegistryFile {
  let path: String
  /// The rows after the header, with their cells trimmed and in NFC.
  let rows: [CSVRecord]

  init(_ url: URL, header: [String]) throws(TonghopError) {
    path = url.path
    let bytes: [UInt8]
    do {
      bytes = Array(try Data(contentsOf: url))
    } catch {
      throw TonghopError(.registry, "Không đọc được danh mục \(url.path): \(SystemError.explain(error))")
    }
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    guard String(validating: text, as: UTF8.self) != nil else {
      throw TonghopError(.registry, "\(url.path): tệp không phải văn bản UTF-8; hãy lưu lại bằng \"CSV UTF-8\"")
    }
    let records: [CSVRecord]
    do {
      records = try CSVReader.records(in: text)
    } catch {
      throw TonghopError(.registry, "\(url.path) dòng \(error.line): tệp CSV sai cấu trúc (\(error.reason)), thường do thiếu dấu ngoặc kép đóng")
    }
    let nonBlank = records.filter { $0.fields.contains { !$0.trimmed.isEmpty } }
    guard let head = nonBlank.first else { throw TonghopError(.registry, "\(url.path): tệp danh mục rỗng") }
    let names = head.fields.map(\.headerKey)
    guard Array(names.prefix(header.count)) == header, names.dropFirst(header.count).allSatisfy(\.isEmpty) else {
      throw TonghopError(.registry, "\(url.path) dòng \(head.line): dòng tiêu đề phải là \(header.joined(separator: ","))")
    }
    rows = nonBlank.dropFirst().map { record in
      var cells = record.fields.map { $0.trimmed.nfc }
      if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
      return CSVRecord(line: record.line, fields: cells)
    }
  }

  func fail(_ line: Int, _ message: String) -> TonghopError {
    TonghopError(.registry, "\(path) dòng \(line): \(message)")
  }
}
