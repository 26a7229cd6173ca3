"""The overview page (政策一览): every figure from the parameters, every link resolvable."""

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import markdown
import pytest

from build_scripts import overview
from build_scripts.overview import format_value, overview_page
from build_scripts.policy_pages import clause_texts
from calc import estimators, params, policies
from calc.clauses import anchor

pytestmark = pytest.mark.cpython_only  # the build tools (Jinja2, Markdown)

TODAY = date(2026, 5, 1)
ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "build_scripts" / "templates" / "overview.md.j2"
ALL = [p for pid in policies.ids() for p in params.parameters(pid).values()]


@pytest.fixture(scope="module")
def page() -> str:
    return overview_page(TODAY)


def row(page: str, label: str) -> list[str]:
    """The cells after the label of one row of the comparison table, one per policy."""
    line = next(line for line in page.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[2:-1]]


def line_of(param: params.Parameter, day: date = TODAY) -> str:
    """The bullet the page should carry for a parameter."""
    href = f"policies/{param.policy}.md#{anchor(param.clause)}"
    value = format_value(param.at(day), param.unit)
    return f"- **{value}**：{param.description.rstrip('。')}（[{param.clause}“{param.text}”]({href})）"


def test_page_is_titled(page: str) -> None:
    assert page.startswith("# 政策一览\n")


@pytest.mark.parametrize("param", ALL, ids=lambda p: f"{p.policy}:{p.name}")
def test_every_parameter_has_its_line(page: str, param: params.Parameter) -> None:
    assert line_of(param) in page.splitlines()


def test_parameters_are_in_clause_order_within_each_policy(page: str) -> None:
    for pid in policies.ids():
        positions = sorted((page.index(line_of(p)), p.clause) for p in params.parameters(pid).values())
        orders = [overview.clause_order(clause) for _, clause in positions]
        assert orders == sorted(orders), pid


@pytest.mark.parametrize("policy_id", policies.ids())
def test_policy_metadata_status_and_windows(page: str, policy_id: str) -> None:
    policy = policies.get(policy_id)
    column = policies.ids().index(policy_id)
    assert row(page, "适用地区")[column] == policy.region
    assert row(page, "支持内容")[column] == policy.summary
    validity = row(page, "有效期")[column]
    assert validity.endswith(f"状态：**{policy.status_text(TODAY)}**")  # 现行有效（未规定截止日期）, not a code
    for window in policy.windows:
        assert str(window.start) in validity
        assert str(window.end) in validity if window.end else "未规定截止日期" in validity
    assert row(page, "原文")[column] == f"[原文](policies/{policy_id}.md)"
    assert f"## {policy.short_title} {{: #{policy_id} }}" in page


@pytest.mark.parametrize("policy_id", policies.ids())
def test_every_calculator_of_a_policy_is_linked(page: str, policy_id: str) -> None:
    cell = row(page, "计算器")[policies.ids().index(policy_id)]
    found = [e for e in estimators() if e.policy == policy_id]
    assert found
    assert cell == "<br>".join(f"[{e.title}](calculators/{e.id}.md)" for e in found)


def test_general_calculators_are_offered(page: str) -> None:
    for est in estimators():
        if est.policy not in policies.ids():
            assert f"](calculators/{est.id}.md)" in page


def test_status_follows_the_day() -> None:
    before = overview_page(date(2022, 1, 1))
    after = overview_page(date(2029, 1, 1))
    assert "状态：**尚未生效**" in before  # 三明, 聊城 and the guarantee plan had not started
    assert "状态：**已失效**" in after  # 三明 and 聊城 have ended
    assert "2022-01-01" in before and "2029-01-01" in after


def test_who_may_apply_covers_every_policy_and_cites_real_clauses(page: str) -> None:
    for policy in policies.all_policies():
        assert policy.who_may_apply in page
        if policy.who_may_apply == policies.TO_FILL:  # a new policy's, still to be written
            continue
        assert policy.who_may_apply_clauses
        for clause in policy.who_may_apply_clauses:
            assert f"[{clause}](policies/{policy.id}.md#{anchor(clause)})" in page


def test_every_link_is_a_relative_md_link_that_resolves(page: str) -> None:
    calculators = {e.id for e in estimators()}
    own_ids = set(re.findall(r"\{: #([\w-]+) \}", page))
    anchors = {pid: set(clause_texts(pid)) for pid in policies.ids()}
    targets = re.findall(r"\]\(([^)]*)\)", page)
    assert targets
    for target in targets:
        if target.startswith("#"):
            assert target[1:] in own_ids, target
            continue
        match = re.fullmatch(r"(policies|calculators)/([\w-]+)\.md(?:#([\w-]+))?", target)
        assert match, f"not a relative .md link: {target}"
        folder, name, fragment = match.groups()
        if folder == "policies":
            assert (ROOT / "docs" / "policies" / f"{name}.md").exists()
            assert fragment is None or fragment in anchors[name], target
        else:
            assert name in calculators and fragment is None, target


