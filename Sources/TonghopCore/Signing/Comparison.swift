import Foundation

/// The working numbers of a period against its latest signed version (`chot/<P>/lan-<N>/`), read from
/// the stage files on both sides: what `DoiChieu-<P>.xlsx` shows and what the working `Tổng hợp` says
/// under its title.
struct Comparison {
  struct IndicatorChange {
    let node: String
    let nodeName: String
    let code: String
    let signed: IndicatorValue?
    let now: IndicatorValue?
  }

  /// A unit's place in the numbers: its status and the current row that counts.
  struct UnitState: Equatable {
    let status: String
    /// `tep`, `dong`, `ngay_lap` of the current row; empty when none.
    let file: String
    let line: String
    let date: String
    /// The whole current row of `hop-le.csv`.
    let row: [String]
  }

  struct UnitChange {
    let code: String
    let name: String
    let signed: UnitState?
    let now: UnitState?
  }

  struct FileChange {
    enum Kind { case received, withdrawn }
    let kind: Kind
    let path: String
    let sha256: String
    let receivedAt: String
    let withdrawnAt: String
    let reason: String
    /// Its rows of the period, and how many of them count now.
    let rows: Int
    let counting: Int
  }

  let signing: Signing
  let indicators: [IndicatorChange]
  let units: [UnitChange]
  let files: [FileChange]

  static func fileName(_ period: Period) -> String { "DoiChieu-\(period.code).xlsx" }

  /// The line under the working version's title.
  var note: String {
    let signed = "Số liệu đã chốt \(signing.versionWords)ngày \(signing.date.vietnamese) (số \(signing.number))"
    return indicators.isEmpty
      ? "\(signed); bản này giống bản đã chốt, không có số liệu nào thay đổi."
      : "\(signed); bản này có \(indicators.count) thay đổi so với bản đã chốt — xem \(Comparison.fileName(signing.period))."
  }

  init(workspace: Workspace, signing: Signing, working data: ReportData) throws(TonghopError) {
    let period = data.period
    let folder = workspace.signed(period, version: signing.version)
    let stage = "sign --period \(period.code)"
    func table(_ name: String, _ header: [String]) throws(TonghopError) -> StageTable {
      try StageTable.read(folder.appendingPathComponent(name), header: header, writtenBy: stage)
    }
    let signedAreas = try StagedAreas(
      nodes: try table(StageFile.areas, StagedAreas.header), progress: try table(StageFile.progress, RollupStage.progressHeader))
    let signedValues = try IndicatorValue.byNode(try table(StageFile.indicators, IndicatorValue.header))
    let signedRows = try table(StageFile.accepted, AcceptedRow.header).rowsByUnit()
    let signedFiles = try table(StageFile.submissions, Submission.header)
    let workingFiles = try StageTable.read(
      workspace.staging(period).appendingPathComponent(StageFile.submissions), header: Submission.header,
      writtenBy: "validate --period \(period.code)")
    self.signing = signing

    // Nodes in the working order, then those only the signed version had.
    let nodes = ([data.areas.province] + data.areas.areas) + ([signedAreas.province] + signedAreas.areas)
    var seenNodes = Set<String>()
    var indicators: [IndicatorChange] = []
    for node in nodes where seenNodes.insert(node.code).inserted {
      for definition in Indicators.all {
        let before = signedValues[node.code]?[definition.code]
        let now = data.indicators[node.code]?[definition.code]
        guard before?.numerator != now?.numerator || before?.denominator != now?.denominator || (before == nil) != (now == nil)
        else { continue }
        indicators.append(IndicatorChange(node: node.code, nodeName: node.name, code: definition.code, signed: before, now: now))
      }
    }
    self.indicators = indicators

    func state(_ unit: StagedAreas.ExpectedUnit?, _ row: StageRow?) -> UnitState? {
      guard let unit else { return nil }
      return UnitState(
        status: unit.status.rawValue, file: row?["tep"] ?? "", line: row?["dong"] ?? "", date: row?["ngay_lap"] ?? "",
        row: row?.fields ?? [])
    }
    let signedUnits = Dictionary(signedAreas.expected.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    let workingUnits = Dictionary(data.areas.expected.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    let codes = Set(signedUnits.keys).union(workingUnits.keys).sorted { $0.utf8Precedes($1) }
    units = codes.compactMap { code in
      let before = state(signedUnits[code], signedRows[code])
      let now = state(workingUnits[code], data.current[code])
      guard before != now else { return nil }
      return UnitChange(code: code, name: workingUnits[code]?.name ?? signedUnits[code]?.name ?? "", signed: before, now: now)
    }

    // Files: received since the signing (a hash the signed list does not have) or withdrawn since.
    let signedByHash = Dictionary(signedFiles.rows.map { ($0["sha256"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    var files: [FileChange] = []
    for row in workingFiles.rows {
      let hash = row["sha256"] ?? ""
      let withdrawn = !(row["rut_luc"] ?? "").isEmpty
      let kind: FileChange.Kind
      if let before = signedByHash[hash] {
        guard withdrawn, (before["rut_luc"] ?? "").isEmpty else { continue }
        kind = .withdrawn
      } else {
        kind = withdrawn ? .withdrawn : .received
      }
      files.append(
        FileChange(
          kind: kind, path: row["tep"] ?? "", sha256: hash, receivedAt: row["nhan_luc"] ?? "", withdrawnAt: row["rut_luc"] ?? "",
          reason: row["ly_do_rut"] ?? "", rows: Int(try workingFiles.number(row, "so_dong") ?? 0),
          counting: Int(try workingFiles.number(row, "dong_tinh") ?? 0)))
    }
    self.files = files.sorted { ($0.receivedAt, $0.path) < ($1.receivedAt, $1.path) }
  }
}
