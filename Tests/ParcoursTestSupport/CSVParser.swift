/// A tiny RFC 4180 reader, to read back what `parcours report --format csv` writes.
///
/// Fields are separated by commas and records by CRLF (a bare LF is accepted too); a quoted
/// field may hold commas, line breaks and doubled quotes. Returns nil on a malformed quote.
public enum CSVParser {
    public static func parse(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty, !afterQuote else { return nil }
                quoted = true
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
            case "\r" where characters.first == "\n", "\n":
                if scalar == "\r" { characters.removeFirst() }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                afterQuote = false
            default:
                guard !afterQuote else { return nil }
                field.unicodeScalars.append(scalar)
            }
        }
        guard !quoted else { return nil }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
