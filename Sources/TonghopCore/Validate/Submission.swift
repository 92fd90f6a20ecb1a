/// A file carrying rows of a period, as `tep-nop.csv` lists it: what a signing names as the sources
/// of its numbers, and what the comparison with a signed version reports as received or withdrawn since.
public struct Submission: Sendable {
  public var file: SubmittedFile
  /// The file's rows checked for the period.
  public var rows: Int
  /// Of them, the current rows of their units: the rows that count.
  public var counting = 0

  public static let header = ["tep", "sha256", "nhan_luc", "rut_luc", "ly_do_rut", "so_dong", "dong_tinh"]

  var fields: [String] {
    [
      file.path, file.sha256, file.firstSeen, file.withdrawnAt ?? "", file.withdrawnReason ?? "", String(rows),
      String(counting),
    ]
  }

  /// The order of the stage file: by path, then hash.
  static func sorted(_ submissions: [Submission]) -> [Submission] {
    submissions.sorted {
      $0.file.path != $1.file.path ? $0.file.path.utf8Precedes($1.file.path) : $0.file.sha256 < $1.file.sha256
    }
  }
}
