import Foundation
import ParcoursCore
import Testing

/// Learners walking the three paths of `alliances-territoires` through the real binary, with
/// their input piped in, as a learner at a shell would type it.
@Suite("Alliances & Territoires: scripted walkthroughs")
struct AlliancesWalkthroughTests {
    static let courseID = "alliances-territoires"

    /// What `parcours status --json` prints that these tests read.
    struct Status: Decodable {
        var currentStep: String?
        var visitedSteps: [String]
        var completedSteps: Int
        var requiredSteps: Int
        var waivedSteps: [String]
        var budgetSeconds: Int
        var finished: Bool
    }

    /// One finished walk: the script, what the learner saw and what was kept.
    struct Walk {
        var path: String
        var script: WalkScript
        var stdout: String
        var status: Status
        var journal: String
        var defaultWalk: [String]
    }

    static func course() throws -> Course {
        let path = "Paths/\(courseID).yml"
        let text = try String(contentsOfFile: Binary.packageRoot + "/" + path, encoding: .utf8)
        return try CourseLoader.load(graph: SourceText(path: path, text: text))
    }

    /// The French words of the course.
    static let french: [String: String] = {
        let path = "Locales/fr/\(courseID).yml"
        let text = (try? String(contentsOfFile: Binary.packageRoot + "/" + path, encoding: .utf8)) ?? ""
        let (file, _) = LocaleFileDecoder.decodeCourseLocale(text, file: path)
        return (file?.entries ?? [:]).compactMapValues {
            if case .text(let text) = $0.value { return text }
            return nil
        }
    }()

    /// Scripts the walk from the course model, pipes it into `parcours start`, then reads
    /// `status --json` and `journal`. The learner sees the questions in the order of `seed`
    /// (given to the binary as `PARCOURS_TEST_SEED`), and the script answers by those numbers.
    static func walk(_ pathID: String, _ learner: WalkScript.Learner, seed: Int = 2_026) throws -> Walk {
        let course = try course()
        let path = try #require(course.path(pathID))
        let script = try WalkScript(course: course, path: path, learner: learner, seed: seed)
        let directory = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = [
            "--as", "camille", "--store", directory + "/progress.sqlite", "--home", Binary.packageRoot,
            "--lang", "fr",
        ]
        let started = try Binary.run(
            ["start", pathID] + options, input: script.input, environment: ["PARCOURS_TEST_SEED": String(seed)],
            directory: directory)
        #expect(started.status == 0, "start exited \(started.status): \(started.stderr)")
        let report = try Binary.run(["status", "--json"] + options, directory: directory)
        #expect(report.status == 0, "status exited \(report.status): \(report.stderr)")
        let status = try JSONDecoder().decode(Status.self, from: Data(report.stdout.utf8))
        let journal = try Binary.run(["journal"] + options, directory: directory)
        #expect(journal.status == 0, "journal exited \(journal.status): \(journal.stderr)")
        return Walk(
            path: pathID, script: script, stdout: started.stdout, status: status, journal: journal.stdout,
            defaultWalk: path.graph.defaultWalk().map { path.graph.nodes[$0].id })
    }

    /// The default walk with branch steps in place of the optional steps they stand in for
    /// (a step kept on the walk, such as tools-tour on 4h, is entered once).
    static func expected(_ walk: [String], replacing detours: [String: [String]]) -> [String] {
        var seen = Set<String>()
        return walk.flatMap { detours[$0] ?? [$0] }.filter { seen.insert($0).inserted }
    }

    // MARK: - What every finished walk must show

