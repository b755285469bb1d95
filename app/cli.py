"""Entry point: no command opens the window; a command runs headless.

Exit status: 0 done; 2 bad input or refused (the Chinese reasons on stderr); 1 an internal
error (one sentence and where the log is; the traceback goes to the rotating log file in the
data folder's logs/, masked, never to the clerk's screen).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Iterable, Sequence

from sqlalchemy.exc import IntegrityError, OperationalError

from app import __version__
from app.commands.common import EXIT_BAD_INPUT, add_login_options, print_errors, window_credentials
from app.io import faults
from app.logsetup import clerk_sentence, configure_logging
from app.models.db import READ_ONLY_NOTICE, ReadOnlyDatabase
from app.rules.errors import RulesError
from app.services.errors import InputErrors, ServiceError
from app.services.retry import set_waiting_notice, unique_sentence

log = logging.getLogger("hzbz")

# Each command module under app.commands and the commands it registers. Only the module of the
# command given is imported (the window imports none): start-up does not wait for the others.
COMMANDS = {
    "roster_cmd": ("import-roster", "export-roster", "demo-data"),
    "users_cmd": ("init", "user"),
    "server_cmd": ("server-setup", "server-address"),
    "enrollment_cmd": ("enroll", "record-payment", "void-payment", "print", "export-batch"),
    "setup_cmd": ("unit", "period", "plan", "enrollment"),
    "claims_cmd": ("claim", "export-claims", "payment-list"),
    "audit_cmd": ("audit",),
    "backup_cmd": ("backup", "restore"),
    "batch_cmd": ("import-batch", "export-results", "import-results"),
    "keys_cmd": ("keys",),
    "paper_cmd": ("verify-paper",),
    "rules_cmd": ("rules",),
}
MODULE_OF = {command: module for module, commands in COMMANDS.items() for command in commands}


def build_parser(modules: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The parser with the commands of ``modules`` (names in COMMANDS; None: every command)."""
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description="职工互助保障经办台。不带命令时打开窗口；带命令时在命令行下运行。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help="数据库地址（默认用户数据目录中的 SQLite 文件；也可设 HZBZ_DB）"
    )
    add_login_options(parser)
    parser.add_argument(
        "--self-test", action="store_true", help="在临时数据库上自检（数据库、规则、PDF、Excel、窗口）"
    )
    sub = parser.add_subparsers(dest="command", title="命令行命令", metavar="COMMAND")
    for module in COMMANDS if modules is None else modules:
        importlib.import_module(f"app.commands.{module}").register(sub)
    return parser


def modules_for(argv: Sequence[str]) -> tuple[str, ...] | None:
    """The command modules ``argv`` needs: none for the window, the command's own module, or
    every module (None) for help or a word that is no known command (argparse then names them all).
    """
    takes_value = {
        option
        for action in build_parser(())._actions
        if action.nargs != 0 and action.option_strings
        for option in action.option_strings
    }
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word.startswith("-"):
            if word in takes_value:
                next(words, None)
            continue
        return (MODULE_OF[word],) if word in MODULE_OF else None
    return ()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(modules_for(argv))
    args = parser.parse_args(argv)
    configure_logging()
    set_waiting_notice(lambda text: print(text, file=sys.stderr, flush=True))
    _remove_scratch_leftovers()
    if args.self_test:
        from app.selftest import run

        return run()
    if args.command is None:
        from app.ui.launch import run_gui

        try:
            credentials = window_credentials(args)
        except ServiceError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        return run_gui(args.db, credentials)
    try:
        return int(args.func(args) or 0)
    except InputErrors as exc:
        for notice in exc.notices:  # e.g. a duplicate column: said on the command line too
            print(f"提示：{notice}", file=sys.stderr)
        return print_errors(f"输入有误，共 {len(exc.errors)} 处，未做任何修改：", exc.errors)
    except (ServiceError, RulesError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # a full or unplugged USB stick, --out naming a folder, a read-only disk
        log.warning("file error in %s", args.command, exc_info=True)
        print(f"错误：{faults.describe(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OperationalError as exc:
        if "readonly" not in str(exc.orig).lower():
            log.error("internal error in %s", args.command, exc_info=True)
            print(clerk_sentence(exc), file=sys.stderr)
            return 1
        print(f"错误：{READ_ONLY_NOTICE}，本命令需要写入，未做任何修改", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ReadOnlyDatabase as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except IntegrityError as exc:  # a unique value another clerk registered at the same moment
        log.warning("unique refusal in %s", args.command, exc_info=True)
        print(f"错误：{unique_sentence(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
    except Exception as exc:  # the clerk gets a sentence, the log gets the traceback
        log.error("internal error in %s", args.command, exc_info=True)
        print(clerk_sentence(exc), file=sys.stderr)
        return 1


def _remove_scratch_leftovers() -> None:
    """Plaintext a killed export or import left in the private scratch folder goes at the next start."""
    from app.io.scratch import remove_leftovers

    try:
        remove_leftovers()
    except OSError as exc:  # a read-only or missing data folder must not stop the program
        log.warning("could not clean the scratch folder: %s", exc)


if __name__ == "__main__":
    sys.exit(main())
