/// The validation codes of submissions.md, with their severity and their Vietnamese messages.
/// This is the one catalogue of what a unit is told.
public enum IssueCode: String, CaseIterable, Sendable {
  case T01, T02, T03, T04, T05, T06, T07, T08, T09, T10
  case D01, D02, D03, D04, D05, D06, D07, D08, D09, D10, D11, D12, D13, D14, D15, D16, D17, D18, D19, D20

  public var severity: Finding.Severity {
    switch self {
    case .T07, .T08, .T10, .D13, .D14, .D15, .D17, .D18, .D20: .warning
    case .T09, .D16: .information
    default: .error
    }
  }

  /// What the code means, for the guide and the workbook.
  public var meaning: String {
    switch self {
    case .T01: "Không đọc được nội dung tệp (bảng mã không hợp lệ, hoặc không phải bảng tính Excel .xlsx đọc được)"
    case .T02: "Tệp rỗng hoặc không có dòng tiêu đề"
    case .T03: "Thiếu cột bắt buộc ma_don_vi, ky_bao_cao hoặc ngay_lap"
    case .T04: "Một cột xuất hiện hai lần trong dòng tiêu đề"
    case .T05: "Tệp CSV sai cấu trúc (ví dụ thiếu dấu ngoặc kép đóng)"
    case .T06: "Tệp lớn hơn giới hạn cho phép"
    case .T07: "Tệp đã được chuyển bảng mã sang UTF-8"
    case .T08: "Cột không có trong mẫu báo cáo, đã bỏ qua"
    case .T09: "Tệp không phải CSV hay Excel (.xlsx), đã bỏ qua"
    case .T10: "Mục trong thư mục nhận không được đọc (liên kết ra ngoài, không phải tệp thường, hoặc không có quyền đọc)"
    case .D01: "Mã đơn vị không có trong danh mục"
    case .D02: "Đơn vị không tồn tại vào ngày chốt số liệu của kỳ, hoặc không thuộc diện báo cáo"
    case .D03: "Kỳ báo cáo trống hoặc không đúng"
    case .D04: "Ngày lập trống hoặc không phải ngày có thật"
    case .D05: "Ngày lập trước khi kỳ báo cáo bắt đầu hoặc sau ngày hôm nay"
    case .D06: "Giá trị không phải số nguyên không âm"
    case .D07: "Chỉ tiêu bắt buộc bị bỏ trống"
    case .D08: "Số liệu thành phần lớn hơn số tổng"
    case .D09: "Có người tham dự nhưng số cuộc truyền thông bằng 0"
    case .D10: "Giá trị không thuộc các lựa chọn cho phép"
    case .D11: "Báo cáo 6 tháng của xã có số tin, bài quý 3 hoặc quý 4"
    case .D12: "Đơn vị và kỳ báo cáo xuất hiện hai lần trong cùng một tệp"
    case .D13: "Giá trị ở cột không áp dụng cho loại đơn vị này, đã bỏ qua"
    case .D14: "Số có dấu phân cách hàng nghìn, đã đọc thành số nguyên"
    case .D15: "Số liệu cả năm nhỏ hơn số liệu 6 tháng đã nộp"
    case .D16: "Dòng đã được thay thế bởi báo cáo nộp sau"
    case .D17: "Văn bản đã được làm sạch (bỏ ký tự điều khiển hoặc cắt bớt)"
    case .D18: "Mã đơn vị đã được bổ sung số 0 ở đầu"
    case .D19: "Dòng có ô có giá trị ở bên phải cột cuối cùng của dòng tiêu đề (số bị tách, các cột bị lệch)"
    case .D20: "Số liệu bất thường so với báo cáo cùng kỳ năm trước hoặc so với các đơn vị cùng loại"
    }
  }
}

