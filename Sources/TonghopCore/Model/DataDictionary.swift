/// One data element of a report (submissions.md, "Data dictionary").
public struct Element: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case count, money, yesNo, mediaLevel
    public var isNumber: Bool { self == .count || self == .money }
  }

  public enum Requirement: Sendable, Hashable { case required, optional, notApplicable }

  public let code: String
  public let label: String
  public let kind: Kind
  /// What a count counts, as the report prints it ("cuộc", "lượt người", "nghìn đồng"); empty for
  /// yes/no and the media level.
  public let unit: String
  /// Requirement per unit type; a type not listed is not applicable.
  let rules: [UnitType: Rule]

  enum Rule: Sendable, Hashable {
    case req, opt
    /// Required in the annual report, optional in the 6-month report.
    case reqInYear
    /// Required for the quarters of the period, not applicable outside them.
    case quarter(Int)
  }

  public func requirement(for type: UnitType, in period: Period) -> Requirement {
    switch rules[type] {
    case nil: .notApplicable
    case .req: .required
    case .opt: .optional
    case .reqInYear: period.kind == .year ? .required : .optional
    case .quarter(let q): period.quarters.contains(q) ? .required : .notApplicable
    }
  }

  /// A state at the end of the window (marked "(state)" in the dictionary), not a flow that
  /// accumulates over the year.
  public var isState: Bool { DataDictionary.stateElements.contains(code) }
}

public enum DataDictionary {
  public static let identifierColumns = ["ma_don_vi", "ky_bao_cao", "ngay_lap"]
  public static let textColumns = ["nguoi_lap", "ghi_chu"]
  static let stateElements: Set<String> = ["clb", "huong_uoc", "huong_uoc_bdg", "bo_chi_so"]

  /// The unit of measure of each count and money element (outputs.md: "each count has its own unit").
  static let units: [String: String] = [
    "cuoc_tt": "cuộc", "luot_nam": "lượt người", "luot_nu": "lượt người", "luot_dtts": "lượt người",
    "luot_gv_nv": "lượt người", "luot_hs_nam": "lượt người", "luot_hs_nu": "lượt người", "hd_ngoai_khoa": "hoạt động",
    "clb": "câu lạc bộ", "tin_q1": "tin/bài", "tin_q2": "tin/bài", "tin_q3": "tin/bài", "tin_q4": "tin/bài",
    "huong_uoc": "hương ước", "huong_uoc_bdg": "hương ước", "san_pham_tt": "sản phẩm", "lop_boi_duong": "lớp",
    "luot_boi_duong": "lượt người", "kiem_tra": "cuộc", "tin_bai_bc": "tin/bài", "kp_nsnn": "nghìn đồng",
    "kp_xhh": "nghìn đồng", "kp_tai_tro": "nghìn đồng",
  ]

