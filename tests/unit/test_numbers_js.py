"""The page's decimal arithmetic (docs/assets/calc/numbers.js) against Python's Decimal.

The page compares, multiplies, rounds and converts amounts as text, never as floats: 万元 to at
most four decimals (the printed 附表), "120万" in 元, the plausibility hints' comparisons. Random
decimals go through Node in one batch and must give what ``decimal.Decimal`` gives.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = [
    pytest.mark.cpython_only,  # runs Node
    pytest.mark.skipif(shutil.which("node") is None, reason="no Node"),
]

NUMBERS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "calc" / "numbers.js"
SCRIPT = f"""
import * as n from {json.dumps(NUMBERS.as_uri())};
let text = "";
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {{
  const out = JSON.parse(text).map(([a, b]) => ({{
    wan: n.wan(a),
    compare: n.compareDecimal(a, b),
    product: n.multiplyDecimal(a, b),
    typed: n.typedYuan(`${{a}}万`, false),
    typedWan: n.typedYuan(a, true),
  }}));
  process.stdout.write(JSON.stringify(out));
}});
"""

amounts = st.decimals(min_value=0, max_value=Decimal("1e12"), places=6, allow_nan=False, allow_infinity=False)


def run_node(pairs: list[tuple[str, str]]) -> list[dict]:
    command = ["node", "--input-type=module", "-e", SCRIPT]
    done = subprocess.run(command, input=json.dumps(pairs), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def same(text: str | None, value: Decimal) -> bool:
    return text is not None and Decimal(text) == value


@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(amounts, amounts), min_size=40, max_size=40))
def test_numbers_js_computes_as_decimal_does(pairs: list[tuple[Decimal, Decimal]]) -> None:
    texts = [(f"{a:f}", f"{b:f}") for a, b in pairs]
    with localcontext(prec=60):  # exact products: numbers.js never rounds one
        check(pairs, run_node(texts))


def check(pairs: list[tuple[Decimal, Decimal]], outputs: list[dict]) -> None:
    for (a, b), out in zip(pairs, outputs, strict=True):
        assert same(out["wan"], (a / 10000).quantize(Decimal("0.0001"), ROUND_HALF_UP)), (a, out)
        assert out["compare"] == (a > b) - (a < b), (a, b, out)
        assert same(out["product"], a * b), (a, b, out)
        assert same(out["typed"], a * 10000), (a, out)
        assert same(out["typedWan"], a * 10000), (a, out)


def test_numbers_js_rounds_half_up_and_refuses_what_is_no_number() -> None:
    out = run_node([("30333.33", "1"), ("5", "x"), ("abc", "1")])
    assert out[0]["wan"] == "3.0333" and out[1]["wan"] == "0.0005"
    assert out[1]["compare"] is None and out[1]["product"] is None
    assert out[2]["wan"] is None and out[2]["typed"] == "abc万"
