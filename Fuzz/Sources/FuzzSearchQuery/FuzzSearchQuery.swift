import CatalogCore
import CatalogSearch
import Foundation
import FuzzDriver

/// Any text as a search: folding it and turning it into words must terminate, and no word may hold
/// a quote or a blank: words reach FTS5 only as quoted strings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSearchQuery(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let query = SearchQuery(text: text)
    _ = query.problems()
    for word in query.words {
        // A word that could be FTS5 syntax would be a bug in the folding: stop the fuzzer on it.
        if word.isEmpty || word.unicodeScalars.contains(where: { $0 == "\"" || $0.properties.isWhitespace }) { abort() }
    }
    return 0
}

@_cdecl("FuzzSearchQuery_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzSearchQuery($0, $1) }
}
