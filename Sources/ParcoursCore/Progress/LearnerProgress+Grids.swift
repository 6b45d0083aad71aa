extension LearnerProgress {
    /// Whether `entry` rates every item of its step: a grid left half done (the learner went
    /// back, or left) is not a measure to compare with.
    public func isComplete(_ entry: Rating, in course: Course) -> Bool {
        guard let step = course.steps[entry.step], !step.items.isEmpty else { return false }
        return step.items.allSatisfy { entry.ratings[$0.id] != nil }
    }

    /// The grids the learner rated in full, in the order they were rated: the first of them
    /// is the "before" of a self-assessment.
    public func completedGrids(in course: Course) -> [Rating] {
        ratingsByStep.filter { isComplete($0, in: course) }
    }
}
