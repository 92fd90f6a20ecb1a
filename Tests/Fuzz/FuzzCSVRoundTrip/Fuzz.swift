import Foundation
import TonghopCore

/// libFuzzer entry: CSV → parse → write → parse gives the same records (`Invariants.csvRoundTrip`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let broken = Invariants.csvRoundTrip(Array(UnsafeBufferPointer(start: data, count: size)))
  if !broken.isEmpty {
    FileHandle.standardError.write(Data(("broken: " + broken.joined(separator: "\n")).utf8))
    abort()
  }
  return 0
}
