import ArgumentParser
import CatalogCore
import CatalogNode
import CatalogStore
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the node's database to a file, consistently, even while the node serves.",
        discussion: """
            Uses SQLite's online backup. The file holds the catalog, received entries, heads, endorsements and
            peers' checkpoints. Keep keys/, config.yaml, tls/ and peers/ of the data directory too: the signing
            key cannot be made again.
            """)

    @OptionGroup var options: NodeOptions

    @Argument(help: "The backup file to write (it must not exist).", completion: .file())
    var file: String

    func run() async throws {
        let node = try await options.openNode()
        try node.store.backup(to: file)
        let info = try CatalogStore.inspect(backup: file)
        try node.store.close()
        if options.json {
            try Console.json([
                "file": file, "origin": info.origin ?? "", "entries": String(info.entries),
                "integrity": info.integrity,
            ])
        } else {
            Console.line(
                "Backed up \(info.entries) entries of \(node.origin) to \(file) (integrity \(info.integrity))")
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace a stopped node's database with a backup of it.",
        discussion: """
            Stop the node first. The backup must be intact and of the same origin. The node's own seq then moves
            ahead by \(NodeBackup.restoreSeqGap), so that no seq issued after the backup is reused, and a new
            head is signed; syncs resume from the peers' checkpoints in the backup. Entries written after the
            backup are gone here: import the catalog again to give them back to peers.
            """)

    @OptionGroup var options: NodeOptions

    @Argument(help: "The backup file, made by clusternode backup.", completion: .file())
    var file: String

    func run() async throws {
        let info = try await NodeBackup.restore(options.directory, from: file)
        if options.json {
            try Console.json(["restored": file, "entries": String(info.entries)])
        } else {
            Console.line("Restored \(info.entries) entries from \(file) into \(options.directory.path)")
        }
    }
}
