import CatalogCore
import CatalogImport
import Foundation
import FuzzDriver

/// Any bytes as a CSV catalog: the importer must import or list problems, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVImport(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    _ = try? CatalogImporter.read(bytes, format: .csv, name: "fuzz.csv")
    return 0
}

@_cdecl("FuzzCSVImport_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzCSVImport($0, $1) }
}
