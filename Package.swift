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
        .executable(name: "portfolio-server", targets: ["portfolio-server"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "CSV", targets: ["CSV"]),
        .library(name: "XML", targets: ["XML"]),
        .library(name: "PortfolioCore", targets: ["PortfolioCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "CivilCalendar", swiftSettings: strict),
        .target(name: "Postgres", dependencies: ["CLibPQ", "CivilCalendar"], swiftSettings: strict),
        .target(name: "CSV", swiftSettings: strict),
        .target(name: "XML", swiftSettings: strict),
        .target(name: "PortfolioCore", dependencies: ["CSV", "CivilCalendar", "XML"], swiftSettings: strict),
        .target(name: "PortfolioReports", dependencies: ["PortfolioCore", "CSV"], swiftSettings: strict),
        .target(name: "PortfolioStore", dependencies: ["Postgres", "PortfolioCore", "CSV", "XML"], swiftSettings: strict),
        .target(name: "PortfolioService", dependencies: ["Postgres", "PortfolioCore", "PortfolioStore", "PortfolioReports"],
                swiftSettings: strict),
        .target(
            name: "PortfolioCommandLine",
            dependencies: ["PortfolioCore", "PortfolioStore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "portfolio",
            dependencies: [
                "Postgres", "CSV", "PortfolioCore", "PortfolioStore", "PortfolioReports", "PortfolioService", "PortfolioJobs",
                "PortfolioCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PortfolioJobs",
            dependencies: [
                "Postgres", "PortfolioCore", "PortfolioStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PortfolioWorker",
            dependencies: [
                "Postgres", "PortfolioCore", "PortfolioStore", "PortfolioJobs",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "portfolio-worker",
            dependencies: [
                "Postgres", "PortfolioCore", "PortfolioStore", "PortfolioJobs", "PortfolioWorker", "PortfolioCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PortfolioServer",
            dependencies: [
                "Postgres", "PortfolioCore", "PortfolioStore", "PortfolioReports", "PortfolioService", "PortfolioJobs", "PortfolioWorker",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "portfolio-server",
            dependencies: [
                "Postgres", "PortfolioStore", "PortfolioJobs", "PortfolioWorker", "PortfolioServer", "PortfolioCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["Postgres", "PortfolioStore"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CSVTests", dependencies: ["CSV", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "XMLTests", dependencies: ["XML"], swiftSettings: strict),
        .testTarget(name: "PortfolioCoreTests", dependencies: ["PortfolioCore", "CSV", "XML", "CivilCalendar", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "PortfolioStoreTests",
            dependencies: ["PortfolioStore", "Postgres", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PortfolioJobsTests",
            dependencies: [
                "PortfolioJobs", "PortfolioWorker", "PortfolioStore", "Postgres", "TestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PortfolioReportsTests",
            dependencies: ["PortfolioReports", "PortfolioCore", "CSV"],
            resources: [.copy("Golden")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PortfolioServerTests",
            dependencies: [
                "PortfolioServer", "PortfolioService", "PortfolioStore", "Postgres", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["Postgres", "PortfolioCore", "TestSupport"], exclude: ["Golden"], swiftSettings: strict),
    ]
)
