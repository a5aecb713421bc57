import CatalogCore
import Foundation
import FuzzDriver

/// Any bytes as an entry in JSON: decoding, normalizing, validating and indexing it must throw or
/// succeed, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntryValidator(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    guard let entry = try? JSONDecoder().decode(Entry.self, from: bytes) else { return 0 }
    let normalized = entry.normalized()
    _ = EntryValidator.issues(in: normalized)
    _ = SearchDocument(normalized)
    return 0
}

@_cdecl("FuzzEntryValidator_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzEntryValidator($0, $1) }
}
