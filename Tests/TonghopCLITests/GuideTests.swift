import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

/// HUONG-DAN.md never disagrees with the program.
@Suite struct GuideTests {
  static let guide = Result { try String(contentsOf: TestWorkspace.repository.appendingPathComponent("HUONG-DAN.md"), encoding: .utf8) }

  @Test func theTableOfCodesIsTheProgramsCatalogue() throws {
    let text = try Self.guide.get()
    let start = "<!-- bang-ma-loi:bat-dau -->\n"
    let end = "\n<!-- bang-ma-loi:ket-thuc -->"
    let table = try #require(text.components(separatedBy: start).last?.components(separatedBy: end).first)
    #expect(table == IssueCode.guideTable, "HUONG-DAN.md is stale: run scripts/update-guide")
    #expect(IssueCode.allCases.allSatisfy { table.contains("| `\($0.rawValue)` |") })
  }

  @Test func everyPictureAndCommandItNamesExists() throws {
    let text = try Self.guide.get()
    for picture in ["docs/hinh/tong-hop.png", "docs/hinh/theo-dia-ban.png", "docs/hinh/tien-do-nop.png"] {
      #expect(text.contains(picture))
      #expect(FileManager.default.fileExists(atPath: TestWorkspace.repository.appendingPathComponent(picture).path), "\(picture)")
    }
    for script in ["scripts/install", "scripts/demo", "scripts/nightly", "scripts/render-pages", "scripts/update-guide"] {
      #expect(FileManager.default.isExecutableFile(atPath: TestWorkspace.repository.appendingPathComponent(script).path), "\(script)")
    }
    let readme = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.prefix(600).contains("HUONG-DAN.md"))
  }
}