extension IssueCode {
  /// What the unit (or the officer) should do about it, for the guide.
  public var advice: String {
    switch self {
    case .T01: "Mở báo cáo trong Excel, Lưu thành (Save As) → \"Sổ làm việc Excel (*.xlsx)\" hoặc \"CSV UTF-8 (Comma delimited)\", gửi lại."
    case .T02: "Gửi lại tệp có dòng tiêu đề (tên các cột) và các dòng số liệu; dùng mẫu báo cáo."
    case .T03: "Thêm cột còn thiếu vào dòng tiêu đề; tốt nhất dùng mẫu báo cáo của kỳ."
    case .T04: "Xóa cột bị lặp, giữ một cột, gửi lại."
    case .T05: "Mở tệp trong Excel, kiểm tra dòng được nêu (thường là ô ghi chú thiếu dấu ngoặc kép), lưu lại bằng \"CSV UTF-8\"."
    case .T06: "Kiểm tra tệp có đúng là báo cáo không; nếu đúng, chia thành nhiều tệp nhỏ hơn."
    case .T07: "Không cần gửi lại; lần sau lưu bằng \"CSV UTF-8\"."
    case .T08: "Không cần gửi lại; cột lạ đã bị bỏ qua. Nếu đó là cột số liệu thì sửa tên cột theo mẫu."
    case .T09: "Cán bộ tổng hợp: chỉ đặt tệp .csv hoặc .xlsx vào thư mục nhận; tệp khác được bỏ qua."
    case .T10: "Cán bộ tổng hợp: thay liên kết hoặc mục đặc biệt bằng chính tệp báo cáo, hoặc cấp quyền đọc cho tệp; các tệp khác vẫn được xử lý."
    case .D01: "Sửa mã đơn vị theo danh mục (cột ma_don_vi), gửi lại."
    case .D02: "Kiểm tra mã đơn vị và kỳ báo cáo: đơn vị phải còn tồn tại vào ngày chốt số liệu của kỳ."
    case .D03: "Ghi kỳ báo cáo đúng dạng, ví dụ 2025-H1 hoặc 2025-Y, gửi lại."
    case .D04: "Ghi ngày lập dạng ngày/tháng/năm (05/06/2025) hoặc 2025-06-05, gửi lại."
    case .D05: "Kiểm tra ngày lập: không trước ngày bắt đầu kỳ, không sau ngày hôm nay."
    case .D06: "Chỉ ghi số nguyên không âm, không ghi chữ, số thập phân hay số âm; gửi lại."
    case .D07: "Điền số liệu vào cột bắt buộc (không có thì ghi 0), gửi lại."
    case .D08: "Kiểm tra lại: số \"trong đó\" không được lớn hơn số tổng; gửi lại."
    case .D09: "Nếu có người tham dự thì số cuộc truyền thông phải lớn hơn 0; sửa và gửi lại."
    case .D10: "Ghi đúng một trong các giá trị cho phép (1/0, có/không; khong/thi_diem/chinh_thuc), gửi lại."
    case .D11: "Báo cáo 6 tháng: để trống cột quý 3 và quý 4, gửi lại."
    case .D12: "Mỗi đơn vị chỉ một dòng cho một kỳ trong một tệp: xóa dòng trùng, gửi lại."
    case .D13: "Không cần gửi lại; số liệu ở cột không áp dụng đã bị bỏ qua."
    case .D14: "Không cần gửi lại; kiểm tra số đã đọc đúng. Lần sau ghi số không có dấu chấm, phẩy."
    case .D15: "Kiểm tra lại: số liệu cả năm phải cộng dồn cả 6 tháng đầu năm; nếu sai, gửi lại."
    case .D16: "Không cần làm gì: báo cáo gửi sau đã thay thế dòng này."
    case .D17: "Không cần gửi lại; ghi chú đã được làm sạch hoặc cắt bớt."
    case .D18: "Không cần gửi lại; lần sau định dạng cột ma_don_vi là văn bản (Text) trong Excel."
    case .D19: "Đặt số có dấu phân cách hàng nghìn trong ngoặc kép (\"1,234\") hoặc ghi số không có dấu phân cách (1234), gửi lại."
    case .D20: "Kiểm tra lại số liệu; nếu đúng thì không cần gửi lại, nếu sai thì sửa và gửi lại trước khi số liệu được chốt."
    }
  }

  /// The guide's table of codes (HUONG-DAN.md, "Đọc lỗi"), made from this catalogue.
  public static var guideTable: String {
    let severity = [Finding.Severity.error: "lỗi (bị loại)", .warning: "cảnh báo (vẫn nhận)", .information: "thông tin"]
    var lines = ["| Mã | Mức độ | Ý nghĩa | Cần làm gì |", "| --- | --- | --- | --- |"]
    for code in IssueCode.allCases {
      lines.append("| `\(code.rawValue)` | \(severity[code.severity]!) | \(code.meaning) | \(code.advice) |")
    }
    return lines.joined(separator: "\n")
  }
}

/// The sentences a unit reads in its feedback: one function per situation, each naming
/// the column, the value received and what is expected.
enum Message {
  /// A value as the unit wrote it, cut to 60 characters; control characters (NUL, escape sequences)
  /// shown as `␀`-style symbols so that they never reach a terminal or a spreadsheet raw.
  static func quote(_ value: String) -> String {
    let visible = String(
      String.UnicodeScalarView(
        value.unicodeScalars.map { $0.value < 0x20 ? Unicode.Scalar(0x2400 + $0.value)! : $0.value == 0x7F ? "\u{2421}" : $0 }))
    let shown = visible.count > 60 ? String(visible.prefix(60)) + "…" : visible
    return "«\(shown)»"
  }

