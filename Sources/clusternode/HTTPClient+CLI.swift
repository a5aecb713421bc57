import AsyncHTTPClient
import NIOCore

extension HTTPClient {
    /// The node's one HTTPS client: no redirects (a peer that redirects elsewhere is an error), a
    /// connect deadline, and no silent retries of a failed certificate check.
    static func makeNodeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(30)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Runs `body` with a fresh client and shuts it down afterwards, also when `body` throws.
    static func withNodeClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = makeNodeClient()
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
