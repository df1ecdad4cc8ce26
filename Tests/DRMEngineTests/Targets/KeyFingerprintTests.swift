import DRMEngine
import Foundation
import Testing

/// Fingerprints of OpenSSH keys, as `ssh-keygen -l` prints them (throwaway keys made for this test).
@Suite struct KeyFingerprintTests {
    static let plain = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACCE78M6jqEzm/ORaQgys8u2+rPMwxHnAWrRph89dLg3HQAAAJC5s42WubON
        lgAAAAtzc2gtZWQyNTUxOQAAACCE78M6jqEzm/ORaQgys8u2+rPMwxHnAWrRph89dLg3HQ
        AAAEBN2Em52UBnBMAgRMiQlKFCcZWfPx9Uic51H8SuHN23RoTvwzqOoTOb85FpCDKzy7b6
        s8zDEecBatGmHz10uDcdAAAAB2ZpeHR1cmUBAgMEBQY=
        -----END OPENSSH PRIVATE KEY-----
        """
    static let underPassphrase = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAOt/89+8
        SXXl9AXXMJuYmrAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIDdCscZ2GR5PFtnD
        va9KgJU8mNX7DZu/h4bB/ejMmmVWAAAAkGljIr9WZSGEUqm0ASQfCvZgIwfdvz8FKI71YJ
        O8B1/xCidFodg08MJxZLfNo8k9BwmK+gRLgqfDzlHlAUz4mKvOttsyIJ5v5kyIVwpz4++Y
        3mYP3BiMW/730pvJr2nahhpTgW4pgChbrFCi+I3LGNgwjrr5IqShnN7y8+N0an+be+rNir
        byVi3BjJyLsNoBDA==
        -----END OPENSSH PRIVATE KEY-----
        """

    @Test func theFingerprintOfAnOpenSSHPrivateKeyIsThatOfItsPublicHalfEvenUnderAPassphrase() {
        #expect(KeyFingerprint.ofPrivateKey(Self.plain) == "SHA256:yxYSd5w8OqRoCUo58pKws93/G41GwApvX5H7rfrlzdU")
        #expect(
            KeyFingerprint.ofPrivateKey(Self.underPassphrase) == "SHA256:HpSXcRpgrMuodF+piyrEaWB95E3P73R+1A0/gdvbr+I")
        #expect(
            KeyFingerprint.ofPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----") == nil)
        #expect(
            KeyFingerprint.ofPrivateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----")
                == nil)
    }
}
