/// Collects the ports the demo's servers bound, and lets the demo wait until all are known.
actor PortBook {
    private var ports: [String: Int] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private let expected: Int

    init(expected: Int) {
        self.expected = expected
    }

    private var failed = false

    /// The servers stopped before all of them listened: nobody should wait any longer.
    func fail() {
        failed = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }

    func record(_ name: String, port: Int) {
        ports[name] = port
        if ports.count == expected {
            for waiter in waiters { waiter.resume() }
            waiters = []
        }
    }

    /// Every node's port, once every server listens; nil when the servers stopped first.
    func all() async -> [String: Int]? {
        if ports.count < expected && !failed {
            await withCheckedContinuation { waiters.append($0) }
        }
        return ports.count == expected ? ports : nil
    }
}
