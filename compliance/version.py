"""The version, in one place: the package, the User-Agent and `--version` read it."""

VERSION = "0.1.0"
DOCUMENTATION = "https://github.com/compliance/compliance/blob/main/"  # where rule help links point (SARIF helpUri)
