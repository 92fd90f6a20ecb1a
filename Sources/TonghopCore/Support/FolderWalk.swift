import Foundation

/// Walks a folder tree with `readdir` and `fstatat`: tens of thousands of files cost a few
/// milliseconds, where FileManager's enumerator costs seconds.
enum FolderWalk {
  struct Entry {
    /// Relative to the root, with `/` between folders.
    var path: String
    var name: String
    var isFolder: Bool
    var isRegularFile: Bool
    /// The modification time, when the walk was asked to `stat` (0 otherwise).
    var mtime: Double = 0
  }

  /// Calls `visit` for every entry below `root`, in no particular order; links to folders are not
  /// followed, links to files are, folders with names that are not UTF-8 are not entered. `visit` returns false to leave a folder's contents out.
  /// Without `stat`, the kind of an entry comes from the folder listing alone.
  static func walk(_ root: URL, stat wantsStat: Bool, _ visit: (Entry) -> Bool) throws(TonghopError) {
    try walk(root.path, prefix: "", stat: wantsStat, visit)
  }

  private static func walk(
    _ folder: String, prefix: String, stat wantsStat: Bool, _ visit: (Entry) -> Bool
  ) throws(TonghopError) {
    guard let dir = opendir(folder) else { throw TonghopError.io(folder, .list, POSIXError.current) }
    defer { closedir(dir) }
    let fd = dirfd(dir)
    var folders: [(path: String, name: String)] = []
    while let found = readdir(dir) {
      let type = Int32(found.pointee.d_type)
      let needsStat = wantsStat || type == DT_UNKNOWN || type == DT_LNK
      // The name's own bytes for fstatat: a name that is not UTF-8 is still found.
      let (name, hasUTF8Name, info) = withUnsafePointer(to: found.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { raw -> (String, Bool, stat?) in
          var info = stat()
          let ok = needsStat && fstatat(fd, raw, &info, 0) == 0
          return (String(cString: raw), String(validatingCString: raw) != nil, ok ? info : nil)
        }
      }
      if name == "." || name == ".." { continue }
      var entry = Entry(path: prefix + name, name: name, isFolder: false, isRegularFile: false)
      if needsStat {
        guard let info else { continue }  // a dangling link
        let kind = info.st_mode & S_IFMT
        entry.isFolder = kind == S_IFDIR && type != DT_LNK
        entry.isRegularFile = kind == S_IFREG
        entry.mtime = info.st_mtim.seconds
      } else {
        entry.isFolder = type == DT_DIR
        entry.isRegularFile = type == DT_REG
      }
      // A folder whose name is not UTF-8 cannot be opened by its path: the visitor sees it, unentered.
      if visit(entry), entry.isFolder, hasUTF8Name { folders.append((folder + "/" + name, entry.path + "/")) }
    }
    for (path, prefix) in folders {
      try walk(path, prefix: prefix, stat: wantsStat, visit)
    }
  }
}

extension timespec {
  /// A file time as seconds since 1970, nanoseconds kept.
  var seconds: Double { Double(tv_sec) + Double(tv_nsec) / 1e9 }
}
