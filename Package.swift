// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
  name: "tonghop",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "tonghop", targets: ["tonghop"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
    .systemLibrary(
      name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
    .target(name: "CPlatform"),
    .target(
      name: "TonghopCore",
      dependencies: [
        "CLibCSV", "CXLSXWriter", "CPlatform",
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
  ]
}
