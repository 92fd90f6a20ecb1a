import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

/// Random provinces and random reports, through the real stages: the sums always add up.
@Suite struct RollupPropertyTests {
  /// SplitMix64: the same seed gives the same province on every machine.
  struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// A province with 0–4 districts (none: communes directly under it), communes, schools in
  /// districts, communes or the province, departments and media agencies; and a 2024-H1 report
  /// from most units, some of them wrong.
  static func randomProvince(seed: UInt64) throws -> TestWorkspace {
    try randomProvinceWithParents(seed: seed).workspace
  }

  /// The province, and each unit's parent code and type as the registry was written.
  static func randomProvinceWithParents(seed: UInt64) throws -> (workspace: TestWorkspace, parent: [String: String], type: [String: String]) {
    var random = Seeded(state: seed)
    var registry = "ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den\n99,Tỉnh Ngẫu Nhiên,tinh,,,\n"
    var units: [(code: String, type: String)] = []
    let districts = Int.random(in: 0...4, using: &random)
    var territorial = ["99"]
    for d in 0..<max(districts, 1) {
      let parent = districts == 0 ? "99" : "9\(d)"
      if districts > 0 {
        registry += "\(parent),Huyện \(d),huyen,99,,\n"
        units.append((parent, "huyen"))
        territorial.append(parent)
      }
      for c in 0..<Int.random(in: 0...5, using: &random) {
        let code = "\(parent)\(c)5"
        registry += "\(code),Xã \(code),xa,\(parent),,\n"
        units.append((code, "xa"))
        territorial.append(code)
      }
    }
    for s in 0..<Int.random(in: 0...6, using: &random) {
      registry += "T\(s),Trường \(s),truong,\(territorial.randomElement(using: &random)!),,\n"
      units.append(("T\(s)", "truong"))
    }
    for s in 0..<Int.random(in: 0...3, using: &random) {
      registry += "S\(s),Sở \(s),so_nganh,99,,\n"
      units.append(("S\(s)", "so_nganh"))
    }
    for s in 0..<Int.random(in: 0...3, using: &random) {
      registry += "B\(s),Báo \(s),bao_chi,\(territorial.filter { $0.count <= 2 }.randomElement(using: &random)!),,\n"
      units.append(("B\(s)", "bao_chi"))
    }
    let workspace = try TestWorkspace(registry: registry)
    let columns = ["ma_don_vi", "ky_bao_cao", "ngay_lap"] + DataDictionary.elements.map(\.code)
    var file = CSVWriter(header: columns)
    for unit in units where Int.random(in: 0..<10, using: &random) < 8 {
      let type = UnitType(rawValue: unit.type)!
      let period = Period(year: 2024, kind: .firstHalf)
      let day = Int.random(in: 1...20, using: &random)
      var row = [unit.code, "2024-H1", String(format: "2024-06-%02d", day)]
      for element in DataDictionary.elements {
        guard element.requirement(for: type, in: period) != .notApplicable else {
          row.append("")
          continue
        }
        switch element.kind {
        case .count, .money: row.append(String(Int.random(in: 0...30, using: &random)))
        case .yesNo: row.append(Bool.random(using: &random) ? "1" : "0")
        case .mediaLevel: row.append(["khong", "thi_diem", "chinh_thuc"].randomElement(using: &random)!)
        }
      }
      file.append(row)
    }
    try workspace.submit("ngau-nhien.csv", file.text)
    try workspace.runThroughRollup(Period(year: 2024, kind: .firstHalf), today: CalendarDay(iso: "2024-07-01")!)
    var parent: [String: String] = [:]
    var type: [String: String] = [:]
    for line in registry.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      parent[cells[0]] = cells[3]
      type[cells[0]] = cells[2]
    }
    return (workspace, parent, type)
  }

  @Test(arguments: 1...30)
  func nodesAddUpAndRatiosStayWithinOneHundredPercent(seed: Int) throws {
    let (workspace, parent, type) = try Self.randomProvinceWithParents(seed: UInt64(seed))
    let indicators = try workspace.stage("2024-H1", StageFile.indicators)
    let accepted = try workspace.stage("2024-H1", StageFile.accepted)
    // Membership worked out here from the registry as written, not with the program's Hierarchy:
    // an area is a district or commune whose parent is the province; a unit counts in the area on
    // its chain of parents, or only in the province.
    let areas = parent.keys.filter { parent[$0] == "99" && (type[$0] == "huyen" || type[$0] == "xa") }.sorted()
    func area(of unit: String) -> String? {
      var code: String? = unit
      while let current = code, current != "99" {
        if areas.contains(current) { return current }
        code = parent[current]
      }
      return nil
    }
    #expect(Set(indicators.map { $0["ma_don_vi"]! }) == Set(areas + ["99"]))
    func value(_ node: String, _ code: String) -> Int64? {
      indicators.first { $0["ma_don_vi"] == node && $0["chi_tieu"] == code }.flatMap { Int64($0["tu_so"] ?? "") }
    }
    for element in DataDictionary.elements where element.kind.isNumber {
      let code = "TS_\(element.code)"
      func sum(_ rows: [[String: String]]) -> Int64 { rows.reduce(0) { $0 + (Int64($1[element.code] ?? "") ?? 0) } }
      // Every node's total is the sum of its members' accepted values.
      for node in areas {
        #expect(value(node, code) == sum(accepted.filter { area(of: $0["ma_don_vi"]!) == node }))
      }
      // The province is the sum of every accepted value, and of the areas plus the units directly under it.
      let direct = accepted.filter { area(of: $0["ma_don_vi"]!) == nil }
      let areaSum = areas.reduce(Int64(0)) { $0 + (value($1, code) ?? 0) }
      #expect(value("99", code) == sum(accepted))
      #expect(value("99", code) == areaSum + sum(direct))
    }
    for row in indicators where Indicators.byCode[row["chi_tieu"]!]!.isRatio {
      if let numerator = Int64(row["tu_so"]!), let denominator = Int64(row["mau_so"]!) {
        #expect(denominator > 0 && numerator <= denominator, "\(row)")
        #expect(Double(row["gia_tri"]!)! <= 1)
      } else {
        #expect(row["tu_so"] == "" && row["mau_so"] == "" && row["gia_tri"] == "")
      }
    }
  }
}
