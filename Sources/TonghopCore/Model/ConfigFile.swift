import Foundation
import TOMLKit

/// Reads `inputs/config.toml`, the settings the statistics officer edits. Every setting is optional:
/// what the file leaves out keeps the value of `Config.standard`. A mistake stops the run with
/// exit 2 and a message naming the line.
public enum ConfigFile {
  public static func load(_ url: URL) throws(TonghopError) -> Config {
    guard FileManager.default.fileExists(atPath: url.path) else { return .standard }
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw TonghopError(.config, "\(url.path): cannot read it as UTF-8 text (\(error.localizedDescription))")
    }
    return try parse(text, path: url.path)
  }

  public static func parse(_ text: String, path: String = "config.toml") throws(TonghopError) -> Config {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw TonghopError(.config, "\(path) line \(error.source.begin.line): \(error.description)")
    } catch {
      throw TonghopError(.config, "\(path): \(error)")
    }
    var reader = Reader(text: text, path: path)
    return try reader.config(table)
  }

  /// Walks the table, keeping track of where each key is written for the error messages.
  struct Reader {
    let lines: [Substring]
    let path: String

    init(text: String, path: String) {
      self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      self.path = path
    }

    /// The line of `key` inside `[section]` (or the `index`-th `[[section]]`).
    /// When the key is not written there, the line of that section's header.
    func line(of key: String, in section: String? = nil, index: Int = 0) -> Int {
      var current: String?
      var seen = -1
      var header: Int?
      for (number, raw) in lines.enumerated() {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("[") {
          let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
          current = name
          if name == section {
            seen += 1
            if seen == index { header = number + 1 }
          }
          continue
        }
        let inSection = current == section && (section == nil || seen == index)
        if inSection, line.hasPrefix(key), line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
          return number + 1
        }
      }
      return header ?? 1
    }

    func fail(_ key: String, _ section: String? = nil, index: Int = 0, _ message: String) -> TonghopError {
      TonghopError(.config, "\(path) line \(line(of: key, in: section, index: index)): \(key): \(message)")
    }

    func unknownKeys(_ table: TOMLTable, allowed: Set<String>, section: String? = nil, index: Int = 0) throws(TonghopError) {
      for key in table.keys.sorted() where !allowed.contains(key) {
        throw fail(key, section, index: index, "unknown setting (known: \(allowed.sorted().joined(separator: ", ")))")
      }
    }

    func string(_ table: TOMLTable, _ key: String, _ section: String? = nil, index: Int = 0) throws(TonghopError) -> String? {
      guard let value = table[key] else { return nil }
      guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw fail(key, section, index: index, "must be text in quotes, e.g. \(key) = \"…\"")
      }
      return text.nfc
    }

    func int(_ table: TOMLTable, _ key: String, _ section: String? = nil, range: ClosedRange<Int>) throws(TonghopError) -> Int? {
      guard let value = table[key] else { return nil }
      guard let number = value.int, range.contains(number) else {
        throw fail(key, section, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
      }
      return number
    }

    /// `MM-DD`, e.g. `"06-10"` for 10 June.
    func monthDay(_ table: TOMLTable, _ key: String, _ section: String) throws(TonghopError) -> (month: Int, day: Int)? {
      guard let text = try string(table, key, section) else { return nil }
      let parts = text.split(separator: "-")
      guard parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]),
        CalendarDay(year: 2024, month: month, day: day) != nil
      else {
        throw fail(key, section, "must be a month and a day \"MM-DD\", e.g. \"06-10\" for 10 June; got \"\(text)\"")
      }
      return (month, day)
    }

    mutating func config(_ table: TOMLTable) throws(TonghopError) -> Config {
      var config = Config.standard
      try unknownKeys(table, allowed: ["ten_tinh", "mui_gio", "gioi_han_tep_mib", "ky_bao_cao", "co_quan", "muc_tieu"])
      config.provinceName = try string(table, "ten_tinh")
      if let zone = try string(table, "mui_gio") {
        guard TimeZone(identifier: zone) != nil else {
          throw fail("mui_gio", nil, "không phải tên múi giờ; ghi ví dụ mui_gio = \"Asia/Ho_Chi_Minh\"")
        }
        config.timeZone = zone
      }
      if let mib = try int(table, "gioi_han_tep_mib", range: 1...4096) { config.maxFileBytes = mib * 1024 * 1024 }
      if let periods = table["ky_bao_cao"] {
        guard let periods = periods.table else { throw fail("ky_bao_cao", nil, "must be a section [ky_bao_cao]") }
        try readPeriods(periods, into: &config)
      }
      if let bodies = table["co_quan"] {
        guard let list = bodies.array, !list.isEmpty else { throw fail("co_quan", nil, "must be one or more [[co_quan]] sections") }
        config.bodies = try readBodies(list)
      }
      if let targets = table["muc_tieu"] {
        guard let targets = targets.table else { throw fail("muc_tieu", nil, "must be a section [muc_tieu]") }
        try readTargets(targets, into: &config)
      }
      return config
    }

    func readPeriods(_ table: TOMLTable, into config: inout Config) throws(TonghopError) {
      let section = "ky_bao_cao"
      try unknownKeys(table, allowed: ["che_do", "han_6_thang", "han_ca_nam", "mo_sau_han_ngay"], section: section)
      if let regime = try string(table, "che_do", section) {
        guard let value = Config.WindowRegime(rawValue: regime) else {
          throw fail("che_do", section, "must be \"nd09\" (15/12–14/6 and 15/12–14/12, Decree 09) or \"lich\" (calendar halves); got \"\(regime)\"")
        }
        config.windowRegime = value
      }
      if let deadline = try monthDay(table, "han_6_thang", section) { config.firstHalfDeadline = deadline }
      if let deadline = try monthDay(table, "han_ca_nam", section) { config.yearDeadline = deadline }
      if let days = try int(table, "mo_sau_han_ngay", section, range: 0...366) { config.openDaysAfterDeadline = days }
    }

    func readBodies(_ list: TOMLArray) throws(TonghopError) -> [Config.Bodies] {
      let section = "co_quan"
      var bodies: [Config.Bodies] = []
      for index in 0..<list.count {
        guard let table = list[index].table else { throw fail(section, nil, "must be [[co_quan]] sections") }
        try unknownKeys(table, allowed: ["tu_ngay", "ten", "viet_tat", "bo", "chuc_danh_ky"], section: section, index: index)
        guard let date = table["tu_ngay"]?.date,
          let from = CalendarDay(year: date.year, month: date.month, day: date.day)
        else {
          throw fail("tu_ngay", section, index: index, "each [[co_quan]] needs the date it applies from, e.g. tu_ngay = 2025-03-01 (no quotes)")
        }
        func required(_ key: String) throws(TonghopError) -> String {
          guard let text = try string(table, key, section, index: index) else {
            throw fail(key, section, index: index, "is missing from this [[co_quan]]")
          }
          return text
        }
        bodies.append(
          Config.Bodies(
            from: from, issuer: try required("ten"), issuerShort: try required("viet_tat"), ministry: try required("bo"),
            signerTitle: try string(table, "chuc_danh_ky", section, index: index) ?? "GIÁM ĐỐC"))
      }
      guard zip(bodies, bodies.dropFirst()).allSatisfy({ $0.from < $1.from }) else {
        throw fail("tu_ngay", section, "the [[co_quan]] sections must be in order of their tu_ngay, each later than the one before")
      }
      return bodies
    }

    func readTargets(_ table: TOMLTable, into config: inout Config) throws(TonghopError) {
      let section = "muc_tieu"
      try unknownKeys(table, allowed: Set(Indicators.plan.map(\.code)), section: section)
      for code in table.keys.sorted() {
        guard let milestones = table[code]?.table, !milestones.isEmpty else {
          throw fail(code, section, "write the target in percent for each milestone year, e.g. \(code) = { 2025 = 95, 2030 = 100 }")
        }
        var list: [Config.Milestone] = []
        for year in milestones.keys.sorted() {
          guard let number = Int(year), (2000...2100).contains(number),
            let percent = milestones[year]?.double ?? milestones[year]?.int.map(Double.init), (0...100).contains(percent)
          else {
            throw fail(code, section, "each milestone is a year and a percent from 0 to 100, e.g. { 2025 = 95 }")
          }
          list.append(Config.Milestone(year: number, target: percent / 100))
        }
        config.milestones[code] = list
      }
    }
  }
}
