/// Placeholder.
public enum SwitchboardServerModule {}
