"""Comparing a page with its source: the source's article located in its page, the texts aligned,
and what rules see of both (`Context`); the layer every check reads, below the checks themselves."""
