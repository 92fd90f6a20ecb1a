import Foundation
import TonghopCore

/// libFuzzer entry: bytes → decode → parse → every row rule (`Invariants.submission`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSubmission(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let broken = Invariants.submission(Array(UnsafeBufferPointer(start: data, count: size)))
  if !broken.isEmpty {
    FileHandle.standardError.write(Data(("broken: " + broken.joined(separator: "\n")).utf8))
    abort()
  }
  return 0
}
