/// Collects the ports the demo's servers bound, and lets the demo wait until all are known.
actor PortBook {
    private var ports: [String: Int] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private let expected: Int

    init(expected: Int) {
        self.expected = expected
    }

    func record(_ name: String, port: Int) {
        ports[name] = port
        if ports.count == expected {
            for waiter in waiters { waiter.resume() }
            waiters = []
        }
    }

    /// Every node's port, once every server listens.
    func all() async -> [String: Int] {
        if ports.count < expected {
            await withCheckedContinuation { waiters.append($0) }
        }
        return ports
    }
}
