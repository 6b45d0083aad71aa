import Testing

@testable import ParcoursTerminal

/// Notes and names in the journal show as typed: no link, image, heading or HTML.
@Suite struct MarkdownEscapingTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("# <img src=x onerror=alert(1)>", "\\# \\<img src=x onerror=alert(1)\\>"),
        ("![p](http://e.invalid/t.png)", "!\\[p\\](http://e.invalid/t.png)"),
        ("**gras** _it_ `code` ~~barré~~", "\\*\\*gras\\*\\* \\_it\\_ \\`code\\` \\~\\~barré\\~\\~"),
        ("a | b", "a \\| b"),
        ("&amp; &#60;", "\\&amp; \\&#60;"),
        ("- un\n  + deux\n3. trois\n12) douze", "\\- un\n  \\+ deux\n3\\. trois\n12\\) douze"),
        ("titre\n===", "titre\n\\==="),
        ("> cité", "\\> cité"),
        ("a\\b", "a\\\\b"),
    ])
    func markupIsEscaped(input: String, expected: String) {
        #expect(MarkdownEscaping.escape(input) == expected)
    }

    @Test(arguments: [
        "Texte de Camille pour reflect-objective : une idée concrète, avec qui et pourquoi.",
        "L’association « Terre & Liens »"[...].replacingOccurrences(of: "&", with: "et"),
        "2 000 € le 3 mai, 10 h 30 - 12 h", "Qui ? Pourquoi ! Comment ; quand : maintenant.",
        // French typography as the course writes it: narrow no-break spaces and ’ stay as typed.
        "Qui\u{202F}? Pourquoi\u{202F}! «\u{202F}Oui\u{202F}»\u{202F}: l’idée, 1\u{202F}000 et 74\u{00A0}%.",
    ])
    func ordinaryProseIsUnchanged(input: String) {
        #expect(MarkdownEscaping.escape(input) == input)
    }
}
