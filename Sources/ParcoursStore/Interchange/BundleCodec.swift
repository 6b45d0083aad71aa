import Foundation
import ParcoursCore

/// Reads and writes bundle files: the JSON file model, kept apart from `ProgressBundle`.
///
/// Reading is careful, in this order: the size (before a byte is parsed), the `format`
/// and `formatVersion` keys (before the rest of the shape is trusted), JSON's grammar over
/// the whole file (`BundlePayloads`), then every field; each event's payload by
/// `EventPayloadCodec`, as the store reads it.
/// A bundle that passes `decode` is internally consistent: each log runs from seq 1 with
/// no gap, starts with `started`, and agrees with its enrollment.
public enum BundleCodec {
    /// The bundle as pretty-printed JSON with sorted keys, ending with a newline.
    public static func encode(_ bundle: ProgressBundle) throws -> Data {
        let file = BundleFile(bundle)
        var data = try JSONEscaping.encode(file)
        data.append(0x0A)
        // One limit for both ends: a bundle `import` would refuse is never written.
        guard data.count <= BundleFormat.maximumBytes else {
            throw BundleError.tooLargeToExport(bytes: data.count, limit: BundleFormat.maximumBytes)
        }
        return data
    }

    /// Reads a bundle, or says precisely why it cannot.
    public static func decode(_ data: Data) throws(BundleError) -> ProgressBundle {
        guard data.count <= BundleFormat.maximumBytes else {
            throw .tooLarge(bytes: data.count, limit: BundleFormat.maximumBytes)
        }
        let decoder = JSONDecoder()
        let header: BundleHeader
        do {
            header = try decoder.decode(BundleHeader.self, from: data)
        } catch {
            throw .notABundle(reason: describe(error))
        }
        guard header.format == BundleFormat.name else {
            throw .notABundle(
                reason: "its \"format\" is \(header.format.map { "\"\($0)\"" } ?? "missing")")
        }
        guard let version = header.formatVersion else {
            throw .notABundle(reason: "it has no \"formatVersion\"")
        }
        guard (BundleFormat.minimumCompatibleVersion...BundleFormat.currentVersion).contains(version)
        else {
            throw .unsupportedVersion(
                found: version, minimum: BundleFormat.minimumCompatibleVersion,
                current: BundleFormat.currentVersion)
        }
        // Each event's payload is read by `EventPayloadCodec`, where it lies in the file.
        do {
            decoder.userInfo[BundlePayloads.userInfoKey] = try BundlePayloads(scanning: data)
        } catch {
            throw .malformed(reason: "not valid JSON")
        }
        let file: BundleFile
        do {
            file = try decoder.decode(BundleFile.self, from: data)
        } catch {
            throw .malformed(reason: describe(error))
        }
        return try file.bundle()
    }

    /// A decoding error as a short phrase naming the key at fault.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in
                key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)"
            }.joined()
            return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "the key \"\(key.stringValue)\" is missing\(parent)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The two keys read before anything else.
private struct BundleHeader: Decodable {
    var format: String?
    var formatVersion: Int?
}

/// The bundle exactly as it is written in the file.
private struct BundleFile: Codable {
    var format: String
    var formatVersion: Int
    var exportedAt: String
    var participant: ParticipantFile
    var enrollments: [EnrollmentFile]

    struct ParticipantFile: Codable {
        var name: String
        var createdAt: String
    }

    struct EnrollmentFile: Codable {
        var courseID: String
        var pathID: String
        var courseVersion: String
        var cohort: String?
        var attempt: Int
        var startedAt: String
        var finishedAt: String?
        var events: [EventFile]
    }

    struct EventFile: Codable {
        var seq: Int
        var type: String
        var stepID: String?
        var at: String
        var activeMs: Int
        var payload: Payload
    }

    /// An event's payload, written and read by `EventPayloadCodec`, as the store's.
    struct Payload: Codable {
        var payload: EventPayload

        init(_ payload: EventPayload) {
            self.payload = payload
        }

        func encode(to encoder: any Encoder) throws {
            try EventPayloadCodec.encode(payload, to: encoder)
        }