  static func undecodable(_ kind: String?) -> String {
    let saveAs = "Hãy mở báo cáo trong Excel, chọn Lưu thành (Save As) → \"Sổ làm việc Excel (*.xlsx)\" hoặc \"CSV UTF-8 (Comma delimited)\" và gửi lại"
    let what =
      switch kind {
      case "xlsx": "tệp là bảng tính Excel (.xlsx) được đổi tên thành .csv. Hãy mở tệp bằng Excel, Lưu thành (Save As) → \"Sổ làm việc Excel (*.xlsx)\" rồi gửi lại tệp mới (chỉ đổi tên thì tệp vẫn là tệp đã nhận)"
      case "xls": "tệp là bảng tính Excel 97-2003 (.xls) được đổi tên thành .csv. \(saveAs)"
      case "pdf": "tệp là tài liệu PDF được đổi tên thành .csv. \(saveAs)"
      case "html": "tệp là trang web (HTML) hoặc bảng tính XML được đổi tên thành .csv. \(saveAs)"
      case "xls-as-xlsx": "tệp là bảng tính Excel 97-2003 (.xls) được đặt tên .xlsx. \(saveAs)"
      case "csv-as-xlsx": "tệp là văn bản CSV được đặt tên .xlsx. Hãy mở tệp bằng Excel, Lưu thành (Save As) → \"Sổ làm việc Excel (*.xlsx)\" rồi gửi lại tệp mới (chỉ đổi tên tệp thì nội dung không đổi, tệp vẫn là tệp đã nhận)"
      case "pdf-as-xlsx": "tệp là tài liệu PDF được đặt tên .xlsx. \(saveAs)"
      case "html-as-xlsx": "tệp là trang web (HTML) hoặc bảng tính XML được đặt tên .xlsx. \(saveAs)"
      case "xlsx-mat-khau": "bảng tính Excel có đặt mật khẩu. Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ Sổ làm việc → Mã hóa bằng Mật khẩu, xóa mật khẩu), lưu lại rồi gửi lại"
      case "xlsx-hong": "tệp .xlsx bị hỏng (thường do tải về hoặc chép chưa xong). \(saveAs)"
      case "xlsx-khong-phai-bang-tinh": "tệp .xlsx không chứa trang tính nào đọc được (có thể là tài liệu khác được đặt tên .xlsx, hoặc mọi trang tính đều bị ẩn). \(saveAs)"
      case "xlsx-qua-lon": "tệp .xlsx lớn bất thường so với một báo cáo (khi giải nén hơn 200 MiB hoặc hơn 100 lần kích thước tệp, hoặc có hàng chục nghìn dòng, hàng triệu ô). Hãy kiểm tra lại tệp: chỉ giữ trang tính báo cáo với các dòng của đơn vị, lưu lại rồi gửi lại"
      case "xlsx-dtd": "tệp .xlsx chứa khai báo DTD (<!DOCTYPE>) mà Excel không bao giờ tạo ra; tệp không được đọc để bảo đảm an toàn. \(saveAs)"
      case "xlsx-qua-gioi-han": "trang tính vượt quá giới hạn của Excel (1.048.576 dòng, 16.384 cột). \(saveAs)"
      default: "tệp không phải văn bản UTF-8 hay Windows-1258. \(saveAs)"
      }
    return "Không đọc được nội dung tệp: \(what)."
  }

  static func tooLarge(limit: Int) -> String {
    "Tệp lớn hơn giới hạn \(limit / (1024 * 1024)) MiB. Hãy kiểm tra lại tệp hoặc chia thành nhiều tệp nhỏ hơn."
  }

  static func empty() -> String {
    "Tệp rỗng hoặc không có dòng tiêu đề. Dòng đầu tiên phải là tên các cột (ma_don_vi, ky_bao_cao, ngay_lap, …)."
  }

  static func malformed(line: Int) -> String {
    "Tệp CSV sai cấu trúc tại dòng \(line) (thường do thiếu dấu ngoặc kép đóng). Hãy mở tệp trong Excel, kiểm tra dòng này và lưu lại bằng \"CSV UTF-8\"."
  }

  static func duplicateColumn(_ column: String) -> String {
    "Cột \(column) xuất hiện hai lần trong dòng tiêu đề. Hãy xóa một cột."
  }

