/// The row rules of submissions.md for one row, against the period being validated.
struct RowValidator {
  let registry: Registry
  let config: Config
  let today: CalendarDay
  /// The period being validated: used for rows whose own period cannot be read.
  let period: Period
  /// The requirement of each element for each unit type in `period`, worked out once.
  private let requirements: [UnitType: [Element.Requirement]]
  /// The lengths of the registry's all-digit codes (`D18`).
  private let digitCodeLengths: Set<Int>

  init(registry: Registry, config: Config, today: CalendarDay, period: Period) {
    self.registry = registry
    self.config = config
    self.today = today
    self.period = period
    requirements = RowValidator.requirements(in: period)
    digitCodeLengths = Set(
      registry.versions.keys.filter { $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }.map(\.utf8.count))
  }

  /// Positions in `DataDictionary.elements` of the elements the cross-field rules read.
  private enum Slot {
    static let huongUoc = DataDictionary.position("huong_uoc")
    static let huongUocBdg = DataDictionary.position("huong_uoc_bdg")
    static let luotDtts = DataDictionary.position("luot_dtts")
    static let luotNam = DataDictionary.position("luot_nam")
    static let luotNu = DataDictionary.position("luot_nu")
    static let cuocTt = DataDictionary.position("cuoc_tt")
    static let participants = ["luot_nam", "luot_nu", "luot_gv_nv", "luot_hs_nam", "luot_hs_nu"].map {
      ($0, DataDictionary.position($0))
    }
  }

  private static func requirements(in period: Period) -> [UnitType: [Element.Requirement]] {
    Dictionary(
      uniqueKeysWithValues: UnitType.allCases.map { type in
        (type, DataDictionary.elements.map { $0.requirement(for: type, in: period) })
      })
  }

  struct Input {
    var file: String
    var fileID: Int64
    var line: Int
    /// The row's cells as read, placed by the header.
    var cells: [String]
    var header: HeaderCheck
    /// What workbook cells said beyond their text, by cell index.
    var notes: [Int: CellNote] = [:]
    /// The row comes from an Excel workbook: advice is about cells, not CSV quoting.
    var workbook = false

    func cell(_ column: String) -> String { cell(at: header.columns[column]) }
    func cell(at index: Int?) -> String {
      guard let index, index < cells.count else { return "" }
      return cells[index].trimmed
    }
  }

  struct Result {
    var file: String
    var line: Int
    var issues: [Finding] = []
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
    let lengths = digitCodeLengths.filter { $0 > raw.count }
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
        Finding(
          file: row.file, line: row.line, column: column, unit: result.unit, period: rowPeriod?.code ?? "",
          code: code, message: message))
    }

    var versions = registry.versions[rawCode]
    if versions == nil, let padded = normalisedCode(rawCode) {
      result.unit = padded
      versions = registry.versions[padded]
      add(.D18, "ma_don_vi", Message.codePadded(rawCode, padded))
    }
    var unit: Unit?
    if let versions {
      let reference = config.referenceDate(of: checked)
      if let alive = versions.first(where: { $0.isAlive(on: reference) }) {
        if alive.type.reports {
          unit = alive
        } else {
          add(.D02, "ma_don_vi", Message.unitDoesNotReport(alive.code, name: alive.name))
        }
      } else {
        add(.D02, "ma_don_vi", Message.unitNotAlive(result.unit, name: versions.last?.name ?? "", period: checked, on: reference))
      }
    } else {
      add(.D01, "ma_don_vi", Message.unknownUnit(rawCode))
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
    // A formula whose result the workbook never stored: the cell is read as blank, and the unit told.
    for index in row.notes.keys.sorted() where row.notes[index] == .formulaWithoutValue {
      if let column = row.header.columns.first(where: { $0.value == index })?.key {
        add(.D17, column, Message.formulaWithoutValue(column))
      }
    }
    for (column, index) in zip(DataDictionary.textColumns, row.header.textCells) {
      guard let index, index < row.cells.count else { continue }
      let cleaned = ValueParsing.text(row.cells[index])
      if cleaned.removed || cleaned.cut { add(.D17, column, Message.textCleaned(column, cut: cleaned.cut)) }
    }
    // A non-empty cell beyond the header: the row's values have moved (D19); none of them is read.
    let extra = row.header.extraCells(of: row.cells)
    if extra > 0 {
      add(.D19, "", Message.shiftedRow(
          count: extra, header: row.header.width, first: row.header.firstExtraCell(of: row.cells),
          workbook: row.workbook))
    }
    guard let unit, let rowPeriod, extra == 0 else { return result }

    let required = (rowPeriod == period ? requirements : RowValidator.requirements(in: rowPeriod))[unit.type]!
    var values = Array(repeating: "", count: DataDictionary.elements.count)
    var numbers = [Int64?](repeating: nil, count: DataDictionary.elements.count)
    for (position, element) in DataDictionary.elements.enumerated() {
      let raw = row.cell(at: row.header.elementCells[position])
      switch required[position] {
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
        // A number stored with a fractional part is never a count, however its digits read (1.234).
        let fraction = row.header.elementCells[position].map { row.notes[$0] == .fraction } ?? false
        switch fraction ? .invalid : ValueParsing.number(raw) {
        case .plain(let value):
          numbers[position] = value
        case .grouped(let value):
          numbers[position] = value
          add(.D14, element.code, Message.grouped(element.code, raw, as: value))
        case .invalid:
          add(.D06, element.code, Message.notANumber(element.code, raw))
        }
        if let value = numbers[position] { values[position] = String(value) }
      case .yesNo:
        if let yes = ValueParsing.yesNo(raw) {
          values[position] = yes ? "1" : "0"
        } else {
          add(.D10, element.code, Message.notAChoice(element.code, raw, expected: "1 (có) hoặc 0 (không)"))
        }
      case .mediaLevel:
        if let level = ValueParsing.mediaLevel(raw) {
          values[position] = level
        } else {
          add(
            .D10, element.code,
            Message.notAChoice(element.code, raw, expected: "khong (0), thi_diem (1) hoặc chinh_thuc (2)"))
        }
      }
    }
    if let part = numbers[Slot.huongUocBdg], let whole = numbers[Slot.huongUoc], part > whole {
      add(.D08, "huong_uoc_bdg", Message.partExceedsWhole("huong_uoc_bdg", part, whole: "huong_uoc", whole))
    }
    if let part = numbers[Slot.luotDtts] {
      let whole = (numbers[Slot.luotNam] ?? 0) + (numbers[Slot.luotNu] ?? 0)
      if part > whole {
        add(.D08, "luot_dtts", Message.partExceedsWhole("luot_dtts", part, whole: "luot_nam + luot_nu", whole))
      }
    }
    if numbers[Slot.cuocTt] == 0 {
      for (column, slot) in Slot.participants {
        if let value = numbers[slot], value > 0 {
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
