"""The attached forms: every slot names a field its calculator knows, every applicant cell has a label."""

import re

import pytest

import calc
from build_scripts.templates import form, form_entries, sheet_extra
from calc.clauses import anchor

pytestmark = pytest.mark.cpython_only  # the build tools (not collected in Pyodide: see conftest)

WITH_FORMS = [e for e in calc.estimators() if e.page.form]


def test_the_sanming_forms_are_printed_by_calculators() -> None:
    assert {(e.id, e.page.form) for e in WITH_FORMS} >= {
        ("sanming-ktd-subsidy", "附表2"),
        ("sanming-ktd-compensation", "附表1"),
    }


@pytest.mark.parametrize("est", WITH_FORMS, ids=lambda e: e.id)
def test_every_slot_names_an_input_or_a_result(est: calc.registry.Estimator) -> None:
    html = form(est.policy, anchor(est.page.form))
    known = set(est.inputs.model_fields) | set(est.result.model_fields)
    named = set(re.findall(r'data-(?:slot|until)="([^"]+)"', html))
    assert named and named <= known, named - known


@pytest.mark.parametrize("est", WITH_FORMS, ids=lambda e: e.id)
def test_every_applicant_cell_has_one_labelled_input(est: calc.registry.Estimator) -> None:
    entries = form_entries(est.policy, anchor(est.page.form))
    names = [e.name for e in entries]
    assert entries and len(names) == len(set(names))
    html = str(sheet_extra(est.policy, est.page.form))
    for entry in entries:
        assert re.search(r"[\u4e00-\u9fff]", entry.label)
        assert f'<label for="sheet-{entry.name}">{entry.label}</label>' in html
        assert html.count(f'data-entry="{entry.name}"') == 1
    assert "<form" not in html and " name=" not in html  # nothing the calculator reads or a browser submits


def test_the_policy_page_shows_the_forms_empty() -> None:
    for name in ("form1", "form2"):
        html = form("sanming-ktd", name)
        assert 'class="form-slot' in html and not re.search(r'<span class="form-slot[^>]*>[^<]', html)
