"""How the matcher (政策匹配) judges a firm for the “科特贷”: shared by the eligibility check and the subsidy.

二 支持对象: "由科技行政主管部门选认的省、市级科技特派员服务的三明市行政区域范围内经济实体……其中科技
特派员利益共同体是指科技特派员携带技术、项目、资金领办、创办经济实体，或以科技成果和知识产权入股……与
服务对象结成“风险共担、收益共享”的三明市行政区域范围内经济实体。"
"""

from __future__ import annotations

from ...rules.matching import SERVICES, Fit, Profile, in_city


def sanming_firm(profile: Profile, fit: Fit) -> None:
    """二: a firm in Sanming served by a provincial or municipal commissioner, or an interest community."""
    in_city(fit, profile, "sanming")
    service = profile.commissioner_service
    if service is None:
        fit.unsure("请确认是否由省、市级科技特派员服务（科技特派员利益共同体亦可）")
    elif service == "none":
        # 二 also admits a 科技特派员利益共同体, an entity a commissioner leads, founds or joins (and the
        # eligibility check accepts one whatever the service). The profile does not ask whether the
        # firm is one, so "no commissioner" is something to check, not a no.
        fit.unsure(
            "未由省、市级科技特派员服务：属于科技特派员利益共同体（科技特派员领办、创办或入股的经济实体）的"
            "仍可申请（二），请核实"
        )
    else:
        fit.holds(f"由{SERVICES[service]}")
