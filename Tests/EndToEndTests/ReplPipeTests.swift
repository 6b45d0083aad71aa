import Foundation
import ParcoursTestSupport
import Testing

/// The learner REPL driven through pipes, as scripts and CI drive it.
@Suite("Learner REPL through pipes")
struct ReplPipeTests {
    @Test func fullWalkWithTheRightAnswerFinishes() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "\n1\n\n\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Introduction"))
        #expect(result.stdout.contains("✓ A"))
        #expect(result.stdout.contains("Fin"))
        #expect(!result.stdout.contains("Rattrapage"), "the right answer skips the fix")
        #expect(result.stdout.contains("Bravo, vous avez terminé le parcours en "), "the finish line is said")
        let text = try learner.run(["status"])
        #expect(text.stdout.contains("Bravo, vous avez terminé le parcours en "), "\(text.stdout)")
        let status = try learner.status()
        #expect(status.finished)
        #expect(status.pace == nil, "a finished path is neither ahead nor behind")
        #expect(status.currentStep == nil)
        #expect(status.completedSteps == 3)
        #expect(status.requiredSteps == 3)
        #expect(status.waivedSteps.isEmpty)
        #expect(status.attempt == 1)
        let types = try learner.sql("select type from event order by seq")
        #expect(
            types.split(separator: "\n")
                == [
                    "started", "entered", "completed", "entered", "answered", "completed", "entered",
                    "completed", "finished",
                ])
    }

    /// `garder` where nothing is offered says so, instead of "a number from 1 to 0".
    /// The recap after a sitting shorter than a minute does not say "0:00 used".
    @Test func theRecapOfAFreshStartSaysTimeHasNotStarted() throws {
        let learner = try Learner()
        _ = try learner.run(["start", "main"], input: "\nquitter\n")
        let resumed = try learner.run(["resume"], input: "quitter\n")
        #expect(resumed.stdout.contains("Votre temps n’a pas encore commencé à compter\u{202F}: 0:10 devant vous."))
        #expect(!resumed.stdout.contains("Temps utilisé : 0:00"))
    }

    @Test func keepingWithNothingOfferedSaysSo() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "garder 1\nquitter\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Il n’y a pas de ressource à garder ici"), "\(result.stdout)")
        #expect(!result.stdout.contains("entre 1 et 0"))
    }

    /// `resume` on a store that does not exist says so and creates nothing.
    @Test func resumeOnAMissingStoreCreatesNothing() throws {
        let learner = try Learner()
        let missing = learner.directory + "/missing.sqlite"
        let result = try Binary.run(
            ["resume", "--as", "ada", "--store", missing, "--home", learner.home], directory: learner.directory)
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("n’existe pas"), "said in the learner's language: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// The goodbye hint repeats the options the learner gave, so it works as typed.
    @Test func theGoodbyeHintIsACommandThatWorks() throws {
        var learner = try Learner()
        learner.name = "Camille Dupont"
        let first = try learner.run(["start", "main"], input: "\nquitter\n")
        #expect(first.status == 0, "\(first.stderr)")
        let line = try #require(
            first.stdout.split(separator: "\n").first { $0.contains("Pour reprendre") }, "\(first.stdout)")
        let start = try #require(line.range(of: "parcours resume"))
        let hint = String(line[start.lowerBound...])
        #expect(hint.contains("--as 'Camille Dupont'") && hint.contains("--store " + learner.store))
        let words = try Binary.tool(
            "python3", ["-c", "import shlex,sys; print('\\n'.join(shlex.split(sys.stdin.read())))"], input: hint)
        let arguments = words.stdout.split(separator: "\n").map(String.init).dropFirst()
        let resumed = try Binary.run(Array(arguments), input: "quitter\n", directory: learner.directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Quiz"), "resumed on the quiz: \(resumed.stdout)")
    }

    @Test func wrongAnswerWalksThroughTheFix() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "\n2\n\n\n\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Rattrapage"))
        #expect(result.stdout.contains("Non."))
        let status = try learner.status()
        #expect(status.finished)
        #expect(status.completedSteps == 3)
        #expect(
            try learner.sql("select step_id from event where type = 'entered' order by seq") == "intro\nquiz\nfix\nend")
    }

    @Test func quitThenResumeLandsOnTheSameStep() throws {
        let learner = try Learner()
        let first = try learner.run(["start", "main"], input: "\nquitter\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Laquelle"), "the quiz was on screen when the learner left")
        #expect(try learner.status().currentStep == "quiz")
        #expect(try learner.sql("select type from event order by seq desc limit 1") == "suspended")

        let resumed = try learner.run(["resume"], input: "quit\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let afterRecap = try #require(resumed.stdout.range(of: "──"))
        #expect(resumed.stdout[afterRecap.lowerBound...].contains("Quiz"))
        #expect(!resumed.stdout.contains("Introduction"))
        #expect(try learner.status().currentStep == "quiz")

        let bare = try learner.run([], input: "1\nquitter\n")
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.stdout.contains("Quiz"))
        #expect(bare.stdout.contains("✓ A"))
        let status = try learner.status()
        #expect(status.currentStep == "quiz")
        #expect(status.completedSteps == 1)
        #expect(try learner.sql("select count(*) from enrollment") == "1", "resuming does not enroll again")
    }

    @Test func endOfInputInTheMiddleSavesAndExitsZero() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let status = try learner.status()
        #expect(status.currentStep == "quiz")
        #expect(status.completedSteps == 1)
        #expect(!status.finished)
        #expect(try learner.sql("select type from event order by seq desc limit 1") == "suspended")
    }

    @Test func unknownCommandSuggestsTheClosest() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "suivnat\nquitter\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("«\u{202F}suivnat\u{202F}»"))
        #expect(result.stdout.contains("«\u{202F}suivant\u{202F}»"))
        #expect(try learner.status().currentStep == "intro", "a typo does not move")
    }

    @Test func aCommandTypoOnAQuestionIsNamedNotTakenForAnAnswer() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "\nsuivnat\nquitter\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("«\u{202F}suivant\u{202F}»"))
        #expect(!result.stdout.contains("Je n'ai pas compris cette réponse"))
        #expect(try learner.status().currentStep == "quiz")
    }

    @Test func bareParcoursAsksForTheTimeAndOffersThePathsThatFit() throws {
        let learner = try Learner()
        let result = try learner.run([], input: "demain\n5min\n1h30\n1\nquitter\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Combien de temps avez-vous\u{202F}?"))
        #expect(result.stdout.contains("Je n’ai pas compris cette durée"), "«demain» is not a duration")
        #expect(result.stdout.contains("Aucun parcours ne tient dans ce temps"), "5 min is under the 10-min path")
        #expect(result.stdout.contains("1. Principal · 0:10"))
        #expect(try learner.status().currentStep == "intro")
    }

    @Test func outOfRangeChoiceAsksAgain() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "\n9\n\n2\n\nquitter\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("entre 1 et 2"))
        let status = try learner.status()
        #expect(status.currentStep == "fix", "9 was refused, 2 was taken")
        #expect(try learner.sql("select payload from event where type = 'answered'").contains("\"b\""))
        #expect(try learner.sql("select count(*) from event where type = 'answered'") == "1")
    }

    @Test func invalidUTF8DoesNotCrash() throws {
        let learner = try Learner()
        var bytes = Data("\n".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0xC3, 0x28, 0x0A, 0x80, 0x0A])
        bytes.append(contentsOf: Data("note caf".utf8) + Data([0xE9, 0x0A]) + Data("quitter\n".utf8))
        let result = try learner.run(["start", "main"], bytes: bytes)
        #expect(result.status == 0, "\(result.stderr)")
        let status = try learner.status()
        #expect(status.currentStep == "quiz")
        #expect(status.completedSteps == 1)
        #expect(try learner.sql("select count(*) from event where type = 'answered'") == "0")
        let journal = try learner.run(["journal"])
        #expect(journal.status == 0)
        #expect(journal.stdout.contains("note caf") || journal.stdout.contains("caf"))
    }

    @Test func aVeryLongLineDoesNotCrash() throws {
        let learner = try Learner()
        let long = String(repeating: "x", count: 200_000)
        let result = try learner.run(["start", "main"], input: "\n\(long)\n1\nquitter\n")
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        #expect(result.stdout.count < 100_000, "the long line is not echoed back whole")
        let status = try learner.status()
        #expect(status.currentStep == "quiz")
        #expect(try learner.sql("select count(*) from event where type = 'answered'") == "1")
    }

    @Test func skippingACoreStepAsksForAReason() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "passer\nje connais déjà\nquitter\n")
        #expect(result.status == 0, "\(result.stderr)")
        let status = try learner.status()
        #expect(status.waivedSteps == ["intro"])
        #expect(status.currentStep == "quiz")
        #expect(status.completedSteps == 0)
        let payload = try learner.sql("select payload from event where type = 'waived'")
        #expect(payload.contains("je connais déjà"))
        #expect(payload.contains("learner"))
    }

    @Test func declinedSkipKeepsTheStep() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "passer\nnon\nquitter\n")
        #expect(result.status == 0)
        let status = try learner.status()
        #expect(status.waivedSteps.isEmpty)
        #expect(status.currentStep == "intro")
    }

    @Test func skippingAnOptionalStepNeedsNoReason() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "\n2\n\npasser\nquitter\n")
        #expect(result.status == 0)
        let status = try learner.status()
        #expect(status.waivedSteps == ["fix"])
        #expect(status.currentStep == "end")
    }

    @Test func notesGoToTheJournal() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main"], input: "note hello\nquitter\n")
        #expect(result.status == 0)
        let journal = try learner.run(["journal"])
        #expect(journal.status == 0, "\(journal.stderr)")
        #expect(journal.stdout.contains("hello"))
        #expect(journal.stdout.contains("# Journal de ada"))
    }

    @Test func resetStartsAttemptTwoAndKeepsAttemptOne() throws {
        let learner = try Learner()
        _ = try learner.run(["start", "main"], input: "\n1\nquitter\n")
        let firstEvents = try learner.sql("select count(*) from event")
        let reset = try learner.run(["reset", "main", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(try learner.status().attempt == 2)
        #expect(try learner.status().currentStep == "intro")
        #expect(try learner.sql("select attempt from enrollment order by attempt") == "1\n2")
        #expect(
            try learner.sql(
                "select count(*) from event e join enrollment n on n.id = e.enrollment_id where n.attempt = 1")
                == firstEvents)
    }

    /// `reset` without a path asks about the latest one; with none started, it says so.
    @Test func resetWithoutAPathTakesTheLatestOne() throws {
        let learner = try Learner()
        let none = try learner.run(["reset"], input: "oui\n")
        #expect(none.status == 64)
        #expect(none.stderr.contains("«\u{202F}ada\u{202F}» n’a encore commencé aucun parcours"), "\(none.stderr)")
        #expect(!none.stderr.contains("Missing expected argument"))
        _ = try learner.run(["start", "main"], input: "\nquitter\n")
        let asked = try learner.run(["reset"], input: "non\n")
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stdout.contains("Principal"), "the confirmation names the path")
        #expect(try learner.status().attempt == 1, "'non' keeps the attempt")
        let done = try learner.run(["reset"], input: "oui\n")
        #expect(done.status == 0, "\(done.stderr)")
        #expect(try learner.status().attempt == 2)
    }

    /// `retour` within a grid asks the previous item again; out of the first item it goes
    /// back a step; a grid left half done is no "before" for the one rated in full later.
    @Test func backWithinAGridGoesToThePreviousItem() throws {
        let directory = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = ["--as", "ada", "--store", directory + "/p.sqlite", "--home", Binary.packageRoot, "--lang", "fr"]
        let lines = ["", "3", "3", "retour", "2", "retour", "retour", "retour", ""] + Array(repeating: "1", count: 11)
        let result = try Binary.run(
            ["start", "alliances-2h"] + options, input: (lines + ["quitter"]).joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        // Items asked, in order: 1, 2, 3; `retour` asks 2 again, rated; `retour` from 3 asks 2,
        // then 1; one more leaves the grid; its new visit starts at 1 and runs to 11.
        let asked = out.components(separatedBy: "\n").compactMap { line -> Int? in
            guard let slash = line.firstIndex(of: "/"),
                line.dropFirst(line.distance(from: line.startIndex, to: slash)).hasPrefix("/11 ")
            else { return nil }
            return Int(line[..<slash])
        }
        #expect(asked == [1, 2, 3, 2, 3, 2, 1] + Array(1...11), "\(asked)")
        #expect(out.components(separatedBy: "Bienvenue dans Alliances").count == 3, "the last retour left the grid")
        // The grid rated in full once: one chart, no "avant" from the abandoned ratings.
        #expect(out.contains(" 1,0/4"))
        #expect(!out.contains("avant"), "a half-done grid is not a before")
    }

    /// The language an attempt was started in is remembered: `resume`, bare `parcours` and
    /// `status` speak it without `--lang`; `--lang` still wins.
    @Test func theLanguageOfTheAttemptIsRemembered() throws {
        let learner = try Learner()
        _ = try learner.run(["start", "main", "--lang", "en"], input: "quitter\n")
        let resumed = try learner.run(["resume"], input: "quitter\n")
        #expect(resumed.stdout.contains("Welcome back, ada!"), "\(resumed.stdout)")
        let home = try learner.run([], input: "quitter\n")
        #expect(home.stdout.contains("Welcome back"), "\(home.stdout)")
        #expect(try learner.run(["status"]).stdout.contains("step 1 of 4"))
        let french = try learner.run(["resume", "--lang", "fr"], input: "quitter\n")
        #expect(french.stdout.contains("Bon retour, ada\u{202F}!"))
    }

    /// `--lang` for a language the course does not have says so, and which ones it has.
    @Test func aLanguageTheCourseLacksIsSaid() throws {
        let learner = try Learner()
        let result = try learner.run(["start", "main", "--lang", "de"], input: "quitter\n")
        #expect(
            result.stdout.contains("Ce parcours n’existe pas en «\u{202F}de\u{202F}»\u{202F}: il continue en français.")
        )
        #expect(result.stdout.contains("Langues disponibles\u{202F}: en, fr."))
    }

    /// A learner who finished their path hears about it before choosing another.
    @Test func aFinishedLearnerIsToldAboutTheirPath() throws {
        let learner = try Learner()
        _ = try learner.run(["start", "main"], input: "\n1\n\n\n")
        #expect(try learner.status().finished)
        let home = try learner.run([], input: "quitter\n")
        #expect(home.stdout.contains("Vous avez terminé «\u{202F}Principal\u{202F}» le "), "\(home.stdout)")
        #expect(home.stdout.contains("parcours journal --as ada --store "))
        #expect(home.stdout.contains("Combien de temps avez-vous\u{202F}?"), "then the chooser")
    }

    @Test func garbageStoreIsRefusedAndLeftUntouched() throws {
        let learner = try Learner()
        var garbage = Data("this is not sqlite, ".utf8)
        var random = SystemRandomNumberGenerator()
        garbage.append(contentsOf: (0..<8_192).map { _ in UInt8.random(in: 0...255, using: &random) })
        #expect(FileManager.default.createFile(atPath: learner.store, contents: garbage))
        for arguments in [["start", "main"], ["status", "--json"], ["resume"], ["journal"]] {
            let result = try learner.run(arguments, input: "\n")
            #expect(result.status == 65, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(learner.store) || result.stderr.contains("progress.sqlite"))
            #expect(result.stderr.contains("--store"))
        }
        #expect(FileManager.default.contents(atPath: learner.store) == garbage)
    }

    @Test func storeInAReadOnlyPlaceIsRefusedWith73() throws {
        var learner = try Learner()
        let unwritable: String
        if getuid() == 0 {
            unwritable = "/proc/parcours-\(UUID().uuidString)/sub"  // not even root can create here
        } else {
            let locked = learner.directory + "/locked"
            try FileManager.default.createDirectory(
                atPath: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
            unwritable = locked + "/sub"
        }
        learner.store = unwritable + "/progress.sqlite"
        let result = try learner.run(["start", "main"], input: "\n")
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains(unwritable))
        #expect(!FileManager.default.fileExists(atPath: unwritable))
    }

    @Test(arguments: ["start", "resume", "status", "reset", "journal"])
    func helpWorksOnLearnerCommands(command: String) throws {
        let result = try Binary.run([command, "--help"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: parcours \(command)"))
        #expect(result.stdout.contains("--store"))
        #expect(result.stdout.contains("--as"))
    }
}
