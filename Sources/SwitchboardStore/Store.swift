/// Placeholder.
public enum SwitchboardStoreModule {}
