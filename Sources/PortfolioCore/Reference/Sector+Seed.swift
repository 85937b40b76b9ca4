extension Sector {
    /// The sectors a new database starts with, mapped to OECD DAC 3-digit codes.
    public static let seed: [Sector] = [
        Sector(unchecked: "energy", name: "Energy", dacCode: "230"),
        Sector(unchecked: "manufacturing", name: "Manufacturing", dacCode: "321"),
        Sector(unchecked: "agriculture", name: "Agriculture", dacCode: "311"),
        Sector(unchecked: "logistics", name: "Logistics", dacCode: "210"),
        Sector(unchecked: "other", name: "Other", dacCode: "998"),
    ]

    /// OECD DAC names of the 3-digit codes used by `seed`.
    public static let dacNames: [String: String] = [
        "230": "Energy",
        "321": "Industry",
        "311": "Agriculture",
        "210": "Transport and storage",
        "998": "Unallocated / unspecified",
    ]
}