  static func missingColumn(_ column: String) -> String {
    "Thiếu cột \(column) trong dòng tiêu đề. Dòng tiêu đề (tên các cột) phải là dòng đầu tiên có chữ của tệp: nếu phía trên có dòng tên báo cáo thì hãy xóa dòng đó; tốt nhất dùng đúng mẫu báo cáo."
  }

  static func unknownColumn(_ column: String) -> String {
    column.isEmpty
      ? "Có cột không có tên trong dòng tiêu đề; cột này đã được bỏ qua."
      : "Cột \(quote(column)) không có trong mẫu báo cáo; cột này đã được bỏ qua."
  }

  static func converted(from encoding: String) -> String {
    "Tệp được lưu bằng bảng mã \(encoding) và đã được chuyển sang UTF-8. Lần sau hãy lưu bằng \"CSV UTF-8 (Comma delimited)\"."
  }

  static func smallerThanFirstHalf(_ column: String, year: Int64, firstHalf: Int64) -> String {
    "Cột \(column): số cả năm (\(year)) nhỏ hơn số 6 tháng đầu năm đã nộp (\(firstHalf)); số liệu cả năm phải cộng dồn cả 6 tháng đầu năm."
  }

  static func shiftedRow(count: Int, header: Int, first: String, workbook: Bool) -> String {
    if workbook {
      return "Dòng này có \(count) ô có giá trị ở bên phải cột cuối cùng của dòng tiêu đề (tiêu đề có \(header) cột; ô thừa đầu tiên: \(quote(first))), có thể ở cột bị ẩn. Dòng bị loại vì không biết giá trị đó thuộc cột nào. Hãy xóa ô đó (hoặc chuyển nội dung vào cột ghi_chu), lưu lại rồi gửi lại."
    }
    return "Dòng này có \(count) ô có giá trị ở bên phải cột cuối cùng của dòng tiêu đề (tiêu đề có \(header) cột; ô thừa đầu tiên: \(quote(first))): thường là một số có dấu phân cách như 1,234 không đặt trong ngoặc kép, bị tách thành hai ô và làm các số sau lệch sang cột bên cạnh. Dòng bị loại để không cộng sai số liệu. Hãy đặt số trong ngoặc kép (\"1,234\") hoặc ghi không có dấu phân cách (1234), rồi gửi lại."
  }

  static func ignoredFile() -> String {
    "Tệp không phải CSV hay bảng tính Excel (.xlsx) nên không được đọc. Hãy gửi báo cáo bằng chính tệp mẫu .xlsx đã điền, hoặc lưu bằng \"CSV UTF-8\"."
  }

  static func notRead(_ reason: String) -> String {
    "Mục này trong thư mục nhận báo cáo không được đọc: \(reason). Các tệp khác vẫn được xử lý bình thường. Nếu đây là báo cáo, hãy đặt chính tệp báo cáo (không phải liên kết) vào thư mục nhận."
  }

  static func unknownUnit(_ code: String) -> String {
    code.isEmpty
      ? "Cột ma_don_vi: bỏ trống; cần ghi mã đơn vị theo danh mục."
      : "Cột ma_don_vi: mã \(quote(code)) không có trong danh mục đơn vị. Hãy kiểm tra lại mã đơn vị."
  }

  static func unitNotAlive(_ code: String, name: String, period: Period, on day: CalendarDay) -> String {
    "Cột ma_don_vi: đơn vị \(code) (\(name)) không tồn tại vào ngày \(day.vietnamese), ngày chốt số liệu kỳ \(period.code)."
  }

  static func unitDoesNotReport(_ code: String, name: String) -> String {
    "Cột ma_don_vi: \(code) (\(name)) không thuộc diện gửi báo cáo."
  }

  static func badPeriod(_ value: String) -> String {
    value.isEmpty
      ? "Cột ky_bao_cao: bỏ trống; cần ghi kỳ báo cáo, ví dụ 2025-H1 (6 tháng) hoặc 2025-Y (cả năm)."
      : "Cột ky_bao_cao: giá trị \(quote(value)) không phải kỳ báo cáo; cần ghi ví dụ 2025-H1 (6 tháng) hoặc 2025-Y (cả năm)."
  }

  static func badDate(_ value: String) -> String {
    value.isEmpty
      ? "Cột ngay_lap: bỏ trống; cần ghi ngày lập báo cáo theo dạng ngày/tháng/năm, ví dụ 05/06/2025."
      : "Cột ngay_lap: giá trị \(quote(value)) không phải ngày hợp lệ; cần ghi theo dạng ngày/tháng/năm, ví dụ 05/06/2025."
  }

