import Foundation

/// The rules cmi5 adds to the statements it defines (cmi5 9.3, 9.5, 9.6, 9.7).
extension XAPIRules.Checker {
    /// The rules cmi5 sets on the results of the statements it defines (cmi5 9.5), on
    /// every statement with one of its verbs, and its waiver and mastery extensions.
    mutating func cmi5(verb: String, statement: [String: XAPIRules.JSON], result: [String: XAPIRules.JSON]?) {
        let result = result ?? [:]
        let success: Bool? = if case .bool(let value) = result["success"] { value } else { nil }
        let completion: Bool? = if case .bool(let value) = result["completion"] { value } else { nil }
        let cmi5Verbs: Set<String> = [
            XAPIRules.CMI5Verb.initialized, XAPIRules.CMI5Verb.completed, XAPIRules.CMI5Verb.passed,
            XAPIRules.CMI5Verb.failed, XAPIRules.CMI5Verb.abandoned,
            XAPIRules.CMI5Verb.waived, XAPIRules.CMI5Verb.terminated, XAPIRules.CMI5Verb.satisfied,
        ]
        guard cmi5Verbs.contains(verb) else { return }
        // 9.5.1: only passed and failed carry a score.
        if result["score"] != nil, verb != XAPIRules.CMI5Verb.passed, verb != XAPIRules.CMI5Verb.failed {
            fail("result.score", "cmi5 9.5.1", "only passed and failed carry a score")
        }
        // 9.5.2: success true on passed and waived, false on failed, absent elsewhere.
        switch verb {
        case XAPIRules.CMI5Verb.passed, XAPIRules.CMI5Verb.waived:
            if success != true { fail("result.success", "cmi5 9.5.2", "must be true") }
        case XAPIRules.CMI5Verb.failed:
            if success != false { fail("result.success", "cmi5 9.5.2", "must be false") }
        default:
            if result["success"] != nil { fail("result.success", "cmi5 9.5.2", "must be absent") }
        }
        // 9.5.3: completion true on completed and waived, absent elsewhere.
        switch verb {
        case XAPIRules.CMI5Verb.completed, XAPIRules.CMI5Verb.waived:
            if completion != true { fail("result.completion", "cmi5 9.5.3", "must be true") }
        default:
            if result["completion"] != nil { fail("result.completion", "cmi5 9.5.3", "must be absent") }
        }
        // 9.5.4: terminated, completed, passed, failed (9.5.4.1) and abandoned (9.5.4.2)
        // carry a duration.
        let timed: Set<String> = [
            XAPIRules.CMI5Verb.terminated, XAPIRules.CMI5Verb.completed, XAPIRules.CMI5Verb.passed,
            XAPIRules.CMI5Verb.failed, XAPIRules.CMI5Verb.abandoned,
        ]
        if timed.contains(verb), result["duration"] == nil {
            fail("result.duration", "cmi5 9.5.4", "required on this verb")
        }
        // 9.5.1: a cmi5 score's scaled is 0...1, and raw, min and max are integers.
        if let score = result["score"]?.object {
            if let scaled = score["scaled"]?.number, !(0...1).contains(scaled) {
                fail("result.score.scaled", "cmi5 9.5.1", "scaled \(scaled) is outside 0...1")
            }
            for key in ["raw", "min", "max"] {
                if let number = score[key]?.number, number != number.rounded() {
                    fail("result.score.\(key)", "cmi5 9.5.1", "\(key) \(number) is not an integer")
                }
            }
        }
        // 9.5.5.2: waived carries its reason.
        if verb == XAPIRules.CMI5Verb.waived {
            let reason = result["extensions"]?.object?["https://w3id.org/xapi/cmi5/result/extensions/reason"]
            if reason?.string?.isEmpty != false {
                fail("result.extensions", "cmi5 9.5.5.2", "waived needs the reason extension")
            }
        }
        // 9.6.3.2: a mastery score, when given, is a decimal 0...1 and judges the score:
        // passed at or above it (9.3.4), failed under it (9.3.5).
        let context = statement["context"]?.object
        if let mastery = context?["extensions"]?.object?[
            "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"]
        {
            if let value = mastery.number, (0...1).contains(value) {
                if let scaled = result["score"]?.object?["scaled"]?.number {
                    if verb == XAPIRules.CMI5Verb.passed, scaled < value {
                        fail("result.score.scaled", "cmi5 9.3.4", "passed under the mastery score \(value)")
                    }
                    if verb == XAPIRules.CMI5Verb.failed, scaled >= value {
                        fail("result.score.scaled", "cmi5 9.3.5", "failed at or above the mastery score \(value)")
                    }
                }
            } else {
                fail("context.extensions", "cmi5 9.6.3.2", "masteryscore must be a decimal from 0 to 1")
            }
        }
        // 9.3.9: satisfied is about a block or a course, typed so.
        if verb == XAPIRules.CMI5Verb.satisfied {
            let type = statement["object"]?.object?["definition"]?.object?["type"]?.string
            if type != "https://w3id.org/xapi/cmi5/activitytype/block"
                && type != "https://w3id.org/xapi/cmi5/activitytype/course"
            {
                fail("object.definition.type", "cmi5 9.3.9", "satisfied is about a cmi5 block or course")
            }
        }
    }
}
