"""Publishing a policy needs no code: text → page and metadata (policy_import), files (new_policy)."""

import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from build_scripts import new_policy
from build_scripts.policy_import import read_metadata, to_markdown
from build_scripts.policy_pages import add_anchors
from calc.clauses import anchor
from tests.policy_text import first_difference

pytestmark = pytest.mark.cpython_only  # imports the build tools (not collected in Pyodide: see conftest)

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "tests" / "fixtures" / "policy_articles.txt"
# a county notice: issuer names unspaced above 文件, a three-line title, the 办法 after the sign-off
LETTERHEAD = REPO / "tests" / "fixtures" / "policy_letterhead_articles.txt"
TEXTS = ("sanming-ktd", "national-guarantee", "cbirc-2021", "liaocheng-2024")
_ID = re.compile(r'\{:?\s*#([\w-]+)\s*\}|\bid="([\w-]+)"')


def source_file(policy_id: str) -> Path:
    """The policy's text, in its folder."""
    return REPO / "calc" / "policies" / policy_id.replace("-", "_") / "source.txt"


def page_ids(markdown: str) -> set[str]:
    """Every id a page ends up with: the numbered clauses' anchors and the explicit ones."""
    continuous = "clause_numbering: continuous" in markdown.split("---", 2)[1]
    text, _ = add_anchors(markdown, continuous=continuous)
    return {a or b for a, b in _ID.findall(text)}


def h1(markdown: str) -> str:
    return re.search(r"^# (.+)$", markdown, re.M).group(1)


def cited_clauses(policy_id: str) -> set[str]:
    """Every clause the policy's parameters and validity windows cite (old or new layout)."""
    package = policy_id.replace("-", "_")
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "clause" and isinstance(value, str):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in [REPO / "calc" / "params" / f"{package}.toml", *(REPO / "calc" / "policies" / package).glob("*.toml")]:
        if path.exists():
            walk(tomllib.loads(path.read_text("utf-8")))
    return found


# ---------- (a) the four published policies ----------


@pytest.mark.parametrize("policy_id", TEXTS)
def test_published_texts_convert_faithfully(policy_id: str) -> None:
    source = source_file(policy_id).read_text("utf-8")
    markdown = to_markdown(policy_id, source)
    assert markdown.startswith(f"---\npolicy: {policy_id}\n")
    assert first_difference(markdown, source, h1(markdown)) is None


@pytest.mark.parametrize("policy_id", TEXTS)
def test_converted_pages_have_the_hand_made_pages_clause_anchors(policy_id: str) -> None:
    markdown = to_markdown(policy_id, source_file(policy_id).read_text("utf-8"))
    hand = (REPO / "docs" / "policies" / f"{policy_id}.md").read_text("utf-8")
    numbered = {i for i in page_ids(hand) if re.fullmatch(r"(s|p|form|a|c|annex)\d+(-\d+)*", i)}
    assert numbered <= page_ids(markdown)
    cited = {anchor(clause) for clause in cited_clauses(policy_id)}
    assert cited, "no parameters found"
    assert cited <= page_ids(markdown)  # every parameter's and window's clause resolves


def test_continuous_numbering_is_detected() -> None:
    front = {pid: to_markdown(pid, source_file(pid).read_text("utf-8")).split("---")[1] for pid in TEXTS}
    assert ["clause_numbering: continuous" in text for text in front.values()] == [False, False, True, False]


