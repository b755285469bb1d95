"""verify-paper CODE: does a stamped form agree with the batch taken in (the 核验 screen, headless)."""

from __future__ import annotations

import argparse

from app.commands.common import EXIT_BAD_INPUT, actor_for, sessions_for
from app.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "verify-paper", help="核对纸质表：输入表上的核验码（或扫描二维码得到的文字），与导入的批次比对"
    )
    p.add_argument("code", metavar="CODE", help="12 位核验码，如 7K3M-Q9XA-2BCD，或二维码的文字")
    p.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    from app.services.paper_verify import PaperVerifier

    sessions = sessions_for(args)
    verifier = PaperVerifier(sessions, actor_for(args, sessions))
    try:
        check = verifier.verify(args.code)
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc
    for line in check.lines():
        print(line)
    return 0 if check.agree else EXIT_BAD_INPUT
