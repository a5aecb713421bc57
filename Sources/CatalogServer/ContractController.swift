import Hummingbird

/// `GET /v1/openapi.yaml`: the OpenAPI document of every route (docs/openapi.yaml), the contract
/// the node's answers conform to, served as built into the binary.
struct ContractController<Context: RequestContext>: Sendable {
    func addRoutes(to router: Router<Context>) {
        router.get("/v1/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml", .cacheControl: "no-store"],
                body: .init(byteBuffer: ContractDocument.bytes))
        }
    }
}

/// The document's bytes, read once.
enum ContractDocument {
    static let bytes = ByteBuffer(bytes: PackageResources.openapi_yaml)
}
