/// The EnableDRM release this binary was built from.
public enum EnableDRM {
    /// Semantic version of this build.
    public static let version = "0.1.0"
}
