"""The version, in one place: the package, the User-Agent and `--version` read it."""

VERSION = "0.1.0"
