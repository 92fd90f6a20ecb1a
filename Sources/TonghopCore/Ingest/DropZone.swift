import Foundation

/// What `inputs/submissions/` holds, as ingest sees it: the files to read, and the entries that are
/// not read (`T09`: not a CSV file; `T10`: not a regular file, a link leading out of the drop zone,
/// something that cannot be read). Nothing is ever opened but regular files inside the drop zone:
/// links are resolved before anything is opened, and FIFOs, sockets and devices are only named.
struct DropZone {
  /// A regular file to read.
  struct File: Sendable {
    /// Relative to the drop zone, with `/` between folders: what messages and the ledger name.
    var path: String
    /// What to open: the file itself, or the file inside the drop zone that a link leads to.
    var openPath: String
    /// The identity git's index compares: a file restored with its old mtime still has a new ctime.
    var identity: Identity

    var size: Int { identity.size }
  }

  struct Identity: Sendable, Equatable {
    var size: Int
    var mtime: Double
    var ctime: Double
    var inode: UInt64
  }

  /// An entry that is listed, never read.
  struct Unread: Sendable, Equatable {
    var path: String
    var code: IssueCode
    var reason: String
  }

  var files: [File] = []
  var unread: [Unread] = []

  /// The drop zone's entries; an absent drop zone holds nothing.
  static func list(_ root: URL) -> DropZone {
    var zone = DropZone()
    guard access(root.path, F_OK) == 0 else { return zone }
    guard let real = realpath(root.path, nil) else {
      zone.unread.append(Unread(path: ".", code: .T10, reason: DropZone.reason(errno: errno)))
      return zone
    }
    let base = String(cString: real)
    free(real)
    zone.walk(base, prefix: "", base: base)
    return zone
  }

  private mutating func walk(_ folder: String, prefix: String, base: String) {
    guard let dir = opendir(folder) else {
      unread.append(Unread(path: prefix.isEmpty ? "." : String(prefix.dropLast()), code: .T10, reason: DropZone.reason(errno: errno)))
      return
    }
    defer { closedir(dir) }
    let fd = dirfd(dir)
    var folders: [(path: String, prefix: String)] = []
    while let found = readdir(dir) {
      let (name, isUTF8) = withUnsafePointer(to: found.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) {
          (String(cString: $0), String(validatingCString: $0) != nil)
        }
      }
      if name == "." || name == ".." { continue }
      let path = prefix + name
      let full = folder + "/" + name
      // A name that is not UTF-8 (unzipped from an old Windows archive) cannot be named in the
      // ledger or the messages: listed, to be renamed.
      guard isUTF8 else {
        unread.append(
          Unread(
            path: path, code: .T10,
            reason: "tên không phải chữ Unicode (UTF-8), thường do giải nén tệp .zip tạo trên Windows; hãy đổi tên (gõ lại tên tệp hoặc thư mục) rồi chạy lại"))
        continue
      }
      var info = stat()
      guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
        unread.append(Unread(path: path, code: .T10, reason: DropZone.reason(errno: errno)))
        continue
      }
      var target = full
      if info.st_mode & S_IFMT == S_IFLNK {
        // Resolved before anything is opened: a link must lead to a file inside the drop zone.
        guard let resolved = realpath(full, nil) else {
          let why = errno == ELOOP ? "liên kết (symlink) trỏ vòng quanh" : "liên kết (symlink) trỏ tới chỗ không tồn tại"
          unread.append(Unread(path: path, code: .T10, reason: why))
          continue
        }
        target = String(cString: resolved)
        free(resolved)
        guard target.hasPrefix(base + "/") else {
          unread.append(Unread(path: path, code: .T10, reason: "liên kết (symlink) trỏ ra ngoài thư mục nhận báo cáo"))
          continue
        }
        guard stat(target, &info) == 0 else {
          unread.append(Unread(path: path, code: .T10, reason: DropZone.reason(errno: errno)))
          continue
        }
        if info.st_mode & S_IFMT == S_IFDIR {
          unread.append(
            Unread(path: path, code: .T10, reason: "liên kết tới một thư mục trong thư mục nhận: các tệp trong đó được đọc theo đường dẫn thật"))
          continue
        }
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        folders.append((full, path + "/"))
      case S_IFREG:
        guard SubmissionKind(path: path) != nil else {
          unread.append(Unread(path: path, code: .T09, reason: ""))
          continue
        }
        files.append(
          File(
            path: path, openPath: target,
            identity: Identity(
              size: Int(info.st_size), mtime: info.st_mtim.seconds, ctime: info.st_ctim.seconds, inode: UInt64(info.st_ino))))
      case S_IFIFO:
        unread.append(Unread(path: path, code: .T10, reason: "đây là một đường ống (FIFO), không phải tệp"))
      case S_IFSOCK:
        unread.append(Unread(path: path, code: .T10, reason: "đây là một socket, không phải tệp"))
      case S_IFCHR, S_IFBLK:
        unread.append(Unread(path: path, code: .T10, reason: "đây là một thiết bị, không phải tệp"))
      default:
        unread.append(Unread(path: path, code: .T10, reason: "không phải tệp thường"))
      }
    }
    for (path, prefix) in folders { walk(path, prefix: prefix, base: base) }
  }

  static func reason(errno code: Int32) -> String {
    switch code {
    case EACCES, EPERM: "không có quyền đọc"
    case ENAMETOOLONG: "tên hoặc đường dẫn quá dài"
    default: SystemError.explain(errno: code)
    }
  }
}
