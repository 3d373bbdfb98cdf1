/// Byte comparison whose running time does not depend on where the inputs differ, so an attacker
/// cannot learn a valid signature one byte at a time by timing responses.
public enum ConstantTime {
    /// True when `lhs` and `rhs` hold the same bytes. Time depends only on the lengths, which are
    /// public (a digest's length is known); unequal lengths return false.
    @inlinable
    public static func equals<A: Collection<UInt8>, B: Collection<UInt8>>(_ lhs: A, _ rhs: B) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }
}
