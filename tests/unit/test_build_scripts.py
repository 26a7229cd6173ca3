"""Build tooling: clause anchors from a document's numbering, and bytecode-only wheels."""

import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

from build_scripts.policy_pages import add_anchors, source
from build_scripts.precompile import precompile_modules, precompile_wheel

pytestmark = pytest.mark.cpython_only  # the build tools (not collected in Pyodide: see conftest)

DOC = """# 标题

## 一、总体

正文。

### （二）合作内容

1\\. 第一项。

(1) 第一小项。

(2) 第二小项。

2\\. 第二项。

## 二、其他

（一）没有标题的条款。

## 附表 1 某表 {#form1}
"""


def test_anchors_follow_the_numbering() -> None:
    text, found = add_anchors(DOC, continuous=False)
    assert found == {
        "s1": "一",
        "s1-2": "一（二）",
        "s1-2-1": "一（二）1",
        "s1-2-1-1": "一（二）1(1)",
        "s1-2-1-2": "一（二）1(2)",
        "s1-2-2": "一（二）2",
        "s2": "二",
        "s2-1": "二（一）",
    }
    assert "### （二）合作内容 {#s1-2}" in text
    assert "1\\. 第一项。\n{: #s1-2-1 }" in text  # paragraphs take their id on the next line
    assert "{#form1}" in text and "form1" not in found  # explicit ids are kept, not renumbered


def test_continuous_subclauses_are_anchored_without_their_section() -> None:
    _, found = add_anchors("## 五、甲\n\n### （十二）乙。\n", continuous=True)
    assert found == {"s5": "五", "p12": "（十二）"}


def test_duplicate_anchor_is_an_error() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        add_anchors("## 一、甲\n\n## 一、乙\n", continuous=False)


ARTICLES = """# 某某办法

## 第一章　总则

第一条　为了规范管理，制定本办法。

第二条　本办法适用于下列贷款：

（一）科技成果转化贷款；

（二）知识产权质押贷款：

1\\. 专利权质押；

2\\. 商标权质押。

## 第二章　补偿标准

### 第一节　一般规定

第三条　补偿比例为50%。

第一百零一条　本办法自印发之日起施行。

## 附件1 申请指南 {#annex1}

第一条　申请人应当提交材料。

（一）申请表。

## 附件2 审核规程

第一条　审核应当公开。

## 附表1 申请表 {#form1}
"""


def test_chapters_articles_and_numbered_attachments() -> None:
    text, found = add_anchors(ARTICLES, continuous=False)
    assert found == {
        "c1": "第一章",
        "a1": "第一条",
        "a2": "第二条",
        "a2-1": "第二条（一）",
        "a2-2": "第二条（二）",
        "a2-2-1": "第二条（二）1",
        "a2-2-2": "第二条（二）2",
        "c2": "第二章",
        "c2-1": "第二章第一节",
        "a3": "第三条",
        "a101": "第一百零一条",
        "annex1-a1": "附件1第一条",  # articles restart in each numbered attachment: prefixed
        "annex1-a1-1": "附件1第一条（一）",
        "annex2": "附件2",
        "annex2-a1": "附件2第一条",
    }
    assert "## 第一章　总则 {#c1}" in text
    assert "第一条　为了规范管理，制定本办法。\n{: #a1 }" in text


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "policy_anchors.json"


@pytest.mark.parametrize("policy_id", ["sanming-ktd", "national-guarantee", "cbirc-2021", "liaocheng-2024"])
def test_published_pages_keep_their_anchors(policy_id: str) -> None:
    """The anchor map of each published page, recorded before chapters and articles were added."""
    markdown, continuous = source(policy_id)
    assert add_anchors(markdown, continuous=continuous)[1] == json.loads(FIXTURE.read_text("utf-8"))[policy_id]


def make_wheel() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as wheel:
        wheel.writestr("demo/__init__.py", "VALUE = 6 * 7\n")
        wheel.writestr("demo/data.txt", "kept as is")
        wheel.writestr("demo-1.0.dist-info/METADATA", "Name: demo\n")
        wheel.writestr("demo-1.0.dist-info/RECORD", "demo/__init__.py,,\n")
    return buffer.getvalue()


def test_precompiled_wheel_holds_bytecode_that_imports(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(precompile_wheel(make_wheel()))) as wheel:
        names = set(wheel.namelist())
        assert names == {
            "demo/__init__.pyc",
            "demo/data.txt",
            "demo-1.0.dist-info/METADATA",
            "demo-1.0.dist-info/RECORD",
        }
        record = wheel.read("demo-1.0.dist-info/RECORD").decode()
        assert "demo/__init__.pyc,sha256=" in record and "demo/data.txt,sha256=" in record
        wheel.extractall(tmp_path)
    # Sourceless bytecode of the running Python imports without its source.
    spec = importlib.util.spec_from_file_location("demo", tmp_path / "demo" / "__init__.pyc")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.VALUE == 42


def test_only_listed_modules_are_precompiled() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.py", "A = 1\n")
        archive.writestr("b.py", "B = 2\n")
    with zipfile.ZipFile(io.BytesIO(precompile_modules(buffer.getvalue(), {"a.py"}))) as archive:
        assert sorted(archive.namelist()) == ["a.pyc", "b.py"]
        assert archive.read("a.pyc")[:4] == importlib.util.MAGIC_NUMBER
