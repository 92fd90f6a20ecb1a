import Testing

@testable import TonghopCore

@Suite struct CSVReaderTests {
  private func parse(_ text: String, _ delimiter: CSVReader.Delimiter = .comma) throws -> [CSVRecord] {
    try CSVReader.records(in: Array(text.utf8), delimiter: delimiter)
  }

  @Test func quotedFieldsKeepDelimitersQuotesAndNewlines() throws {
    let records = try parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row\n")
    #expect(records.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"], ["last", "row"]])
    #expect(records.map(\.line) == [1, 2, 3, 5])
  }

  @Test func lineEndsCRLFAndCROnlyGiveTheSameRecordsAndLines() throws {
    let lf = try parse("h1,h2\n1,2\n\n3,4\n")
    let crlf = try parse("h1,h2\r\n1,2\r\n\r\n3,4\r\n")
    let cr = try parse("h1,h2\r1,2\r\r3,4\r")
    #expect(lf == crlf)
    #expect(lf == cr)
    #expect(lf.map(\.line) == [1, 2, 4])
  }

  @Test func lastLineWithoutNewlineIsRead() throws {
    let records = try parse("h\n1\n2")
    #expect(records.map(\.fields) == [["h"], ["1"], ["2"]])
    #expect(records.last?.line == 3)
  }

  @Test func unterminatedQuoteAtTheEndIsAnErrorNotAGiantField() throws {
    // CSV_STRICT alone would return one field swallowing the three rows after the quote.
    #expect(throws: CSVSyntaxError(line: 2, reason: "unterminated quoted field")) {
      try parse("h1,h2\n\"unterminated,x\n1,2\n3,4\n")
    }
  }

  @Test func junkAfterAClosingQuoteIsAnErrorOnItsLine() throws {
    let error = #expect(throws: CSVSyntaxError.self) { try parse("h1,h2\n1,2\n\"x\"y,2\n") }
    #expect(error?.line == 3)
  }

  @Test func semicolonAndTabDelimiters() throws {
    #expect(try parse("a;b\n1,5;2\n", .semicolon).map(\.fields) == [["a", "b"], ["1,5", "2"]])
    #expect(try parse("a\tb\n\t2\n", .tab).map(\.fields) == [["a", "b"], ["", "2"]])
  }

  @Test func feedingOneByteAtATimeGivesTheSameRecords() throws {
    let text = "h1,h2\r\n\"a\r\nb\",2\r\n\r\n3,\"4\"\r\n5,6"
    let reader = CSVReader()
    var records: [CSVRecord] = []
    for byte in Array(text.utf8) {
      records += try [byte].withUnsafeBytes { try reader.feed($0) }
    }
    records += try reader.finish()
    #expect(records == (try parse(text)))
    #expect(records.map(\.line) == [1, 2, 5, 6])
  }

  @Test func spacesOnlyLinesDoNotShiftLineNumbers() throws {
    let records = try parse("h\n   \n1\n")
    #expect(records.map(\.line) == [1, 3])
  }
}
