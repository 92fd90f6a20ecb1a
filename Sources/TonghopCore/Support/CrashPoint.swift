import Foundation

/// Named places where the crash tests stop a run with SIGKILL: when the environment variable
/// `TONGHOP_CRASH_AT` names the place, the process kills itself there, as a power cut would.
enum CrashPoint {
  static let requested = ProcessInfo.processInfo.environment["TONGHOP_CRASH_AT"]

  static func reached(_ name: String) {
    if requested == name { kill(getpid(), SIGKILL) }
  }
}
