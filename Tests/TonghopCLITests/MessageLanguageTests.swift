import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

/// Everything tonghop says to a person is in Vietnamese: the program's own sentences (every string
/// literal of the sources) and what it prints for every command, its help and its usage errors.
/// Command and option names, codes, column names and paths are not words and are left out.
@Suite struct MessageLanguageTests {
  /// English words that have no Vietnamese homograph.
  static let english: Set<String> = [
    "the", "and", "is", "are", "was", "were", "not", "file", "files", "row", "rows", "error", "errors", "failed",
    "cannot", "must", "missing", "another", "unknown", "expected", "period", "periods", "unit", "units", "nothing",
    "changed", "already", "known", "unreadable", "accepted", "rejected", "issue", "issues", "areas", "province",
    "report", "reports", "show", "help", "information", "usage", "overview", "options", "value", "invalid", "default",
    "see", "more", "with", "of", "from", "please", "provide", "argument", "subcommand", "option", "detailed", "version",
    "write", "read", "lock", "ledger", "archive", "workbook", "sheet", "folder", "empty", "line", "date", "header",
    "exists", "parent", "registry", "malformed", "save", "give", "got", "either", "only", "when", "which", "this",
    "that", "has", "have", "does", "did", "mean", "try", "again", "finished", "working", "feedback", "open",
    "name", "one", "each", "every", "after", "before", "then", "than", "there", "setting", "section", "should",
  ]