  static func dateBeforeWindow(_ day: CalendarDay, start: CalendarDay, period: Period) -> String {
    "Cột ngay_lap: ngày \(day.vietnamese) trước ngày bắt đầu kỳ \(period.code) (\(start.vietnamese))."
  }

  static func dateInFuture(_ day: CalendarDay, today: CalendarDay) -> String {
    "Cột ngay_lap: ngày \(day.vietnamese) sau ngày hôm nay (\(today.vietnamese))."
  }

  static func notANumber(_ column: String, _ value: String) -> String {
    "Cột \(column): giá trị \(quote(value)) không phải số nguyên không âm. Hãy ghi một số nguyên, ví dụ 12 (không ghi chữ, số thập phân hay số âm; không có thì ghi 0), rồi gửi lại."
  }

  static func requiredBlank(_ column: String, label: String) -> String {
    "Cột \(column) (\(label)): bắt buộc nhưng bỏ trống; nếu không có thì ghi 0."
  }

  static func partExceedsWhole(_ part: String, _ partValue: Int64, whole: String, _ wholeValue: Int64) -> String {
    "Cột \(part): \(partValue) lớn hơn \(whole) (\(wholeValue)); số thành phần không được lớn hơn số tổng."
  }

  static func participantsWithoutSessions(_ column: String, _ value: Int64) -> String {
    "Cột \(column): có \(value.grouped) lượt người tham dự nhưng cột cuoc_tt ghi 0 cuộc truyền thông. Nếu có người tham dự thì số cuộc truyền thông phải lớn hơn 0; hãy sửa một trong hai cột rồi gửi lại."
  }

  static func notAChoice(_ column: String, _ value: String, expected: String) -> String {
    "Cột \(column): giá trị \(quote(value)) không hợp lệ; cần ghi \(expected)."
  }

  static func laterQuarterInFirstHalf(_ column: String, _ value: String) -> String {
    "Cột \(column): báo cáo 6 tháng chỉ gồm quý 1 và quý 2; hãy để trống cột này (đang ghi \(quote(value)))."
  }

  static func duplicateInFile(_ code: String, _ period: String, lines: [Int]) -> String {
    // The first lines only: a file of thousands of copies of one row must not make every message as long as the file.
    let shown = lines.prefix(10).map(String.init).joined(separator: ", ") + (lines.count > 10 ? " và \(lines.count - 10) dòng khác" : "")
    return "Đơn vị \(code) kỳ \(period) xuất hiện nhiều lần trong tệp (\(lines.count) dòng: \(shown)); tất cả các dòng này bị loại. Hãy chỉ giữ một dòng."
  }

  static func notApplicable(_ column: String, _ value: String, type: UnitType) -> String {
    "Cột \(column): không áp dụng cho \(type.label.lowercased()); giá trị \(quote(value)) đã được bỏ qua."
  }

  static func grouped(_ column: String, _ value: String, as number: Int64) -> String {
    "Cột \(column): giá trị \(quote(value)) có dấu phân cách hàng nghìn, đã đọc thành \(number)."
  }

  static func unusual(_ column: String, _ value: Int64, _ reasons: [String], counts: Bool) -> String {
    let advice =
      counts
      ? "Hãy kiểm tra lại; nếu đúng thì không cần gửi lại, nếu sai thì sửa và gửi lại."
      : "Dòng này đã được thay thế bởi báo cáo nộp sau, số liệu này không còn được tính."
    return "Cột \(column) = \(value.grouped): \(reasons.joined(separator: "; ")). \(advice)"
  }

  static func superseded(by file: String, line: Int) -> String {
    "Dòng này đã được thay thế bởi báo cáo nộp sau: tệp \(file), dòng \(line)."
  }

  static func textCleaned(_ column: String, cut: Bool) -> String {
    cut
      ? "Cột \(column): văn bản dài quá 32.767 ký tự, đã được cắt bớt."
      : "Cột \(column): có ký tự điều khiển không in được, đã được xóa."
  }

  static func formulaWithoutValue(_ column: String) -> String {
    "Cột \(column): ô có công thức nhưng tệp không lưu kết quả tính (tệp được tạo bằng chương trình không tính công thức), nên ô được coi là bỏ trống. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại, hoặc ghi thẳng con số vào ô."
  }

  static func codePadded(_ raw: String, _ code: String) -> String {
    "Cột ma_don_vi: mã \(quote(raw)) đã được đọc thành \(code) (Excel làm mất số 0 ở đầu). Hãy định dạng cột này là văn bản."
  }
}
