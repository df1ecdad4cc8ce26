import DRMStore

extension AuthSessions.Principal {
    /// The id of the signed-in user.
    public var userID: Int {
        get throws { try user.savedID }
    }
}
