/// What a person decided about a discovered device (`discovered_devices.review_state`): nothing yet, accepted for
/// import, ignored, or imported as a target.
public enum DeviceReviewState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, accepted, ignored, imported
}
