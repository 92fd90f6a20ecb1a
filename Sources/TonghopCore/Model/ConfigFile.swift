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
      throw TonghopError(.config, "\(url.path): không đọc được tệp cấu hình dưới dạng văn bản UTF-8 (\(SystemError.explain(error))); hãy lưu lại bằng UTF-8")
    }
    return try parse(text, path: url.path)
  }

  public static func parse(_ text: String, path: String = "config.toml") throws(TonghopError) -> Config {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw TonghopError(
        .config,
        "\(path) dòng \(error.source.begin.line): sai cú pháp của tệp cấu hình. Văn bản (tên, hạn nộp như \"10/06\") phải đặt trong ngoặc kép, ví dụ ten_tinh = \"Ninh Bình\"; ngày áp dụng viết không có ngoặc kép, ví dụ tu_ngay = 2025-03-01; mỗi mục một dòng.")
    } catch {
      throw TonghopError(.config, "\(path): không đọc được tệp cấu hình (\(error))")
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
      TonghopError(.config, "\(path) dòng \(line(of: key, in: section, index: index)): \(key): \(message)")
    }

    func unknownKeys(_ table: TOMLTable, allowed: Set<String>, section: String? = nil, index: Int = 0) throws(TonghopError) {
      for key in table.keys.sorted() where !allowed.contains(key) {
        throw fail(key, section, index: index, "mục cấu hình không có (các mục có: \(allowed.sorted().joined(separator: ", ")))")
      }
    }

    func string(_ table: TOMLTable, _ key: String, _ section: String? = nil, index: Int = 0) throws(TonghopError) -> String? {
      guard let value = table[key] else { return nil }
      guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw fail(key, section, index: index, "phải là văn bản trong ngoặc kép, ví dụ \(key) = \"…\"")
      }
      return text.nfc
    }

    func int(_ table: TOMLTable, _ key: String, _ section: String? = nil, range: ClosedRange<Int>) throws(TonghopError) -> Int? {
      guard let value = table[key] else { return nil }
      guard let number = value.int, range.contains(number) else {
        throw fail(key, section, "phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)")
      }
      return number
    }

    /// A day of the year, day first as Vietnamese officers write it (`"10/06"` is 10 June), or a TOML
    /// date whose year is ignored (`2025-06-10`). A form that could be read both ways (`"10-06"`) is
    /// refused: read month first it was 6 October, and every late report became "on time".
    func monthDay(_ table: TOMLTable, _ key: String, _ section: String) throws(TonghopError) -> (month: Int, day: Int)? {
      guard let value = table[key] else { return nil }
      if let date = value.date {
        guard CalendarDay(year: 2024, month: date.month, day: date.day) != nil else {
          throw fail(key, section, "không phải ngày có thật")
        }
        return (date.month, date.day)
      }
      guard let text = try string(table, key, section) else { return nil }
      let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
        let day = Int(parts[0]), let month = Int(parts[1]), CalendarDay(year: 2024, month: month, day: day) != nil
      else {
        let dashed = text.contains("-") ? " (dạng có dấu gạch ngang như \"10-06\" đọc được hai cách: 10 tháng 6 hay 6 tháng 10)" : ""
        throw fail(
          key, section,
          "phải là ngày/tháng, ngày viết trước, ví dụ \"10/06\" là ngày 10 tháng 6; đang ghi \"\(text)\"\(dashed)")
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
        guard let periods = periods.table else { throw fail("ky_bao_cao", nil, "phải là một mục [ky_bao_cao]") }
        try readPeriods(periods, into: &config)
      }
      if let bodies = table["co_quan"] {
        guard let list = bodies.array, !list.isEmpty else { throw fail("co_quan", nil, "phải là một hoặc nhiều mục [[co_quan]]") }
        config.bodies = try readBodies(list)
      }
      if let targets = table["muc_tieu"] {
        guard let targets = targets.table else { throw fail("muc_tieu", nil, "phải là một mục [muc_tieu]") }
        try readTargets(targets, into: &config)
      }
      return config
    }

    func readPeriods(_ table: TOMLTable, into config: inout Config) throws(TonghopError) {
      let section = "ky_bao_cao"
      try unknownKeys(table, allowed: ["che_do", "han_6_thang", "han_ca_nam", "mo_sau_han_ngay"], section: section)
      if let regime = try string(table, "che_do", section) {
        guard let value = Config.WindowRegime(rawValue: regime) else {
          throw fail("che_do", section, "phải là \"nd09\" (15/12–14/6 và 15/12–14/12, Nghị định 09/2019) hoặc \"lich\" (nửa năm dương lịch); đang ghi \"\(regime)\"")
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
        guard let table = list[index].table else { throw fail(section, nil, "phải là các mục [[co_quan]]") }
        try unknownKeys(table, allowed: ["tu_ngay", "ten", "viet_tat", "bo", "chuc_danh_ky", "noi_nhan"], section: section, index: index)
        guard let date = table["tu_ngay"]?.date,
          let from = CalendarDay(year: date.year, month: date.month, day: date.day)
        else {
          throw fail("tu_ngay", section, index: index, "mỗi mục [[co_quan]] cần ngày bắt đầu áp dụng, ví dụ tu_ngay = 2025-03-01 (không có ngoặc kép)")
        }
        func required(_ key: String) throws(TonghopError) -> String {
          guard let text = try string(table, key, section, index: index) else {
            throw fail(key, section, index: index, "mục [[co_quan]] này thiếu \(key)")
          }
          return text
        }
        var recipients: [String]?
        if let list = table["noi_nhan"] {
          guard let array = list.array, !array.isEmpty,
            case let names = (0..<array.count).compactMap({ array[$0].string?.trimmingCharacters(in: .whitespaces).nfc }),
            names.count == array.count, !names.contains(where: \.isEmpty)
          else {
            throw fail(
              "noi_nhan", section, index: index,
              "phải là danh sách văn bản trong ngoặc kép, ví dụ noi_nhan = [\"Bộ Nội vụ (để báo cáo)\", \"Sở Tài chính\"]")
          }
          recipients = names
        }
        bodies.append(
          Config.Bodies(
            from: from, issuer: try required("ten"), issuerShort: try required("viet_tat"), ministry: try required("bo"),
            signerTitle: try string(table, "chuc_danh_ky", section, index: index) ?? "GIÁM ĐỐC", recipients: recipients))
      }
      guard zip(bodies, bodies.dropFirst()).allSatisfy({ $0.from < $1.from }) else {
        throw fail("tu_ngay", section, "các mục [[co_quan]] phải xếp theo tu_ngay, mục sau có ngày muộn hơn mục trước")
      }
      return bodies
    }

    func readTargets(_ table: TOMLTable, into config: inout Config) throws(TonghopError) {
      let section = "muc_tieu"
      try unknownKeys(table, allowed: Set(Indicators.plan.map(\.code)), section: section)
      for code in table.keys.sorted() {
        guard let milestones = table[code]?.table, !milestones.isEmpty else {
          throw fail(code, section, "ghi mục tiêu theo phần trăm cho từng năm mốc, ví dụ \(code) = { 2025 = 95, 2030 = 100 }")
        }
        var list: [Config.Milestone] = []
        for year in milestones.keys.sorted() {
          guard let number = Int(year), (2000...2100).contains(number),
            let percent = milestones[year]?.double ?? milestones[year]?.int.map(Double.init), (0...100).contains(percent)
          else {
            throw fail(code, section, "mỗi mốc là một năm và một phần trăm từ 0 đến 100, ví dụ { 2025 = 95 }")
          }
          list.append(Config.Milestone(year: number, target: percent / 100))
        }
        config.milestones[code] = list
      }
    }
  }
}
