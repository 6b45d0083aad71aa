import FuzzDriver
import ParcoursCore

// A course graph as `parcours lint` and `start` read it: decoded (any bytes: not UTF-8 is a
// diagnostic), linted with every rule, and built into a runnable course when lint allows.
fuzz { bytes in
    let (graph, _) = SourceText.decoding(bytes, path: "Paths/fuzz.yml")
    _ = Linter.report(CourseSource(graph: graph, locales: []))
    if let course = try? CourseLoader.load(graph: graph) {
        for path in course.paths {
            _ = Navigator(course: course, path: path).requiredSteps(LearnerProgress())
        }
    }
}
