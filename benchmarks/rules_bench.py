"""Rules engine throughput: decide 100,000 mixed claims on one core.

Cases are generated deterministically as headless-JSON dicts. The baseline, measured in
the same run, is the time to parse those dicts into ``ClaimCase`` values; the figure that
counts is decisions per second (target: at least 20,000 claims/s).

    python -m benchmarks.rules_bench [COUNT]
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from typing import Any

from app.rules.case_json import parse_claim_case
from app.rules.claims import evaluate_claim
from app.rules.plans import PlanCatalogue, load_plans
from benchmarks.common import Figure, print_table

TARGET_PER_SECOND = 20_000
JILIN = "jilin-2020-hospital-combo"


def _day(rng: random.Random, year: int, month_from: int = 1, month_to: int = 12) -> str:
    return f"{year}-{rng.randint(month_from, month_to):02d}-{rng.randint(1, 28):02d}"


def _money(rng: random.Random, high: int) -> str:
    return f"{rng.randint(0, high * 100) / 100:.2f}"


def _history(rng: random.Random, benefit: str, year: int) -> list[dict[str, Any]]:
    return [
        {
            "benefit": benefit,
            "event_id": f"h{i}",
            "paid": _money(rng, 3000),
            "date": _day(rng, year, 3, 5),
            "self_borne": _money(rng, 20000),
        }
        for i in range(rng.randint(0, 3))
    ]


def _event(rng: random.Random, kind: int) -> tuple[str, str, dict[str, Any], int]:
    """(plan, benefit, event, year) of one generated claim."""
    if kind == 0:
        start = _day(rng, 2020, 3, 10)
        end = f"2020-{int(start[5:7]) + 1:02d}-{rng.randint(1, 28):02d}"
        event = {
            "admission_date": start,
            "discharge_date": end,
            "local": rng.random() < 0.7,
            "hospital_grade": rng.randint(1, 3),
        }
        return JILIN, "hospital_allowance", event, 2020
    if kind == 1:
        event = {
            "diagnosis_date": _day(rng, 2020, 2, 12),
            "disease": rng.choice(["恶性肿瘤", "瘫痪", "感冒"]),
            "first_diagnosis": rng.random() < 0.9,
        }
        return JILIN, "critical_illness", event, 2020
    if kind == 2:
        outcome = rng.choice(["death", "disability"])
        event = {
            "event_id": f"a{rng.randint(0, 9)}",
            "accident_date": _day(rng, 2020, 2, 12),
            "outcome": outcome,
            "disability_grade": rng.randint(1, 10),
            "during_illness_hospitalization": rng.random() < 0.2,
        }
        return JILIN, "accident", event, 2020
    if kind == 3:
        benefit = rng.choice(["relief", "condolence"])
        event = {
            "event_id": f"r{rng.randint(0, 9)}",
            "event_date": _day(rng, 2020),
            "cause": "critical_illness",
            "self_pay_1": _money(rng, 150000),
            "self_pay_2": _money(rng, 60000),
            "out_of_pocket": _money(rng, 60000),
            "reason": "waiting_period",
        }
        return "beijing-relief", benefit, event, 2020
    if kind == 4:
        benefit = rng.choice(["outpatient", "inpatient"])
        period = f"2021-Q{rng.randint(1, 3)}" if benefit == "outpatient" else f"2021-{rng.randint(1, 11):02d}"
        event = {"period": period, "self_pay_1": _money(rng, 20000), "first_stay_of_year": rng.random() < 0.5}
        return "beijing-inservice-medical", benefit, event, 2021
    if kind == 5:
        total = rng.randint(0, 8_000_000) / 100
        event = {
            "event_id": f"w{rng.randint(0, 99)}",
            "treatment_start": _day(rng, 2012, 4, 12),
            "treatment_end": "2013-01-31",
            "total_cost": f"{total:.2f}",
            "insurance_paid": f"{total * rng.random() * 0.6:.2f}",
        }
        return "weihai-2012-supplementary-medical", "medical", event, 2012
    year = rng.choice([2015, 2016])
    event = {
        "event_id": f"i{rng.randint(0, 99)}",
        "injury_date": _day(rng, year),
        "life_days": rng.randint(0, 30),
        "hospital_days": rng.randint(0, 30),
    }
    return "beijing-accident", "accident_allowance", event, year


def generate(count: int, seed: int = 20240501) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    cases = []
    for n in range(count):
        plan, benefit, event, year = _event(rng, n % 7)
        period_end = "2013-03-11" if year == 2012 else f"{year}-12-31"
        period_start = "2012-03-12" if year == 2012 else f"{year}-01-01"
        cases.append(
            {
                "id": f"c{n}",
                "plan": plan,
                "benefit": benefit,
                "applied_on": f"{year + 1}-01-25",
                "member": {
                    "birth_date": "1975-06-15",
                    "employment": "in_service",
                    "categories": ["model_worker"] if rng.random() < 0.1 else [],
                },
                "beneficiary": {"relation": "self"},
                "coverage": {
                    "period_start": period_start,
                    "period_end": period_end,
                    "effective_date": period_start,
                    "tier": rng.choice(["26/32", "50/62", "74/93", "100/124"]),
                    "consecutive_years": 2,
                },
                "event": event,
                "history": _history(rng, benefit, year),
            }
        )
    return cases


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def run(count: int = 100_000, catalogue: PlanCatalogue | None = None) -> list[dict[str, Any]]:
    catalogue = catalogue or load_plans()
    raw = generate(count)
    parse_s, cases = _timed(lambda: [parse_claim_case(d, catalogue, i) for i, d in enumerate(raw, 1)])
    plans = [catalogue.get(c.plan, c.event.event_date) for c in cases]
    decide_s, decisions = _timed(lambda: [evaluate_claim(c, p) for c, p in zip(cases, plans, strict=True)])
    eligible = sum(d.eligible for d in decisions)
    per_second = count / decide_s
    return [
        {
            "name": "parse (baseline)",
            "claims": count,
            "seconds": round(parse_s, 3),
            "per_second": round(count / parse_s),
        },
        {
            "name": "decide",
            "claims": count,
            "seconds": round(decide_s, 3),
            "per_second": round(per_second),
            "eligible": eligible,
            "vs_baseline": round(parse_s / decide_s, 2),
            "target_per_second": TARGET_PER_SECOND,
            "meets_target": per_second >= TARGET_PER_SECOND,
        },
        {
            "name": "parse + decide",
            "claims": count,
            "seconds": round(parse_s + decide_s, 3),
            "per_second": round(count / (parse_s + decide_s)),
        },
    ]


def main(count: int = 100_000) -> list[Figure]:
    """Run and print the table shared by all benchmarks (``python -m benchmarks rules``)."""
    parse_row, decide_row, both_row = run(count)
    figures = [
        Figure("parse cases (baseline)", parse_row["per_second"], "/s"),
        Figure(
            "decide claims",
            decide_row["per_second"],
            "/s",
            baseline_name="parsing the same cases into ClaimCase",
            baseline=parse_row["per_second"],
            target=f"≥ {TARGET_PER_SECOND} claims/s",
            ok=decide_row["meets_target"],
        ),
        Figure("parse + decide", both_row["per_second"], "/s"),
    ]
    print_table(f"rules benchmark ({count} mixed claims, one core)", figures)
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