def test_metadata_of_the_published_texts() -> None:
    sanming = read_metadata(source_file("sanming-ktd").read_text("utf-8"))
    assert sanming["doc_numbers"] == ["明科规〔2025〕2号"]
    assert sanming["issuers"] == [
        "三明市科学技术局",
        "三明市财政局",
        "中国人民银行三明市分行",
        "国家金融监督管理总局三明监管分局",
    ]
    assert sanming["short_title"] == "三明市科技特派员创新创业贷款及贴息方案（试行）"
    assert "issued" not in sanming  # the notice prints no date
    # the plan's 自印发之日起施行，试行三年 has no printed issue date: not guessed
    assert sanming["validity"] == [
        {
            "from": date(2025, 7, 9),
            "to": date(2027, 7, 8),
            "clause": "通知",
            "text": "执行期为2025年7月9日至2027年7月8日",
        }
    ]

    liaocheng = read_metadata(source_file("liaocheng-2024").read_text("utf-8"))
    assert liaocheng["issuers"] == ["聊城市人民政府办公室"]
    assert liaocheng["region"] == "聊城市"  # as stated: the province is not added
    assert liaocheng["issued"] == date(2024, 5, 20)
    assert liaocheng["validity"] == [
        {
            "from": date(2024, 5, 20),
            "to": date(2028, 12, 31),
            "clause": "结尾",
            "text": "自2024年５月20日起实施，有效期至2028年12月31日",  # quoted as printed (full-width ５)
        }
    ]

    cbirc = read_metadata(source_file("cbirc-2021").read_text("utf-8"))
    assert cbirc == {"doc_numbers": [], "issued": date(2021, 11, 26)}  # no title, issuer or window in the text

    national = read_metadata(source_file("national-guarantee").read_text("utf-8"))
    title = "支持科技创新专项担保计划"
    assert national == {"doc_numbers": [], "title": title, "short_title": title}  # 自印发后执行: no date printed


# ---------- (b) a document of chapters and articles ----------


def test_articles_document_converts_faithfully_with_its_anchors() -> None:
    source = ARTICLES.read_text("utf-8")
    markdown = to_markdown("shandong-transfer", source)
    assert first_difference(markdown, source, h1(markdown)) is None
    assert h1(markdown) == "山东省科学技术厅关于印发《山东省科技成果转化贷款风险补偿管理办法》的通知"
    ids = page_ids(markdown)
    assert {f"a{n}" for n in range(1, 9)} <= ids
    assert {f"c{n}" for n in range(1, 5)} <= ids
    assert {"c2-1", "c2-2", "a3-1", "a3-2", "a3-2-1", "a3-2-2", "a3-3", "plan", "form1", "notice", "signoff"} <= ids
    # the page break inside 第二条 is joined
    assert "科技成果转化贷款发生的本金损失给予的补偿。\n" in markdown
    header = "| 序号 | 企业名称 | 贷款银行 | 贷款金额（万元） | 申请补偿金额（万元） |"
    assert f"{header}\n| --- | --- | --- | --- | --- |\n| 1 |" in markdown
    assert "### 第一章　总则" in markdown  # under the attachment's ## heading
    assert "## 附表1 科技成果转化贷款风险补偿申请汇总表 {#form1}" in markdown


def test_articles_document_metadata() -> None:
    meta = read_metadata(ARTICLES.read_text("utf-8"))
    assert meta["title"] == "山东省科学技术厅关于印发《山东省科技成果转化贷款风险补偿管理办法》的通知"
    assert meta["short_title"] == "山东省科技成果转化贷款风险补偿管理办法"
    assert meta["doc_numbers"] == ["鲁科字〔2026〕3号"]
    assert meta["issuers"] == ["山东省科学技术厅"]
    assert meta["issued"] == date(2026, 1, 15)
    assert meta["validity"] == [
        {
            "from": date(2026, 2, 1),
            "to": date(2028, 12, 31),
            "clause": "第八条",
            "text": "自2026年2月1日起施行，有效期至2028年12月31日",
        }
    ]


def test_letterhead_with_unspaced_issuers_and_a_title_over_three_lines() -> None:
    source = LETTERHEAD.read_text("utf-8")
    markdown = to_markdown("yongan-ipr-2026", source)
    assert first_difference(markdown, source, h1(markdown)) is None
    title = "永安市科学技术局 永安市财政局关于印发《永安市科技型企业知识产权质押融资贴息管理办法》的通知"
    assert h1(markdown) == title
    assert '<p class="doc-issuers">永安市科学技术局<br>永安市财政局</p>' in markdown
    assert "## 永安市科技型企业知识产权质押融资贴息管理办法 {#plan}" in markdown  # the 办法 after the sign-off
    assert {f"a{n}" for n in range(1, 10)} | {f"c{n}" for n in range(1, 5)} | {"a3-1", "a6-1", "form1"} <= page_ids(
        markdown
    )
    meta = read_metadata(source)
    assert (meta["title"], meta["doc_numbers"], meta["issued"]) == (title, ["永科〔2026〕7号"], date(2026, 1, 15))
    assert meta["issuers"] == ["永安市科学技术局", "永安市财政局"]
    assert meta["validity"][0]["clause"] == "第九条"


# ---------- (c) nothing guessed ----------


