import Foundation
import ParcoursCore

/// Where each event's payload lies in a bundle's bytes, so that `EventPayloadCodec` reads it
/// there, as it reads a payload from the store.
///
/// `JSONDecoder` reads the rest of the bundle (its messages name the key at fault) and hands
/// each event's `payload` to `BundleFile.Payload`, which finds the bytes here by the
/// decoder's coding path. Scanning the file first also checks all of it against JSON's
/// grammar with `JSONScanner`, which is stricter than the decoder (see there). Of a repeated
/// key (`enrollments`, `events`, `payload`), the first is taken, as the decoder takes it.
struct BundlePayloads: Sendable {
    /// The key under which `BundleCodec` hands this to the decoder.
    static let userInfoKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "parcours.bundlePayloads") else {
            preconditionFailure("CodingUserInfoKey takes any text")
        }
        return key
    }()

    let data: Data
    /// By enrollment, then by event: the payload's bytes in `data`, when the event is an
    /// object with a `payload`.
    private(set) var ranges: [[Range<Int>?]] = []

    /// Scans `data`, a whole bundle; refuses it when it is not JSON.
    init(scanning data: Data) throws(JSONScanner.Failure) {
        self.data = data
        var ranges: [[Range<Int>?]] = []
        let scanned = data.withUnsafeBytes { raw in
            Result { () throws(JSONScanner.Failure) in
                var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self))
                // A byte order mark, as an editor may write one (the decoder takes it too).
                if raw.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
                try Self.object(&scanner, key: "enrollments") { scanner throws(JSONScanner.Failure) in
                    try Self.array(&scanner) { scanner throws(JSONScanner.Failure) in
                        var events: [Range<Int>?] = []
                        try Self.object(&scanner, key: "events") { scanner throws(JSONScanner.Failure) in
                            try Self.array(&scanner) { scanner throws(JSONScanner.Failure) in
                                var payload: Range<Int>?
                                try Self.object(&scanner, key: "payload") { scanner throws(JSONScanner.Failure) in
                                    let start = scanner.index
                                    try scanner.skipValue()
                                    payload = start..<scanner.index
                                }
                                events.append(payload)
                            }
                        }
                        ranges.append(events)
                    }
                }
                try scanner.finish()
            }
        }
        try scanned.get()
        self.ranges = ranges
    }

    /// The object here, its first member named `key` read by `member` and the others
    /// skipped; any other value, skipped.
    private static func object(
        _ scanner: inout JSONScanner, key: String, _ member: (inout JSONScanner) throws(JSONScanner.Failure) -> Void
    ) throws(JSONScanner.Failure) {
        guard scanner.peek() == UInt8(ascii: "{") else { return try scanner.skipValue() }
        scanner.index += 1
        var found = false
        try scanner.members { scanner, name throws(JSONScanner.Failure) in
            if !found, name == key {
                found = true
                try member(&scanner)
            } else {
                try scanner.skipValue()
            }
        }
    }

    /// The array here, each item read by `item`; any other value, skipped.
    private static func array(
        _ scanner: inout JSONScanner, _ item: (inout JSONScanner) throws(JSONScanner.Failure) -> Void
    ) throws(JSONScanner.Failure) {
        guard scanner.peek() == UInt8(ascii: "[") else { return try scanner.skipValue() }
        scanner.index += 1
        try scanner.elements(closing: UInt8(ascii: "]"), item)
    }

    /// The payload of the event at `codingPath` (…`enrollments[i]`…`events[j]`…`payload`),
    /// read by `EventPayloadCodec`. Its failures become the errors `JSONDecoder` gave for
    /// the same faults, so a bundle is refused with the words it always was.
    func payload(at codingPath: [any CodingKey]) throws -> EventPayload {
        let indices = codingPath.compactMap(\.intValue)
        guard indices.count == 2, ranges.indices.contains(indices[0]),
            ranges[indices[0]].indices.contains(indices[1]), let range = ranges[indices[0]][indices[1]]
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "no payload was found at this place in the file"))
        }
        let decoded = data.withUnsafeBytes { raw in
            Result { () throws(JSONScanner.Failure) in
                try EventPayloadCodec.decode(
                    bytes: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range]))
            }
        }
        do throws(JSONScanner.Failure) {
            return try decoded.get()
        } catch {
            let path = codingPath + error.path.map(PathKey.init)
            switch error.reason {
            case .wrongType:
                throw DecodingError.typeMismatch(
                    EventPayload.self, .init(codingPath: path, debugDescription: error.description))
            case .unknownValue(let value):
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: path,
                        debugDescription: "Cannot initialize WaiverReason from invalid String value \(value)"))
            case .notAnInteger, .syntax:
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [], debugDescription: "The given data was not valid JSON."))
            }
        }
    }

    /// A step of a failure's path, as a coding key.
    private struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?

        init(_ component: JSONScanner.Failure.Component) {
            switch component {
            case .key(let key): (stringValue, intValue) = (key, nil)
            case .index(let index): (stringValue, intValue) = ("\(index)", index)
            }
        }

        init?(stringValue: String) { (self.stringValue, intValue) = (stringValue, nil) }

        init?(intValue: Int) { (stringValue, self.intValue) = ("\(intValue)", intValue) }
    }
}
