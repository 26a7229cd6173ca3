"""MkDocs hooks (named in ``mkdocs.yml``): generated calculator pages and policy page parts."""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.structure.files import File, Files

from build_scripts import (
    batch_page,
    calculator_pages,
    csp,
    glossary,
    lpr_page,
    overview,
    policy_pages,
    runtime,
    search_index,
)
from build_scripts.templates import render
from calc import estimators, policies
from calc.clauses import source_address


def build_date() -> date:
    """The date the site is built for (``SOURCE_DATE_EPOCH`` makes builds reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


#: Navigation sections that the build fills in from the policy library.
POLICY_NAV, CALCULATOR_NAV = "政策原文", "计算器"

log = logging.getLogger("build_scripts")  # not mkdocs': a policy still to fill in must not fail a strict build
if not log.handlers:  # `mkdocs serve` loads the hooks again on every rebuild
    log.addHandler(logging.StreamHandler())


def on_config(config: Any) -> Any:
    """Fill the navigation's policy and calculator sections from the policy library."""
    for item in config["nav"] or []:
        if isinstance(item, dict) and POLICY_NAV in item:
            item[POLICY_NAV] = [source_address(p.id) for p in policies.all_policies()]
        if isinstance(item, dict) and CALCULATOR_NAV in item:
            item[CALCULATOR_NAV] = calculator_pages.navigation()
    for policy in policies.all_policies():
        if policy.to_fill:
            log.warning(
                "WARNING  -  政策 %s 尚有待填写的信息：%s（calc/policies/%s/policy.toml）",
                policy.id,
                "、".join(policy.to_fill),
                policy.package,
            )
    return config


def on_files(files: Files, config: Any) -> Files:
    """Add one generated page per estimator, and the calculators' index."""
    files.append(File.generated(config, "calculators/index.md", content=calculator_pages.index()))
    files.append(File.generated(config, "overview.md", content=overview.overview_page(build_date())))
    files.append(File.generated(config, "glossary.md", content=glossary.glossary_page()))
    files.append(File.generated(config, "lpr.md", content=lpr_page.lpr_page()))
    files.append(File.generated(config, batch_page.SOURCE, content=batch_page.page(runtime.site_path())))
    for path, data in batch_page.templates(build_date()).items():
        files.append(File.generated(config, path, content=data))
    for est in estimators():
        files.append(
            File.generated(config, f"calculators/{est.id}.md", content=calculator_pages.page(est, runtime.site_path()))
        )
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Policy pages get clause anchors, the metadata header and calculator links."""
    if page.file.src_uri == "index.md":
        return home(markdown)
    policy_id = page.meta.get("policy")
    if not policy_id:
        return markdown
    page.meta.setdefault("title", policies.get(policy_id).short_title)
    page.meta.setdefault("search", {"boost": 2})  # the texts themselves rank above the calculators
    continuous = page.meta.get("clause_numbering") == "continuous"
    return policy_pages.transform(markdown, policy_id, continuous=continuous, today=build_date())


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Glossary terms show their short definition where they first appear on a page."""
    return glossary.add_definitions(html, page_url=page.url)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """No canonical link: mkdocs.yml's site_url is a placeholder (the site may be hosted anywhere)."""
    page.canonical_url = None
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page carries its Content-Security-Policy (see csp.py) and names the site's search worker."""
    return csp.add_meta(search_index.use_worker(output))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """So does the 404 page."""
    if not template_name.endswith(".html"):
        return output_content
    return csp.add_meta(search_index.use_worker(output_content))


def on_post_build(config: Any) -> None:
    """The search index holds every policy clause as its own entry (see search_index.py)."""
    search_index.rewrite(Path(config["site_dir"]))


def home(markdown: str) -> str:
    """The home page's lists of policies and calculators, from the package's data."""
    today = build_date()
    items = [(p, p.status_text(today)) for p in policies.all_policies()]
    markdown = markdown.replace("<!-- policy-list -->", render("home_lists.md.j2", kind="policies", items=items))
    return markdown.replace(
        "<!-- calculator-list -->", render("home_lists.md.j2", kind="calculators", items=list(estimators()))
    )
