import Foundation

/// Named places where the crash tests stop a run with SIGKILL: when the environment variable
/// `TONGHOP_CRASH_AT` names the place, the process kills itself there, as a power cut would.
/// `TONGHOP_PAUSE_AT` names a place where the run waits two seconds instead, so that a test can
/// watch another command work beside it.
enum CrashPoint {
  static let requested = ProcessInfo.processInfo.environment["TONGHOP_CRASH_AT"]
  static let pause = ProcessInfo.processInfo.environment["TONGHOP_PAUSE_AT"]

  static func reached(_ name: String) {
    if requested == name { kill(getpid(), SIGKILL) }
    if pause == name { usleep(2_000_000) }
  }
}
