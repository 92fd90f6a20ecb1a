import Dispatch
import Foundation

enum Parallel {
  /// `transform` of every index in `0..<count`, computed on every core, in index order; the error
  /// of the lowest failing index is thrown.
  static func map<T>(
    _ count: Int, _ transform: @Sendable (Int) throws(TonghopError) -> T
  ) throws(TonghopError) -> [T] {
    guard count > 1 else { return try (0..<count).map { index throws(TonghopError) in try transform(index) } }
    let slots = Slots<T>(count)
    let workers = min(count, ProcessInfo.processInfo.activeProcessorCount)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: count, by: workers) {
        slots.buffer[index] = Result { () throws(TonghopError) -> T in try transform(index) }
      }
    }
    return try slots.buffer.map { result throws(TonghopError) in try result!.get() }
  }

  /// One result per index; each index is written by one worker only, and read after all finished.
  private final class Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result<T, TonghopError>?>

    init(_ count: Int) {
      buffer = .allocate(capacity: count)
      buffer.initialize(repeating: nil)
    }

    deinit {
      _ = buffer.deinitialize()
      buffer.deallocate()
    }
  }
}