def _articles_with(sentence: str) -> str:
    return ARTICLES.read_text("utf-8").replace("本办法自2026年2月1日起施行，有效期至2028年12月31日。", sentence)


def test_no_validity_sentence_leaves_validity_missing() -> None:
    meta = read_metadata(_articles_with("本办法由各市科技局组织实施。"))
    assert "validity" not in meta
    assert meta["issued"] == date(2026, 1, 15)


def test_from_issue_day_inside_an_attachment_is_not_dated_with_the_notice() -> None:
    assert "validity" not in read_metadata(_articles_with("本办法自印发之日起施行。"))


def test_from_issue_day_in_the_document_itself() -> None:
    text = "关于某事项的通知\n\n各单位：\n\n本通知自印发之日起施行，有效期三年。\n\n某某市科学技术局\n\n2024年3月1日\n"
    meta = read_metadata(text)
    assert meta["validity"] == [
        {"from": date(2024, 3, 1), "to": date(2027, 2, 28), "clause": "待填写", "text": "自印发之日起施行，有效期三年"}
    ]
    assert meta["region"] == "某某市"
    # without the date line the start is unknown
    assert "validity" not in read_metadata(text.replace("2024年3月1日\n", ""))


def test_term_in_years_ends_the_day_before_the_anniversary() -> None:
    meta = read_metadata(_articles_with("本办法自2026年2月1日起施行，有效期为5年。"))
    assert meta["validity"][0] == {
        "from": date(2026, 2, 1),
        "to": date(2031, 1, 31),
        "clause": "第八条",
        "text": "自2026年2月1日起施行，有效期为5年",
    }


def test_open_ended_window_has_no_end() -> None:
    meta = read_metadata(_articles_with("本办法自2026年2月1日起施行。"))
    assert meta["validity"] == [{"from": date(2026, 2, 1), "clause": "第八条", "text": "自2026年2月1日起施行"}]


def test_region_only_when_the_issuers_agree() -> None:
    text = "关于某事项的通知\n\n各单位：\n\n正文。\n\n甲市科学技术局\n\n乙市财政局\n\n2024年3月1日\n"
    meta = read_metadata(text)
    assert meta["issuers"] == ["甲市科学技术局", "乙市财政局"]
    assert "region" not in meta


# ---------- layout rules ----------


def test_page_break_splits_are_joined_but_numbered_items_are_not() -> None:
    text = "某办法\n\n一、总则\n\n（一）适用范围。本办法适用于风险分\n\n担资金池\n\n1. 第一项\n\n2. 第二项。\n"
    markdown = to_markdown("x", text)
    assert "本办法适用于风险分担资金池" in markdown
    assert "1\\. 第一项\n\n2\\. 第二项。" in markdown


def test_sub_clause_titles_become_headings_only_where_most_have_one() -> None:
    titled = "某办法\n\n一、甲\n\n（一）加强宣传。宣传内容。\n\n（二）加大支持。支持内容。\n"
    assert "### （一）加强宣传。\n\n宣传内容。" in to_markdown("x", titled)
    plain = (
        "某办法\n\n一、甲\n\n（一）财政部加强监督，确保安全。\n\n（二）违反规定的，依法处理。\n\n"
        "（三）本办法自印发后执行。执行中如有问题，请报告。\n"
    )
    markdown = to_markdown("x", plain)
    assert "（三）本办法自印发后执行。执行中如有问题，请报告。" in markdown
    assert "### （三）" not in markdown


def test_html_cells_make_an_html_table() -> None:
    markdown = to_markdown("x", "某表\n\n附表 2\n\n申请表\n\n甲\t乙\n<p>意见</p>\t<p>日期</p>\n")
    assert "## 附表 2 申请表 {#form2}" in markdown
    assert "<tr><td>甲</td><td>乙</td></tr>" in markdown
    assert "<tr><td><p>意见</p></td><td><p>日期</p></td></tr>" in markdown


def test_no_title_is_not_invented() -> None:
    source = source_file("cbirc-2021").read_text("utf-8")
    assert h1(to_markdown("cbirc-2021", source)) == "待填写"
    assert h1(to_markdown("cbirc-2021", source, title="中国银保监会关于…的指导意见")) == "中国银保监会关于…的指导意见"


# ---------- (d) the command ----------


