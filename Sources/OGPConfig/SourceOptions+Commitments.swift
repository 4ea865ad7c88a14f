/// The options of the `ogp-commitments` kind (the OGP's commitments database).
extension SourceOption where Value == [String] {
    /// `members` (ogp-commitments): the OGP members whose commitments to keep (`France`).
    public static var members: Self { .strings("members", default: [], help: "OGP members to keep (default: all)") }
    /// `plan_years` (ogp-commitments): the plans to keep, by years (`2015-2017`) or start year.
    public static var planYears: Self {
        .strings("plan_years", default: [], help: "plans to keep by years (default: all)")
    }
}

extension SourceOption where Value == String? {
    /// `delimiter` (ogp-commitments): the field separator of the exported sheet.
    public static var commitmentsDelimiter: Self { .string("delimiter", defaultText: ",", help: "field separator") }
}
