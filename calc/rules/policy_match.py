"""政策匹配: which estimators fit a firm's profile, most promising first (all four policies).

The candidates come from the registry: every estimator for firms (``audience="firm"``, the
default of :func:`calc.registry.estimator`) is listed once; estimators for banks and officials
(``audience="bank"``) are not. Each judges the profile with the rule its module declares
(:class:`calc.rules.matching.MatchRule`, with the clause it rests on and the answers that carry
over to its page); one that declares none — a new policy's skeleton — is listed as "check",
"请在计算器中核对条件", citing its first clause.

Interpretation (the contract gives the shape, not the rules; see :mod:`calc.rules.matching`):
``no`` when a stated fact excludes the support, with only the reasons that exclude it;
``likely`` when nothing excludes it, the conditions the profile can tell hold, and the firm
asked for what the support is for; ``check`` otherwise. Ranked by status (likely, check, no),
then what the firm asked for before what it did not (未提出需求), then the site's order.
"""

from __future__ import annotations

from typing import Annotated, Literal

from ..clauses import cite
from ..fields import Flag, Inputs, OptFlag, Split, choice, choices, flag
from ..outputs import Result, shown
from ..policies.national_guarantee.guarantee import CATEGORY_NAMES as CATEGORIES
from ..policies.national_guarantee.guarantee import Category
from ..registry import REGISTRY, Estimator, estimator
from ..trace import Trace
from . import GENERAL, load_all, modules
from .matching import CITIES, NO_RULE, SERVICES, STATUS_TEXT, Fit, Status

City = Literal["sanming", "liaocheng", "other"]
Service = Literal["provincial", "municipal", "none"]

ORDER = {"likely": 0, "check": 1, "no": 2}
ALL_POLICIES = "all"  # the matcher's policy id: it covers every policy


class MatchInputs(Inputs):
    """企业画像：不确定的可以不填。"""

    city: City | None = choice("企业所在地", CITIES, "注册或经营所在地。", default=None)
    categories: Annotated[list[Category], Split] = choices(
        "企业类型（可多选）",
        CATEGORIES,
        "已认定或入库的类型；不确定可不选。",
        clause=cite("national-guarantee", "二（一）"),  # the matcher has no page: clauses are cited in full
        default=[],
    )
    sme: OptFlag = flag("属于中小企业", "符合中小企业划型标准。", default=None)
    commissioner_service: Service | None = choice(
        "科技特派员服务", SERVICES, "是否由科技行政主管部门选认的省、市级科技特派员服务。", default=None
    )
    needs_loan: Flag = flag("需要贷款", default=False)
    patent_pledge_loan: Flag = flag("办理或计划办理专利权质押贷款", default=False)
    tech_transfer_loan: Flag = flag("办理或计划办理科技成果转化贷款", default=False)
    guarantee: Flag = flag("需要融资担保", default=False)
    tech_insurance: Flag = flag("投保或计划投保科技保险（首台套、首批次、首版次、“鲁科保”）", default=False)
    listing: Flag = flag("计划上市或挂牌（IPO、区域股权市场、新三板）", default=False)


class Match(Result):
    """One estimator's fit."""

    policy: str = shown("政策", "policy")
    estimator: str = shown("计算器", "estimator")
    status: Status = shown("匹配程度", "status", labels=STATUS_TEXT)
    reasons: list[str] = shown("理由", "text")
    clause: str = shown("条款", "clause")
    # Beyond the contract: whether the firm said it needs what the support is for (a support it did
    # not ask for is never "likely" and ranks after those it asked for), and the answers that carry over.
    asked: bool = shown("企业已提出需求", "bool")
    prefill: dict[str, str] = shown("可带入该计算器的已知信息", "prefill")


class MatchResult(Result):
    """匹配结果，最有希望的在前。"""

    matches: list[Match] = shown("匹配结果", "text", headline=True)


def candidates() -> list[Estimator]:
    """Every registered estimator for firms, in the site's order (the matcher itself excepted)."""
    load_all()
    return [REGISTRY[i] for i in modules() if i not in GENERAL and REGISTRY[i].audience == "firm"]


def judge(est: Estimator, inputs: MatchInputs) -> tuple[Fit, str, dict[str, str]]:
    """How the profile fits one estimator: the fit, the clause cited, the answers that carry over."""
    fit = Fit()
    if est.match is None:
        fit.unsure(NO_RULE)
        return fit, cite(est.policy, est.clauses[0]) if est.clauses else est.policy, {}
    est.match.judge(inputs, fit)
    return fit, cite(est.policy, est.match.clause), est.match.prefill(inputs)


def rank(match: Match) -> tuple[int, bool]:
    """Status first (likely, check, no), then what the firm asked for before what it did not."""
    return ORDER[match.status], not match.asked


@estimator(
    "policy-match",
    title="政策匹配：我能申请哪些支持？",
    policy=ALL_POLICIES,
    clauses=(),
    example={
        "city": "sanming",
        "categories": "tech_sme",
        "sme": "true",
        "commissioner_service": "municipal",
        "needs_loan": "true",
    },
)
def policy_match(inputs: MatchInputs, trace: Trace) -> MatchResult:
    """按企业画像列出可能适用的政策计算器，最有希望的在前。"""
    matches = []
    for est in candidates():
        fit, where, prefill = judge(est, inputs)
        trace.step(est.title, fit.verdict, where, "；".join(fit.reasons))
        matches.append(
            Match(
                policy=est.policy,
                estimator=est.id,
                status=fit.status,
                reasons=fit.reasons,
                clause=where,
                asked=fit.asked,
                prefill=prefill,
            )
        )
    matches.sort(key=rank)  # stable: the site's order within a rank
    trace.warn("匹配结果仅供参考，是否符合条件以主管部门审核为准。")
    return MatchResult(matches=matches)
