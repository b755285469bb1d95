"""``python -m app rules …``: the headless rules interface (RULES.md, "Headless interface").

evaluate FILE / check-enrollment FILE read a JSON array of cases (``-`` for standard
input) and print one JSON object per case per line, in order. amount-in-words AMOUNT
prints the amount in Chinese capitals. Bad input: exit status 2 and a Chinese message
naming the case and field on standard error — never a traceback, and no partial output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from app.rules.case_json import (
    check_plan_code,
    claim_result_to_dict,
    enrollment_result_to_dict,
    parse_claim_case,
    parse_enrollment_case,
)
from app.rules.claims import evaluate_claim
from app.rules.enrollment import check_enrollment
from app.rules.errors import RulesError
from app.rules.money import WORDS_MAX, parse_amount
from app.rules.plans import PlanCatalogue, load_plans
from app.rules.words import amount_in_words

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class BadInput(Exception):
    """Input the command cannot use; the message is for the clerk."""


def _read_cases(name: str) -> list[Any]:
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"无法读取文件 {name}：{exc}") from exc
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{name} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列 {exc.msg}") from exc
    except (ValueError, RecursionError) as exc:  # a 5000-digit number; arrays nested thousands deep
        raise BadInput(f"{name} 不是可处理的 JSON：数字位数过多或嵌套过深") from exc
    if not isinstance(data, list):
        raise BadInput(f"{name} 须为案件的 JSON 数组")
    return data


def _catalogue(args: argparse.Namespace) -> PlanCatalogue:
    return load_plans(getattr(args, "plans_dir", None) or None)


def _evaluate(args: argparse.Namespace, catalogue: PlanCatalogue) -> list[dict[str, Any]]:
    out = []
    for position, data in enumerate(_read_cases(args.file), start=1):
        case = parse_claim_case(data, catalogue, position)
        plan = catalogue.get(case.plan, case.event.event_date)
        out.append(claim_result_to_dict(case.id, evaluate_claim(case, plan)))
    return out


def _check_enrollment(args: argparse.Namespace, catalogue: PlanCatalogue) -> list[dict[str, Any]]:
    out = []
    for position, data in enumerate(_read_cases(args.file), start=1):
        case = parse_enrollment_case(data, position)
        check_plan_code(case.id, case.plan, catalogue)
        out.append(
            enrollment_result_to_dict(case.id, check_enrollment(case, catalogue.get(case.plan, case.as_of)))
        )
    return out


def _run_cases(
    job: Callable[[argparse.Namespace, PlanCatalogue], list[dict[str, Any]]],
) -> Callable[..., int]:
    def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
        out, err = stdout or sys.stdout, stderr or sys.stderr
        try:
            results = job(args, _catalogue(args))
        except (BadInput, RulesError) as exc:
            print(f"错误：{exc}", file=err)
            return EXIT_BAD_INPUT
        for result in results:
            try:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
            except UnicodeEncodeError:  # a console that is not UTF-8, or a lone surrogate (\ud800) read
                out.write(json.dumps(result) + "\n")  # the same JSON with \u escapes; nothing was written
        return EXIT_OK

    return run


run_evaluate = _run_cases(_evaluate)
run_check_enrollment = _run_cases(_check_enrollment)


def run_amount_in_words(
    args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    try:
        words = amount_in_words(parse_amount(args.amount, field="金额", maximum=WORDS_MAX))
    except RulesError as exc:
        print(f"错误：{exc}", file=stderr or sys.stderr)
        return EXIT_BAD_INPUT
    except ArithmeticError:  # 1e999: more digits than two decimals allow
        print(f"错误：金额“{args.amount[:40]}”超出可处理的范围", file=stderr or sys.stderr)
        return EXIT_BAD_INPUT
    print(words, file=stdout or sys.stdout)
    return EXIT_OK


def _usage(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        return EXIT_BAD_INPUT

    return run


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``rules`` with its sub-commands; each parser's ``func(args)`` returns the exit status."""
    rules: argparse.ArgumentParser = subparsers.add_parser("rules", help="规则引擎：理赔、参保检查、大写金额")
    rules.set_defaults(func=_usage(rules))
    commands = rules.add_subparsers(
        dest="rules_command", metavar="{evaluate,check-enrollment,amount-in-words}"
    )
    for name, func, what in (
        ("evaluate", run_evaluate, "计算理赔案件（JSON 数组），每行输出一个结果"),
        ("check-enrollment", run_check_enrollment, "检查参保案件（JSON 数组），每行输出一个结果"),
    ):
        sub = commands.add_parser(name, help=what)
        sub.add_argument("file", metavar="FILE", help="JSON 文件，- 表示标准输入")
        sub.add_argument(
            "--plans-dir", action="append", default=None, help="另外读取此目录中的方案文件（可重复）"
        )
        sub.set_defaults(func=func)
    words = commands.add_parser("amount-in-words", help="把金额写成中文大写")
    words.add_argument("amount", metavar="AMOUNT", help="金额，如 1680.32")
    words.set_defaults(func=run_amount_in_words)
    return rules


class _Parser(argparse.ArgumentParser):
    """Argument errors exit 2 with a message, as argparse does, but in the command's words."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        print(f"错误：参数有误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``rules …`` standalone (tests, scripts): ``main(["rules", "amount-in-words", "10"])``."""
    parser = _Parser(prog="python -m app")
    register(parser.add_subparsers(dest="command", parser_class=_Parser))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_usage(sys.stderr)
        return EXIT_BAD_INPUT
    return func(args)


if __name__ == "__main__":  # pragma: no cover - convenience entry for scripts
    raise SystemExit(main())
