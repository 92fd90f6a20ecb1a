/// The row rules of submissions.md for one row, against the period being validated.
struct RowValidator {
  let registry: Registry
  let config: Config
  let today: CalendarDay
  /// The period being validated: used for rows whose own period cannot be read.
  let period: Period

  struct Input {
    var file: String
    var fileID: Int64
    var line: Int
    /// Canonical column name → cell.
    var cells: [String: String]
    func cell(_ column: String) -> String { cells[column]?.trimmed ?? "" }
  }

  struct Result {
    var file: String
    var line: Int
    var issues: [Issue] = []
    /// The unit code after normalisation (`D18`).
    var unit: String
    var rowPeriod: Period?
    var accepted: AcceptedRow?
    /// `ngay_lap` is after the run date: a later run date can change this result.
    var datedAfterToday = false
  }

  /// The code as the registry knows it: leading zeros that Excel dropped are restored
  /// when exactly one registry code matches.
  func normalisedCode(_ raw: String) -> String? {
    guard !registry.knows(raw), !raw.isEmpty, raw.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    let lengths = Set(registry.versions.keys.filter { $0.allSatisfy(\.isNumber) }.map(\.count)).filter { $0 > raw.count }
    let matches = lengths.map { String(repeating: "0", count: $0 - raw.count) + raw }.filter(registry.knows)
    return matches.count == 1 ? matches[0] : nil
  }

  func validate(_ row: Input) -> Result {
    let rawCode = row.cell("ma_don_vi")
    let rawPeriod = row.cell("ky_bao_cao")
    let rowPeriod = Period.parse(rawPeriod)
    let checked = rowPeriod ?? period
    var result = Result(file: row.file, line: row.line, unit: rawCode, rowPeriod: rowPeriod)
    func add(_ code: IssueCode, _ column: String, _ message: String) {
      result.issues.append(
        Issue(
          file: row.file, line: row.line, column: column, unit: result.unit, period: rowPeriod?.code ?? "",
          code: code, message: message))
    }

    if let padded = normalisedCode(rawCode) {
      result.unit = padded
      add(.D18, "ma_don_vi", Message.codePadded(rawCode, padded))
    }
    var unit: Unit?
    if !registry.knows(result.unit) {
      add(.D01, "ma_don_vi", Message.unknownUnit(rawCode))
    } else {
      let reference = config.referenceDate(of: checked)
      if let alive = registry.unit(result.unit, on: reference) {
        if alive.type.reports {
          unit = alive
        } else {
          add(.D02, "ma_don_vi", Message.unitDoesNotReport(alive.code, name: alive.name))
        }
      } else {
        let name = registry.versions[result.unit]?.last?.name ?? ""
        add(.D02, "ma_don_vi", Message.unitNotAlive(result.unit, name: name, period: checked, on: reference))
      }
    }
    if rowPeriod == nil { add(.D03, "ky_bao_cao", Message.badPeriod(rawPeriod)) }
    let rawDate = row.cell("ngay_lap")
    let date = CalendarDay(submitted: rawDate)
    if let date {
      let start = config.windowStart(of: checked)
      if date < start {
        add(.D05, "ngay_lap", Message.dateBeforeWindow(date, start: start, period: checked))
      } else if date > today {
        add(.D05, "ngay_lap", Message.dateInFuture(date, today: today))
        result.datedAfterToday = true
      }
    } else {
      add(.D04, "ngay_lap", Message.badDate(rawDate))
    }
    for column in DataDictionary.textColumns {
      let cleaned = ValueParsing.text(row.cells[column] ?? "")
      if cleaned.removed || cleaned.cut { add(.D17, column, Message.textCleaned(column, cut: cleaned.cut)) }
    }
    guard let unit, let rowPeriod else { return result }

    var values: [String: String] = [:]
    var numbers: [String: Int64] = [:]
    for element in DataDictionary.elements {
      let raw = row.cell(element.code)
      switch element.requirement(for: unit.type, in: rowPeriod) {
      case .notApplicable:
        guard !raw.isEmpty else { continue }
        if unit.type == .xa, rowPeriod.kind == .firstHalf, element.code == "tin_q3" || element.code == "tin_q4" {
          add(.D11, element.code, Message.laterQuarterInFirstHalf(element.code, raw))
        } else {
          add(.D13, element.code, Message.notApplicable(element.code, raw, type: unit.type))
        }
        continue
      case .required where raw.isEmpty:
        add(.D07, element.code, Message.requiredBlank(element.code, label: element.label))
        continue
      case .optional where raw.isEmpty:
        continue
      default:
        break
      }
      switch element.kind {
      case .count, .money:
        switch ValueParsing.number(raw) {
        case .plain(let value):
          numbers[element.code] = value
        case .grouped(let value):
          numbers[element.code] = value
          add(.D14, element.code, Message.grouped(element.code, raw, as: value))
        case .invalid:
          add(.D06, element.code, Message.notANumber(element.code, raw))
        }
        if let value = numbers[element.code] { values[element.code] = String(value) }
      case .yesNo:
        if let yes = ValueParsing.yesNo(raw) {
          values[element.code] = yes ? "1" : "0"
        } else {
          add(.D10, element.code, Message.notAChoice(element.code, raw, expected: "1 (có) hoặc 0 (không)"))
        }
      case .mediaLevel:
        if let level = ValueParsing.mediaLevel(raw) {
          values[element.code] = level
        } else {
          add(
            .D10, element.code,
            Message.notAChoice(element.code, raw, expected: "khong (0), thi_diem (1) hoặc chinh_thuc (2)"))
        }
      }
    }
    if let part = numbers["huong_uoc_bdg"], let whole = numbers["huong_uoc"], part > whole {
      add(.D08, "huong_uoc_bdg", Message.partExceedsWhole("huong_uoc_bdg", part, whole: "huong_uoc", whole))
    }
    if let part = numbers["luot_dtts"] {
      let whole = (numbers["luot_nam"] ?? 0) + (numbers["luot_nu"] ?? 0)
      if part > whole {
        add(.D08, "luot_dtts", Message.partExceedsWhole("luot_dtts", part, whole: "luot_nam + luot_nu", whole))
      }
    }
    if numbers["cuoc_tt"] == 0 {
      for column in ["luot_nam", "luot_nu", "luot_gv_nv", "luot_hs_nam", "luot_hs_nu"] {
        if let value = numbers[column], value > 0 {
          add(.D09, column, Message.participantsWithoutSessions(column, value))
        }
      }
    }
    if let date, !result.issues.contains(where: { $0.severity == .error }) {
      result.accepted = AcceptedRow(
        unit: unit.code, period: rowPeriod, date: date, file: row.file, fileID: row.fileID, line: row.line,
        values: values)
    }
    return result
  }
}
