import Foundation

/// swift-argument-parser writes its help headings and its usage errors in English; the officer reads
/// them in Vietnamese. Every sentence the parser can produce for this command set is translated here,
/// whole (the command and option names inside it stay as they are).
enum ParserText {
  private static let sentences: [(pattern: String, template: String)] = [
    (#"Error: "#, "Lỗi: "),
    (#"Missing expected argument '([^']*)'"#, "Thiếu '$1'"),
    (#"Missing one of: '([^']*)'"#, "Thiếu một trong: '$1'"),
    (#"Missing required subcommand\."#, "Thiếu tên lệnh (ví dụ run, status)."),
    (#"Missing value for '([^']*)'"#, "Thiếu giá trị sau '$1'"),
    (#"The value '([^']*)' is invalid for '([^']*)'"#, "Giá trị '$1' không hợp lệ cho '$2'"),
    (#"The value '([^']*)' is invalid\."#, "Giá trị '$1' không hợp lệ."),
    (#"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#, "Tùy chọn '$1' không nhận giá trị, nhưng đã ghi '$2'."),
    (#"Unexpected argument '([^']*)'"#, "Không hiểu '$1' (không phải tên lệnh hay tham số của lệnh)"),
    (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "Không có tùy chọn '$1'. Có phải là '$2'?"),
    (#"Unknown option '([^']*)'"#, "Không có tùy chọn '$1'"),
    (#"Invalid option: (\S+)"#, "Tùy chọn không hợp lệ: $1"),
    (#"Value to be set with (.*) had already been set with (.*)"#, "Giá trị của $1 đã được ghi bằng $2"),
    (#"\. Please provide one of "#, ". Hãy ghi một trong "),
    (#"(?m)^Help:  "#, "Hướng dẫn: "),
    (#"(?m)^Usage: "#, "Cách dùng: "),
    (#"See '([^']*)' for more information\."#, "Xem '$1' để biết thêm."),
    (#"See '([^']*) help <subcommand>' for detailed help\."#, "Xem hướng dẫn chi tiết của từng lệnh: '$1 help <lệnh>'."),
    (#"(?m)^OVERVIEW: "#, "TỔNG QUAN: "),
    (#"(?m)^USAGE: "#, "CÁCH DÙNG: "),
    (#"(?m)^OPTIONS:$"#, "TÙY CHỌN:"),
    (#"(?m)^ARGUMENTS:$"#, "THAM SỐ:"),
    (#"(?m)^SUBCOMMANDS:$"#, "CÁC LỆNH:"),
    (#"Show help information\."#, "Hiện hướng dẫn này."),
    (#"Show the version\."#, "Hiện số phiên bản."),
    (#"\(default: "#, "(mặc định: "),
    (#"<subcommand>"#, "<lệnh>"),
  ]

  static func vietnamese(_ text: String) -> String {
    sentences.reduce(text) { text, sentence in
      text.replacingOccurrences(of: sentence.pattern, with: sentence.template, options: .regularExpression)
    }
  }
}
