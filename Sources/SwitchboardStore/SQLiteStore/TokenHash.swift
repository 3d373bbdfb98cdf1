import SwitchboardCrypto

/// The one place agent tokens are hashed: only the SHA-256 of a token is stored and compared.
///
/// Agent tokens are long random strings, so an unsalted fast hash is enough: the store file alone
/// does not let anyone act as an agent.
enum TokenHash {
    static func digest(_ token: String) -> [UInt8] { SHA256.hash(Array(token.utf8)) }
}
