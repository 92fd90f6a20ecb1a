import Testing

@testable import TonghopCore

@Suite struct TextAndDayTests {
  @Test func nfcComposesDecomposedTextAndKeepsComposedText() {
    let composed = "Xã Gia Viễn, Đơn vị số 5"
    let decomposed = "Xa\u{0303} Gia Vie\u{0302}\u{0303}n, Đơn vi\u{0323} so\u{0302}\u{0301} 5"
    #expect(Array(decomposed.nfc.unicodeScalars) == Array(composed.unicodeScalars))
    #expect(Array(composed.nfc.unicodeScalars) == Array(composed.unicodeScalars))
    // Singletons outside the quick-check ranges are normalised too.
    #expect(Array("\u{212B}ngström".nfc.unicodeScalars) == Array("\u{00C5}ngström".unicodeScalars))
    #expect("ASCII only".nfc == "ASCII only")
  }

  @Test func utf8OrderIsTheOrderOfTheBytes() {
    #expect("B".utf8Precedes("a") && !"a".utf8Precedes("B"))
    #expect("Z".utf8Precedes("Đ") && "ab".utf8Precedes("abc") && !"abc".utf8Precedes("ab"))
    #expect(!"x".utf8Precedes("x") && !"".utf8Precedes("") && "".utf8Precedes("a"))
    // Canonically equal, different bytes: ordered by the bytes, never equal.
    #expect("e\u{0301}".utf8Precedes("\u{00E9}") && !"\u{00E9}".utf8Precedes("e\u{0301}"))
    let names = ["xa-2.csv", "Xa-1.csv", "Đồng.csv", "xa-10.csv", "a"]
    #expect(names.sorted { $0.utf8Precedes($1) } == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  @Test(arguments: [
    ("2024-06-05", "2024-06-05", "05/06/2024"), ("0987-01-31", "0987-01-31", "31/01/0987"),
    ("9999-12-31", "9999-12-31", "31/12/9999"),
  ])
  func isoDaysReadAndWrittenBack(_ text: String, _ iso: String, _ vietnamese: String) throws {
    let day = try #require(CalendarDay(iso: text))
    #expect(day.description == iso)
    #expect(day.vietnamese == vietnamese)
  }

  @Test(arguments: ["2024-6-05", "2024-02-30", "2024/06/05", "2024-06-051", "20240605", "", "2024-06-0x", "0000-01-01"])
  func notIsoDays(_ text: String) {
    #expect(CalendarDay(iso: text) == nil)
  }
}
