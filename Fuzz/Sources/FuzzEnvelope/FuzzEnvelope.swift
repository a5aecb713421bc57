import CatalogCore
import Foundation
import FuzzDriver

/// Any bytes as an envelope from a peer: parsing and reading every payload type must throw or
/// succeed, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    guard let envelope = try? Envelope(bytes: bytes) else { return 0 }
    _ = envelope.signedMessage
    _ = try? SignedEntry(envelope: envelope)
    _ = try? SignedHead(envelope: envelope)
    _ = try? SignedEndorsement(envelope: envelope)
    _ = try? SignedKeyRotation(envelope: envelope)
    return 0
}

@_cdecl("FuzzEnvelope_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzEnvelope($0, $1) }
}
