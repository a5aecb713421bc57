import Hummingbird

/// Lets a bounded number of expensive requests (searches, overviews) run at once and a bounded
/// number wait; the rest are told to come back later (503), so that a burst cannot starve the
/// routes peers sync from.
actor ConcurrencyLimiter {
    private let limit: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// How many requests wait in line now.
    var waitingCount: Int { waiting.count }

    init(limit: Int, queueLimit: Int) {
        self.limit = max(1, limit)
        self.queueLimit = max(0, queueLimit)
    }

    func acquire() async throws {
        if running < limit {
            running += 1
            return
        }
        guard waiting.count < queueLimit else {
            throw APIError(.serviceUnavailable, code: "busy", "too many searches at once; try again shortly")
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()  // the slot passes straight to the next in line
        }
    }
}

/// Runs the routes behind it through a `ConcurrencyLimiter`.
struct LimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limiter: ConcurrencyLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try await limiter.acquire()
        do {
            let response = try await next(request, context)
            await limiter.release()
            return response
        } catch {
            await limiter.release()
            throw error
        }
    }
}
