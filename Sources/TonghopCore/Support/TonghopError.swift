import Foundation

/// A condition that stops a command. Findings about submitted data are never thrown:
/// they are `Finding` values written to the issue list.
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

  /// What could not be done to a file or folder, in the officer's words.
  enum Action: String {
    case read = "Không đọc được"
    case write = "Không ghi được"
    case list = "Không xem được nội dung thư mục"
    case sync = "Không lưu được xuống đĩa"
    case createFolder = "Không tạo được thư mục"
    case replaceFolder = "Không thay được thư mục"
    case publish = "Không đặt được tệp vào chỗ"
  }

  /// A failure of the system underneath, told in Vietnamese with what to do: never the system's
  /// own English text.
  static func io(_ path: String, _ action: Action, _ error: any Error) -> TonghopError {
    TonghopError(.io, "\(action.rawValue) \(path): \(SystemError.explain(error))")
  }
}

/// The system's errors as the officer reads them.
enum SystemError {
  static func explain(_ error: any Error) -> String {
    guard let posix = error as? POSIXError else {
      let code = (error as NSError).domain == NSPOSIXErrorDomain ? Int32((error as NSError).code) : nil
      return code.map(explain(errno:)) ?? "lỗi hệ thống (\((error as NSError).domain) \((error as NSError).code))"
    }
    return explain(errno: posix.code.rawValue)
  }

  static func explain(errno code: Int32) -> String {
    let words: String =
      switch code {
      case ENOENT: "không tìm thấy tệp hoặc thư mục"
      case EACCES, EPERM: "không có quyền truy cập; hãy chạy lệnh bằng đúng tài khoản sở hữu thư mục làm việc (ví dụ sudo -u tonghop …) hoặc cấp quyền cho tệp"
      case ENOSPC, EDQUOT: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại (kết quả cũ vẫn được giữ nguyên)"
      case EROFS: "ổ đĩa chỉ cho phép đọc"
      case ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài"
      case ELOOP: "liên kết (symlink) trỏ vòng quanh"
      case EISDIR: "đây là thư mục, không phải tệp"
      case ENOTDIR: "một phần của đường dẫn không phải thư mục"
      case EMFILE, ENFILE: "mở quá nhiều tệp cùng lúc; hãy chạy lại"
      case EIO: "lỗi đọc/ghi của ổ đĩa; hãy kiểm tra ổ đĩa"
      case EBUSY, ETXTBSY: "tệp đang bị chương trình khác sử dụng"
      case EEXIST: "đã có tệp trùng tên"
      case ENOTEMPTY: "thư mục không trống"
      case EXDEV: "không chuyển được giữa hai ổ đĩa khác nhau"
      case EFBIG: "tệp quá lớn"
      case ENOMEM: "không đủ bộ nhớ"
      default: "lỗi hệ thống"
      }
    return "\(words) (mã lỗi hệ thống \(code))"
  }
}
