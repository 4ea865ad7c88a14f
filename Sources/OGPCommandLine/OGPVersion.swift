/// The version printed by `--version` of both executables and sent in the User-Agent.
public enum OGPVersion {
    public static let string = "0.1.0"
}
