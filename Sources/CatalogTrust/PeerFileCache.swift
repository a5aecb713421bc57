import Crypto
import Foundation
import Synchronization

/// Peer files as last parsed, per path and content: every web page names the origins it shows from
/// the peer files, and parsing a dozen YAML files per page cost more than the page's own search.
/// Reading and hashing the small files is cheap; a file whose bytes change is parsed again.
final class PeerFileCache: Sendable {
    static let shared = PeerFileCache()

    private let files = Mutex<[String: (digest: Data, peer: PeerFile)]>([:])

    static func digest(of data: Data) -> Data { Data(SHA256.hash(data: data)) }

    func peer(at path: String, digest: Data) -> PeerFile? {
        files.withLock { files in files[path].flatMap { $0.digest == digest ? $0.peer : nil } }
    }

    func keep(_ peer: PeerFile, at path: String, digest: Data) {
        files.withLock { files in
            // A process sees a few data directories (tests open many): bounded all the same.
            if files.count >= 10_000 { files.removeAll() }
            files[path] = (digest, peer)
        }
    }
}
