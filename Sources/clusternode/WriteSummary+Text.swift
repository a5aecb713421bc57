import CatalogNode

extension WriteSummary {
    /// `2 added, 1 updated, 5 unchanged, 0 withdrawn (seq 14)`.
    var text: String {
        "\(added.count) added, \(updated.count) updated, \(unchanged.count) unchanged, \(withdrawn.count) withdrawn (seq \(seq))"
    }
}
