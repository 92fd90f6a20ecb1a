import Foundation
import Testing
import TonghopCore
import TonghopTestSupport

/// Withdrawing a file by the name the officer types, whatever normalisation the name came with, and
/// finding a file's hash with `withdraw --liet-ke` instead of SQL.
@Suite struct WithdrawTests {
  @Test func aDecomposedNameFromAMacIsWithdrawnByTypingIt() throws {
    let workspace = try TestWorkspace()
    // As a Mac or a zip writes it: "Xã Hoà" with its marks as separate characters (NFD).
    let decomposed = "2024-H1/X\u{0061}\u{0303} Ho\u{0061}\u{0300}.csv"
    #expect(decomposed.unicodeScalars.count != decomposed.nfc.unicodeScalars.count)
    try workspace.submit(
      decomposed, "ma_don_vi,ky_bao_cao,ngay_lap,cuoc_tt,luot_nam,luot_nu,tin_q1,tin_q2,huong_uoc,huong_uoc_bdg\n90101,2024-H1,2024-06-05,3,40,60,2,3,8,8\n")
    let root = ["--root", workspace.root.path, "--today", "2024-12-31"]
    #expect(try Subprocess.run(Subprocess.tonghop, root + ["--quiet", "ingest"]).status == 0)

    let listed = try Subprocess.run(Subprocess.tonghop, root + ["withdraw", "--liet-ke", "hoà"])
    #expect(listed.status == 0, "\(listed.errors)")
    let file = try #require(try Workspace(root: workspace.root).openLedger().files().first)
    #expect(listed.output.contains(String(file.sha256.prefix(12))))
    #expect(listed.output.contains("nhận lúc "))

    let typed = "2024-H1/Xã Hoà.csv"  // precomposed, as typed on a Vietnamese keyboard
    #expect(typed == typed.nfc)
    let withdrawn = try Subprocess.run(Subprocess.tonghop, root + ["withdraw", typed, "--ly-do", "Gửi nhầm"])
    #expect(withdrawn.status == 0, "\(withdrawn.errors)")
    #expect(try Workspace(root: workspace.root).openLedger().files().first?.withdrawn == true)
    let again = try Subprocess.run(Subprocess.tonghop, root + ["withdraw", "--liet-ke"])
    #expect(again.output.contains("đã rút lúc") && again.output.contains("Gửi nhầm"))
    let missing = try Subprocess.run(Subprocess.tonghop, root + ["withdraw", typed])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("--ly-do"))
  }

  /// A broken file is listed with every period until it is withdrawn; then it is listed no more.
  @Test func aBrokenFileCanBeWithdrawnAndLeavesTheLists() throws {
    let workspace = try TestWorkspace()
    try workspace.submit("2024-H1/bao-cao.csv", "ma_don_vi,ky_bao_cao,ngay_lap\n90101,2024-H1,\u{1}\n")
    try workspace.write("inputs/submissions/2024-H1/hong.csv", Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + Array(repeating: 0x81, count: 64)))
    let root = ["--root", workspace.root.path, "--today", "2024-12-31", "--quiet"]
    #expect(try Subprocess.run(Subprocess.tonghop, root + ["run", "--period", "2024-H1"]).status == 0)
    #expect(try workspace.stage("2024-H1", StageFile.issues).contains { $0["tep"] == "2024-H1/hong.csv" && $0["ma_loi"] == "T01" })
    let withdrawn = try Subprocess.run(Subprocess.tonghop, root + ["withdraw", "2024-H1/hong.csv", "--ly-do", "Tệp hỏng, đơn vị gửi lại"])
    #expect(withdrawn.status == 0, "\(withdrawn.errors)")
    #expect(try Subprocess.run(Subprocess.tonghop, root + ["run", "--period", "2024-H1"]).status == 0)
    #expect(!(try workspace.stage("2024-H1", StageFile.issues)).contains { $0["tep"] == "2024-H1/hong.csv" })
  }
}
