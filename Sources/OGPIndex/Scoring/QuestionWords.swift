/// Interrogative words and the verbs of a question (`comment`, `combien`, `faut-il`, `peut-on`),
/// which say that a query is a question, not what it is about. Queries phrased as questions
/// ("comment obtenir …", "combien de …") match documents that happen to use these words; the
/// ranking's ``RankingParameters/questionWords`` weighs them down.
///
/// The list is the closed class of French interrogatives plus the modal verbs that start yes/no
/// questions; it was written from grammar, not from the judged sets, and it leaves out `est`
/// (`Grand Est`, `Sud-Est`) and `où` / `quel…` (stop words already). Forms are folded and
/// unstemmed, as ``Token/exact`` gives them.
enum QuestionWords {
    static let forms: Set<String> = [
        "comment", "quand", "combien", "pourquoi", "quoi", "lequel", "laquelle", "lesquels", "lesquelles",
        "auquel", "auxquels", "auxquelles", "duquel", "desquels", "desquelles",
        "peut", "peux", "peuvent", "faut", "dois", "doit", "doivent",
    ]

    /// Whether `exact` (a folded, unstemmed word) is one of ``forms``.
    static func contains(_ exact: String) -> Bool { forms.contains(exact) }
}
