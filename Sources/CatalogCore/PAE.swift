import Foundation

/// DSSE's pre-authentication encoding: what a signature actually covers.
/// `"DSSEv1" SP len(type) SP type SP len(payload) SP payload`, lengths in ASCII decimal bytes.
public enum PAE {
    public static func encode(payloadType: String, payload: Data) -> Data {
        let type = Data(payloadType.utf8)
        var out = Data()
        out.reserveCapacity(payload.count + type.count + 32)
        out.append(contentsOf: Array("DSSEv1 \(type.count) ".utf8))
        out.append(type)
        out.append(contentsOf: Array(" \(payload.count) ".utf8))
        out.append(payload)
        return out
    }
}
