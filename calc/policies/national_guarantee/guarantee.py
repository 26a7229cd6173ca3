"""二（一）…（五）: risk shares, re-guarantee fee caps and the balance cap of the special plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from ... import params
from ...clauses import cite
from ...errors import InputError
from ...fields import Inputs, Money, OptFlag, OptMoney, OptRate, Rate, Split, choices, flag, money, rate
from ...numbers import HUNDRED, percent, rate_text, round_money, yuan_text
from ...outputs import MoneyOut, RateOut, Result, shown
from ...page import page
from ...registry import estimator
from ...rules.conditions import YES_NO, Answer
from ...rules.matching import Fit, MatchRule, Profile
from ...trace import Trace

POLICY = "national-guarantee"
TARGETS = "二（一）"
SHARES = "二（二）"
FEES = "二（三）"
BALANCE = "二（四）"
CEILING = "二（五）"

Category = Literal[
    "little_giant",
    "specialized_sme",
    "national_project",
    "high_tech",
    "innovation_points",
    "tech_sme",
    "innovative_sme",
]
CATEGORY_NAMES: dict[str, str] = {
    "little_giant": "专精特新“小巨人”",
    "specialized_sme": "专精特新中小企业",
    "national_project": "承担国家科技项目或处于成果转化应用期",
    "high_tech": "高新技术企业",
    "innovation_points": "创新积分制筛选",
    "tech_sme": "科技型中小企业",
    "innovative_sme": "创新型中小企业",
}
# 二（二）1–3: the three tiers of the national fund's share, by type of firm. 二（二）1 names
# “承担国家科技项目的中小企业” only; 二（一）4 also admits firms whose project “验收处于成果转化应用期”.
# The contract puts both under `national_project`, hence tier 1; a warning says so when it matters.
TIER_OF: dict[str, int] = {
    "little_giant": 1,
    "specialized_sme": 1,
    "national_project": 1,
    "high_tech": 2,
    "innovation_points": 2,
    "tech_sme": 3,
    "innovative_sme": 3,
}
TIER_CLAUSE = {1: "二（二）1", 2: "二（二）2", 3: "二（二）3"}
TIER_NAME = {1: "第一档", 2: "第二档", 3: "第三档"}


def _param(name: str) -> params.Parameter:
    return params.get(POLICY, name)


def _tier_max(tier: int) -> params.Parameter:
    return _param(f"s2_2_{tier}.fund_share_max")


BANK_MIN = _param("s2_2.bank_share_min")
PROVINCIAL_MIN = _param("s2_2.provincial_share_min")


class GuaranteeInputs(Inputs):
    """企业类型、贷款与担保、各方分险比例."""

    loan_amount: Money = money(
        "贷款金额", "本笔贷款的金额，单位元；各方分险比例均按贷款金额计算。", clause=SHARES, positive=True
    )
    # 二（一） "并符合以下条件之一": an empty list (a link's ``categories=``, or ``[]``) says the firm is in
    # none of the listed categories, so it is not a target of the plan (eligible false, 不符合), and the
    # shares are shown at the fund's share before the plan, with a warning. Absent, the field is
    # required: which categories a firm is in cannot be assumed.
    categories: Annotated[list[Category], Split] = choices(
        "企业类型",
        CATEGORY_NAMES,
        "可多选；同时属于几类时按最有利的一档计算。",
        clause=TARGETS,
    )
    # 二（一） "中小企业满足基本条件" is a condition of the plan. Absent, the contract's default (true)
    # applies and the trace says so; an explicit null leaves it unanswered: ``eligible`` is then null
    # (unless no category is given, which already decides), amounts as if it held, with a warning.
    sme_basic_conditions: OptFlag = flag(
        "满足中小企业基本条件",
        "境内注册的独立法人，符合中小企业划型标准，未列入经营异常名录或失信主体名单，产品（服务）不属于"
        "国家禁止、限制或淘汰类，近三年无重大安全、质量、环境污染事故及偷漏税等违法违规行为。",
        clause=TARGETS,
        default=True,
    )
    bank_share: Rate = rate(
        "银行分险比例",
        f"银行分担风险责任占贷款金额的比例，不低于 {BANK_MIN.text}。",
        clause=SHARES,
        default=BANK_MIN.value,
    )
    provincial_share: Rate = rate(
        "省级再担保机构分险比例",
        f"占贷款金额的比例，不低于 {PROVINCIAL_MIN.text}。",
        clause=SHARES,
        default=PROVINCIAL_MIN.value,
    )
    fund_share: OptRate = rate(
        "融担基金分险比例",
        "占贷款金额的比例；不填则取企业所属档次的上限。",
        clause=SHARES,
        default=None,
    )
    guarantee_amount: OptMoney = money(
        "单笔担保金额",
        "用于确定再担保费率上限和在保余额；不填则等于贷款金额。",
        clause=FEES,
        default=None,
        positive=True,
    )
    guarantee_fee_rate: OptRate = rate(
        "担保费率（年）", "担保机构每年收取的担保费率，例如 0.8 表示 0.8%。", clause=FEES, default=None
    )
    outstanding_guarantee: Money = money(
        "本笔担保前的在保余额",
        "企业在政府性融资担保体系中已有的在保余额（不含本笔）。",
        clause=BALANCE,
        default=Decimal(0),
    )
    loss: OptMoney = money(
        "损失金额", "如发生代偿，本笔贷款的损失金额；填写后按同样比例分摊。", clause=SHARES, default=None
    )


class LossSplit(Result):
    """各方分担的损失."""

    bank_amount: MoneyOut = shown("银行承担", "money")
    fund_amount: MoneyOut = shown("融担基金承担", "money")
    provincial_amount: MoneyOut = shown("省级再担保机构承担", "money")
    local_amount: MoneyOut = shown("市县级担保机构承担", "money")


class GuaranteeResult(Result):
    """分险比例与金额、再担保费率上限、担保费和在保余额."""

    eligible: Answer = shown("属于本计划支持对象", "bool")
    tier: int | None = shown("融担基金分险档次", "tier")
    fund_share_max: RateOut = shown("融担基金分险比例上限", "rate")
    bank_share: RateOut = shown("银行分险比例", "rate")
    fund_share: RateOut = shown("融担基金分险比例", "rate")
    provincial_share: RateOut = shown("省级再担保机构分险比例", "rate")
    local_share: RateOut = shown("市县级担保机构分险比例", "rate")
    bank_amount: MoneyOut = shown("银行分险金额", "money")
    fund_amount: MoneyOut = shown("融担基金分险金额", "money", headline=True)
    provincial_amount: MoneyOut = shown("省级再担保机构分险金额", "money")
    local_amount: MoneyOut = shown("市县级担保机构分险金额", "money")
    reguarantee_fee_cap: RateOut = shown("再担保费率上限", "rate")
    reguarantee_fee_max: MoneyOut = shown("再担保费上限", "money")
    guarantee_fee: MoneyOut | None = shown("担保费（每年）", "money")
    within_balance_cap: bool = shown("在保余额未超过单户上限", "bool")
    loss_split: LossSplit | None = shown("损失分担", "text")


def _names(categories: list[str]) -> str:
    return "、".join(CATEGORY_NAMES[c] for c in dict.fromkeys(categories)) or "无"


def _eligibility(inputs: GuaranteeInputs, trace: Trace) -> tuple[Answer, int | None]:
    """二（一）: basic conditions and at least one category; 二（二）1–3: the best tier."""
    where = cite(POLICY, TARGETS)
    basic = inputs.sme_basic_conditions
    formula = f"满足中小企业基本条件：{YES_NO[basic]}；企业类型：{_names(inputs.categories)}"
    if basic is False or not inputs.categories:
        failed = "不满足中小企业应具备的基本条件" if basic is False else "不符合所列任一类企业条件"
        trace.step("本计划支持对象", f"不属于（{failed}）", where, formula)
        return False, None
    if basic is None:
        trace.step("本计划支持对象", f"{YES_NO[None]}（尚未确认是否满足中小企业基本条件）", where, formula)
        trace.warn("尚未确认：满足中小企业基本条件（二（一））。以下档次、比例和金额按满足该条件估算，请据实核对。")
    else:
        trace.step("本计划支持对象", "属于", where, formula)
    trace.warn(
        "属于支持对象只表示可以获得本计划支持：具体企业名单由科技部、工业和信息化部确定，是否提供贷款和担保由银行"
        "和政府性融资担保机构按市场化原则自主选择（二（一））。"
    )
    tier = min(TIER_OF[c] for c in inputs.categories)
    deciding = [c for c in dict.fromkeys(inputs.categories) if TIER_OF[c] == tier]
    trace.step(
        "融担基金分险档次",
        TIER_NAME[tier],
        cite(POLICY, TIER_CLAUSE[tier]),
        f"{_names(deciding)} → {TIER_NAME[tier]}；同时属于几类时取最有利的一档",
    )
    if deciding == ["national_project"]:
        trace.warn(
            "二（二）1 列明的是“承担国家科技项目的中小企业”，二（一）4 另有“项目验收处于成果转化应用期的中小企业”；"
            "本计算器把两者都按第一档计算，处于成果转化应用期的企业请向担保机构确认适用档次。"
        )
    return basic, tier


def _fund_share_max(tier: int | None, trace: Trace) -> tuple[Decimal, str]:
    """The national fund's maximum share, and the clause that sets it."""
    if tier is not None:
        cap = _tier_max(tier)
        trace.step("融担基金分险比例上限", rate_text(cap.value), cap.cite, f"{TIER_NAME[tier]}：最高不超过 {cap.text}")
        return cap.value, cap.clause
    # Not a target of the plan: 二（二） raises the fund's share “从 20%提高至最高不超过 40%”, so a loan
    # outside the plan keeps the share before the plan. The text says this only in passing.
    baseline = _param("s2_2.fund_share_baseline")
    trace.step(
        "融担基金分险比例上限",
        rate_text(baseline.value),
        baseline.cite,
        f"不属于本计划支持对象，按计划提高前的比例 {baseline.text}",
    )
    trace.warn(
        f"该企业不属于本专项担保计划的支持对象，分险比例按计划提高前融担基金 {baseline.text} 的比例列示，"
        "仅供参考；本计划的档次、费率和在保余额上限均不适用。"
    )
    return baseline.value, SHARES


