import CZlib

/// The zip archive of an Office Open XML file, read from memory: its directory, and its parts
/// inflated by zlib in pieces, never whole.
///
/// Every offset and size the archive states is checked against its bytes before use; an entry's
/// compressed data is read only within its own stated range, so a deflate stream that never ends
/// is a damaged archive, not a loop. Inflating stops as soon as the archive would expand beyond its
/// budget (submissions.md: 200 MiB in all, or 100 times the file's size).
struct ZipPackage {
  struct Entry {
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var dataOffset: Int
  }

  static let expansionLimit = 200 << 20
  static let expansionRatio = 100

  private let bytes: [UInt8]
  private var entries: [String: Entry] = [:]
  /// Bytes that may still be inflated.
  private var budget: Int

  init(_ bytes: [UInt8]) throws(WorkbookError) {
    self.bytes = bytes
    budget = min(ZipPackage.expansionLimit, ZipPackage.expansionRatio * bytes.count)
    try readDirectory()
  }

  /// Part names are compared without regard to ASCII case, as Open Packaging Conventions has it.
  func contains(_ path: String) -> Bool { entries[path.lowercased()] != nil }

  /// What the cells read may cost (see `SheetReader.cellCost`): far more than a province's reports
  /// (1,000 units of 30 cells cost 2 MiB), far less than what a few kilobytes can inflate to.
  var readingBudget: Int { min(ZipPackage.readingLimit, ZipPackage.expansionRatio * bytes.count) }
  static let readingLimit = 64 << 20

