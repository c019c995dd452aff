"""Platform-wide assurance: API fuzzing, the permission matrix, faults (issue 9)."""
