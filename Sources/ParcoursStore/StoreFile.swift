import Foundation

/// What can be told about a store file before SQLite opens it, and what a failed creation
/// leaves behind.
///
/// SQLite takes a file too short to hold a header for an empty database and writes a new
/// one over it, and it only notices a truncated file when it reads a missing page. Both
/// would let parcours write into a file it should refuse, so the header is checked first.
enum StoreFile {
    /// The 16 bytes every SQLite database starts with.
    static let magic = Array("SQLite format 3\u{0}".utf8)

    /// The file's size, or nil when it does not exist.
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Refuses a non-empty file that is not a whole SQLite database: a foreign or damaged
    /// header, a size that is not a whole number of pages, or fewer pages than the header
    /// counts (a truncated copy). An empty file passes: it may become a store.
    static func checkHeader(_ path: String) throws(StoreError) {
        guard let size = size(path), size > 0 else { return }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "cannot read the file")
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count == 100, Array(header[0..<16]) == magic else { throw .corrupt(path: path) }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0, size % pageSize == 0 else {
            throw .corrupt(path: path)
        }
        let changeCounter = bigEndian(header, at: 24)
        let pageCount = bigEndian(header, at: 28)
        let validFor = bigEndian(header, at: 92)
        // The page count is only meaningful when written by the same change as the counter,
        // and only says how long the file must be when no write-ahead log holds newer pages:
        // the file itself grows only when the log is checkpointed into it.
        let logged = (Self.size(path + "-wal") ?? 0) > 0
        if !logged && changeCounter == validFor && pageCount > 0 && pageCount * pageSize > size {
            throw .corrupt(path: path)
        }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    /// Whether a read-only open must not create the `-wal` and `-shm` side files: the
    /// folder cannot take them, or the store itself is read-only (side files made now would
    /// stay read-only too, and block writing once the store is made writable again). With no
    /// write-ahead log to read, SQLite can then open the file as immutable.
    static func readsWithoutSideFiles(_ path: String) -> Bool {
        let wal = size(path + "-wal") ?? 0
        guard wal == 0 else { return false }
        if !folderIsWritable(path) { return true }
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & 0o222 == 0
    }

    /// Whether this process may create files in the folder that holds `path`.
    static func folderIsWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// The SQLite URI that opens `path` as immutable (no locks, no side files).
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + escaped + "?immutable=1"
    }

    /// After a store could not be created (full disk, I/O error), removes what is left when
    /// it holds nothing: an empty file and empty side files. A file with any byte in it is
    /// never touched.
    static func removeIfEmpty(_ path: String) {
        // A new store's first commits may sit in its write-ahead log while the file itself
        // is still empty: then there is something to keep.
        guard size(path) == 0, (size(path + "-wal") ?? 0) == 0, (size(path + "-journal") ?? 0) == 0 else {
            return
        }
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}
