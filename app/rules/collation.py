"""Chinese (pinyin) order for names: a plain string key, computed once when a name is written.

Each character maps to its first pinyin reading as ASCII letters plus a tone digit, joined by
\\x02 (below every letter, so 李 li3 sorts before 梁 liang2) and ended by \\x01, so a shorter
name sorts first; ties break on the name itself. No NUL: PostgreSQL text cannot hold it, and the
column uses the "C" collation there so the database orders keys byte by byte, as Python does.
Surnames with a special reading (单 Shàn, 曾 Zēng …) use it in the first position.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache
from pathlib import Path

_SURNAMES = {
    "单": "shan4",
    "曾": "zeng1",
    "解": "xie4",
    "仇": "qiu2",
    "朴": "piao2",
    "区": "ou1",
    "查": "zha1",
    "翟": "zhai2",
    "乐": "yue4",
    "尉": "yu4",
    "覃": "qin2",
    "盖": "ge3",
    "缪": "miao4",
    "万": "wan4",
    "沈": "shen3",
    "重": "chong2",
    "长": "chang2",
    "召": "shao4",
    "秘": "bi4",
    "繁": "po2",
}
_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@lru_cache(maxsize=1)
def _readings() -> dict[int, str]:
    """pypinyin's character table, loaded alone (30 ms): importing the package loads its phrase
    dictionaries too (~0.3 s), which the window's start cannot afford."""
    spec = importlib.util.find_spec("pypinyin")
    origin = Path(spec.origin).with_name("pinyin_dict.py") if spec and spec.origin else None
    table = importlib.util.spec_from_file_location("_hzbz_pinyin_dict", origin) if origin else None
    if table is None or table.loader is None or origin is None or not origin.is_file():
        from pypinyin.pinyin_dict import pinyin_dict  # a frozen build keeps modules in an archive

        return pinyin_dict
    module = importlib.util.module_from_spec(table)
    table.loader.exec_module(module)
    return module.pinyin_dict  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def char_key(ch: str) -> str:
    reading = _readings().get(ord(ch))
    if reading is None:
        return ch.lower()
    first = reading.split(",", 1)[0]
    tone = "5"
    letters: list[str] = []
    for c in unicodedata.normalize("NFD", first):
        if c in _TONES:
            tone = _TONES[c]
        elif c == "\u0308":  # ü → v, as pinyin input methods write it
            letters[-1] = "v"
        elif c.isascii():
            letters.append(c)
    return "".join(letters) + tone


NAME_KEY_MAX = 400  # the name_key columns' width: a 100-character unit name's key is longer


@lru_cache(maxsize=1 << 17)  # names repeat (张伟 …); a bulk import of 100k calls this per row
def name_key(name: str) -> str:
    if not name:
        return ""
    first = _SURNAMES.get(name[0]) or char_key(name[0])
    if len(name) == 1:
        return (first + "\x01" + name)[:NAME_KEY_MAX]
    return (first + "\x02" + "\x02".join(map(char_key, name[1:])) + "\x01" + name)[:NAME_KEY_MAX]


@lru_cache(maxsize=1 << 17)
def name_initials(name: str) -> str:
    """The pinyin initials a clerk types to find a name: 张伟国 → ZWG, 单田芳 → STF (surname reading).

    Upper case, as the search box's letters are; Latin letters stand for themselves; other
    characters without a reading are left out.
    """
    out: list[str] = []
    for i, ch in enumerate(name):
        key = (_SURNAMES.get(ch) if i == 0 else None) or char_key(ch)
        first = key[:1]
        if first.isascii() and first.isalpha():
            out.append(first.upper())
    return "".join(out)


_ASCII_UPPER = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}
# Card and account numbers are kept with upper-case letters, so a search needs no case folding.
NUMBER_FIELDS = ("medical_card", "social_security_card", "jingka_card", "bank_account")


def ascii_upper(text: str) -> str:
    """ASCII letters upper case, nothing else touched (str.upper would turn ß into SS)."""
    return text if text.isdigit() else text.translate(_ASCII_UPPER)  # most numbers are digits only
