import Foundation

/// A real HTTP or HTTPS server (Python's `http.server`, threaded) on 127.0.0.1 at a free port.
///
/// Routes: `GET /` → 200 `ok`; `/status/NNN` (any method) → status NNN; `/echo` (any method) → 200 with JSON
/// `{"method", "path", "query", "headers", "body"}`; `/slow/S` → answers after S seconds. HTTPS uses a
/// self-signed certificate for `localhost`/127.0.0.1 (``certificate``).
public struct HTTPTestServer: Sendable {
    public let process: PythonServer
    public let certificate: TestCertificate?
    public var host: String { "127.0.0.1" }
    public var port: Int { process.port }
    public var baseURL: String { "\(certificate == nil ? "http" : "https")://\(host):\(port)" }

    public static func start(tls: Bool = false) throws -> HTTPTestServer {
        let directory = try TemporaryDirectory.make(prefix: "enabledrm-http")
        let certificate = tls ? try TestCertificate.make(in: directory) : nil
        let arguments = certificate.map { ["--cert", $0.certificatePath, "--key", $0.keyPath] } ?? []
        let process = try PythonServer(
            name: "drm_test_http", script: script, arguments: arguments, directory: directory)
        return HTTPTestServer(process: process, certificate: certificate)
    }

    public func stop() { process.stop() }

    static let script =
        PythonServer.parentWatch + """
            import argparse, json, ssl, sys, urllib.parse
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"

                def reply(self, status, body, content_type="text/plain"):
                    data = body.encode()
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(data)

                def handle_any(self):
                    url = urllib.parse.urlsplit(self.path)
                    length = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
                    parts = url.path.strip("/").split("/")
                    if url.path == "/":
                        self.reply(200, "ok")
                    elif parts[0] == "status" and len(parts) == 2 and parts[1].isdigit():
                        self.reply(int(parts[1]), "status " + parts[1])
                    elif parts[0] == "echo":
                        self.reply(200, json.dumps({
                            "method": self.command, "path": url.path, "query": url.query,
                            "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
                        }), "application/json")
                    elif parts[0] == "slow" and len(parts) == 2:
                        time.sleep(float(parts[1]))
                        self.reply(200, "slow")
                    else:
                        self.reply(404, "not found")

                do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = handle_any

                def log_message(self, format, *args):
                    sys.stderr.write("%s %s\\n" % (self.address_string(), format % args))

            parser = argparse.ArgumentParser()
            parser.add_argument("--port", type=int, required=True)
            parser.add_argument("--parent", type=int, required=True)
            parser.add_argument("--cert")
            parser.add_argument("--key")
            args = parser.parse_args()
            server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
            server.daemon_threads = True
            if args.cert:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(args.cert, args.key)
                server.socket = context.wrap_socket(server.socket, server_side=True)
            watch_parent(args.parent, lambda: None)
            print("READY", flush=True)
            server.serve_forever()

            """
}