        init(from decoder: any Decoder) throws {
            guard let payloads = decoder.userInfo[BundlePayloads.userInfoKey] as? BundlePayloads else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "the bundle was not scanned"))
            }
            payload = try payloads.payload(at: decoder.codingPath)
        }
    }

    init(_ bundle: ProgressBundle) {
        format = BundleFormat.name
        formatVersion = BundleFormat.currentVersion
        exportedAt = RFC3339.string(bundle.exportedAt, precision: .milliseconds)
        participant = ParticipantFile(
            name: bundle.participant.name,
            createdAt: RFC3339.string(bundle.participant.createdAt, precision: .milliseconds))
        enrollments = bundle.enrollments.map { enrollment in
            EnrollmentFile(
                courseID: enrollment.courseID, pathID: enrollment.pathID,
                courseVersion: enrollment.courseVersion, cohort: enrollment.cohort,
                attempt: enrollment.attempt, startedAt: RFC3339.string(enrollment.startedAt, precision: .milliseconds),
                finishedAt: enrollment.finishedAt.map { RFC3339.string($0, precision: .milliseconds) },
                events: enrollment.events.map { event in
                    EventFile(
                        seq: event.seq, type: event.type.rawValue, stepID: event.stepID,
                        at: RFC3339.string(event.at, precision: .milliseconds), activeMs: event.activeMilliseconds,
                        payload: Payload(event.payload))
                })
        }
    }

    /// The runtime bundle, after every check that needs no store.
    func bundle() throws(BundleError) -> ProgressBundle {
        func date(_ text: String, _ field: String) throws(BundleError) -> Date {
            guard let milliseconds = RFC3339.parse(text) else {
                throw .malformed(reason: "\(field) \"\(text)\" is not an RFC 3339 time")
            }
            return Date(storeMilliseconds: milliseconds)
        }
        guard !participant.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .malformed(reason: "the participant has no name")
        }
        var result: [BundleEnrollment] = []
        var identities = Set<String>()
        for (index, file) in enrollments.enumerated() {
            let label = "enrollment \(index + 1) (\(file.pathID), attempt \(file.attempt))"
            guard !file.courseID.isEmpty, !file.pathID.isEmpty else {
                throw .malformed(reason: "\(label) has no course or path")
            }
            guard file.attempt >= 1 else {
                throw .malformed(reason: "\(label) has attempt \(file.attempt); attempts start at 1")
            }
            guard identities.insert("\(file.pathID)\u{1F}\(file.attempt)").inserted else {
                throw .malformed(reason: "\(label) appears twice")
            }
            var events: [Event] = []
            for (offset, event) in file.events.enumerated() {
                guard event.seq == offset + 1 else {
                    throw .malformed(
                        reason: "\(label): event \(offset + 1) has seq \(event.seq); a log runs 1, 2, 3…")
                }
                guard let type = EventType(rawValue: event.type) else {
                    throw .malformed(reason: "\(label): event \(event.seq) has the unknown type \"\(event.type)\"")
                }
                guard event.activeMs >= 0 else {
                    throw .malformed(reason: "\(label): event \(event.seq) has negative active time")
                }
                guard (type == .started) == (event.seq == 1) else {
                    throw .malformed(reason: "\(label): only event 1 is a started event")
                }
                events.append(
                    Event(
                        seq: event.seq, type: type, stepID: event.stepID, payload: event.payload.payload,
                        at: try date(event.at, "\(label): event \(event.seq) time"),
                        activeMilliseconds: event.activeMs))
            }
            guard let started = events.first else {
                throw .malformed(reason: "\(label) has no events")
            }
            let payload = started.payload
            guard payload.courseID ?? file.courseID == file.courseID,
                payload.pathID ?? file.pathID == file.pathID,
                payload.attempt ?? file.attempt == file.attempt
            else {
                throw .malformed(reason: "\(label): its started event names another course, path or attempt")
            }
            result.append(
                BundleEnrollment(
                    courseID: file.courseID, pathID: file.pathID, courseVersion: file.courseVersion,
                    cohort: file.cohort, attempt: file.attempt,
                    startedAt: try date(file.startedAt, "\(label): startedAt"),
                    finishedAt: try file.finishedAt.map { text throws(BundleError) in
                        try date(text, "\(label): finishedAt")
                    },
                    events: events))
        }
        return ProgressBundle(
            exportedAt: try date(exportedAt, "exportedAt"),
            participant: BundleParticipant(
                name: participant.name, createdAt: try date(participant.createdAt, "participant.createdAt")),
            enrollments: result)
    }
}
