/// How an import files a project under a sector by its OECD DAC 3-digit code.
public enum ImportSectors: String, Sendable, CaseIterable, Codable {
    /// Into the sector the code groups into: the `dac_sectors` mapping when loaded
    /// (`portfolio sector load-dac`), else `DACSector.grouping`. The default.
    case grouped
    /// Into a sector of its own per DAC code (`dac-210`, named as the codelist names it), added
    /// when missing.
    case dac
}
