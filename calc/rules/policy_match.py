"""政策匹配: which estimators fit a firm's profile, most promising first (all four policies).

Interpretation (the contract gives the shape, not the rules): for each estimator meant for firms,
``no`` when a stated fact excludes it (another city, not an SME where the policy requires one,
no commissioner for the Sanming plan), ``likely`` when the place and the firm's conditions hold and
the firm does or plans the activity the support is for, ``check`` otherwise (something unknown,
or the activity not planned yet). Estimators for banks (compensation, portfolio, risk
compensation, non-performing-loan tolerance) are not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from ..clauses import cite
from ..fields import Flag, Inputs, OptFlag, Split, choice, choices, flag
from ..outputs import Result, shown
from ..policies.national_guarantee.guarantee import CATEGORY_NAMES as CATEGORIES
from ..policies.national_guarantee.guarantee import Category
from ..registry import REGISTRY, estimator
from ..trace import Trace
from . import load

City = Literal["sanming", "liaocheng", "other"]
Service = Literal["provincial", "municipal", "none"]
Status = Literal["likely", "check", "no"]

CITIES = {"sanming": "福建省三明市", "liaocheng": "山东省聊城市", "other": "其他地区"}
SERVICES = {"provincial": "省级科技特派员服务", "municipal": "市级科技特派员服务", "none": "无科技特派员服务"}
STATUS_TEXT = {"likely": "可能符合", "check": "需进一步核实", "no": "不符合"}
ORDER = {"likely": 0, "check": 1, "no": 2}
ALL_POLICIES = "all"  # the matcher's policy id: it covers every policy


class MatchInputs(Inputs):
    """企业画像：不确定的可以不填。"""

    city: City | None = choice("企业所在地", CITIES, "注册或经营所在地。", default=None)
    categories: Annotated[list[Category], Split] = choices(
        "企业类型（可多选）", CATEGORIES, "已认定或入库的类型；不确定可不选。", clause="二（一）", default=[]
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
    prefill: dict[str, str] = shown("可带入该计算器的已知信息", "prefill")


class MatchResult(Result):
    """匹配结果，最有希望的在前。"""

    matches: list[Match] = shown("匹配结果", "text", headline=True)


@dataclass
class _Fit:
    """The status of one estimator while the reasons are collected."""

    status: Status = "likely"

    def __post_init__(self) -> None:
        self.reasons: list[str] = []

    def exclude(self, reason: str) -> None:
        self.status = "no"
        self.reasons.append(reason)

    def unsure(self, reason: str) -> None:
        if self.status == "likely":
            self.status = "check"
        self.reasons.append(reason)

    def holds(self, reason: str) -> None:
        self.reasons.append(reason)


def _in_city(fit: _Fit, city: str | None, wanted: str) -> None:
    if city is None:
        fit.unsure(f"请确认企业是否位于{CITIES[wanted]}")
    elif city != wanted:
        fit.exclude(f"仅适用于{CITIES[wanted]}的企业")
    else:
        fit.holds(f"企业位于{CITIES[wanted]}")


def _activity(fit: _Fit, done: bool, what: str) -> None:
    if done:
        fit.holds(f"企业{what}")
    else:
        fit.unsure(f"适用于{what}的企业")


def _sanming(inputs: MatchInputs, fit: _Fit, *, loan_taken: bool) -> None:
    """二 支持对象 and 三（二）: a firm in Sanming served by a provincial or municipal commissioner."""
    _in_city(fit, inputs.city, "sanming")
    if inputs.commissioner_service is None:
        fit.unsure("请确认是否由省、市级科技特派员服务（科技特派员利益共同体亦可）")
    elif inputs.commissioner_service == "none":
        fit.exclude("须为省、市级科技特派员服务的经济实体（二）")
    else:
        fit.holds(f"由{SERVICES[inputs.commissioner_service]}")
    _activity(fit, inputs.needs_loan, "已办理或需要“科特贷”贷款" if loan_taken else "需要贷款")


def _national(inputs: MatchInputs, fit: _Fit) -> None:
    """二（一）: an SME meeting the basic conditions and in at least one category."""
    if inputs.sme is False:
        fit.exclude("专项担保计划支持中小企业")
    elif inputs.sme is None:
        fit.unsure("请确认是否符合中小企业划型标准及基本条件")
    if inputs.categories:
        fit.holds("企业类型：" + "、".join(CATEGORIES[c] for c in inputs.categories))
    else:
        fit.unsure("须属于专项担保计划列明的企业类型之一（二（一））")
    _activity(fit, inputs.guarantee or inputs.needs_loan, "需要贷款或融资担保")


def _liaocheng(inputs: MatchInputs, fit: _Fit, activity: bool, what: str, *, tech_sme: bool) -> None:
    _in_city(fit, inputs.city, "liaocheng")
    if tech_sme:
        if "tech_sme" in inputs.categories:
            fit.holds("企业为科技型中小企业")
        else:
            fit.unsure("须为科技型中小（微）企业")
    _activity(fit, activity, what)


TECH_SME_CONDITION = ("liaocheng-patent-pledge", "liaocheng-transfer-loan-topup")


def prefill(inputs: MatchInputs, estimator_id: str) -> dict[str, str]:
    """The answers that carry over to an estimator's own fields (its page opens with them filled in).

    Only facts that mean the same there: the city for Sanming's location question, the
    commissioner, the categories, 科技型中小企业 for Liaocheng's tech-SME condition, and "not an
    SME" for the guarantee plan's basic conditions (being one does not settle them).
    """
    known: dict[str, str] = {}
    if estimator_id == "sanming-ktd-eligibility":
        if inputs.city is not None:
            known["located_in_sanming"] = str(inputs.city == "sanming").lower()
        if inputs.commissioner_service is not None:
            known["commissioner_service"] = inputs.commissioner_service
    elif estimator_id == "national-guarantee":
        if inputs.categories:
            known["categories"] = ",".join(inputs.categories)
        if inputs.sme is False:
            known["sme_basic_conditions"] = "false"
    elif (
        estimator_id in ("liaocheng-patent-pledge", "liaocheng-transfer-loan-topup") and "tech_sme" in inputs.categories
    ):
        known["tech_sme"] = "true"
    return known


# estimator id → (policy, clause, rule)
RULES = {
    "sanming-ktd-eligibility": ("sanming-ktd", "二", lambda i, f: _sanming(i, f, loan_taken=False)),
    "sanming-ktd-subsidy": ("sanming-ktd", "四（二）", lambda i, f: _sanming(i, f, loan_taken=True)),
    "national-guarantee": ("national-guarantee", "二（一）", _national),
    "liaocheng-patent-pledge": (
        "liaocheng-2024",
        "一（一）",
        lambda i, f: _liaocheng(i, f, i.patent_pledge_loan, "办理专利权质押贷款", tech_sme=True),
    ),
    "liaocheng-transfer-loan-topup": (
        "liaocheng-2024",
        "一（一）",
        lambda i, f: _liaocheng(i, f, i.tech_transfer_loan, "办理科技成果转化贷款", tech_sme=True),
    ),
    "liaocheng-guarantee-fee": (
        "liaocheng-2024",
        "一（二）",
        lambda i, f: _liaocheng(i, f, i.guarantee, "需要“鲁科担”融资担保", tech_sme=False),
    ),
    "liaocheng-insurance": (
        "liaocheng-2024",
        "一（三）",
        lambda i, f: _liaocheng(i, f, i.tech_insurance, "投保科技保险", tech_sme=False),
    ),
    "liaocheng-listing": (
        "liaocheng-2024",
        "二（三）",
        lambda i, f: _liaocheng(i, f, i.listing, "计划上市或挂牌", tech_sme=False),
    ),
}


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
    for estimator_id, (policy, clause, rule) in RULES.items():
        fit = _Fit()
        rule(inputs, fit)
        where = cite(policy, clause)
        load(estimator_id)  # for its title
        trace.step(REGISTRY[estimator_id].title, STATUS_TEXT[fit.status], where, "；".join(fit.reasons))
        matches.append(
            Match(
                policy=policy,
                estimator=estimator_id,
                status=fit.status,
                reasons=fit.reasons,
                clause=where,
                prefill=prefill(inputs, estimator_id),
            )
        )
    matches.sort(key=lambda m: ORDER[m.status])  # stable: the contract's order within a status
    trace.warn("匹配结果仅供参考，是否符合条件以主管部门审核为准。")
    return MatchResult(matches=matches)
