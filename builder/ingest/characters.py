"""Characters as a reader sees them: invisible ones taken out, an icon font's glyphs dropped, and a character's
UTF-8 bytes that were read one by one (mojibake) read again as the one character they are.

Pages carry characters that their readers never see or see as something else:
- format characters inside words ("H\\ufeffow to Apply", a zero-width space opening a paragraph, a soft hyphen),
  which split the word for search, target mentions and annotators' selections;
- an icon font's glyphs, which live in Unicode's Private Use Area and mean nothing outside that font: a row of
  share buttons ("\\uf09a \\uf232 \\uf142") is a line of them;
- mojibake written into the page by its own site, which charset detection cannot undo as the page is valid
  UTF-8: "â\\xad\\x90" for "⭐", "â€™" for "’", "Ã©" for "é".

Control characters go too (C0 and C1; a terminal's colour codes whole), and so do the bidirectional embeddings,
overrides and isolates, which reorder the characters an annotator sees from those the text holds ("Trojan Source").

Zero-width joiners and non-joiners stay inside words: Persian, Indic scripts and emoji sequences need them.
"""

from __future__ import annotations

import re

INVISIBLE = "\u00ad\u200b\u2060\ufeff"
"""Soft hyphen, zero-width space, word joiner and zero-width no-break space (a byte order mark inside text)."""
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff"
_WINDOWS_1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
"""What Windows-1252 reads bytes 0x80 to 0x9F as (where it reads them at all; the rest stay C1 controls)."""
_CONTINUATION = f"[\x80-\xbf{_WINDOWS_1252_HIGH}]"
MOJIBAKE = re.compile(
    f"[\u00c2\u00c3]{_CONTINUATION}|(?:[\u00c4-\u00df]{_CONTINUATION}){{2,}}"
    f"|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)
"""A UTF-8 character's bytes read one byte a character in Latin-1 or Windows-1252: two led by C2 or C3 (the
Latin-1 supplement: "Â®" for "®", "Ã©" for "é"), three led by E0 to EF ("â€™" for "’", "â\\xad\\x90" for "⭐",
"ï¸\\x8f" for an emoji's variation selector), four led by F0 to F4 ("ðŸ˜€" for "😀"). Other two-byte characters
(Cyrillic, Greek: "ÐŸÑ€Ð¸") only two or more in a row: one alone may be a letter before a sign, as "É" before a
no-break space is in French."""
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""The bidirectional embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI): they make
a span display in another order than it is stored, which plain text never needs, and which hides what an
annotator selects. The marks (LRM, RLM, ALM) stay: a lone one only sets the direction of the neutral characters
beside it, as RTL text with numbers and Latin names needs, and reorders nothing else."""
_UNSEEN = re.compile(f"[{INVISIBLE}{_PRIVATE_USE}{_BIDI_CONTROLS}]+|(?<!\\S)[\u200c\u200d]+|[\u200c\u200d]+(?!\\S)")
"""Invisible characters, private-use glyphs and bidirectional controls, and joiners at a word's edge, which join
nothing (a paragraph of a lone zero-width joiner)."""
SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
"""No-break, fixed-width and ideographic spaces: a reader sees a space, and so should a search, a tokenizer and an
annotator's selection (a title "Low light tolerant\u00a0houseplants" is "Low light tolerant houseplants")."""
_C1_CONTROLS = "\x80-\x9f"
"""C1 control characters: no reader sees one (U+0085, "next line", in a title), but they are mojibake's bytes
("â\\x80\\x9c" for "“"), so they are taken out only once it is read again."""
_AS_SPACE = re.compile(f"[{SPACES}{_C1_CONTROLS}]")
"""What reads as a space: SPACES, and C1 controls as C0 ones do (`_CONTROL`)."""
_SUSPECT = re.compile(f"[{INVISIBLE}{_PRIVATE_USE}{SPACES}{_C1_CONTROLS}{_BIDI_CONTROLS}\u00c2-\u00f4\u200c\u200d]")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 control characters but tab and line breaks, and DEL: a scraper's JSON can carry them ("\\u0000"), and no
reader sees one."""
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
"""An ANSI (ECMA-48) control sequence: ESC, "[", parameter bytes, intermediate bytes and a final letter, as a
terminal's colours are written ("\\x1b[31mcouncil\\x1b[0m"). The terminal showed none of it, so all of it goes,
and the word it coloured stays whole, rather than ESC alone reading as a space before a visible "[31m"."""


def _as_bytes(run: str) -> bytes:
    return bytes(ord(char) if ord(char) < 0x100 else char.encode("cp1252")[0] for char in run)


_QUOTE_MARKS = "\"'“”‘’«»"


def _mended(match: re.Match[str]) -> str:
    """The run read as UTF-8; as it is when it is quoted on its own, as a text about mojibake quotes it ("I saw
    "Ã¤" instead of "ä""), or when its bytes are no UTF-8."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1 : start] if start else "", text[end : end + 1]
    if before and after and before in _QUOTE_MARKS and after in _QUOTE_MARKS:
        return match.group()
    try:
        return _as_bytes(match.group()).decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


MOJIBAKE_ROUNDS = 3
"""How many times mojibake is read again: text mis-decoded twice ("Ã¢â‚¬â„¢" for "’") takes two rounds."""


def visible(text: str) -> str:
    """The text without control characters (each read as a space, as a stray NUL in a page is; a terminal's escape
    sequence as nothing), invisible format characters, bidirectional controls and private-use glyphs, with its
    other spaces as plain ones (SPACES), its mojibake read again (until no round changes it, at most
    MOJIBAKE_ROUNDS). Text with none of these is returned as it is after two scans (controls, then the rest)."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", _TERMINAL_ESCAPE.sub("", text))
    if text.isascii() or not _SUSPECT.search(text):
        return text
    # Mojibake first: a soft hyphen (0xAD) is one of its bytes ("â\xad\x90" for "⭐"), not an invisible character.
    for _ in range(MOJIBAKE_ROUNDS):
        mended = MOJIBAKE.sub(_mended, text)
        if mended == text:
            break
        text = mended
    # Spaces and C1 controls last: a no-break space is a byte of mojibake ("Â\u00a0" for a no-break space read as
    # Latin-1), and so is a C1 control.
    return _AS_SPACE.sub(" ", _UNSEEN.sub("", text))
