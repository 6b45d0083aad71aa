import Foundation
import ParcoursCore
import Testing

/// The course `alliances-territoires` as shipped: the brochure's content is reachable on every
/// path, figures are sourced, lint is clean and the walks fit their budgets.
@Suite("Alliances & Territoires: content")
struct AlliancesContentTests {
    static let courseID = "alliances-territoires"
    static let pathIDs = ["alliances-2h", "alliances-4h", "alliances-12h"]

    /// The repository, found from this file (Tests/ParcoursCoreTests/Courses/…).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func source(_ relative: String) throws -> SourceText {
        let text = try String(contentsOfFile: packageRoot + "/" + relative, encoding: .utf8)
        return SourceText(path: relative, text: text)
    }

    static func graphSource() throws -> SourceText { try source("Paths/\(courseID).yml") }

    static func localeSources() throws -> [SourceText] {
        try ["fr", "en"].map { try source("Locales/\($0)/\(courseID).yml") }
    }

    static func course() throws -> Course { try CourseLoader.load(graph: graphSource()) }

    /// The French words, flattened (`steps.welcome.body` → text).
    static func french() throws -> [String: String] { try words(in: "fr") }

    /// One locale's words, flattened (`steps.welcome.body` → text).
    static func words(in language: String) throws -> [String: String] {
        let source = try source("Locales/\(language)/\(courseID).yml")
        let (file, diagnostics) = LocaleFileDecoder.decodeCourseLocale(source.text, file: source.path)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let locale = try #require(file)
        return locale.entries.compactMapValues { entry in
            switch entry.value {
            case .text(let text): text
            case .plural(let one, let other): one + "\n" + other
            case .list(let labels): labels.joined(separator: "\n")
            }
        }
    }

    /// Every word of one step (title, body, prompt, choices, items, deliverable), normalised.
    static func words(ofStep id: String, in words: [String: String]) -> String {
        normalise(
            words.filter { $0.key.hasPrefix("steps.\(id).") }.sorted { $0.key < $1.key }.map(\.value)
                .joined(separator: "\n"))
    }

    static func normalise(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(
            of: "\u{202F}", with: " "
        ).replacingOccurrences(of: "\u{2019}", with: "'").lowercased()
    }

    static func reachableSteps(_ path: CoursePath) -> [String] {
        let reachable = path.graph.reachable()
        return path.graph.nodes.indices.filter { reachable[$0] }.map { path.graph.nodes[$0].id }
    }

    static func defaultWalk(_ path: CoursePath) -> [String] {
        path.graph.defaultWalk().map { path.graph.nodes[$0].id }
    }

    // MARK: - The seven key questions

    /// Each key question of the brochure, the step that answers it, and the words that show it.
    static let keyQuestions: [(question: String, step: String, themes: [[String]])] = [
        ("Qu'est-ce que faire alliance, et pourquoi l'ODD 17 ?", "why-alliances", [["faire alliance"], ["odd 17"]]),
        (
            "Quelles formes peuvent prendre les partenariats ?", "forms-intro",
            [
                ["pratiques responsables"], ["coopération économique"], ["innovation sociale", "sociétale"],
                ["mécénat"],
            ]
        ),
        (
            "Quelles preuves de leur efficacité ?", "evidence-intro",
            [["innovation"], ["performance"], ["confiance"]]
        ),
        ("Quelles bonnes pratiques ?", "good-practices", [["charte du faire alliance"]]),
        (
            "Comment le mouvement s'incarne-t-il sur les territoires ?", "territory-intro",
            [["territoire"], ["catalyseurs"]]
        ),
        ("Comment passer à l'action ?", "act-intro", [["jeudis de l'odd 17"], ["odd 17 en pratiques"]]),
        ("Comment faire ses premiers pas ?", "first-steps", [["premiers pas"]]),
    ]

    @Test(arguments: pathIDs)
    func sevenKeyQuestionsAreTaughtOnTheDefaultWalk(pathID: String) throws {
        let course = try Self.course()
        let words = try Self.french()
        let path = try #require(course.path(pathID))
        let reachable = Set(Self.reachableSteps(path))
        let walk = Self.defaultWalk(path)
        #expect(walk.last == "closing")
        var positions: [Int] = []
        for key in Self.keyQuestions {
            #expect(reachable.contains(key.step), "\(pathID): \(key.step) (\(key.question)) unreachable")
            let position = walk.firstIndex(of: key.step)
            #expect(position != nil, "\(pathID): \(key.step) (\(key.question)) not on the default walk")
            positions.append(position ?? -1)
            let text = Self.words(ofStep: key.step, in: words)
            for theme in key.themes {
                #expect(
                    theme.allSatisfy { text.contains($0) },
                    "\(key.step) does not mention \(theme) for «\(key.question)»")
            }
        }
        // The questions come in the brochure's order.
        #expect(positions == positions.sorted(), "\(pathID): key questions out of order: \(positions)")
        // The welcome announces all seven.
        let welcome = Self.words(ofStep: "welcome", in: words)
        #expect(welcome.contains("sept questions clés"))
        #expect(walk.first == "welcome")
    }

    // MARK: - Forms and objectives

    static let forms = [
        "pratiques responsables", "coopération économique", "innovation sociale et sociétale", "mécénat",
    ]
    static let objectives = [
        ["équilibrer la performance et l'engagement"], ["hybrider son modèle socio-économique"],
        ["accélérer", "innovation sociétale"], ["co-construire sur le territoire"],
    ]

    @Test(arguments: pathIDs)
    func fourFormsAndFourObjectivesAreInReachableSteps(pathID: String) throws {
        let course = try Self.course()
        let words = try Self.french()
        let path = try #require(course.path(pathID))
        let walk = Self.defaultWalk(path)
        let text = walk.map { Self.words(ofStep: $0, in: words) }.joined(separator: "\n")
        for form in Self.forms {
            #expect(text.contains(form), "\(pathID): form «\(form)» not in the default walk")
        }
        for objective in Self.objectives {
            #expect(
                objective.allSatisfy { text.contains($0) }, "\(pathID): objective \(objective) not in the default walk")
        }
        // The objectives lesson names all four objectives; the forms lesson all four forms.
        let objectivesIntro = Self.words(ofStep: "objectives-intro", in: words)
        for objective in Self.objectives {
            #expect(objective.allSatisfy { objectivesIntro.contains($0) }, "objectives-intro lacks \(objective)")
        }
        let formsIntro = Self.words(ofStep: "forms-intro", in: words)
        for form in Self.forms { #expect(formsIntro.contains(form), "«\(form)»") }
        #expect(walk.contains("objectives-intro") && walk.contains("forms-intro"))
        // The grid measures every form and every objective.
        let grid = try #require(course.steps["grid-start"])
        let dimensions = Set(grid.items.map(\.dimension))
        for dimension in [
            "objective-balance", "objective-hybrid", "objective-innovation", "objective-territory",
            "form-responsible", "form-cooperation", "form-innovation", "form-patronage",
        ] {
            #expect(dimensions.contains(dimension), "grid-start lacks \(dimension)")
        }
    }

    /// The objectives are checked by a graded scenario on every path, right after they are taught
    /// and before the forms; a wrong answer leads to the objectives focus, as a low grid does.
    @Test(arguments: pathIDs)
    func aScenarioQuizFollowsTheObjectives(pathID: String) throws {
        let course = try Self.course()
        let path = try #require(course.path(pathID))
        let walk = Self.defaultWalk(path)
        let quiz = try #require(walk.firstIndex(of: "quiz-objectives"), "\(pathID) has no objectives quiz")
        let taught = walk.lastIndex { $0 == "objectives-intro" || $0.hasPrefix("obj-") }
        #expect(taught.map { $0 < quiz } == true)
        #expect(quiz < walk.firstIndex(of: "forms-intro") ?? 0)
        let step = try #require(course.steps["quiz-objectives"])
        #expect(step.isGraded && step.choices.count == 4)
        let toFocus = course.steps["quiz-offer"]?.branches.filter { $0.target == "focus-objectives" } ?? []
        #expect(toFocus.count == 1)
    }

    /// Every path opens on the welcome, which says plainly that this is an independent course
    /// built on the brochure, not Le RAMEAU's official course of the same name.
    @Test(arguments: pathIDs)
    func everyPathSaysTheCourseIsIndependent(pathID: String) throws {
        let course = try Self.course()
        let path = try #require(course.path(pathID))
        #expect(Self.defaultWalk(path).first == "welcome")
        let welcome = Self.words(ofStep: "welcome", in: try Self.french())
        let independence = [
            "parcours de découverte", "indépendant", "brochure", "ce n'est pas le parcours pédagogique officiel",
        ]
        for words in independence {
            #expect(welcome.contains(words), "the welcome does not say «\(words)»")
        }
        #expect(Self.normalise(try Self.french()["notice"] ?? "").contains("indépendant"), "no notice for list")
    }

    // MARK: - Activities

    /// Every activity can actually be done: a worked example on a fictitious organisation,
    /// labelled as such in both languages; a template the journal pre-fills; and a self-check
    /// of three or four items the learner ticks, no longer a checklist in the body.
    @Test func everyActivityHasAWorkedExampleATemplateAndASelfCheck() throws {
        let course = try Self.course()
        let activities = course.steps.values.filter { $0.kind == .activity }.map(\.id).sorted()
        #expect(activities.count == 16, "\(activities)")
        let french = try Self.french()
        let english = try Self.words(in: "en")
        for id in activities {
            let step = try #require(course.steps[id])
            #expect(step.hasDeliverable && step.hasTemplate, "\(id) has no template")
            #expect((3...4).contains(step.selfCheck.count), "\(id): \(step.selfCheck.count) self-check items")
            let frBody = Self.normalise(french["steps.\(id).body"] ?? "")
            let enBody = (english["steps.\(id).body"] ?? "").lowercased()
            #expect(frBody.contains("exemple fictif"), "\(id): no fictitious example (fr)")
            #expect(enBody.contains("fictitious"), "\(id): no fictitious example (en)")
            #expect(!frBody.contains("avant de continuer"), "\(id): a checklist is still in the French body")
            #expect(!enBody.contains("before you move on"), "\(id): a checklist is still in the English body")
            for words in [french, english] {
                #expect(!(words["steps.\(id).template"] ?? "").isEmpty, "\(id): template missing")
                for item in step.selfCheck {
                    #expect(!(words["steps.\(id).selfCheck.\(item)"] ?? "").isEmpty, "\(id).\(item) missing")
                }
            }
        }
    }

    // MARK: - Resources

    /// Every resource the brochure names, with words its French title must contain.
    static let brochureResources: [(id: String, title: [String])] = [
        ("alliances-space", ["alliances & territoires", "associations.gouv.fr"]),
        ("evaluation-guide", ["l'évaluation partenariale en pratique"]),
        ("research-notebook", ["odd 17 : les leviers d'un changement systémique", "cahier de recherche"]),
        ("observatoire-studies", ["observatoire des partenariats", "études"]),
        ("charter", ["charte du faire alliance"]),
        ("impact-alliances-base", ["impact-alliances"]),
        ("film", ["bonnes nouvelles des territoires"]),
        ("innovation-territoriale", ["l'innovation territoriale en actions !"]),
        ("jeudis-odd17", ["les jeudis de l'odd 17"]),
        ("odd17-platform", ["l'odd 17 en pratiques", "odd17.org"]),
    ]

    @Test(arguments: pathIDs)
    func brochureResourcesAreRecommendedOnEveryPath(pathID: String) throws {
        let course = try Self.course()
        let words = try Self.french()
        let path = try #require(course.path(pathID))
        let reachable = Set(Self.reachableSteps(path))
        let walk = Self.defaultWalk(path)
        let resourceSteps = path.stepIDs.filter { course.steps[$0]?.kind == .resources }
        let onWalk = resourceSteps.filter { reachable.contains($0) && walk.contains($0) }
        #expect(!onWalk.isEmpty, "\(pathID) has no reachable resources step on its walk")
        let recommended = Set(
            onWalk.flatMap { course.steps[$0]?.recommendations.map(\.resource) ?? [] })
        for (id, fragments) in Self.brochureResources {
            let resource = course.resources[id]
            #expect(resource != nil, "resource \(id) not in the catalogue")
            #expect(resource?.url.hasPrefix("https://") == true, "\(id) has no https address")
            let title = Self.normalise(words["resources.\(id).title"] ?? "")
            for fragment in fragments {
                #expect(title.contains(fragment), "\(id)'s title «\(title)» lacks «\(fragment)»")
            }
            #expect(recommended.contains(id), "\(pathID): \(id) is recommended by no reachable resources step")
        }
        // odd17.org and the Observatoire point where they say.
        #expect(course.resources["odd17-platform"]?.url.contains("odd17.org") == true)
        #expect(course.resources["observatoire-studies"]?.url.contains("observatoire-des-partenariats") == true)
    }

    // MARK: - Figures

    static let figures = ["74 %", "92 %", "83 %", "97 %", "98 %", "1 000", "650", "350"]
    static let sourceNames = [
        "observatoire des partenariats", "impact", "associations.gouv.fr", "brochure",
    ]

    /// Text units (a step's words, a resource's title and summary, a reason) quoting a figure
    /// without naming a source.
    static func unsourcedFigures(in words: [String: String]) -> [String] {
        var units: [String: String] = [:]
        for (key, text) in words {
            let parts = key.split(separator: ".")
            let unit =
                parts.count >= 2 && ["steps", "resources", "reasons"].contains(String(parts[0]))
                ? parts[0...1].joined(separator: ".") : key
            units[unit, default: ""] += "\n" + normalise(text)
        }
        var problems: [String] = []
        for (unit, text) in units.sorted(by: { $0.key < $1.key }) {
            let quoted = figures.filter { figure in
                text.range(of: "(?<![0-9])\(figure)(?![0-9])", options: .regularExpression) != nil
            }
            guard !quoted.isEmpty else { continue }
            if !sourceNames.contains(where: text.contains) {
                problems.append("\(unit): \(quoted.joined(separator: ", "))")
            }
        }
        return problems
    }

    @Test func everyFigureHasItsSourceNearby() throws {
        let words = try Self.french()
        // The percentages are on the walk of every path, with their studies.
        let why = Self.words(ofStep: "why-alliances", in: words)
        for (figure, study) in [
            ("74 %", "impact-citoyens"), ("92 %", "impact-élus locaux"), ("83 %", "impact-entreprises"),
            ("97 %", "impact-associations"), ("98 %", "impact-fondations"),
        ] {
            let line = why.split(separator: "\n").first { $0.contains(figure) }
            #expect(line?.contains(study) == true, "«\(figure)» is not quoted with \(study)")
        }
        #expect(why.contains("observatoire des partenariats"))
        let problems = Self.unsourcedFigures(in: words)
        #expect(problems.isEmpty, "figures without a source: \(problems.joined(separator: "; "))")
    }

    @Test func theSourceCheckCatchesAnUnsourcedFigure() {
        let words = [
            "steps.a.body": "92 % des maires (Observatoire des partenariats, 2020).",
            "steps.b.body": "Selon nous, 92 % des maires.",
            "resources.c.title": "La base IMPACT-Alliances",
            "resources.c.summary": "Plus de 1 000 exemples.",
            "steps.d.body": "Il y a 2350 choses et 3 500 autres.",
        ]
        #expect(Self.unsourcedFigures(in: words) == ["steps.b: 92 %"])
    }

    // MARK: - Lint and time

    @Test func lintIsCleanWithBothLocales() throws {
        let diagnostics = Linter.lint(
            CourseSource(graph: try Self.graphSource(), locales: try Self.localeSources()))
        let serious = diagnostics.filter { $0.severity == .error || $0.severity == .warning }
        #expect(serious.isEmpty, "\(serious.map(\.description).joined(separator: "\n"))")
    }

    /// Each branch run and the optional steps it stands in for, on every path: the source,
    /// then (on the default walk) the optional steps, then the step where both rejoin.
    static let replacements: [(source: String, optional: [String: [String]], branch: [String], rejoin: String)] = [
        (
            "quiz-offer",
            [
                "alliances-2h": ["explore-examples"], "alliances-4h": ["explore-examples"],
                "alliances-12h": ["explore-examples"],
            ],
            ["remedial-forms", "focus-forms", "focus-objectives"], "evidence-intro"
        ),
        (
            "first-steps",
            [
                "alliances-2h": ["self-diagnosis"], "alliances-4h": ["self-diagnosis", "tools-tour"],
                "alliances-12h": ["self-diagnosis", "tools-tour"],
            ],
            ["tools-tour"], "quiz-figures"
        ),
    ]

    @Test(arguments: pathIDs)
    func branchStepsStandInForOptionalSteps(pathID: String) throws {
        let course = try Self.course()
        let path = try #require(course.path(pathID))
        let walk = Self.defaultWalk(path)
        for run in Self.replacements {
            let optional = try #require(run.optional[pathID])
            let start = try #require(walk.firstIndex(of: run.source), "\(run.source) not on \(pathID)")
            // On the default walk: the source, the optional steps, the rejoin step, in a row.
            #expect(Array(walk[start...].prefix(optional.count + 2)) == [run.source] + optional + [run.rejoin])
            for id in optional { #expect(course.steps[id]?.isOptional == true, "\(id) is not optional") }
            // Every branch step rejoins at the same step, and weighs no more than what it replaces.
            for id in run.branch {
                let step = try #require(course.steps[id])
                #expect(step.isOptional, "\(id) is not optional")
                #expect(path.stepIDs.contains(id), "\(id) not on \(pathID)")
                #expect(step.next == run.rejoin, "\(id) rejoins at \(step.next ?? "-")")
            }
            let replaced = optional.reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
            let branch = run.branch.reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
            #expect(branch <= replaced, "\(pathID): \(run.branch) weigh \(branch) min for \(replaced) replaced")
        }
    }

    @Test(arguments: zip(pathIDs, [120, 240, 720]))
    func typicalWalkIsWithinTenPercentOfTheBudget(pathID: String, budget: Int) throws {
        let course = try Self.course()
        let path = try #require(course.path(pathID))
        #expect(path.budgetMinutes == budget)
        let typical = path.graph.typicalMinutes()
        let drift = abs(Double(typical - budget)) / Double(budget)
        #expect(drift <= 0.10, "\(pathID): typical walk \(typical) min for a budget of \(budget) min")
        let shortest = try #require(path.graph.shortestMinutes())
        #expect(shortest <= budget, "\(pathID): shortest walk \(shortest) min over budget")
        // The heaviest walk any answers allow, without adaptation, fits too: branch steps
        // stand in for optional steps, so no answer makes a walk longer than the default.
        let longest = try #require(path.graph.longestMinutes())
        #expect(longest * 100 <= budget * (100 + path.tolerancePercent), "\(pathID): longest \(longest) min")
        #expect(longest == typical, "\(pathID): a branch adds to the walk (longest \(longest), typical \(typical))")
        // The walk with no branch, optional steps included, is at least 75 % of the budget.
        #expect(typical * 4 >= budget * 3, "\(pathID): typical \(typical) min")
        // Every step of the path is reachable.
        #expect(Self.reachableSteps(path).count == path.graph.nodes.count, "\(pathID) has unreachable steps")
    }
}
