import Mustache

/// The pages' templates, compiled into the binary (`Templates/`) and parsed once. Mustache escapes
/// every `{{value}}` for HTML; the only unescaped value is the JSON-LD block, which
/// `WebJSON.scriptSafe` makes safe inside a script element.
enum WebTemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let templates: [(String, [UInt8])] = [
            ("head", PackageResources.head_mustache), ("foot", PackageResources.foot_mustache),
            ("search", PackageResources.search_mustache), ("entry", PackageResources.entry_mustache),
            ("error", PackageResources.error_mustache), ("hits", PackageResources.hits_mustache),
            ("origin", PackageResources.origin_mustache), ("atom", PackageResources.atom_mustache),
            ("embed", PackageResources.embed_mustache),
        ]
        for (name, bytes) in templates {
            do {
                try library.register(String(decoding: bytes, as: UTF8.self), named: name)
            } catch {
                // Compiled in and rendered by the tests: a failure is a packaging mistake.
                preconditionFailure("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    static func render(_ page: Any, _ name: String) -> String {
        library.render(page, withTemplate: name) ?? ""
    }
}
