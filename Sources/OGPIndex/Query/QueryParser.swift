/// How a clause takes part in matching.
enum Occur: Sendable { case should, must, mustNot }

/// One clause of a parsed query.
indirect enum ClauseKind: Sendable, Equatable {
    /// Words (one word, or several for a phrase), optionally restricted to a text field.
    case text(words: String, phrase: Bool, field: String?)
    /// `kind:value` exact-match filter.
    case keyword(kind: String, value: String)
    /// `since:YYYY-MM-DD`.
    case since(Int32)
    /// `a OR b`: any of the alternatives.
    case any([ClauseKind])
}

/// A parsed clause.
struct QueryClause: Sendable, Equatable {
    var occur: Occur
    var kind: ClauseKind
    /// The last word of the query, typed without a trailing space: prefix-matched.
    var isLastWord = false
}

/// Parses the query syntax: words, `"phrases"`, `-word`, `NOT`, `AND`, `OR`, `field:value`.
enum QueryParser {
    /// Keyword filter kinds recognised as `kind:value`.
    static let keywordKinds: Set<String> = ["kind", "org", "tag", "plan", "year", "source"]

    /// - Throws: ``IndexError`` `.invalidInput` for a `since:` value that is not a date
    ///   (``SinceDate/acceptedForms``).
    static func parse(_ query: String, textFields: Set<String>) throws(IndexError) -> [QueryClause] {
        var out: [QueryClause] = []
        var pendingOr = false
        var pendingAnd = false
        var negateNext = false
        for (raw, quoted) in split(query) {
            if !quoted {
                switch raw {
                case "OR": pendingOr = !out.isEmpty; continue
                case "AND": pendingAnd = !out.isEmpty; continue
                case "NOT": negateNext = true; continue
                default: break
                }
            }
            var text = raw
            var occur: Occur = negateNext ? .mustNot : .should
            negateNext = false
            if text.hasPrefix("-"), text.count > 1 {
                occur = .mustNot
                text.removeFirst()
            } else if text.hasPrefix("+"), text.count > 1 {
                occur = .must
                text.removeFirst()
            }
            var field: String?
            var phrase = quoted
            if let colon = text.firstIndex(of: ":"), colon != text.startIndex {
                let name = String(text[..<colon]).lowercased()
                var value = String(text[text.index(after: colon)...])
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                    phrase = true
                }
                if keywordKinds.contains(name), !value.isEmpty {
                    out.append(
                        QueryClause(
                            occur: occur == .mustNot ? .mustNot : .must, kind: .keyword(kind: name, value: value)))
                    continue
                }
                if name == "since", !value.isEmpty {
                    do {
                        out.append(QueryClause(occur: .must, kind: .since(try SinceDate.parse(value).key)))
                    } catch {
                        throw IndexError(.invalidInput, "since: \(error)")
                    }
                    continue
                }
                if textFields.contains(name), !value.isEmpty {
                    field = name
                    text = value
                }
            }
            guard !text.isEmpty else { continue }
            let clause = QueryClause(occur: occur, kind: .text(words: text, phrase: phrase, field: field))
            if pendingOr, occur == .should, let last = out.last, last.occur == .should {
                out.removeLast()
                if case .any(let alts) = last.kind {
                    out.append(QueryClause(occur: .should, kind: .any(alts + [clause.kind])))
                } else {
                    out.append(QueryClause(occur: .should, kind: .any([last.kind, clause.kind])))
                }
            } else if pendingAnd, occur != .mustNot {
                if out[out.count - 1].occur == .should { out[out.count - 1].occur = .must }
                out.append(QueryClause(occur: .must, kind: clause.kind))
            } else {
                out.append(clause)
            }
            pendingOr = false
            pendingAnd = false
        }
        if let last = query.unicodeScalars.last, !last.properties.isWhitespace, last != "\"",
            let i = out.indices.last, out[i].occur != .mustNot,
            case .text(_, false, _) = out[i].kind
        {
            out[i].isLastWord = true
        }
        return out
    }

    /// Splits on whitespace; a double-quoted run (possibly after `-` or `field:`) is one item.
    private static func split(_ query: String) -> [(String, Bool)] {
        var items: [(String, Bool)] = []
        var cur = ""
        var inQuote = false
        var quoted = false
        for ch in query {
            if ch == "\"" || ch == "«" || ch == "»" || ch == "“" || ch == "”" {
                if inQuote {
                    inQuote = false
                } else {
                    inQuote = true
                    quoted = true
                }
                continue
            }
            if !inQuote, ch.isWhitespace {
                if !cur.isEmpty { items.append((cur, quoted)) }
                cur = ""
                quoted = false
                continue
            }
            cur.append(ch)
        }
        if !cur.isEmpty { items.append((cur, quoted)) }
        return items
    }
}
