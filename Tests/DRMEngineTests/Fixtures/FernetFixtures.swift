/// Credentials as the original stored them, made with Python's `cryptography` (Fernet) the way the original did:
///
/// ```python
/// raw = secret.encode()[:32].ljust(32, b'0')
/// stored = base64.urlsafe_b64encode(Fernet(base64.urlsafe_b64encode(raw)).encrypt(payload.encode())).decode()
/// ```
enum FernetFixtures {
    struct Fixture {
        /// The original's SECRET_KEY.
        var secretKey: String
        /// The JSON that was encrypted.
        var payload: String
        /// `encrypted_credentials` as the original wrote it.
        var stored: String
    }

    /// A SECRET_KEY longer than 32 bytes (only its first 32 count), an SSH key and a key the Swift type doesn't know.
    static let longKey = Fixture(
        secretKey: "django-insecure-9x!k2#original-fixture-key-not-used-anywhere",
        payload: #"""
            {"type": "ssh_key", "username": "deploy", "private_key": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----\n", "passphrase": "p@ss phrase", "port_hint": 22}
            """#,
        stored:
            "Z0FBQUFBQnJCMnp6VlBydll5em5zRzQ0MFlrc24yQjFEd0pCelBuNm9wdUw4VU01ZDZvME9maFphRHhaN2ZvaUkzMVpWRjdEYmNHZF9TeXBsOUFJMnVRZXp6REszbkxweGFtSmFEczdkZGtOSlVEODBJSFFNU3YxNjVUSEZ4Qi10aVNuaGhtZWZtSGpsb3F1b2llWjhVS0JOLVE3NTRhR1l0M2ZYS093YnVJN3hha3RtZWItSFB2X3NsNEZLM1k3UnRiVTJqWXlfZC1KcFNrVGVkdU8zbDYwV1NLTEpnS01PZTAyM1JoQzQ5bU1scmM4NlJFM3FlNHppT1pWSmU1dkJJZWt2dG1DcnZyZEYwRDhuWld3SVBuNTdQZ2tzeFFXR0VPNnE5SzROM05xN0lyQWFjWFVkRnpCVGtnU01KWDFFOV91cGczS1N0OXFtMWpVdmRURmROdmw5SU01RXRnX2xRPT0="
    )

    /// A SECRET_KEY shorter than 32 bytes (padded with `0`) and a password with a non-ASCII character.
    static let shortKey = Fixture(
        secretKey: "short-key",
        payload: #"{"type": "password", "username": "admin", "password": "S3cret!\u00e9"}"#,
        stored:
            "Z0FBQUFBQnJCMnp6S3RDSWFwbHBPMFVLNWhaLXE4dzZPS3hhdG9FOGQ0OERnNC1WNHE3TG5TRThhTDNwQndRWElnNlR6dVdVWmFfenZRTlJsT0ZheUNnVVg0NUFyQnBKd3FYRGF2UHhWQjJya3hXRjlPdFhQVVhUZGVlVUwtUExMUmJvVkJzdFNQeThXTUE0X29lNEI3TlMwdlc0SFpDS2dSZl9vaGx0MmhMaG5Wb3RqWG5sUmlFPQ=="
    )
}
