public import DRMCore
public import FluentKit
import Foundation

/// A row of `target_credentials`: encrypted credentials attached to a communication method.
public final class Credential: Model, @unchecked Sendable {
    public static let schema = "target_credentials"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "communication_method_id") public var communicationMethodID: Int
    @Field(key: "credential_type") public var credentialType: String
    @Field(key: "credential_name") public var credentialName: String
    @Field(key: "is_primary") public var isPrimary: Bool
    @Field(key: "is_active") public var isActive: Bool
    @Field(key: "encrypted_credentials") public var encryptedCredentials: String
    /// What may be shown of the credential (``CredentialSummary`` in DRMEngine), written with it.
    @OptionalField(key: "summary") public var summary: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