  /// Words of a text outside what is not prose: `code spans`, paths, options, identifiers, codes.
  static func words(_ text: String) -> [String] {
    // Excel's own menu name, quoted beside its Vietnamese one.
    var prose = text.replacingOccurrences(of: "(Save As)", with: " ")
    prose = prose.replacingOccurrences(of: #"`[^`]*`"#, with: " ", options: .regularExpression)
    prose = prose.replacingOccurrences(of: #"'[^']*'"#, with: " ", options: .regularExpression)
    prose = prose.replacingOccurrences(of: #"«[^»]*»"#, with: " ", options: .regularExpression)
    prose = prose.replacingOccurrences(of: #"\\\([^()]*(\([^()]*\)[^()]*)*\)"#, with: " ", options: .regularExpression)
    return prose.split(whereSeparator: { $0.isWhitespace }).map(String.init).filter { token in
      !token.contains("/") && !token.contains("_") && !token.hasPrefix("-") && !token.contains(".csv") && !token.contains(".xlsx")
        && !token.contains("<") && !token.contains("=") && !token.contains("[") && !token.contains("]") && !token.contains("\\")
        && token.wholeMatch(of: /[a-z][A-Za-z]*:/) == nil
    }.map { $0.trimmingCharacters(in: .punctuationCharacters.union(.symbols)).lowercased() }
  }

  static func englishWords(_ text: String) -> [String] { words(text).filter { english.contains($0) } }

  /// String literals that are not said to anyone: one word (a key, a column, a file name), SQL, the
  /// fingerprint's own text, fuzzing checks, and the parser's English that `ParserText` translates.
  static func isSaidToSomeone(_ literal: String, in file: String) -> Bool {
    guard literal.contains(" ") else { return false }
    let sql = ["SELECT ", "INSERT ", "CREATE ", "UPDATE ", "DELETE ", "ALTER ", "DROP ", "PRAGMA ", "WHERE ", " FROM "]
    if sql.contains(where: literal.contains) { return false }
    let name = (file as NSString).lastPathComponent
    if name == "LedgerRecords.swift" { return literal.contains("Sổ ghi nhận") }
    return !["Invariants.swift", "InputFingerprint.swift", "ParserText.swift"].contains(name)
  }

  @Test func everySentenceOfTheSourcesIsVietnamese() throws {
    var found: [String] = []
    var scanned = 0
    for folder in ["Sources/TonghopCore", "Sources/TonghopCLI"] {
      let root = TestWorkspace.repository.appendingPathComponent(folder)
      for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) where path.hasSuffix(".swift") {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        // Comments are for programmers; preconditions name programming mistakes.
        let code = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
          let line = $0.trimmingCharacters(in: .whitespaces)
          return !line.hasPrefix("//") && !line.contains("preconditionFailure(") && !line.contains("precondition(")
        }.joined(separator: "\n")
        let literals = code.matches(of: /"""([\s\S]*?)"""|#"((?:[^"]|"(?!#))*)"#|"((?:[^"\\\n]|\\.)*)"/)
        for match in literals {
          let literal = String(match.output.1 ?? match.output.2 ?? match.output.3 ?? "")
          guard Self.isSaidToSomeone(literal, in: path) else { continue }
          scanned += 1
          let words = Self.englishWords(literal)
          if !words.isEmpty { found.append("\(path): \(words) in \"\(literal.prefix(120))\"") }
        }
      }
    }
    #expect(scanned > 500)
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
  }

  @Test func everythingTheCommandsPrintIsVietnamese() throws {
    let workspace = try TestWorkspace.sample()
    let root = ["--root", workspace.root.path, "--today", "2025-01-15"]
    var runs: [[String]] = [["--help"], ["help", "run"], ["frob"], ["run", "--bogus"], ["run", "--verbos"], ["validate"],
      ["validate", "--period", "2024-H3"], ["--today", "15/01/2025", "ingest"], ["--quiet", "--verbose", "ingest"], [],
      ["export"], ["export", "--xu-huong", "2025-Y..2023-Y"], ["template", "--period", "2024-H1", "--loai", "quan"],
      ["sign", "--period", "2024-H1"], ["explain", "--period", "2024-H1"]]
    for command in ["ingest", "validate", "rollup", "export", "run", "status", "template", "withdraw", "sign", "explain", "verify"] {
      runs.append([command, "--help"])
    }
    var transcript = ""
    for arguments in runs {
      let finished = try Subprocess.run(Subprocess.tonghop, arguments)
      transcript += finished.output + finished.errors
    }
    let session: [[String]] = [
      ["status", "--period", "2024-H1"], ["rollup", "--period", "2024-H1"], ["sign", "--period", "2024-H1", "--so", "1/BC"],
      ["--verbose", "run", "--period", "2024-H1", "2024-Y"], ["run"], ["status", "--period", "2024-H1"], ["status"],
      ["template", "--period", "2025-H1"], ["explain", "--period", "2024-H1", "--don-vi", "372", "--chi-tieu", "CT1"],
      ["explain", "--period", "2024-H1", "--don-vi", "KHONG"], ["withdraw", "khong-co.csv", "--ly-do", "nhầm"],
      ["withdraw", "2024-H1/372-Nho-Quan/cac-xa.csv", "--ly-do", " "],
      ["sign", "--period", "2024-H1", "--so", "15/BC-SNV"], ["status", "--period", "2024-H1"], ["verify"],
      ["export", "--xu-huong", "2024-Y..2025-Y"], ["rollup", "--period", "2024-Y", "--theo-ngay", "2025-07-01"],
    ]
    for arguments in session {
      let finished = try Subprocess.run(Subprocess.tonghop, root + arguments)
      transcript += finished.output + finished.errors
    }
    // A registry and a config with mistakes.
    try workspace.write("inputs/config.toml", "[ky_bao_cao]\nhan_6_thang = \"10-06\"\n")
    transcript += try Subprocess.run(Subprocess.tonghop, root + ["run"]).errors
    try workspace.write("inputs/config.toml", "")
    try workspace.write("inputs/registry/don-vi.csv", try workspace.read("inputs/registry/don-vi.csv") + "X1,Xã Lạ,quan,37,,\n")
    transcript += try Subprocess.run(Subprocess.tonghop, root + ["run"]).errors
    let found = transcript.split(separator: "\n").filter { !Self.englishWords(String($0)).isEmpty }
    #expect(transcript.count > 5_000)
    #expect(found.isEmpty, "\(found.prefix(40).joined(separator: "\n"))")
  }
}
