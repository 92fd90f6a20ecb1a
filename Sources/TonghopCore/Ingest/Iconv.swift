import Glibc

/// Converts bytes to UTF-8 with glibc's iconv. One converter per call: the descriptor is closed
/// before returning.
enum Iconv {
  /// nil when the bytes are not valid in `encoding`.
  static func toUTF8(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
    let cd = iconv_open("UTF-8", encoding)
    guard cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
    var input = bytes
    let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var inLeft = inBuffer.count
        var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var outLeft = outBuffer.count
        if inLeft > 0, iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return nil }
        // CP1258 holds back the last letter while it waits for a tone mark: flush it.
        if iconv(cd, nil, nil, &outPointer, &outLeft) == -1 { return nil }
        return outBuffer.count - outLeft
      }
    }
    guard let produced else { return nil }
    output.removeSubrange(produced...)
    return output
  }
}
