import Postgres
import PortfolioStore

/// Elects one leader among the workers through a lease row that only its owner renews.
public struct LeaderElector: Sendable {
    public let connection: Connection
    public let name: String

    public init(_ connection: Connection, name: String = "portfolio-worker") {
        self.connection = connection
        self.name = name
    }

    /// Takes or renews the lease for `owner`; true when `owner` leads afterwards.
    ///
    /// A lease is taken over only once it has expired, so a live leader keeps it.
    public func acquireOrRenew(owner: String, lease: Duration) throws -> Bool {
        try connection.first(TakeLeaderLease(name: name, owner: owner, lease: lease)) == owner
    }

    /// Gives the lease up if `owner` holds it.
    public func resign(owner: String) throws {
        try connection.execute(ResignLeaderLease(name: name, owner: owner))
    }

    /// The current leader, if its lease holds.
    public func currentLeader() throws -> String? {
        try connection.first(CurrentLeader(name: name))
    }
}
