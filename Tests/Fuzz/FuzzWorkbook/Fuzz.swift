import Foundation
import TonghopCore

/// libFuzzer entry: bytes → `.xlsx` reader → every row rule (`Invariants.workbook`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let broken = Invariants.workbook(Array(UnsafeBufferPointer(start: data, count: size)))
  if !broken.isEmpty {
    FileHandle.standardError.write(Data(("broken: " + broken.joined(separator: "\n")).utf8))
    abort()
  }
  return 0
}
