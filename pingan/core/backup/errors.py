class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do. The commands
    turn it into a CommandError (exit status 1), having changed nothing."""
