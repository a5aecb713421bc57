import Foundation

/// One measured figure beside the reference it is judged against, both from the same run.
struct Figure: Codable, Sendable {
    enum Better: String, Codable, Sendable {
        /// More is better (throughput): the ratio is ours / reference.
        case higher
        /// Less is better (time, bytes, memory): the ratio is ours / reference.
        case lower
    }

    let name: String
    let value: Double
    let unit: String
    let reference: String?
    let referenceValue: Double?
    let better: Better
    /// The budget, in words, and whether the figure keeps it (nil: nothing to keep, a plain figure).
    let budget: String?
    let withinBudget: Bool?
    let note: String?

    init(
        _ name: String, _ value: Double, _ unit: String, better: Better, reference: String? = nil,
        referenceValue: Double? = nil, budget: String? = nil, withinBudget: Bool? = nil, note: String? = nil
    ) {
        self.name = name
        self.value = value
        self.unit = unit
        self.better = better
        self.reference = reference
        self.referenceValue = referenceValue
        self.budget = budget
        self.withinBudget = withinBudget
        self.note = note
    }

    /// Ours divided by the reference.
    var ratio: Double? {
        guard let referenceValue, referenceValue > 0 else { return nil }
        return value / referenceValue
    }

    enum CodingKeys: String, CodingKey {
        case name, value, unit, reference, referenceValue, better, budget, withinBudget, note, ratio
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        value = try c.decode(Double.self, forKey: .value)
        unit = try c.decode(String.self, forKey: .unit)
        reference = try c.decodeIfPresent(String.self, forKey: .reference)
        referenceValue = try c.decodeIfPresent(Double.self, forKey: .referenceValue)
        better = try c.decode(Better.self, forKey: .better)
        budget = try c.decodeIfPresent(String.self, forKey: .budget)
        withinBudget = try c.decodeIfPresent(Bool.self, forKey: .withinBudget)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(value, forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(referenceValue, forKey: .referenceValue)
        try c.encode(better, forKey: .better)
        try c.encodeIfPresent(budget, forKey: .budget)
        try c.encodeIfPresent(withinBudget, forKey: .withinBudget)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(ratio, forKey: .ratio)
    }
}

/// Formats numbers for the table: three significant digits at most, thousands separated.
enum Number {
    static func text(_ value: Double, _ unit: String) -> String {
        let magnitude = abs(value)
        let digits = magnitude >= 100 || value == value.rounded() ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        let fixed = String(format: "%.\(digits)f", value)
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0])
        let sign = whole.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { whole.removeFirst() }
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let number = sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
        return unit.isEmpty ? number : "\(number) \(unit)"
    }
}

/// The figures of one run, as a table for people and as JSON for scripts.
struct BenchReport: Encodable, Sendable {
    var date: String
    var machine: Machine
    var parameters: [String: String]
    var figures: [Figure] = []

    struct Machine: Encodable, Sendable {
        var cpu: String
        var cores: Int
        var memoryGiB: Double
        var kernel: String
        var openssl: String
        var sqlite: String

        static func current(openssl: String, sqlite: String) -> Machine {
            let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let model =
                cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
                .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) }
                ?? "unknown"
            var name = utsname()
            uname(&name)
            let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return Machine(
                cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount,
                memoryGiB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
                kernel: "Linux \(release)", openssl: openssl, sqlite: sqlite)
        }
    }

    func table() -> String {
        var rows: [[String]] = [["figure", "ours", "reference (same run)", "ratio", "budget", ""]]
        for figure in figures {
            let reference =
                figure.referenceValue.map { "\(Number.text($0, figure.unit)) \(figure.reference ?? "")" }
                ?? (figure.reference ?? "")
            let verdict = figure.withinBudget.map { $0 ? "ok" : "MISSED" } ?? ""
            rows.append([
                figure.name, Number.text(figure.value, figure.unit), reference,
                figure.ratio.map { String(format: "%.2f×", $0) } ?? "", figure.budget ?? "", verdict,
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
