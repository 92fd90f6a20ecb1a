import CZlib

/// A zip archive of uncompressed entries, made in memory: the smallest workbook around a sheet, for
/// the fuzz target and the tests that hand the reader XML of their own.
enum StoredZip {
  static func archive(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
    var bytes: [UInt8] = []
    var directory: [UInt8] = []
    func le(_ value: Int, _ width: Int, into out: inout [UInt8]) {
      for shift in 0..<width { out.append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
    }
    for (name, data) in entries {
      let offset = bytes.count
      let crc = data.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, UInt32($0.count))) }
      let nameBytes = Array(name.utf8)
      var common: [UInt8] = []
      for (value, width) in [(20, 2), (0, 2), (0, 2), (0, 2), (0x21, 2), (crc, 4), (data.count, 4), (data.count, 4), (nameBytes.count, 2), (0, 2)] {
        le(value, width, into: &common)
      }
      le(0x0403_4B50, 4, into: &bytes)
      bytes += common + nameBytes + data
      le(0x0201_4B50, 4, into: &directory)
      le(20, 2, into: &directory)
      directory += common
      for (value, width) in [(0, 2), (0, 2), (0, 2), (0, 4), (offset, 4)] { le(value, width, into: &directory) }
      directory += nameBytes
    }
    let start = bytes.count
    bytes += directory
    le(0x0605_4B50, 4, into: &bytes)
    for (value, width) in [(0, 2), (0, 2), (entries.count, 2), (entries.count, 2), (directory.count, 4), (start, 4), (0, 2)] {
      le(value, width, into: &bytes)
    }
    return bytes
  }

  /// A workbook of one sheet whose XML is `sheet`, with style 1 a date.
  static func workbook(sheet: [UInt8]) -> [UInt8] {
    let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return archive([
      ("_rels/.rels", Array("<Relationships><Relationship Id=\"r1\" Type=\"\(relations)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
      ("xl/workbook.xml", Array("<workbook xmlns:r=\"\(relations)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"r1\"/></sheets></workbook>".utf8)),
      ("xl/_rels/workbook.xml.rels", Array("<Relationships><Relationship Id=\"r1\" Type=\"\(relations)/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"r2\" Type=\"\(relations)/styles\" Target=\"styles.xml\"/></Relationships>".utf8)),
      ("xl/styles.xml", Array("<styleSheet><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>".utf8)),
      ("xl/worksheets/sheet1.xml", sheet),
    ])
  }
}
