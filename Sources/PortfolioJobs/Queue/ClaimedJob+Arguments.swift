import PortfolioStore

extension ClaimedJob {
    /// Decodes the arguments.
    ///
    /// - Throws: `JobError.permanent` when they do not decode: a retry would not help.
    public func decodeArgs<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try args.decode(type)
        } catch {
            throw JobError.permanent("job \(id) (\(kind)) has arguments that do not decode: \(error)")
        }
    }
}
