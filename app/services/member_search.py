"""What the search box's text means, as substrings of a member's search document.

The document (app/models/search.py) is ``|name|INITIALS|id|phone|cards…|account|``. A query,
normalised (full-width to ASCII, no spaces, ASCII upper case), is answered by:

- 4 or more digits (an ID's last character may be X): those digits anywhere in an ID number,
  phone, card or account number. Fewer digits match too much to help: no filter, and the
  window asks for more.
- two or more Latin letters: pinyin initials from the start (zw → 张伟, 张文, 周伟 …); one letter
  asks for more. Letters and digits together (a card number): anywhere, as below.
- other text (a name): one character — names starting with it; two — names starting or ending
  with them (张伟, or the given name 建国 of 王建国); three or more — anywhere.

Each rule is one or more *needles*: the member matches when the document contains any of them.
That test is the same SQL on both databases; an index only makes it fast (``indexed``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, literal_column, or_, text

from app.models import Member
from app.models.search import FTS_TABLE, document_sql
from app.rules.collation import ascii_upper, name_key

MIN_DIGITS = 4
_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalise_query(text: str) -> str:
    """Full-width digits and letters → ASCII, no spaces; ASCII letters upper case (x → X), as the
    document holds them, unless the text also has other characters (a name is matched as typed).

    ``|`` and ``"`` are dropped: they are the document's separator and the FTS quote.
    """
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    if folded.isascii():
        folded = ascii_upper(folded)
    return folded.replace("|", "").replace('"', "")


@dataclass(frozen=True)
class MemberQuery:
    text: str  # normalised
    needles: tuple[str, ...] = ()  # match when the document contains any
    too_short: bool = False  # typed, but not enough to search by: the window says so

    @property
    def active(self) -> bool:
        return bool(self.needles)


def parse(text: str) -> MemberQuery:
    q = normalise_query(text)
    if not q:
        return MemberQuery(q)
    chars = set(q)
    if chars <= _DIGITS or (chars - {"X"} <= _DIGITS and q.endswith("X") and q.count("X") == 1):
        return MemberQuery(q, too_short=True) if len(q) < MIN_DIGITS else MemberQuery(q, (q,))
    if chars <= _LETTERS:
        return MemberQuery(q, too_short=True) if len(q) < 2 else MemberQuery(q, ("|" + q,))
    if len(q) == 1:
        return MemberQuery(q, ("|" + q,))
    if len(q) == 2:
        return MemberQuery(q, ("|" + q, q + "|"))
    return MemberQuery(q, (q,))


def _contains(dialect: str, doc: ColumnElement[str], needle: str) -> ColumnElement[bool]:
    position = func.strpos(doc, needle) if dialect == "postgresql" else func.instr(doc, needle)
    return position > 0


def document(dialect: str) -> ColumnElement[str]:
    """The search document of ``members`` rows (the exact SQL its index is built on)."""
    # Qualified: a claims page joins members with units and family members, which have names too.
    return literal_column(document_sql(dialect, "members."))


def exact(query: MemberQuery, dialect: str) -> ColumnElement[bool]:
    """The member matches: a plain SQL test any plan may evaluate row by row."""
    doc = document(dialect)
    return or_(*(_contains(dialect, doc, n) for n in query.needles))


def _first_char_range(query: MemberQuery) -> ColumnElement[bool] | None:
    """One character of a name: the pinyin keys of names starting with it are one range of the
    name index (same reading, then \x01 or \x02), in the table's own name order."""
    if len(query.needles) != 1 or len(query.needles[0]) != 2 or query.needles[0][0] != "|":
        return None
    reading = name_key(query.needles[0][1:]).split("\x01", 1)[0]
    return and_(Member.name_key >= reading + "\x01", Member.name_key < reading + "\x03")


def narrowing(query: MemberQuery) -> list[ColumnElement[bool]]:
    """Conditions every match meets that an index answers in the table's order: a filter to add
    to the view (the search stays exact). A name's first character is one range of the name
    index, where most rows match: a page walks a few hundred rows instead of sorting thousands."""
    found = _first_char_range(query)
    return [found] if found is not None else []


def indexed(query: MemberQuery, dialect: str, has_index: bool) -> ColumnElement[bool]:
    """The same test in the form the database answers from its search index.

    SQLite: an FTS5 phrase per needle (exact for 3+ characters). PostgreSQL: LIKE on the
    document, which the trigram index serves and rechecks. A name's first character alone goes
    by ``narrowing`` and the exact test.
    """
    if not has_index or _first_char_range(query) is not None:
        return exact(query, dialect)
    if dialect == "postgresql":
        doc = document(dialect)
        return or_(*(doc.like("%" + _escape_like(n) + "%", escape="\\") for n in query.needles))
    phrase = " OR ".join(f'"{n}"' for n in query.needles)  # every needle has 3+ characters here
    return Member.id.in_(
        text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :phrase").bindparams(phrase=phrase)
    )


def _escape_like(needle: str) -> str:
    return needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
