import Foundation
import Testing
import TonghopTestSupport

@testable import TonghopCore

@Suite struct RegistryTests {
  private func registry(_ rows: String) throws -> Registry {
    let workspace = try TestWorkspace(registry: "ma_don_vi,ten_don_vi,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den\n" + rows)
    return try Registry.load(from: workspace.url("inputs/registry/don-vi.csv"))
  }

  private func failure(_ rows: String) -> String? {
    do {
      _ = try registry(rows)
      return nil
    } catch let error as TonghopError {
      #expect(error.kind == .registry && error.exitCode == 2)
      return error.message
    } catch {
      return "\(error)"
    }
  }

  @Test func theShippedRegistryFollowsTheReformsOfNinhBinh() throws {
    let registry = try Registry.load(from: TestWorkspace.repository.appendingPathComponent("inputs/registry/don-vi.csv"))
    func count(_ type: UnitType, on day: String) -> Int {
      let date = CalendarDay(iso: day)!
      let province = registry.root(on: date)!
      return registry.units(on: date).filter { $0.type == type && (type != .huyen || $0.parentCode == province.code) }.count
    }
    #expect(count(.huyen, on: "2024-12-14") == 8)
    #expect(count(.xa, on: "2024-12-14") == 143)
    #expect(count(.huyen, on: "2025-06-14") == 7)
    #expect(count(.xa, on: "2025-06-14") == 125)
    #expect(count(.huyen, on: "2025-12-14") == 0)
    #expect(count(.xa, on: "2025-12-14") == 129)
    #expect(registry.unit("14464", on: CalendarDay(iso: "2024-06-14")!)?.name == "Thị trấn Me")
    #expect(registry.unit("14464", on: CalendarDay(iso: "2025-12-14")!)?.name == "Xã Gia Viễn")
    #expect(registry.unit("374", on: CalendarDay(iso: "2025-06-14")!)?.name == "Thành phố Hoa Lư")
  }

  @Test func aVersionIsAliveFromItsFirstToItsLastDayInclusive() throws {
    let r = try registry("1,P,tinh,,,\n2,Old,huyen,1,,2024-12-31\n2,New,huyen,1,2025-01-01,\n")
    #expect(r.unit("2", on: CalendarDay(iso: "2024-12-31")!)?.name == "Old")
    #expect(r.unit("2", on: CalendarDay(iso: "2025-01-01")!)?.name == "New")
  }

  @Test func overlappingVersionsNameTheRow() {
    let message = failure("1,P,tinh,,,\n2,A,huyen,1,,2025-01-01\n2,B,huyen,1,2025-01-01,\n")
    #expect(message?.contains("dòng 4") == true)
    #expect(message?.contains("trùng với phiên bản") == true)
  }

  @Test func unknownTypeNamesTheRow() {
    let message = failure("1,P,tinh,,,\n2,A,quan,1,,\n")
    #expect(message?.contains("dòng 3") == true && message?.contains("quan") == true)
  }

  @Test func missingParent() {
    #expect(failure("1,P,tinh,,,\n2,A,huyen,7,,\n")?.contains("đơn vị cấp trên 7 không có trong danh mục") == true)
  }

  @Test func parentMustOutliveChild() {
    let message = failure("1,P,tinh,,,\n2,A,huyen,1,,2024-12-31\n3,X,xa,2,,\n")
    #expect(message?.contains("dòng 4") == true && message?.contains("2025-01-01") == true)
  }

  @Test func exactlyOneProvinceOnEveryDay() {
    #expect(failure("1,P,tinh,,,\n9,Q,tinh,,2025-01-01,\n")?.contains("có hai tỉnh") == true)
    #expect(failure("1,P,tinh,,,2024-12-31\n2,A,huyen,1,,2024-12-31\nX,S,so_nganh,1,,\n") != nil)
  }

  @Test func cyclesAndReversedDates() {
    // With the parent types of domain.md a loop cannot form: the first link of one is already refused.
    #expect(failure("1,P,tinh,,,\n2,A,huyen,3,,\n3,B,huyen,2,,\n")?.contains("dòng 3") == true)
    #expect(failure("1,P,tinh,,,\n2,A,huyen,1,2025-01-02,2025-01-01\n")?.contains("sau hieu_luc_den") == true)
  }

  @Test func theRootHasNoParentAndOthersHaveOne() {
    #expect(failure("1,P,tinh,,,\n2,A,huyen,,,\n")?.contains("ma_cap_tren bỏ trống") == true)
  }

  @Test(arguments: ["Xã1", "A B", "A/B", "A.1", "Đ01"])
  func aCodeHoldsOnlyAsciiLettersDigitsDashAndUnderscore(_ code: String) {
    #expect(failure("1,P,tinh,,,\n\(code),A,huyen,1,,\n")?.contains("1 đến 64") == true)
  }

  @Test func aCodeIsAtMost64Bytes() throws {
    let long = String(repeating: "A", count: 65)
    #expect(failure("1,P,tinh,,,\n\(long),A,huyen,1,,\n")?.contains("1 đến 64") == true)
    #expect(try registry("1,P,tinh,,,\n\(long.dropLast()),A,huyen,1,,\n").knows(String(long.dropLast())))
  }

  /// A commune whose parent is another commune or a school would have its figures added to that
  /// unit's area without a word: refused, naming the row.
  @Test(arguments: [
    ("2,H,huyen,1,,\n3,X,xa,2,,\n4,Y,xa,3,,\n", "dòng 5"),
    ("2,H,huyen,1,,\nT,S,truong,2,,\n4,Y,xa,T,,\n", "dòng 5"),
    ("2,H,huyen,1,,\nS,D,so_nganh,2,,\n", "dòng 4"),
    ("2,H,huyen,1,,\n3,X,xa,2,,\nB,M,bao_chi,3,,\n", "dòng 5"),
    ("2,H,huyen,1,,\n3,X,huyen,2,,\n", "dòng 4"),
  ])
  func aParentOfTheWrongTypeIsARegistryError(_ rows: String, _ line: String) {
    let message = failure("1,P,tinh,,,\n" + rows)
    #expect(message?.contains(line) == true)
    #expect(message?.contains("chỉ có thể trực thuộc") == true)
  }

  @Test func everyParentTypeOfTheTableIsAccepted() throws {
    let rows = """
      1,P,tinh,,,
      2,H,huyen,1,,
      3,X,xa,2,,
      4,Y,xa,1,,
      T1,S,truong,1,,
      T2,S,truong,2,,
      T3,S,truong,3,,
      S1,D,so_nganh,1,,
      B1,M,bao_chi,1,,
      B2,M,bao_chi,2,,

      """
    #expect(try registry(rows).versions.count == 10)
  }

  /// A parent whose later version changes type is checked on the days the two overlap only.
  @Test func aParentTypeIsCheckedWhileTheChildLives() {
    let rows = "1,P,tinh,,,\n2,H,huyen,1,,2025-06-30\n2,H,xa,1,2025-07-01,\n3,X,xa,2,,2025-06-30\n"
    #expect(failure("1,P,tinh,,,\n2,H,huyen,1,,2025-06-30\n2,H,xa,1,2025-07-01,\n3,X,xa,2,,\n")?.contains("dòng 5") == true)
    #expect(failure(rows) == nil)
  }

  @Test func aCodeOfLettersDigitsDashAndUnderscoreIsAccepted() throws {
    #expect(try registry("1,P,tinh,,,\nHx-01_b,A,huyen,1,,\n").knows("Hx-01_b"))
  }
}
