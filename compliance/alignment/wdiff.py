"""Word-level diffs people can read: `kept [-removed-] {+added+} kept`."""

from __future__ import annotations

import difflib

from ..reading.textfold import joined, words

CONTEXT_WORDS = 4


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> str:
    """The changes from `old` to `new`, word by word, long unchanged stretches elided."""
    old_words, new_words = words(old), words(new)
    old_tokens = [old[s:e] for s, e in zip(old_words.starts, old_words.ends)]
    new_tokens = [new[s:e] for s, e in zip(new_words.starts, new_words.ends)]
    matcher = difflib.SequenceMatcher(None, old_words.norms, new_words.norms, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[str] = []
    for index, (op, a0, a1, b0, b1) in enumerate(opcodes):
        if op == "equal":
            parts.append(_elide(new_tokens[b0:b1], context, first=index == 0, last=index == len(opcodes) - 1))
            continue
        if a1 > a0:
            parts.append("[-" + joined(old_tokens[a0:a1]) + "-]")
        if b1 > b0:
            parts.append("{+" + joined(new_tokens[b0:b1]) + "+}")
    return " ".join(part for part in parts if part)


def _elide(tokens: list[str], context: int, first: bool, last: bool) -> str:
    keep_head = 0 if first else context
    keep_tail = 0 if last else context
    if len(tokens) <= keep_head + keep_tail + 1:
        return joined(tokens)
    head = joined(tokens[:keep_head])
    tail = joined(tokens[len(tokens) - keep_tail :]) if keep_tail else ""
    return " ".join(part for part in (head, "…", tail) if part)
