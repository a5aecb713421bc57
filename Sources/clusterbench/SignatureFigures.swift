import CatalogBench
import CatalogCore
import Foundation

/// Ed25519 signing and verifying per second on one core, in our code (swift-crypto, over the
/// pre-authentication encoding of a typical entry payload) beside `openssl speed ed25519`.
enum SignatureFigures {
    static func measure(seconds: Int, sample: Entry, scratch: URL) throws -> [Figure] {
        let key = NodeSigningKey(origin: "bench")
        let payload = EntryPayload.version(of: sample, origin: "bench", seq: 1, updated: "2026-01-01T00:00:00Z")
        let message = PAE.encode(payloadType: PayloadType.entry, payload: try CatalogJSON.encode(payload))
        let signature = try key.signature(for: message)

        let signs = try rate(seconds: Double(seconds)) { _ = try key.signature(for: message) }
        let verifies = try rate(seconds: Double(seconds)) {
            guard key.publicKey.isValidSignature(signature, for: message) else { throw BenchError("bad signature") }
        }
        let speed = try Subprocess.run(["openssl", "speed", "-seconds", String(seconds), "ed25519"], in: scratch)
        guard
            let line = speed.stdout.split(separator: "\n").first(where: { $0.contains("Ed25519") }),
            case let numbers = line.split(separator: " ").compactMap({ Double($0) }), numbers.count >= 2
        else { throw BenchError("cannot read the output of openssl speed ed25519") }
        let note = "one core; ours over a \(message.count)-byte entry payload, openssl over a short message"
        return [
            Figure(
                "Ed25519 sign", signs, "/s", better: .higher, reference: "openssl",
                referenceValue: numbers[numbers.count - 2],
                note: note),
            Figure(
                "Ed25519 verify", verifies, "/s", better: .higher, reference: "openssl",
                referenceValue: numbers[numbers.count - 1], note: note),
        ]
    }

    /// Operations per second of `body`, run for about `seconds`.
    static func rate(seconds: Double, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while (clock.now - start).seconds < seconds {
            for _ in 0..<100 { try body() }
            count += 100
        }
        return Double(count) / (clock.now - start).seconds
    }
}
