"""The ``rules`` headless command: one JSON line per case, exit 2 with a Chinese message."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from app.commands import rules_cmd
from tests.rules.test_case_json import BASE, ENROLLMENT

DATA = Path(__file__).parent / "data"


def run(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = rules_cmd.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_evaluate_file_one_line_per_case_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second = {**BASE, "id": "c2", "event": {**BASE["event"], "discharge_date": "2020-05-02"}}
    code, out, err = run(["rules", "evaluate", write(tmp_path, [BASE, second])], capsys)
    assert code == 0 and err == ""
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in lines] == ["c1", "c2"]
    assert lines[0]["amount"] == "500.00" and lines[0]["cap"] == "4500.00"
    assert lines[1]["eligible"] is False and lines[1]["reasons"][0]["code"] == "stay_too_short"
    assert "本地住院" in out  # ensure_ascii=False: Chinese as is


def test_evaluate_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["rules", "evaluate", "-"], capsys, json.dumps([BASE]), monkeypatch)
    assert code == 0 and json.loads(out)["id"] == "c1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "不是有效的 JSON"),
        ('{"id": 1}', "须为案件的 JSON 数组"),
        (json.dumps([BASE, {**BASE, "id": "c9", "plan": "nope"}]), "案件 c9：字段 plan"),
        (
            json.dumps(
                [
                    {
                        **BASE,
                        "coverage": {**BASE["coverage"], "tier": None},
                        "plan": "beijing-accident",
                        "benefit": "accident_allowance",
                        "event": {
                            "event_id": "i",
                            "injury_date": "2020-05-01",
                            "life_days": 1,
                            "hospital_days": 1,
                        },
                    }
                ]
            ),
            "案件 c1：字段 coverage.tier",
        ),
    ],
)
def test_bad_input_exit_2_without_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["rules", "evaluate", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["rules", "evaluate", "/nonexistent/cases.json"], capsys)
    assert code == 2 and "无法读取文件" in err


def test_check_enrollment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "check-enrollment", write(tmp_path, [ENROLLMENT])], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["ok"] is False and result["fee"]["payable"] == "80.00"
    code, _, err = run(
        ["rules", "check-enrollment", write(tmp_path, [{**ENROLLMENT, "plan": "nope"}])], capsys
    )
    assert code == 2 and "案件 u1：字段 plan" in err


def test_extra_plan_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = {
        **BASE,
        "plan": "beijing-womens-special-disease",
        "benefit": "womens_disease",
        "event": {"diagnosis_date": "2020-06-01", "disease": "乳腺癌", "first_diagnosis": True},
    }
    code, out, _ = run(["rules", "evaluate", "--plans-dir", str(DATA), write(tmp_path, [case])], capsys)
    assert code == 0 and json.loads(out)["amount"] == "8000.00"


@pytest.mark.parametrize(
    ("amount", "code", "text"),
    [
        ("1680.32", 0, "壹仟陆佰捌拾元零叁角贰分\n"),
        ("１０", 0, "壹拾元整\n"),
        ("abc", 2, "错误："),
        ("-5", 2, "错误："),
    ],
)
def test_amount_in_words(capsys: pytest.CaptureFixture[str], amount: str, code: int, text: str) -> None:
    status, out, err = run(["rules", "amount-in-words", amount], capsys)
    assert status == code
    assert text in (out if code == 0 else err)


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules"], capsys)[0] == 2
    assert run([], capsys)[0] == 2
    status, _, err = run(["rules", "frobnicate"], capsys)
    assert status == 2 and "参数有误" in err


def test_register_into_the_leads_cli_parser(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="hzbz")
    subparsers = parser.add_subparsers(dest="command")
    rules_cmd.register(subparsers)
    args = parser.parse_args(["rules", "evaluate", write(tmp_path, [BASE])])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "c1"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"applied_on": "2020-04-30"}, "applied_on"),
        (
            {"history": [{"benefit": "hospital_allowance", "paid": "1e5", "date": "2020-03-01"}]},
            "history[0].paid",
        ),
        (
            {
                "plan": "beijing-inservice-medical",
                "benefit": "inpatient",
                "event": {"period": "2020-03", "self_pay_1": "3000"},
                "history": [],
            },
            "event.first_stay_of_year",
        ),
    ],
)
def test_missing_or_exponent_facts_exit_2_naming_case_and_field(
    changes: dict[str, Any], field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12 item 10: exit 2 naming the case and the field, never a default."""
    code, out, err = run(["rules", "evaluate", write(tmp_path, [{**BASE, **changes}])], capsys)
    assert code == 2 and out == ""
    assert f"案件 c1：字段 {field}" in err
