public import SwitchboardCore
import Synchronization

/// The bot in service; replaced whole on reload (SIGHUP), so every message sees one version.
public final class BotHolder: Sendable {
    private let engine: Mutex<Engine>

    public init(_ bot: Bot) { engine = Mutex(Engine(bot: bot)) }

    public var current: Engine { engine.withLock { $0 } }

    public func replace(with bot: Bot) { engine.withLock { $0 = Engine(bot: bot) } }
}
