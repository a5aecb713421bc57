import Foundation

/// Pure work over many items spread over the cores: the items are cut into one contiguous chunk
/// per core, each chunk is transformed in a task of its own, and the results come back in the
/// items' order. Small inputs (fewer than `minimumPerWorker` items a core) stay on the caller.
public enum ParallelChunks {
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], minimumPerWorker: Int = 16,
        _ transform: @escaping @Sendable (ArraySlice<Item>) -> [Result]
    ) async -> [Result] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / max(1, minimumPerWorker)))
        guard workers > 1 else { return transform(items[...]) }
        let chunkSize = (items.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for index in 0..<workers {
                let chunk = items[min(items.count, index * chunkSize)..<min(items.count, (index + 1) * chunkSize)]
                group.addTask { (index, transform(chunk)) }
            }
            var parts = [[Result]](repeating: [], count: workers)
            for await (index, part) in group { parts[index] = part }
            return parts.flatMap { $0 }
        }
    }
}
