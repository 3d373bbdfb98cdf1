/// Placeholder until the digest implementations land.
public enum SwitchboardCryptoModule {}