    /// The walk finished, every required step is done, and the steps match the script.
    static func checkFinished(
        _ walk: Walk, expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(
            walk.status.finished, "not finished; stopped at \(walk.status.currentStep ?? "-")",
            sourceLocation: sourceLocation)
        #expect(walk.status.currentStep == nil, sourceLocation: sourceLocation)
        #expect(walk.status.completedSteps == walk.status.requiredSteps, sourceLocation: sourceLocation)
        #expect(walk.status.requiredSteps > 0, sourceLocation: sourceLocation)
        // The steps the walk set aside for time, as the script (the engine) chose them.
        let setAside = Set(walk.script.progress.waived.filter { $0.value.reason == .timeBudget }.keys)
        #expect(Set(walk.status.waivedSteps) == setAside, sourceLocation: sourceLocation)
        let expected = expected.filter { !setAside.contains($0) }
        #expect(walk.script.visited == expected, "the script's walk", sourceLocation: sourceLocation)
        #expect(walk.status.visitedSteps == expected, "the binary's walk", sourceLocation: sourceLocation)
        #expect(walk.status.visitedSteps.last == "closing", sourceLocation: sourceLocation)
        // Every step offered taken, the walk's estimates stay within budget + tolerance.
        if let course = try? course(), let path = course.path(walk.path) {
            let minutes = walk.status.visitedSteps.reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
            #expect(
                minutes * 100 <= path.budgetMinutes * (100 + path.tolerancePercent),
                "\(walk.path): \(minutes) min for a budget of \(path.budgetMinutes)", sourceLocation: sourceLocation)
        }
    }

    /// The text the learner saw on the resources step, up to the next step.
    static func resourcesScreen(_ walk: Walk) -> String {
        let title = french["steps.resources.title"] ?? "Vos ressources"
        let next = french["steps.closing.title"] ?? "Et maintenant\u{202F}?"
        guard let start = walk.stdout.range(of: "\n" + title + "\n") else { return "" }
        let rest = walk.stdout[start.upperBound...]
        let end = rest.range(of: "\n" + next + "\n")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The offers are exactly `expected` (resource and reason), in that order, and the
    /// resources screen shows each title with its "Pourquoi :" sentence, in that order; no
    /// other recommendation's reason is shown.
    static func checkOffers(
        _ walk: Walk, are expected: [(resource: String, reason: String)],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let screen = resourcesScreen(walk)
        #expect(!screen.isEmpty, "no resources screen in the output", sourceLocation: sourceLocation)
        let offered = walk.script.offers["resources"]?.map { "\($0.resource):\($0.reason)" } ?? []
        #expect(
            offered == expected.map { "\($0.resource):\($0.reason)" }, "offers \(offered)",
            sourceLocation: sourceLocation)
        var rest = screen[...]
        for (resource, reason) in expected {
            let title = french["resources.\(resource).title"] ?? "?"
            let why = "Pourquoi\u{202F}: " + (french["reasons.\(reason)"] ?? "?")
            guard let at = rest.range(of: title), let reasonAt = rest[at.upperBound...].range(of: why) else {
                Issue.record("«\(title)» not offered, with its reason, in order", sourceLocation: sourceLocation)
                return
            }
            rest = rest[reasonAt.upperBound...]
        }
        let reasons = Set(expected.map(\.reason))
        for recommendation in (try? course().steps["resources"]?.recommendations) ?? []
        where !reasons.contains(recommendation.reason) {
            let why = "Pourquoi\u{202F}: " + (french["reasons.\(recommendation.reason)"] ?? "?")
            #expect(!screen.contains(why), "offered: \(why)", sourceLocation: sourceLocation)
        }
    }

    /// The journal holds every text the learner wrote and the resource kept.
    static func checkJournal(_ walk: Walk, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!walk.script.texts.isEmpty, sourceLocation: sourceLocation)
        for (step, text) in walk.script.texts.sorted(by: { $0.key < $1.key }) {
            #expect(walk.journal.contains(text), "journal lacks \(step)'s text", sourceLocation: sourceLocation)
            let title = french["steps.\(step).title"] ?? "?"
            #expect(walk.journal.contains("## " + title), "journal lacks «\(title)»", sourceLocation: sourceLocation)
            // The question as the course wrote it, French typography kept (U+202F, ’).
            if let asked = french["steps.\(step).prompt"] ?? french["steps.\(step).deliverable"] {
                #expect(
                    walk.journal.contains("> " + asked), "journal lacks «\(asked)»", sourceLocation: sourceLocation)
            }
        }
        let narrow = walk.journal.contains("\u{202F}")
        #expect(narrow, "the journal keeps French no-break spaces", sourceLocation: sourceLocation)
        let kept = walk.script.kept.flatMap { french["resources.\($0).title"] }
        #expect(kept != nil, "nothing kept", sourceLocation: sourceLocation)
        #expect(walk.journal.contains(kept ?? "?"), "journal lacks the kept resource", sourceLocation: sourceLocation)
        #expect(walk.stdout.contains("«\u{202F}\(kept ?? "?")\u{202F}» est gardée"), sourceLocation: sourceLocation)
    }

    // MARK: - Expected offers (at most five, best first: see AlliancesRecommendationTests)

    /// A beginner (every rating 1 of 4) who used the ODD 17 platform on the tools tour:
    /// discovery material, chosen for their weak grid first, then for everyone.
    static let forBeginner: [(resource: String, reason: String)] = [
        ("catalysts-page", "find-catalyst"), ("film", "inspiration-weak"), ("alliances-course", "official-course"),
        ("alliances-space", "start-here"), ("jeudis-odd17", "weekly-news"),
    ]
    /// An advanced learner (every rating 4 of 4) on the 2h or 4h path: research first, then
    /// the resources for anyone, then the evaluation guide for their practice.
    static let forAdvanced: [(resource: String, reason: String)] = [
        ("research-notebook", "research-synthesis"), ("observatoire-studies", "research-studies"),
        ("alliances-space", "start-here"), ("jeudis-odd17", "weekly-news"), ("evaluation-guide", "evaluate-practice"),
    ]

    static let low = WalkScript.Learner(rating: 1)
    static let high = WalkScript.Learner(rating: 4)

    // MARK: - 2 h

    @Test func twoHoursHighGridTakesNoDetour() throws {
        let walk = try Self.walk("alliances-2h", Self.high)
        Self.checkFinished(walk, expected: walk.defaultWalk)
        for detour in ["focus-objectives", "remedial-forms", "focus-forms", "watch-film", "tools-tour"] {
            #expect(!walk.status.visitedSteps.contains(detour), "\(detour) visited")
        }
        for enrichment in ["explore-examples", "self-diagnosis"] {
            #expect(walk.status.visitedSteps.contains(enrichment), "\(enrichment) not visited")
        }
        Self.checkOffers(walk, are: Self.forAdvanced)
        Self.checkJournal(walk)
        #expect(walk.script.texts.keys.contains("reflect-first-step"))
    }

    @Test func twoHoursLowGridGoesThroughTheFocusSteps() throws {
        let walk = try Self.walk("alliances-2h", Self.low)
        // The focus steps in place of the example hunt, the tools tour in place of the
        // self-diagnosis; the film is not a step of the 2h path.
        let expected = Self.expected(
            walk.defaultWalk,
            replacing: [
                "explore-examples": ["focus-forms", "focus-objectives"], "self-diagnosis": ["tools-tour"],
            ])
        Self.checkFinished(walk, expected: expected)
        #expect(!walk.status.visitedSteps.contains("remedial-forms"), "every quiz was right")
        for replaced in ["explore-examples", "self-diagnosis", "watch-film"] {
            #expect(!walk.status.visitedSteps.contains(replaced), "\(replaced) visited")
        }
        Self.checkOffers(walk, are: Self.forBeginner)
        Self.checkJournal(walk)
        for step in ["focus-objectives", "focus-forms", "tools-tour"] {
            #expect(walk.script.texts[step] != nil, "no deliverable written on \(step)")
        }
    }

    @Test func twoHoursWrongFormAnswerLeadsToTheReminder() throws {
        var learner = Self.high
        learner.wrong = ["quiz-accountants"]
        let walk = try Self.walk("alliances-2h", learner)
        // High grid: the reminder in place of the example hunt, then the evidence, no focus.
        let expected = Self.expected(walk.defaultWalk, replacing: ["explore-examples": ["remedial-forms"]])
        Self.checkFinished(walk, expected: expected)
        #expect(!walk.status.visitedSteps.contains("focus-forms"))
        #expect(walk.stdout.contains(Self.french["steps.remedial-forms.title"] ?? "?"))
        Self.checkOffers(walk, are: Self.forAdvanced)
    }

    // MARK: - 4 h

    @Test func fourHoursHighGridTakesNoDetour() throws {
        let walk = try Self.walk("alliances-4h", Self.high)
        Self.checkFinished(walk, expected: walk.defaultWalk)
        for detour in ["focus-objectives", "remedial-forms", "focus-forms"] {
            #expect(!walk.status.visitedSteps.contains(detour), "\(detour) visited")
        }
        Self.checkOffers(walk, are: Self.forAdvanced)
        Self.checkJournal(walk)
        #expect(walk.script.texts.keys.contains("map-partners"))
    }

    @Test func fourHoursLowGridAndWrongAnswers() throws {
        var learner = Self.low
        learner.wrong = ["quiz-offer", "quiz-effects"]
        let walk = try Self.walk("alliances-4h", learner)
        // Wrong and low on the forms: the reminder, then both focus steps, in place of the
        // example hunt; weak on tools: the tools tour without the self-diagnosis.
        let expected = Self.expected(
            walk.defaultWalk,
            replacing: [
                "explore-examples": ["remedial-forms", "focus-forms", "focus-objectives"],
                "self-diagnosis": ["tools-tour"],
            ])
        Self.checkFinished(walk, expected: expected)
        // A wrong answer on the effects adds the IMPACT lessons page.
        Self.checkOffers(
            walk,
            are: [
                ("catalysts-page", "find-catalyst"), ("film", "inspiration-weak"),
                ("impact-lessons-page", "effects-review"),
                ("alliances-course", "official-course"), ("alliances-space", "start-here"),
            ])
        Self.checkJournal(walk)
    }

    @Test func fourHoursMiddleGridListsEveryResourceAndKeepsOneOfThem() throws {
        var learner = WalkScript.Learner(rating: 3)
        learner.wrong = ["quiz-effects"]
        let course = try Self.course()
        // `ressources tout`, then `garder N` in that list: the charter, which is not offered.
        learner.listAll = true
        learner.keep = try #require(course.resourceOrder.firstIndex(of: "charter")) + 1
        let walk = try Self.walk("alliances-4h", learner)
        Self.checkFinished(walk, expected: walk.defaultWalk)
        Self.checkOffers(
            walk,
            are: [
                ("evaluation-guide", "evaluate-practice"), ("alliances-space", "start-here"),
                ("jeudis-odd17", "weekly-news"), ("impact-lessons-page", "effects-review"),
                ("alliances-course", "official-course"),
            ])
        let screen = Self.resourcesScreen(walk)
        let all = try #require(screen.range(of: "Toutes les ressources du parcours"))
        let listed = screen[all.upperBound...]
        var rest = listed
        for id in course.resourceOrder {
            let title = try #require(Self.french["resources.\(id).title"])
            let found = try #require(rest.range(of: title), "«\(title)» not listed in order")
            rest = rest[found.upperBound...]
        }
        // The ODD 17 platform, used on the tools tour, is said to be so; an offer keeps its reason.
        let platform = try #require(Self.french["resources.odd17-platform.title"])
        let afterPlatform = try #require(listed.range(of: platform))
        #expect(listed[afterPlatform.upperBound...].prefix(600).contains("Déjà travaillée dans ce parcours."))
        #expect(listed.contains("Pourquoi\u{202F}: " + (Self.french["reasons.evaluate-practice"] ?? "?")))
        Self.checkJournal(walk)
        #expect(walk.script.kept == "charter")
    }

    // MARK: - 12 h

    /// The four core 12h activities, whose deliverables make the learner's action file.
    static let twelveHourDeliverables = ["choose-form", "stakeholder-map", "evaluate-partnership", "action-plan"]

    @Test func twelveHoursLowGridWithAWrongFormAnswer() throws {
        var learner = Self.low
        learner.wrong = ["quiz-rd"]
        let walk = try Self.walk("alliances-12h", learner)
        let expected = Self.expected(
            walk.defaultWalk,
            replacing: [
                "explore-examples": ["remedial-forms", "focus-forms", "focus-objectives"],
                "self-diagnosis": ["tools-tour"],
            ])
        Self.checkFinished(walk, expected: expected)
        for checkpoint in ["checkpoint-1", "checkpoint-2", "checkpoint-3", "checkpoint-4", "checkpoint-5"] {
            #expect(walk.status.visitedSteps.contains(checkpoint))
        }
        // On 12h, the walk used the film, the charter, the Observatoire's studies and the
        // Agir ensemble paths, and the path is a version of the official course.
        Self.checkOffers(
            walk,
            are: [
                ("catalysts-page", "find-catalyst"), ("alliances-space", "start-here"), ("jeudis-odd17", "weekly-news"),
                ("impact-alliances-base", "innovation-weak"), ("self-diagnosis-kits", "approach-weak"),
            ])
        Self.checkJournal(walk)
        for step in Self.twelveHourDeliverables {
            let text = try #require(walk.script.texts[step], "\(step) has no deliverable")
            #expect(walk.journal.contains(text))
        }
    }

    @Test func twelveHoursHighGridTakesNoDetour() throws {
        let walk = try Self.walk("alliances-12h", Self.high)
        Self.checkFinished(walk, expected: walk.defaultWalk)
        for detour in ["focus-objectives", "remedial-forms", "focus-forms"] {
            #expect(!walk.status.visitedSteps.contains(detour), "\(detour) visited")
        }
        Self.checkOffers(
            walk,
            are: [
                ("research-notebook", "research-synthesis"), ("alliances-space", "start-here"),
                ("jeudis-odd17", "weekly-news"),
            ])
        Self.checkJournal(walk)
        for step in Self.twelveHourDeliverables {
            #expect(walk.script.texts[step].map { walk.journal.contains($0) } == true, "journal lacks \(step)")
        }
        // The action plan: its template above the learner's text, its self-check ticked.
        let course = try Self.course()
        let plan = try #require(course.steps["action-plan"])
        #expect(plan.hasTemplate && !plan.selfCheck.isEmpty)
        let template = try #require(Self.french["steps.action-plan.template"])
        let text = try #require(walk.script.texts["action-plan"])
        let shape = try #require(walk.journal.range(of: template.trimmingCharacters(in: .newlines)))
        #expect(walk.journal[shape.upperBound...].contains(text), "the text follows the template")
        let title = try #require(Self.french["steps.action-plan.title"])
        let screen = try #require(walk.stdout.range(of: title)).upperBound
        #expect(walk.stdout[screen...].contains("Modèle à recopier et à compléter"), "the template is shown")
        for item in plan.selfCheck {
            let sentence = try #require(Self.french["steps.action-plan.selfCheck.\(item)"])
            #expect(walk.journal.contains("- [x] " + sentence), "\(item) not ticked in the journal")
        }
    }
}