  public static let elements: [Element] = {
    let all: [UnitType] = [.xa, .huyen, .soNganh, .baoChi, .truong]
    func rules(_ pairs: [(UnitType, Element.Rule)]) -> [UnitType: Element.Rule] {
      Dictionary(uniqueKeysWithValues: pairs)
    }
    func e(_ code: String, _ label: String, _ kind: Element.Kind, _ r: [(UnitType, Element.Rule)])
      -> Element
    { Element(code: code, label: label, kind: kind, unit: units[code] ?? "", rules: rules(r)) }
    let quarters = (1...4).map { q in
      e(
        "tin_q\(q)", "Số tin, bài về BĐG trên hệ thống thông tin cơ sở, quý \(q)", .count,
        [(.xa, .quarter(q))])
    }
    return [
      e(
        "cuoc_tt", "Số cuộc truyền thông về BĐG đã tổ chức", .count,
        [(.xa, .req), (.huyen, .req), (.soNganh, .req), (.baoChi, .opt), (.truong, .req)]),
      e(
        "luot_nam", "Lượt người tham dự – nam", .count,
        [(.xa, .req), (.huyen, .req), (.soNganh, .req), (.baoChi, .opt)]),
      e(
        "luot_nu", "Lượt người tham dự – nữ", .count,
        [(.xa, .req), (.huyen, .req), (.soNganh, .req), (.baoChi, .opt)]),
      e(
        "luot_dtts", "Trong đó: lượt người dân tộc thiểu số", .count,
        [(.xa, .opt), (.huyen, .opt)]),
      e("luot_gv_nv", "Lượt giáo viên, nhân viên tham dự", .count, [(.truong, .req)]),
      e("luot_hs_nam", "Lượt học sinh tham dự – nam", .count, [(.truong, .req)]),
      e("luot_hs_nu", "Lượt học sinh tham dự – nữ", .count, [(.truong, .req)]),
      e(
        "hd_ngoai_khoa", "Số hoạt động ngoại khóa, sinh hoạt dưới cờ có lồng ghép BĐG", .count,
        [(.truong, .opt)]),
      e(
        "clb", "Số câu lạc bộ, góc thân thiện, mô hình truyền thông về BĐG đang hoạt động (cuối kỳ)",
        .count, [(.xa, .opt), (.huyen, .opt), (.truong, .opt)]),
    ] + quarters + [
      e(
        "huong_uoc", "Số hương ước, quy ước đã được thông qua, còn hiệu lực (cuối kỳ)", .count,
        [(.xa, .req)]),
      e(
        "huong_uoc_bdg", "Trong đó: không có nội dung phân biệt đối xử về giới", .count,
        [(.xa, .req)]),
      e(
        "kh_thang_hd", "Đã xây dựng kế hoạch, triển khai Tháng hành động vì BĐG", .yesNo,
        [(.xa, .reqInYear), (.huyen, .reqInYear), (.soNganh, .reqInYear)]),
      e(
        "san_pham_tt", "Số sản phẩm truyền thông đã sản xuất, nhân bản", .count,
        [(.xa, .opt), (.huyen, .opt), (.soNganh, .opt), (.baoChi, .opt)]),
      e(
        "lop_boi_duong", "Số lớp tập huấn, bồi dưỡng về truyền thông BĐG", .count,
        [(.huyen, .opt), (.soNganh, .opt)]),
      e(
        "luot_boi_duong", "Lượt người được tập huấn, bồi dưỡng", .count,
        [(.huyen, .opt), (.soNganh, .opt)]),
      e(
        "kiem_tra", "Số cuộc kiểm tra, giám sát công tác truyền thông BĐG", .count,
        [(.huyen, .opt), (.soNganh, .opt)]),
      e(
        "bo_chi_so", "Mức áp dụng Bộ chỉ số về giới trong truyền thông", .mediaLevel,
        [(.baoChi, .req)]),
      e(
        "tin_bai_bc", "Số tin, bài, chương trình về BĐG đã đăng, phát sóng", .count,
        [(.baoChi, .req)]),
      e("kp_nsnn", "Kinh phí ngân sách nhà nước (nghìn đồng)", .money, all.map { ($0, .opt) }),
      e("kp_xhh", "Kinh phí xã hội hóa (nghìn đồng)", .money, all.map { ($0, .opt) }),
      e(
        "kp_tai_tro", "Kinh phí tài trợ, viện trợ quốc tế (nghìn đồng)", .money,
        all.map { ($0, .opt) }),
    ]
  }()

  public static let byCode: [String: Element] = Dictionary(
    uniqueKeysWithValues: elements.map { ($0.code, $0) })

  /// The position of an element in `elements`.
  public static func position(_ code: String) -> Int {
    guard let position = elements.firstIndex(where: { $0.code == code }) else {
      preconditionFailure("\(code) is not an element of the data dictionary")
    }
    return position
  }

  /// Every column a submission may carry.
  public static let knownColumns: Set<String> = Set(
    identifierColumns + textColumns + elements.map(\.code))
}
