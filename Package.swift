// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
  name: "tonghop",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "tonghop", targets: ["tonghop"])
  ],
  // Exact versions: Package.resolved is not kept, so a rebuild next year must be the same program.
  // swift-crypto brings swift-asn1, resolved to the one version this machine carries (1.7.4).
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
  ],
  targets: [
    .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
    .systemLibrary(
      name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "CPlatform"),
    .target(
      name: "TonghopCore",
      dependencies: [
        "CLibCSV", "CXLSXWriter", "CZlib", "CPlatform",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    .target(
      name: "TonghopCLI",
      dependencies: [
        "TonghopCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "tonghop", dependencies: ["TonghopCLI"]),
    .target(
      name: "TonghopTestSupport", dependencies: ["TonghopCore"], path: "Tests/TonghopTestSupport"),
    .testTarget(
      name: "TonghopCoreTests",
      dependencies: ["TonghopCore", "TonghopTestSupport", .product(name: "Crypto", package: "swift-crypto")],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "TonghopCLITests", dependencies: ["TonghopCLI", "TonghopCore", "TonghopTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)

// The libFuzzer targets exist only for scripts/fuzz (TONGHOP_FUZZ=1, built with --sanitize=fuzzer):
// their entry point is LLVMFuzzerTestOneInput, and without libFuzzer they would have no main.
if ProcessInfo.processInfo.environment["TONGHOP_FUZZ"] != nil {
  package.targets += [
    .executableTarget(name: "FuzzSubmission", dependencies: ["TonghopCore"], path: "Tests/Fuzz/FuzzSubmission"),
    .executableTarget(name: "FuzzCSVRoundTrip", dependencies: ["TonghopCore"], path: "Tests/Fuzz/FuzzCSVRoundTrip"),
    .executableTarget(name: "FuzzWorkbook", dependencies: ["TonghopCore"], path: "Tests/Fuzz/FuzzWorkbook"),
  ]
}
