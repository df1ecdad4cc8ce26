import Foundation

/// A real SMTP server (Python's aiosmtpd) on 127.0.0.1 at a free port. It offers AUTH PLAIN and LOGIN without TLS
/// (`auth_require_tls=False`) for ``username``/``password``; with a self-signed certificate it offers STARTTLS
/// (`.starttls`) or speaks TLS from the first byte (`.implicit`, as on port 465). Messages are accepted and dropped.
public struct SMTPTestServer: Sendable {
    public static let username = "mailer@drm.test"
    public static let password = "smtp-Test-pw-0815"
    public let process: PythonServer
    public let certificate: TestCertificate?
    public var host: String { "127.0.0.1" }
    public var port: Int { process.port }
    public var username: String { Self.username }
    public var password: String { Self.password }

    public enum Encryption: Sendable { case none, starttls, implicit }

    public static func start(_ encryption: Encryption = .none) throws -> SMTPTestServer {
        let directory = try TemporaryDirectory.make(prefix: "enabledrm-smtp")
        let certificate = encryption == .none ? nil : try TestCertificate.make(in: directory)
        let arguments =
            ["--user", username, "--password", password]
            + (certificate.map { ["--cert", $0.certificatePath, "--key", $0.keyPath] } ?? [])
            + (encryption == .implicit ? ["--implicit"] : [])
        let process = try PythonServer(
            name: "drm_test_smtp", script: script, arguments: arguments, directory: directory)
        return SMTPTestServer(process: process, certificate: certificate)
    }

    public func stop() { process.stop() }

    static let script =
        PythonServer.parentWatch + """
            import argparse, ssl
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult, LoginPassword

            parser = argparse.ArgumentParser()
            parser.add_argument("--port", type=int, required=True)
            parser.add_argument("--parent", type=int, required=True)
            parser.add_argument("--user", required=True)
            parser.add_argument("--password", required=True)
            parser.add_argument("--cert")
            parser.add_argument("--implicit", action="store_true")
            parser.add_argument("--key")
            args = parser.parse_args()

            class Handler:
                async def handle_DATA(self, server, session, envelope):
                    return "250 OK"

            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = isinstance(auth_data, LoginPassword) and auth_data.login == args.user.encode() \\
                    and auth_data.password == args.password.encode()
                return AuthResult(success=ok, handled=False)

            options = dict(authenticator=authenticator, auth_require_tls=False, ident="drm-test-smtp")
            if args.cert:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(args.cert, args.key)
                if args.implicit:
                    options.update(ssl_context=context)
                else:
                    options.update(tls_context=context, require_starttls=False)
            controller = Controller(Handler(), hostname="127.0.0.1", port=args.port, **options)
            controller.start()
            watch_parent(args.parent, controller.stop)
            print("READY", flush=True)
            while True:
                time.sleep(3600)

            """
}
