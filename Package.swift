// swift-tools-version: 6.2
// Switchboard: an automated DM responder for brands.
// No package dependencies: the Swift toolchain and the system SQLite library only.
import PackageDescription

/// Settings every target shares: the compiler holds the line (see STYLE.md).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Switchboard",
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .executable(name: "switchboard-bench", targets: ["SwitchboardBench"]),
        .library(name: "SwitchboardCore", targets: ["SwitchboardCore"]),
    ],
    targets: [
        // Pure leaf: SHA-1, SHA-256, HMAC, Base64, constant-time compare. No Foundation.
        .target(name: "SwitchboardCrypto", swiftSettings: strict),
        // Pure core: JSON5, diagnostics, flows, intents, engine. No I/O, no clock.
        .target(name: "SwitchboardCore", dependencies: ["SwitchboardCrypto"], swiftSettings: strict),
        // The system SQLite library, reached through a header of our own (no -dev package needed).
        .systemLibrary(name: "CSQLite"),
        .target(name: "SwitchboardStore", dependencies: ["SwitchboardCore", "CSQLite"], swiftSettings: strict),
        // Linux epoll and eventfd for the HTTP event loop (not part of Swift's Glibc module).
        .systemLibrary(name: "CEpoll"),
        // The store tests' child process (crash test: killed with SIGKILL mid-write; open as another user).
        .executableTarget(
            name: "SwitchboardStoreChild", dependencies: ["SwitchboardStore", "SwitchboardCore"], swiftSettings: strict),
        .target(
            name: "SwitchboardServer",
            dependencies: ["SwitchboardStore", "SwitchboardCore", "SwitchboardCrypto", "CEpoll"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: ["SwitchboardServer", "SwitchboardStore", "SwitchboardCore", "SwitchboardCrypto"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "SwitchboardBench",
            dependencies: ["SwitchboardServer", "SwitchboardStore", "SwitchboardCore", "SwitchboardCrypto"],
            swiftSettings: strict
        ),
        .testTarget(name: "SwitchboardCryptoTests", dependencies: ["SwitchboardCrypto"], swiftSettings: strict),
        .testTarget(
            name: "SwitchboardCoreTests",
            dependencies: ["SwitchboardCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SwitchboardStoreTests",
            dependencies: ["SwitchboardStore", "SwitchboardCore", "SwitchboardStoreChild"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SwitchboardServerTests",
            dependencies: ["SwitchboardServer", "SwitchboardStore", "SwitchboardCore", "SwitchboardCrypto"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SwitchboardCLITests",
            dependencies: ["switchboard", "SwitchboardCore", "SwitchboardServer"],
            swiftSettings: strict
        ),
    ]
)
