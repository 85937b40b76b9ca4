// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "portfolio-tracker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portfolio", targets: ["portfolio"]),
        .executable(name: "portfolio-worker", targets: ["portfolio-worker"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "PortfolioCore", targets: ["PortfolioCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "Postgres", dependencies: ["CLibPQ"], swiftSettings: strict),
        .target(name: "PortfolioCore", swiftSettings: strict),
        .target(name: "PortfolioReports", dependencies: ["PortfolioCore"], swiftSettings: strict),
        .target(name: "PortfolioStore", dependencies: ["Postgres", "PortfolioCore"], swiftSettings: strict),
        .executableTarget(
            name: "portfolio",
            dependencies: [
                "Postgres", "PortfolioCore", "PortfolioStore", "PortfolioReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "portfolio-worker",
            dependencies: [
                "Postgres", "PortfolioCore", "PortfolioStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["Postgres", "PortfolioStore"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PortfolioCoreTests", dependencies: ["PortfolioCore"], swiftSettings: strict),
        .testTarget(
            name: "PortfolioStoreTests",
            dependencies: ["PortfolioStore", "Postgres", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["Postgres", "TestSupport"], swiftSettings: strict),
    ]
)