  /// Inflates the part at `path`, handing its bytes on in pieces.
  mutating func read(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) throws(WorkbookError) -> Void) throws(WorkbookError) {
    guard let entry = entries[path.lowercased()] else { throw .notAWorkbook }
    guard entry.size <= budget else { throw .tooLarge }
    var budget = budget
    defer { self.budget = budget }
    let crc = try bytes.withUnsafeBufferPointer { all throws(WorkbookError) -> UInt32 in
      let data = UnsafeBufferPointer(rebasing: all[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)])
      switch entry.method {
      case 0:
        budget -= data.count
        guard budget >= 0 else { throw .tooLarge }
        try body(data)
        return ZipPackage.crc(0, data)
      case 8:
        return try ZipPackage.inflate(data, budget: &budget, body)
      default:
        throw .damaged("kiểu nén \(entry.method) không được hỗ trợ")
      }
    }
    guard crc == entry.crc else { throw .damaged("mã kiểm tra (CRC) của \(path) không khớp") }
  }

  private static func inflate(
    _ data: UnsafeBufferPointer<UInt8>, budget: inout Int, _ body: (UnsafeBufferPointer<UInt8>) throws(WorkbookError) -> Void
  ) throws(WorkbookError) -> UInt32 {
    var stream = z_stream()
    guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw .damaged("không khởi tạo được zlib")
    }
    defer { inflateEnd(&stream) }
    stream.next_in = UnsafeMutablePointer(mutating: data.baseAddress)
    stream.avail_in = UInt32(data.count)
    let chunk = 64 * 1024
    let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunk)
    defer { output.deallocate() }
    var crc: UInt32 = 0
    while true {
      stream.next_out = output.baseAddress
      stream.avail_out = UInt32(chunk)
      let status = CZlib.inflate(&stream, Z_NO_FLUSH)
      let produced = chunk - Int(stream.avail_out)
      if produced > 0 {
        budget -= produced
        guard budget >= 0 else { throw .tooLarge }
        let piece = UnsafeBufferPointer(rebasing: output[0..<produced])
        crc = ZipPackage.crc(crc, piece)
        try body(piece)
      }
      switch status {
      case Z_STREAM_END: return crc
      case Z_OK: continue
      // No progress possible: the compressed data ended before its stream did.
      case Z_BUF_ERROR: throw .damaged("dữ liệu nén bị cắt cụt")
      default: throw .damaged("dữ liệu nén bị hỏng")
      }
    }
  }

  private static func crc(_ crc: UInt32, _ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
    guard let base = data.baseAddress, !data.isEmpty else { return crc }
    return UInt32(crc32(UInt(crc), base, UInt32(data.count)))
  }

  // MARK: The directory

  private func integer(_ offset: Int, _ width: Int) throws(WorkbookError) -> Int {
    guard offset >= 0, width <= bytes.count, offset <= bytes.count - width else { throw .damaged("mục lục tệp nén nằm ngoài tệp") }
    var value = 0
    for index in (0..<width).reversed() { value = value << 8 | Int(bytes[offset + index]) }
    guard value >= 0 else { throw .damaged("kích thước trong tệp nén quá lớn") }
    return value
  }

  private mutating func readDirectory() throws(WorkbookError) {
    // The end-of-directory record: within the last 65,557 bytes (22 bytes and a comment up to 64 KiB).
    guard bytes.count >= 22 else { throw .damaged("tệp quá ngắn") }
    var end = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 0xFFFF)
    while end >= lowest, try integer(end, 4) != 0x0605_4B50 { end -= 1 }
    guard end >= lowest else { throw .damaged("không tìm thấy mục lục của tệp nén") }
    var count = try integer(end + 10, 2)
    var directorySize = try integer(end + 12, 4)
    var offset = try integer(end + 16, 4)
    if count == 0xFFFF || directorySize == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
      guard end >= 20, try integer(end - 20, 4) == 0x0706_4B50 else { throw .damaged("mục lục ZIP64 không hợp lệ") }
      let record = try integer(end - 12, 8)
      guard try integer(record, 4) == 0x0606_4B50 else { throw .damaged("mục lục ZIP64 không hợp lệ") }
      count = try integer(record + 32, 8)
      directorySize = try integer(record + 40, 8)
      offset = try integer(record + 48, 8)
    }
    guard offset <= bytes.count, directorySize <= bytes.count - offset, count <= directorySize / 46 else {
      throw .damaged("mục lục tệp nén nằm ngoài tệp")
    }
    var declared = 0
    var at = offset
    for _ in 0..<count {
      guard try integer(at, 4) == 0x0201_4B50 else { throw .damaged("mục lục tệp nén bị hỏng") }
      let flags = try integer(at + 8, 2)
      let method = try integer(at + 10, 2)
      let crc = try integer(at + 16, 4)
      var compressed = try integer(at + 20, 4)
      var size = try integer(at + 24, 4)
      let nameLength = try integer(at + 28, 2)
      let extraLength = try integer(at + 30, 2)
      let commentLength = try integer(at + 32, 2)
      var local = try integer(at + 42, 4)
      guard at + 46 + nameLength + extraLength <= bytes.count else { throw .damaged("mục lục tệp nén bị hỏng") }
      let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      // ZIP64 sizes and offset, in this order, for the fields that say 0xFFFFFFFF.
      var extra = at + 46 + nameLength
      let extraEnd = extra + extraLength
      while extra + 4 <= extraEnd {
        let id = try integer(extra, 2)
        let length = try integer(extra + 2, 2)
        if id == 0x0001 {
          var field = extra + 4
          if size == 0xFFFF_FFFF { size = try integer(field, 8); field += 8 }
          if compressed == 0xFFFF_FFFF { compressed = try integer(field, 8); field += 8 }
          if local == 0xFFFF_FFFF { local = try integer(field, 8) }
        }
        extra += 4 + length
      }
      at = extraEnd + commentLength
      if flags & 1 != 0 { throw .encrypted }
      guard try integer(local, 4) == 0x0403_4B50 else { throw .damaged("phần \(name) của tệp nén bị hỏng") }
      let dataOffset = local + 30 + (try integer(local + 26, 2)) + (try integer(local + 28, 2))
      guard dataOffset <= bytes.count, compressed <= bytes.count - dataOffset else {
        throw .damaged("phần \(name) nằm ngoài tệp nén")
      }
      declared = declared > Int.max - size ? Int.max : declared + size
      // Two parts of one name: which one Excel would read is anyone's guess, so neither is.
      guard entries[name.lowercased()] == nil else { throw .damaged("phần \(name) xuất hiện hai lần trong tệp nén") }
      entries[name.lowercased()] = Entry(method: UInt16(method), crc: UInt32(crc), compressedSize: compressed, size: size, dataOffset: dataOffset)
    }
    if declared > budget { throw .tooLarge }
  }
}
