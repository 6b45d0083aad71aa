import Foundation
import ParcoursTestSupport
import Testing

/// The HTML report opened in a real browser (headless Chromium): it loads without a console
/// error, its parts are in the rendered page, its table sorts by a click without a script of
/// its own, nothing overflows the page at desk or phone width, and it screenshots and prints.
///
/// Chromium is required, not optional: without it these tests fail and say how to install it
/// (`make deps` installs the `chromium` package).
@Suite("parcours report: the HTML in a browser", .serialized)
struct ReportBrowserTests {
    /// Chromium on this machine: `$CHROMIUM`, else the usual names on `PATH`.
    static let chromium: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders + ["/usr/bin", "/snap/bin"]
            where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    static func requireChromium() throws -> String {
        try #require(
            chromium,
            """
            Chromium was not found ($CHROMIUM, or chromium, chromium-browser, google-chrome on PATH). \
            The HTML report's browser tests need it: apt-get install chromium (make deps installs it).
            """)
    }

    /// A report on the Alliances course: a learner who finished the 2-hour path (two
    /// self-assessments), one part of the way, one on the 4-hour path, and one named like a script.
    static let page: Result<String, any Error> = Result {
        let directory = try Binary.temporaryDirectory()
        let store = directory + "/cohort.sqlite"
        let walks: [(String, String, Int)] = [
            ("ada", "alliances-2h", 400), ("Bob", "alliances-2h", 12), ("chloé", "alliances-4h", 20),
            ("<script>alert(1)</script>", "alliances-2h", 0),
        ]
        for (name, path, lines) in walks {
            let input = String(repeating: "2\n\n", count: lines)
            _ = try Binary.run(
                ["start", path, "--as", name, "--cohort", "MARS", "--store", store, "--home", Binary.packageRoot],
                input: input, directory: directory)
        }
        let html = directory + "/report.html"
        let result = try Binary.run(
            ["report", store, "--home", Binary.packageRoot, "--format", "html", "--out", html], directory: directory)
        guard result.status == 0 else { throw ProcessFailure(message: result.stderr) }
        return html
    }

    struct ProcessFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs headless Chromium on `url` with `arguments` (`--dump-dom`, `--screenshot=…`).
    static func browse(_ url: String, width: Int = 1280, _ arguments: [String]) throws -> ProcessRunner.Result {
        let chromium = try requireChromium()
        let profile = try Binary.temporaryDirectory()
        return try ProcessRunner.run(
            executable: chromium,
            arguments: [
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--user-data-dir=\(profile)",
                "--enable-logging=stderr", "--v=0", "--window-size=\(width),900",
            ] + arguments + [url],
            environment: [
                "HOME": profile, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "LANG": "C.UTF-8",
            ],
            timeout: .seconds(90))
    }

    /// What the page wrote to the console (every message is a problem: it has no script).
    static func consoleErrors(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    }

    @Test func thePageLoadsWithoutAConsoleErrorAndItsPartsAreInTheDOM() throws {
        let html = try Self.page.get()
        let result = try Self.browse("file://" + html, ["--dump-dom"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(Self.consoleErrors(result.standardError).isEmpty, "\(Self.consoleErrors(result.standardError))")
        let dom = result.standardOutput
        for part in [
            "<h1>Cohort report</h1>", "class=\"summary\"", "id=\"stops\"", "id=\"participants\"",
            "class=\"people\"", "id=\"paths\"", "class=\"funnel\"", "id=\"assessment\"", "class=\"legend\"",
            "Bienvenue dans Alliances &amp; Territoires", "Découvrir (2\u{202F}h)",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        ] {
            #expect(dom.contains(part), "\(part)")
        }
        #expect(!dom.contains("<script"), "the name stayed text, and the page has no script")
    }

    /// The rendered page, measured by a script added to a copy of it: what is there, where
    /// the rows are drawn before and after a click on a column's name, and whether anything
    /// overflows the page.
    ///
    /// The copy is shown in a frame exactly `width` pixels wide (headless Chromium's window is
    /// never narrower than 500), and the script writes what it measured into the framing page,
    /// whose DOM Chromium dumps.
    static func measure(width: Int) throws -> [String: Any] {
        let page = try Self.page.get()
        let copy = page.replacingOccurrences(of: "report.html", with: "measured-\(width).html")
        let frame = page.replacingOccurrences(of: "report.html", with: "frame-\(width).html")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        try html.replacingOccurrences(of: "</body>", with: "<script>\(measuring)</script></body>")
            .write(toFile: copy, atomically: true, encoding: .utf8)
        try """
        <!DOCTYPE html><html><body style="margin:0"><iframe src="measured-\(width).html" \
        style="width:\(width)px;height:900px;border:0"></iframe></body></html>
        """.write(toFile: frame, atomically: true, encoding: .utf8)
        let result = try browse(
            "file://" + frame, width: max(width, 500) + 40, ["--allow-file-access-from-files", "--dump-dom"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(consoleErrors(result.standardError).isEmpty, "\(consoleErrors(result.standardError))")
        let dom = result.standardOutput
        let start = try #require(dom.range(of: "<pre id=\"check\">"), "the measure ran: \(dom.suffix(500))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let data = try #require(Data(base64Encoded: String(dom[start.upperBound..<end.lowerBound])))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let measuring = """
        (function () {
          var q = function (s) { return document.querySelectorAll(s); };
          var out = {};
          out.sections = ['stops', 'participants', 'paths', 'assessment'].filter(function (id) {
            return document.getElementById(id) !== null; });
          out.tiles = q('.summary .tile').length;
          out.rows = q('table.people tbody tr').length;
          out.paths = q('article.path').length;
          out.funnelRows = q('table.funnel tbody tr').length;
          out.dimensions = q('table.dims tbody tr').length;
          out.swatches = q('.legend svg.swatch').length;
          out.print = Array.prototype.some.call(document.styleSheets, function (sheet) {
            return Array.prototype.some.call(sheet.cssRules, function (rule) {
              return rule.media && rule.media.mediaText.indexOf('print') >= 0; }); });
          var drawn = function () {
            return Array.prototype.map.call(q('table.people tbody tr'), function (tr) {
              return { top: tr.getBoundingClientRect().top, name: tr.cells[0].textContent.trim(),
                       percent: parseInt(tr.cells[2].textContent.split('\\u00b7')[1], 10) };
            }).sort(function (a, b) { return a.top - b.top; });
          };
          out.byName = drawn().map(function (r) { return r.name; });
          document.querySelector('label[for="sort-2-a"]').click();
          out.progressUp = drawn().map(function (r) { return r.percent; });
          document.querySelector('label[for="sort-2-d"]').click();
          out.progressDown = drawn().map(function (r) { return r.percent; });
          out.checked = document.querySelector('input[name="sort"]:checked').id;
          out.overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
          out.width = window.innerWidth;
          var pre = parent.document.createElement('pre');
          pre.id = 'check';
          pre.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(out))));
          parent.document.body.appendChild(pre);
        })();
        """

    @Test func atDeskWidthEverythingIsThereAndAClickSorts() throws {
        let measured = try Self.measure(width: 1280)
        #expect(measured["sections"] as? [String] == ["stops", "participants", "paths", "assessment"])
        #expect(measured["tiles"] as? Int == 6)
        #expect(measured["rows"] as? Int == 4)
        #expect(measured["paths"] as? Int == 2, "one funnel per path")
        #expect((measured["funnelRows"] as? Int ?? 0) > 20)
        #expect((measured["dimensions"] as? Int ?? 0) > 0)
        #expect((measured["swatches"] as? Int ?? 0) >= 10)
        #expect(measured["print"] as? Bool == true)
        let names = measured["byName"] as? [String] ?? []
        #expect(names == names.sorted { $0.lowercased() < $1.lowercased() }, "by name first: \(names)")
        #expect(names.count == 4)
        let up = measured["progressUp"] as? [Int] ?? []
        let down = measured["progressDown"] as? [Int] ?? []
        #expect(up.count == 4 && up == up.sorted(), "least progress first: \(up)")
        #expect(down == up.reversed(), "then most first: \(down)")
        #expect(Set(up).count > 1, "a sort that shows: \(up)")
        #expect(measured["checked"] as? String == "sort-2-d")
        #expect(measured["overflow"] as? Int == 0, "nothing wider than the page")
    }

    @Test func atPhoneWidthNothingOverflowsThePage() throws {
        let measured = try Self.measure(width: 390)
        #expect(measured["width"] as? Int == 390)
        #expect(measured["overflow"] as? Int == 0, "the tables scroll inside their box, the page does not")
        #expect(measured["rows"] as? Int == 4)
    }

    @Test func itScreenshotsAndPrints() throws {
        let html = try Self.page.get()
        let folder = (html as NSString).deletingLastPathComponent
        let shot = folder + "/report.png"
        let pdf = folder + "/report.pdf"
        let screenshot = try Self.browse("file://" + html, ["--hide-scrollbars", "--screenshot=\(shot)"])
        #expect(screenshot.status == 0, "\(screenshot.standardError)")
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
        let printed = try Self.browse("file://" + html, ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)"])
        #expect(printed.status == 0, "\(printed.standardError)")
        let document = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(document.starts(with: Array("%PDF".utf8)) && document.count > 10_000)
    }
}