def _shares(
    inputs: GuaranteeInputs, fund_max: Decimal, fund_clause: str, trace: Trace
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """二（二）: bank ≥ 20 %, system = 100 − bank ≤ 80 %, fund ≤ its tier, provincial ≥ 20 %, local = rest."""
    where = cite(POLICY, SHARES)
    system_max = _param("s2_2.system_share_max")

    bank = inputs.bank_share
    if bank < BANK_MIN.value:
        raise InputError("bank_share", f"不能低于贷款金额的 {BANK_MIN.text}（二（二））")
    trace.step("银行分险比例", rate_text(bank), where, f"不低于 {BANK_MIN.text}")

    system = HUNDRED - bank
    if system > system_max.value:
        raise InputError("bank_share", f"政府性融资担保体系分险比例不能高于 {system_max.text}（二（二））")
    trace.step(
        "政府性融资担保体系分险比例", rate_text(system), where, f"100% − {rate_text(bank)}，不高于 {system_max.text}"
    )

    if inputs.fund_share is None:
        fund = fund_max
        formula = f"取上限 {rate_text(fund_max)}"
    else:
        fund = inputs.fund_share
        if fund > fund_max:
            raise InputError("fund_share", f"不能高于该企业适用的上限 {rate_text(fund_max)}（{fund_clause}）")
        formula = f"按填报，不超过上限 {rate_text(fund_max)}"
    trace.step("融担基金分险比例", rate_text(fund), cite(POLICY, fund_clause), formula)

    provincial = inputs.provincial_share
    if provincial < PROVINCIAL_MIN.value:
        raise InputError("provincial_share", f"不能低于 {PROVINCIAL_MIN.text}（二（二））")
    trace.step("省级再担保机构分险比例", rate_text(provincial), where, f"不低于 {PROVINCIAL_MIN.text}")

    local = system - fund - provincial
    if local < 0:
        # The city/county guarantor bears what is left; it cannot bear less than nothing. Name the
        # field the user most likely has to lower: a share they typed in, bank and provincial shares
        # having only a lower bound.
        typed = inputs.model_fields_set
        field = next((f for f in ("provincial_share", "bank_share", "fund_share") if f in typed), "bank_share")
        raise InputError(
            field,
            f"银行 {rate_text(bank)}、融担基金 {rate_text(fund)}、省级再担保机构 {rate_text(provincial)} "
            "合计超过 100%，市县级担保机构分险比例不能为负，请调低（二（二））",
        )
    trace.step(
        "市县级担保机构分险比例",
        rate_text(local),
        where,
        f"{rate_text(system)} − {rate_text(fund)} − {rate_text(provincial)}",
    )
    return bank, fund, provincial, local


PARTIES = (
    ("银行", "bank_amount"),
    ("融担基金", "fund_amount"),
    ("省级再担保机构", "provincial_amount"),
    ("市县级担保机构", "local_amount"),
)


def _split(whole: Decimal, shares: tuple[Decimal, ...], what: str, suffix: str, trace: Trace) -> dict[str, Decimal]:
    """Each party's part of ``whole`` (the loan or the loss), each rounded half-up on its own.

    The contract rounds every amount at its end, so the four rounded parts may differ from the
    whole by a fen or two; the estimate says so rather than moving the difference to one party.
    """
    where = cite(POLICY, SHARES)
    parts: dict[str, Decimal] = {}
    for (party, key), share in zip(PARTIES, shares, strict=True):
        parts[key] = whole * percent(share)
        trace.step(f"{party}{suffix}", yuan_text(parts[key]), where, f"{what} {yuan_text(whole)} × {rate_text(share)}")
    rounded = sum((round_money(v) for v in parts.values()), Decimal(0))
    if rounded != round_money(whole):
        trace.warn(
            f"各方{suffix}分别四舍五入到分，合计 {yuan_text(rounded)}，与{what} {yuan_text(whole)} 相差 "
            f"{yuan_text(abs(rounded - round_money(whole)))}。"
        )
    return parts


def _fees(
    inputs: GuaranteeInputs, amount: Decimal, eligible: bool, trace: Trace
) -> tuple[Decimal, Decimal, Decimal | None]:
    """二（三）: re-guarantee fee cap by the single guarantee amount; the guarantee fee per year."""
    where = cite(POLICY, FEES)
    threshold = _param("s2_3.large_guarantee_threshold")
    # “500 万元以上” / “500 万元及以下”: exactly the threshold takes the lower cap.
    if amount > threshold.value:
        cap = _param("s2_3.reguarantee_fee_cap_large")
        formula = f"单笔担保金额 {yuan_text(amount)} 在 {threshold.text}以上，不高于 {cap.text}"
    else:
        cap = _param("s2_3.reguarantee_fee_cap_small")
        formula = f"单笔担保金额 {yuan_text(amount)} 在 {threshold.text}及以下，不高于 {cap.text}"
    trace.step("再担保费率上限", rate_text(cap.value), where, formula)
    fee_max = amount * percent(cap.value)
    trace.step("再担保费上限", yuan_text(fee_max), where, f"{yuan_text(amount)} × {rate_text(cap.value)}")
    if not eligible:
        trace.warn(
            "再担保费率上限是本计划对融担基金科技创新再担保业务的规定，不属于支持对象的业务仅供参考（二（三））。"
        )

    if inputs.guarantee_fee_rate is None:
        return cap.value, fee_max, None
    fee = amount * percent(inputs.guarantee_fee_rate)
    trace.step("担保费（每年）", yuan_text(fee), where, f"{yuan_text(amount)} × {rate_text(inputs.guarantee_fee_rate)}")
    target = _param("s2_3.target_guarantee_fee_rate")
    # 二（三）: "鼓励合作机构……逐步将对科技创新类中小企业收取的平均担保费率降至 1%以下": an
    # encouragement about the average over a guarantor's business, not a limit on one guarantee.
    if inputs.guarantee_fee_rate >= target.value:
        trace.warn(
            f"担保费率 {rate_text(inputs.guarantee_fee_rate)} 不低于 {target.text}：本计划鼓励合作机构逐步将对"
            f"科技创新类中小企业收取的平均担保费率降至 {target.text}以下（二（三）），这是对平均费率的引导，"
            "不是单笔业务的上限。"
        )
    return cap.value, fee_max, fee


def _balance(inputs: GuaranteeInputs, amount: Decimal, eligible: bool, trace: Trace) -> bool:
    """二（四）: the firm's guarantee balance after this guarantee, against the cap."""
    # Outside the plan the cap is the one the plan raised (“从 1000 万元提高至不超过 3000 万元”).
    cap = _param("s2_4.balance_cap" if eligible else "s2_4.previous_balance_cap")
    after = inputs.outstanding_guarantee + amount
    within = after <= cap.value
    trace.step(
        "担保后单户在保余额",
        yuan_text(after),
        cite(POLICY, BALANCE),
        f"{yuan_text(inputs.outstanding_guarantee)} + {yuan_text(amount)}，上限 {cap.text}"
        + ("" if eligible else "（不属于支持对象，按提高前的上限）"),
    )
    trace.step(
        "在保余额未超过单户上限",
        YES_NO[within],
        cite(POLICY, BALANCE),
        f"{yuan_text(after)} {'≤' if within else '>'} {cap.text}",
    )
    if not within:
        trace.warn(f"担保后单户在保余额 {yuan_text(after)} 超过 {cap.text}的上限（二（四））。")
    return within


def _match(profile: Profile, fit: Fit) -> None:
    """政策匹配, 二（一）: an SME meeting the basic conditions and in at least one category; any city."""
    if profile.sme is False:
        fit.exclude("专项担保计划支持中小企业（二（一）），企业不属于中小企业")
    elif profile.sme is None:
        fit.unsure("请确认是否符合中小企业划型标准及基本条件")
    else:
        fit.holds("属于中小企业（另须满足二（一）所列基本条件）")
    if profile.categories:
        fit.holds("企业类型：" + _names(profile.categories))
    else:
        fit.unsure("须属于专项担保计划列明的企业类型之一（二（一））")
    fit.wants(profile.guarantee or profile.needs_loan, "需要贷款或融资担保")


def _prefill(profile: Profile) -> dict[str, str]:
    """The categories carry over; "not an SME" answers the basic conditions (being one does not settle them)."""
    known = {}
    if profile.categories:
        known["categories"] = ",".join(profile.categories)
    if profile.sme is False:
        known["sme_basic_conditions"] = "false"
    return known


@estimator(
    "national-guarantee",
    title="支持科技创新专项担保计划：分险、费率与额度",
    policy=POLICY,
    clauses=(TARGETS, SHARES, *TIER_CLAUSE.values(), FEES, BALANCE, CEILING),
    match=MatchRule(TARGETS, _match, _prefill),
    example={
        "loan_amount": "10000000",
        "categories": ["specialized_sme", "tech_sme"],
        "guarantee_fee_rate": "0.8",
        "outstanding_guarantee": "5000000",
        "loss": "3000000",
    },
)
def guarantee(inputs: GuaranteeInputs, trace: Trace) -> GuaranteeResult:
    """按专项担保计划二（一）至（四）测算各方分险比例和金额、再担保费率上限、担保费与在保余额。

    二（一）: "中小企业满足基本条件，并符合以下条件之一的可作为政策支持对象，具体由银行和政府性融资
    担保机构按照市场化原则自主选择"。
    二（二）: "银行和政府性融资担保体系分别按不低于贷款金额的 20%、不高于贷款金额的 80%分担风险责任。
    融担基金分险比例从 20%提高至最高不超过 40%。省级再担保机构分险比例不低于 20%。…… 1. 对于专精特新
    “小巨人”企业、专精特新中小企业、承担国家科技项目的中小企业，融担基金分担最高不超过 40% 的风险责任；
    2. 对于高新技术企业、依托“创新积分制”筛选出的科技型中小企业，融担基金分担最高不超过 35% 的风险责任；
    3. 对于科技型中小企业、创新型中小企业，融担基金分担最高不超过 30% 的风险责任。"
    二（三）: "融担基金再担保业务单笔担保金额 500 万元以上的，再担保费率不高于 0.5%；单笔担保金额 500 万元
    及以下的，再担保费率不高于 0.3%。…… 逐步将对科技创新类中小企业收取的平均担保费率降至 1%以下。"
    二（四）: "将科技创新类中小企业单户在保余额上限从 1000 万元提高至不超过 3000 万元。"
    """
    loan = inputs.loan_amount
    amount = loan if inputs.guarantee_amount is None else inputs.guarantee_amount
    # A guarantee covers the loan: a guarantee above the loan is a typing error (a part above its whole).
    if amount > loan:
        raise InputError("guarantee_amount", "不能高于贷款金额")
    if inputs.loss is not None and inputs.loss > loan:
        raise InputError("loss", "不能高于贷款金额")

    eligible, tier = _eligibility(inputs, trace)
    fund_max, fund_clause = _fund_share_max(tier, trace)
    shares = _shares(inputs, fund_max, fund_clause, trace)
    amounts = _split(loan, shares, "贷款金额", "分险金额", trace)
    if amount < loan:
        trace.warn("单笔担保金额低于贷款金额；各方分险金额仍按二（二）“贷款金额”的比例计算。")

    loss_split = None
    if inputs.loss is not None:
        loss_split = LossSplit(**_split(inputs.loss, shares, "损失金额", "承担损失", trace))
        ceiling = _param("s2_5.compensation_ceiling")
        trace.warn(
            f"融担基金与省级再担保机构约定的代偿赔付上限为 {ceiling.text}，超过上限部分融担基金不予赔付（二（五））；"
            "损失分担按约定比例列示，未考虑该上限。"
        )

    # Unknown eligibility is estimated as if eligible (the warning above says so).
    fee_cap, fee_max, fee = _fees(inputs, amount, eligible is not False, trace)
    within = _balance(inputs, amount, eligible is not False, trace)

    bank, fund, provincial, local = shares
    return GuaranteeResult(
        eligible=eligible,
        tier=tier,
        fund_share_max=fund_max,
        bank_share=bank,
        fund_share=fund,
        provincial_share=provincial,
        local_share=local,
        **amounts,
        reguarantee_fee_cap=fee_cap,
        reguarantee_fee_max=fee_max,
        guarantee_fee=fee,
        within_balance_cap=within,
        loss_split=loss_split,
    )


BAR_PARTIES = [("bank", "银行"), ("fund", "融担基金"), ("provincial", "省级再担保机构"), ("local", "市县担保机构")]
PAGE = page(
    gate="eligible",
    headline=["loss_split.fund_amount"],
    groups={
        "分险比例、担保费与代偿（可选）": [
            "bank_share",
            "provincial_share",
            "fund_share",
            "guarantee_amount",
            "guarantee_fee_rate",
            "outstanding_guarantee",
            "loss",
        ]
    },
    bars=[
        ("分险比例（按贷款金额）", [(f"{p}_amount", name) for p, name in BAR_PARTIES]),
        ("代偿损失分担", [(f"loss_split.{p}_amount", name) for p, name in BAR_PARTIES]),
    ],
)