def test_new_policy_writes_exactly_the_policy_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new_policy.main(["shandong-transfer", str(ARTICLES), "--root", str(tmp_path)]) == 0
    folder = tmp_path / "calc" / "policies" / "shandong_transfer"
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {
        "docs/policies/shandong-transfer.md",
        "calc/policies/shandong_transfer/__init__.py",
        "calc/policies/shandong_transfer/policy.toml",
        "calc/policies/shandong_transfer/params.toml",
        "calc/policies/shandong_transfer/source.txt",
    }
    assert (folder / "source.txt").read_bytes() == ARTICLES.read_bytes()
    assert (tmp_path / "docs/policies/shandong-transfer.md").read_text("utf-8") == to_markdown(
        "shandong-transfer", ARTICLES.read_text("utf-8")
    )
    init = (folder / "__init__.py").read_text("utf-8")
    assert init.count("\n") == 1 and init.startswith('"""') and "``shandong-transfer``" in init
    assert (folder / "params.toml").read_text("utf-8").startswith("# Dated parameters of this policy")
    policy = tomllib.loads((folder / "policy.toml").read_text("utf-8"))
    assert policy == {
        "id": "shandong-transfer",
        "order": 10,
        "title": "山东省科学技术厅关于印发《山东省科技成果转化贷款风险补偿管理办法》的通知",
        "short_title": "山东省科技成果转化贷款风险补偿管理办法",
        "summary": "待填写",
        "region": "山东省",
        "issuers": ["山东省科学技术厅"],
        "doc_numbers": ["鲁科字〔2026〕3号"],
        "issued": date(2026, 1, 15),
        "who_may_apply": {"text": "待填写", "clauses": []},
        "plain": {"benefits": [{"text": "待填写", "clauses": [], "calculators": []}]},  # 政策要点: never guessed
        "validity": [
            {
                "from": date(2026, 2, 1),
                "to": date(2028, 12, 31),
                "clause": "第八条",
                "text": "自2026年2月1日起施行，有效期至2028年12月31日",
            }
        ],
        "estimators": {},
    }
    anchor(policy["validity"][0]["clause"])  # resolvable
    out = capsys.readouterr().out
    assert "wrote" in out and "summary, who_may_apply.text, plain.benefits" in out

    # a second run refuses and writes nothing
    assert new_policy.main(["shandong-transfer", str(ARTICLES), "--root", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err

    # the next policy comes after it; what cannot be read is 待填写
    cbirc = source_file("cbirc-2021")
    assert new_policy.main(["cbirc-copy", str(cbirc), "--root", str(tmp_path)]) == 0
    copy = tomllib.loads((tmp_path / "calc/policies/cbirc_copy/policy.toml").read_text("utf-8"))
    assert copy["order"] == 11
    assert copy["title"] == copy["region"] == "待填写" and copy["issuers"] == ["待填写"]
    assert copy["doc_numbers"] == [] and copy["issued"] == date(2021, 11, 26)
    assert copy["validity"] == [{"from": "待填写", "clause": "待填写", "text": "待填写"}]
    assert "title, short_title, summary, region, issuers, who_may_apply.text, plain.benefits, validity" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize("bad", ["Bad", "bad_id", "1abc", "a--b", "a-", "import", ""])
def test_bad_id_exits_2(bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new_policy.main([bad, str(ARTICLES), "--root", str(tmp_path)]) == 2
    assert "bad policy id" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_existing_published_policy_and_unreadable_files_exit_2(tmp_path: Path) -> None:
    assert new_policy.main(["sanming-ktd", str(ARTICLES)]) == 2  # the repository's own policy
    assert new_policy.main(["new-one", str(tmp_path / "missing.txt"), "--root", str(tmp_path)]) == 2
    (tmp_path / "latin1.txt").write_bytes("政策".encode("gb18030"))
    assert new_policy.main(["new-one", str(tmp_path / "latin1.txt"), "--root", str(tmp_path)]) == 2
    assert not (tmp_path / "docs").exists()


def test_command_line(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "build_scripts.new_policy", "shandong-transfer", str(ARTICLES), "--root", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "calc/policies/shandong_transfer/policy.toml").exists()
    bad = subprocess.run(
        [sys.executable, "-m", "build_scripts.new_policy", "Bad", str(ARTICLES), "--root", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "bad policy id" in bad.stderr
