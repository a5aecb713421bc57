import CatalogSearch

extension SearchHint.Wording {
    /// The words of `clusternode search`: its options.
    static let options = SearchHint.Wording(
        filter: { $0 == .maxPrice ? "--max-price" : "--\($0.rawValue)" }, includePast: "--include-past")
}
