/// Why a file sent as `.xlsx` is not a workbook that can be read: each is `T01`. `detail` is what the
/// ledger keeps (`error_detail`) and what the message is chosen by.
enum WorkbookError: Error, Equatable {
  /// Not a zip archive, or one whose structure or checksums are broken.
  case damaged(String)
  /// A zip archive, but not of a workbook (a Word document, a folder zipped by hand).
  case notAWorkbook
  /// An archive that would inflate beyond the limits (a zip bomb).
  case tooLarge
  /// A document type declaration in a part: entity expansion, external entities.
  case documentType
  /// A sheet beyond Excel's 1,048,576 rows or 16,384 columns.
  case beyondSheetLimits
  /// An Excel file protected by a password (an encrypted package in a compound file).
  case encrypted
  /// Another kind of file named `.xlsx`: an Excel 97-2003 workbook, a CSV text, a PDF, a web page.
  case otherKind(String)

  var detail: String {
    switch self {
    case .damaged: "xlsx-hong"
    case .notAWorkbook: "xlsx-khong-phai-bang-tinh"
    case .tooLarge: "xlsx-qua-lon"
    case .documentType: "xlsx-dtd"
    case .beyondSheetLimits: "xlsx-qua-gioi-han"
    case .encrypted: "xlsx-mat-khau"
    case .otherKind(let kind): "\(kind)-as-xlsx"
    }
  }
}
