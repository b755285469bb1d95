"""Chinese (pinyin) order for names: a plain string key, computed once when a name is written.

Each character maps to its first pinyin reading as ASCII letters plus a tone digit, joined by
\\x01 (below every letter, so 李 li3 sorts before 梁 liang2); ties break on the name itself.
Surnames with a special reading (单 Shàn, 曾 Zēng …) use it in the first position.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict

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


@lru_cache(maxsize=65536)
def char_key(ch: str) -> str:
    reading = pinyin_dict.get(ord(ch))
    if reading is None:
        return ch.lower()
    first = reading.split(",", 1)[0]
    tone = "5"
    letters = []
    for c in unicodedata.normalize("NFD", first):
        if c in _TONES:
            tone = _TONES[c]
        elif c == "\u0308":  # ü → v, as pinyin input methods write it
            letters[-1] = "v"
        elif c.isascii():
            letters.append(c)
    return "".join(letters) + tone


def name_key(name: str) -> str:
    if not name:
        return ""
    parts = [_SURNAMES.get(name[0]) or char_key(name[0])]
    parts.extend(char_key(ch) for ch in name[1:])
    return "\x01".join(parts) + "\x00" + name
