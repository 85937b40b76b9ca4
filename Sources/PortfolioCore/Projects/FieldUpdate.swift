/// A change to an optional field in a patch: set a new value, or clear it.
public enum FieldUpdate<Value: Hashable & Sendable>: Hashable, Sendable {
    /// Replace the field's value.
    case set(Value)
    /// Remove the field's value.
    case clear

    /// The field's value after the update: the new value, or `nil` when cleared.
    public var newValue: Value? {
        switch self {
        case .set(let value): value
        case .clear: nil
        }
    }
}
