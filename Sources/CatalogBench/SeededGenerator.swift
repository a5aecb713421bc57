/// SplitMix64: a small, fast generator whose whole state is one integer, so a seed names a
/// catalog exactly, on every machine and in every Swift version (the standard library's generator
/// is not seedable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one part of the federation (an origin, an entry), independent of how many
    /// numbers other parts drew: changing the size of one origin leaves the others as they were.
    public init(seed: UInt64, stream: UInt64, index: UInt64 = 0) {
        var mixer = SeededGenerator(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ (index &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &self) < percent
    }

    public mutating func pick<T>(_ values: [T]) -> T {
        values[Int.random(in: 0..<values.count, using: &self)]
    }

    /// Between `range.lowerBound` and `range.upperBound` distinct values, in the order drawn.
    public mutating func pick<T: Hashable>(_ range: ClosedRange<Int>, of values: [T]) -> [T] {
        pick(Int.random(in: range, using: &self), of: values)
    }

    /// `count` distinct values, in the order drawn.
    public mutating func pick<T: Hashable>(_ count: Int, of values: [T]) -> [T] {
        var chosen: [T] = []
        while chosen.count < min(count, values.count) {
            let value = pick(values)
            if !chosen.contains(value) { chosen.append(value) }
        }
        return chosen
    }
}
