extension DecodingError {
    /// A `dataCorrupted` error for a single value refused by domain validation.
    static func refused(_ error: any Error, in container: any SingleValueDecodingContainer) -> DecodingError {
        .dataCorruptedError(in: container, debugDescription: String(describing: error))
    }

    /// A `dataCorrupted` error for a keyed value refused by domain validation.
    static func refused<Key: CodingKey>(
        _ error: any Error, forKey key: Key, in container: KeyedDecodingContainer<Key>
    ) -> DecodingError {
        .dataCorruptedError(forKey: key, in: container, debugDescription: String(describing: error))
    }
}
