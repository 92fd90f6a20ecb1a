/// The checks of domain.md: a broken registry stops the run, naming the row.
struct RegistryChecks {
  let registry: Registry
  /// Every version, in the order of the file: the first broken row is the one named.
  let units: [Unit]

  /// ASCII letters, digits, `-` and `_`: the bytes a unit code may hold.
  static func isCodeByte(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D
      || byte == 0x5F
  }

  private func fail(_ unit: Unit, _ message: String) -> TonghopError {
    TonghopError(.registry, "\(registry.path) dòng \(unit.line) (\(unit.code) \(unit.name)): \(message)")
  }

  func run() throws(TonghopError) {
    let all = units
    for unit in all {
      if !(1...64).contains(unit.code.utf8.count) || !unit.code.utf8.allSatisfy({ RegistryChecks.isCodeByte($0) }) {
        throw fail(unit, "ma_don_vi phải gồm 1 đến 64 ký tự chữ cái không dấu A-Z, chữ số, - hoặc _ (mã đơn vị dùng để đặt tên tệp phản hồi)")
      }
      if let from = unit.from, let to = unit.to, to < from {
        throw fail(unit, "hieu_luc_tu \(from) sau hieu_luc_den \(to)")
      }
      if unit.type == .tinh, unit.parentCode != nil {
        throw fail(unit, "tỉnh (tinh) không có đơn vị cấp trên: hãy để trống ma_cap_tren")
      }
      if unit.type != .tinh, unit.parentCode == nil {
        throw fail(unit, "ma_cap_tren bỏ trống; chỉ tỉnh (tinh) không có đơn vị cấp trên")
      }
    }
    for versions in registry.versions.values {
      for (a, b) in zip(versions, versions.dropFirst()) {
        guard let aEnd = a.to, let bStart = b.from, aEnd < bStart else {
          throw fail(b, "thời gian hiệu lực trùng với phiên bản cùng mã ở dòng \(a.line)")
        }
      }
    }
    for unit in all {
      guard let parentCode = unit.parentCode else { continue }
      guard let parents = registry.versions[parentCode] else {
        throw fail(unit, "đơn vị cấp trên \(parentCode) không có trong danh mục")
      }
      if let gap = firstUncoveredDay(of: unit, by: parents) {
        throw fail(unit, "đơn vị cấp trên \(parentCode) không tồn tại vào ngày \(gap), trong khi đơn vị này còn tồn tại")
      }
      // A parent of the wrong type would silently regroup the unit's figures under another unit.
      for parent in parents where parent.overlaps(unit) && !unit.type.allowedParents.contains(parent.type) {
        throw fail(
          unit,
          "đơn vị cấp trên \(parentCode) (\(parent.name)) là \(parent.type.rawValue), nhưng đơn vị loại \(unit.type.rawValue) chỉ có thể trực thuộc \(unit.type.allowedParents.map(\.rawValue).joined(separator: " hoặc ")) (dòng \(parent.line))")
      }
    }
    let days = boundaryDays(all)
    for day in days {
      let provinces = all.filter { $0.type == .tinh && $0.isAlive(on: day) }
      if provinces.count > 1 {
        throw fail(provinces[1], "có hai tỉnh (tinh) cùng tồn tại vào ngày \(day); chỉ được có một")
      }
      if provinces.isEmpty, all.contains(where: { $0.isAlive(on: day) }) {
        throw TonghopError(
          .registry, "\(registry.path): không có tỉnh (tinh) nào tồn tại vào ngày \(day), trong khi có các đơn vị khác")
      }
    }
    for unit in all {
      let day = unit.from ?? unit.to ?? CalendarDay(year: 2000, month: 1, day: 1)!
      // Chains are a few units long: an array is faster than a set here.
      var seen = [unit.code]
      var next = unit.parentCode
      while let code = next, let parent = registry.unit(code, on: day) {
        guard !seen.contains(code) else {
          throw fail(unit, "chuỗi đơn vị cấp trên của đơn vị này quay vòng lại \(code)")
        }
        seen.append(code)
        next = parent.parentCode
      }
    }
  }

  /// Days on which the set of alive units can change.
  private func boundaryDays(_ units: [Unit]) -> [CalendarDay] {
    var days: Set<CalendarDay> = []
    for unit in units {
      if let from = unit.from { days.insert(from) }
      if let to = unit.to { days.insert(to.adding(days: 1)) }
    }
    if let first = days.min() { days.insert(first.adding(days: -1)) }
    if days.isEmpty { days.insert(CalendarDay(year: 2000, month: 1, day: 1)!) }
    return days.sorted()
  }

  /// The first day of `unit`'s validity on which no version of its parent exists.
  private func firstUncoveredDay(of unit: Unit, by parents: [Unit]) -> CalendarDay? {
    var cursor = unit.from?.ordinal ?? Int.min
    let end = unit.to?.ordinal ?? Int.max
    for parent in parents {
      let pFrom = parent.from?.ordinal ?? Int.min
      let pTo = parent.to?.ordinal ?? Int.max
      if pFrom > cursor { break }
      if pTo == Int.max { return nil }
      if pTo >= cursor { cursor = pTo + 1 }
      if cursor > end { return nil }
    }
    guard cursor <= end else { return nil }
    return cursor == Int.min ? (parents.first?.from?.adding(days: -1) ?? CalendarDay(ordinal: 0)) : CalendarDay(ordinal: cursor)
  }
}
