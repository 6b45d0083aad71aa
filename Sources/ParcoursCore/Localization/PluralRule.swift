/// CLDR plural categories for the languages parcours ships.
///
/// French puts 0 and 1 in `one` ("0 étape", "1 étape", "2 étapes"); English only 1.
public enum PluralRule {
    public enum Category: String, Sendable {
        case one, other
    }

    public static func category(for count: Int, language: String) -> Category {
        switch language {
        case "fr": return count == 0 || count == 1 ? .one : .other
        default: return count == 1 ? .one : .other
        }
    }
}
