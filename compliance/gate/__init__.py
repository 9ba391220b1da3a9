"""The CI gate: a project's config, suppressions and a baseline, around `compliance check`.

`config.py` reads `compliance.toml` (or `[tool.compliance]`): which pages, which
terms, where each page's source is. `suppressions.py` honours
`<!-- compliance: ignore[RULE] reason -->` comments and the config's `ignore`
entries, and reports those that suppress nothing. `baseline.py` records today's
failures so a site adopts the gate without fixing every old page first.
"""
