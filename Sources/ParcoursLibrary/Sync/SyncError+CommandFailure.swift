extension SyncError: CommandFailure {}
