import ParcoursLibrary
import ParcoursSync

extension SyncError: CommandFailure {}
