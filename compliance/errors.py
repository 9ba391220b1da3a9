"""The one error users see: a one-line message naming the file, line or URL."""


class ComplianceError(Exception):
    """Bad input (unreadable page, invalid policy, malformed variable): exit code 2."""
