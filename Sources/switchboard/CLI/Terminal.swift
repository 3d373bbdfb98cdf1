import Foundation

/// Writing to the terminal. Standard error goes through `FileHandle` (Swift 6 rejects Glibc's `stderr`).
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether standard input is a terminal (so prompts make sense) or a pipe (a script).
    static var inputIsInteractive: Bool { isatty(STDIN_FILENO) == 1 }
    static var outputIsInteractive: Bool { isatty(STDOUT_FILENO) == 1 }
}
