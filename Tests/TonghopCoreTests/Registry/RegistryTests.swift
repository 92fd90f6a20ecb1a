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
    #expect(message?.contains("line 4") == true)
    #expect(message?.contains("overlaps") == true)
  }

  @Test func unknownTypeNamesTheRow() {
    let message = failure("1,P,tinh,,,\n2,A,quan,1,,\n")
    #expect(message?.contains("line 3") == true && message?.contains("quan") == true)
  }

  @Test func missingParent() {
    #expect(failure("1,P,tinh,,,\n2,A,huyen,7,,\n")?.contains("parent 7 is not in the registry") == true)
  }

  @Test func parentMustOutliveChild() {
    let message = failure("1,P,tinh,,,\n2,A,huyen,1,,2024-12-31\n3,X,xa,2,,\n")
    #expect(message?.contains("line 4") == true && message?.contains("2025-01-01") == true)
  }

  @Test func exactlyOneProvinceOnEveryDay() {
    #expect(failure("1,P,tinh,,,\n9,Q,tinh,,2025-01-01,\n")?.contains("two provinces") == true)
    #expect(failure("1,P,tinh,,,2024-12-31\n2,A,huyen,1,,2024-12-31\nX,S,so_nganh,1,,\n") != nil)
  }

  @Test func cyclesAndReversedDates() {
    #expect(failure("1,P,tinh,,,\n2,A,huyen,3,,\n3,B,huyen,2,,\n")?.contains("loops") == true)
    #expect(failure("1,P,tinh,,,\n2,A,huyen,1,2025-01-02,2025-01-01\n")?.contains("after") == true)
  }

  @Test func theRootHasNoParentAndOthersHaveOne() {
    #expect(failure("1,P,tinh,,,\n2,A,huyen,,,\n")?.contains("ma_cap_tren is empty") == true)
  }

  @Test(arguments: ["Xã1", "A B", "A/B", "A.1", "Đ01"])
  func aCodeHoldsOnlyAsciiLettersDigitsDashAndUnderscore(_ code: String) {
    #expect(failure("1,P,tinh,,,\n\(code),A,huyen,1,,\n")?.contains("may hold only") == true)
  }

  @Test func aCodeOfLettersDigitsDashAndUnderscoreIsAccepted() throws {
    #expect(try registry("1,P,tinh,,,\nHx-01_b,A,huyen,1,,\n").knows("Hx-01_b"))
  }
}
