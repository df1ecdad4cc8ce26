import DRMEngine
import Vapor

extension Request {
    /// Logs `username` in from this request's address and user agent (API and page alike), counting the attempt's
    /// outcome in `enabledrm_logins_total`.
    func logIn(username: String, password: String) async throws -> AuthSessions.Grant {
        let metrics = application.environment.metrics
        do {
            let grant = try await authSessions.login(
                username: username, password: password, address: clientAddress,
                userAgent: headers.first(name: .userAgent))
            metrics.login(.success)
            return grant
        } catch let error as AuthError {
            switch error {
            case .invalidCredentials: metrics.login(.invalidCredentials)
            case .throttled, .busy: metrics.login(.throttled)
            default: metrics.login(.error)
            }
            throw error
        } catch {
            metrics.login(.error)
            throw error
        }
    }
}
