import Foundation

/// Name-based UUIDs (RFC 9562, version 5): the same name in the same namespace always
/// gives the same UUID.
///
/// xAPI statement ids are built this way, so exporting the same events twice gives the same
/// ids, and a learning record store that already holds a statement does not store it again.
///
/// ```swift
/// UUIDv5.make(namespace: UUIDv5.dns, name: "python.org")
/// // 886313e1-3b8a-5372-9b90-0c9aee199e5d
/// ```
public enum UUIDv5 {
    /// The DNS namespace of RFC 9562, appendix A.
    public static let dns = UUID(
        uuid: (0x6B, 0xA7, 0xB8, 0x10, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))
    /// The URL namespace of RFC 9562, appendix A.
    public static let url = UUID(
        uuid: (0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))

    /// The version 5 UUID of `name` (as UTF-8) in `namespace`.
    public static func make(namespace: UUID, name: String) -> UUID {
        let space = namespace.uuid
        let spaceBytes: [UInt8] = [
            space.0, space.1, space.2, space.3, space.4, space.5, space.6, space.7,
            space.8, space.9, space.10, space.11, space.12, space.13, space.14, space.15,
        ]
        var b = SHA1.hash(spaceBytes + Array(name.utf8))
        b[6] = (b[6] & 0x0F) | 0x50
        b[8] = (b[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
            ))
    }
}