def test_page_renders_as_a_table_and_sections() -> None:
    html = markdown.markdown(
        overview_page(TODAY), extensions=["tables", "attr_list", "admonition", "md_in_html", "toc"]
    )
    assert html.count("<table>") == 1
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    assert len(rows) == 6  # 适用地区, 谁可以申请, 支持内容, 有效期, 计算器, 原文
    for row in rows:
        assert row.count("<td") == len(policies.ids()) + 1
    for pid in policies.ids():
        assert f'<h2 id="{pid}">' in html
    assert 'class="admonition note"' in html


# --- formatting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Decimal("150000"), "元", "150,000 元（15 万元）"),
        (Decimal("1.5E+5"), "元", "150,000 元（15 万元）"),
        (Decimal("30000000"), "元", "30,000,000 元（3,000 万元）"),
        (Decimal("10000"), "元", "10,000 元（1 万元）"),
        (Decimal("12345"), "元", "12,345 元（1.2345 万元）"),
        (Decimal("9999.50"), "元", "9,999.5 元"),
        (Decimal("50"), "%", "50%"),
        (Decimal("0.5"), "%", "0.5%"),
        (Decimal("0.20"), "%", "0.2%"),
        (Decimal("3"), "个百分点", "3 个百分点"),
        (Decimal("1"), "月", "1 个月"),
        (Decimal("10"), "年", "10 年"),
        (Decimal("15"), "倍", "15 倍"),
    ],
)
def test_values_are_formatted_for_people(value: Decimal, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown


def test_parameter_values_are_decimals() -> None:
    assert all(isinstance(v.amount, Decimal) for p in ALL for v in p.values)


# --- nothing typed in ---------------------------------------------------------------------


def test_template_holds_no_numbers() -> None:
    text = TEMPLATE.read_text("utf-8")
    assert re.search(r"[0-9０-９]", text) is None


def test_changing_a_parameter_changes_the_page() -> None:
    cap = params.get("sanming-ktd", "s4_2.cumulative_cap")
    changed = dataclasses.replace(cap, values=(dataclasses.replace(cap.values[0], amount=Decimal("123456")),))
    others = [p for p in ALL if p is not cap]
    page = overview_page(TODAY, parameters=[*others, changed])
    assert "**123,456 元（12.3456 万元）**：每家贷款单位在本方案下享受贴息的累计总额上限" in page
    assert line_of(cap) not in page


def test_the_default_parameters_come_from_calc_params(monkeypatch: pytest.MonkeyPatch) -> None:
    original = params.parameters
    rate = params.get("national-guarantee", "s2_2_3.fund_share_max")

    def doubled(policy_id: str) -> dict[str, params.Parameter]:
        return {
            name: dataclasses.replace(p, values=tuple(dataclasses.replace(v, amount=v.amount * 2) for v in p.values))
            for name, p in original(policy_id).items()
        }

    monkeypatch.setattr(params, "parameters", doubled)
    page = overview_page(TODAY)
    for param in ALL:
        assert format_value(param.value * 2, param.unit) in page
    assert line_of(rate) not in page


def test_a_later_dated_value_is_announced() -> None:
    cap = params.get("liaocheng-2024", "s1_1.patent_pledge_annual_cap")
    raised = dataclasses.replace(cap.values[0], start=date(2027, 1, 1), amount=Decimal("200000"))
    later = dataclasses.replace(cap, values=(cap.values[0], raised))
    page = overview_page(TODAY, parameters=[later])
    assert line_of(cap) not in page  # the line now also carries the later value
    assert f"**{format_value(cap.at(TODAY), '元')}**" in page
    assert "；自 2027-01-01 起为 **200,000 元（20 万元）**" in page
    assert "**200,000 元（20 万元）**：" in overview_page(date(2027, 1, 1), parameters=[later])


def test_changed_policy_metadata_reaches_the_page() -> None:
    policy = policies.get("cbirc-2021")
    moved = dataclasses.replace(policy, region="某省某市")
    page = overview_page(TODAY, policies=[moved])
    assert row(page, "适用地区") == ["某省某市"]
    assert "## 银行业保险业" in page and "聊城" not in page


def test_an_ended_parameter_shows_its_last_value_and_when_it_ended() -> None:
    cap = params.get("liaocheng-2024", "s1_1.patent_pledge_annual_cap")
    ended = dataclasses.replace(cap.values[0], start=date(2026, 1, 1), amount=None)
    page = overview_page(TODAY, parameters=[dataclasses.replace(cap, values=(cap.values[0], ended))])
    assert "**100,000 元（10 万元）**" in page and "自 2026-01-01 起为 **停止适用**" in page
    before = overview_page(date(2024, 1, 1), parameters=[cap])  # before the first value: the first is shown
    assert "**100,000 元（10 万元）**" in before
