import Testing

@testable import TonghopCore

@Suite struct ValueParsingTests {
  @Test func plainAndGroupedNumbers() {
    #expect(ValueParsing.number(" 12 ") == .plain(12))
    #expect(ValueParsing.number("0") == .plain(0))
    #expect(ValueParsing.number("1.234") == .grouped(1234))
    #expect(ValueParsing.number("12 345") == .grouped(12345))
    #expect(ValueParsing.number("12\u{00A0}345") == .grouped(12345))
    #expect(ValueParsing.number("1,234,567") == .grouped(1_234_567))
  }

  @Test(arguments: ["1,5", "-3", "abc", "1.23", "12.34.5", "1.234,5", "01.234", "1e3", "1000000000001", ""])
  func notNonNegativeIntegers(_ text: String) {
    #expect(ValueParsing.number(text) == .invalid)
  }

  @Test func yesNoAndMediaLevelWords() {
    #expect(ValueParsing.yesNo("Có") == true)
    #expect(ValueParsing.yesNo("X") == true)
    #expect(ValueParsing.yesNo("KHÔNG") == false)
    #expect(ValueParsing.yesNo("2") == nil)
    #expect(ValueParsing.mediaLevel("Thí điểm") == "thi_diem")
    #expect(ValueParsing.mediaLevel("2") == "chinh_thuc")
    #expect(ValueParsing.mediaLevel("không") == "khong")
    #expect(ValueParsing.mediaLevel("có") == nil)
  }

  @Test func textLosesControlCharactersAndIsCutAtExcelsLimit() {
    let cleaned = ValueParsing.text("a\u{07}b")
    #expect(cleaned.text == "ab" && cleaned.removed && !cleaned.cut)
    let long = ValueParsing.text(String(repeating: "ạ", count: 40_000))
    #expect(long.cut && long.text.count == 32_767)
  }
}
