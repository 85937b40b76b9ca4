import Postgres
import PortfolioCore
import PortfolioStore

/// Takes a rollup snapshot; its snapshot and the job's completion commit together.
public struct RollupTakeHandler: JobHandler {
    public let kind = "rollup.take"
    public let isTransactional = true

    public init() {}

    struct Args: Decodable {
        let trigger: RollupStore.Trigger?
    }

    public func run(_ job: ClaimedJob, connection: Connection) throws {
        let args = try job.decodeArgs(Args.self)
        do {
            try RollupStore(connection).take(trigger: args.trigger ?? .change, asOf: LocalDate.today())
        } catch let error as StoreError {
            throw JobError.retryable(error.description)
        }
    }
}
