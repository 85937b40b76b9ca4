import Foundation

extension Project: Codable {
    private enum CodingKeys: String, CodingKey {
        case version
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Decodes the content keys of `ValidatedProject` plus `version`, `created_at` and `updated_at`.
    public init(from decoder: any Decoder) throws {
        let content = try ValidatedProject(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            content,
            version: try container.decode(Int.self, forKey: .version),
            createdAt: try container.decode(Date.self, forKey: .createdAt),
            updatedAt: try container.decode(Date.self, forKey: .updatedAt)
        )
    }

    /// Encodes one flat object: the content keys plus `version`, `created_at` and `updated_at`.
    public func encode(to encoder: any Encoder) throws {
        try content.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
