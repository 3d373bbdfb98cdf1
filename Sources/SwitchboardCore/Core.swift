/// Placeholder.
public enum SwitchboardCoreModule {}
