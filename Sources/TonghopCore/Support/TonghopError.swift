/// A condition that stops a command. Findings about submitted data are never thrown:
/// they are `Issue` values written to the issue list.
public struct TonghopError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Bad command line (exit 2).
    case usage
    /// The config file is wrong (exit 2).
    case config
    /// The unit registry is wrong (exit 2).
    case registry
    /// A stage's input is missing: run the stage before it (exit 2).
    case missingStage
    /// Reading or writing failed (exit 1).
    case io
    /// Another run holds the lock (exit 75).
    case locked
  }

  public let kind: Kind
  public let message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var exitCode: Int32 {
    switch kind {
    case .usage, .config, .registry, .missingStage: 2
    case .io: 1
    case .locked: 75
    }
  }

  public var description: String { message }

  static func io(_ path: String, _ what: String, _ error: any Error) -> TonghopError {
    TonghopError(.io, "\(what) \(path): \(error)")
  }
}
