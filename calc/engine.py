"""The public entry points: :func:`run`, :func:`schema`, :func:`catalogue`, :func:`estimators`."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from . import rules
from .errors import InputError, error, from_validation
from .registry import REGISTRY, Estimator
from .rules.defaults import record_defaults
from .trace import Trace, Warnings


class UnknownEstimator(KeyError):
    """No estimator has this id."""


def get(estimator_id: str) -> Estimator:
    """The estimator with this id (its rule module imported on first use)."""
    try:
        rules.load(estimator_id)
        return REGISTRY[estimator_id]
    except (KeyError, TypeError):
        raise UnknownEstimator(estimator_id) from None


def failure(estimator_id: Any, errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The contract's error shape."""
    return {"ok": False, "estimator": estimator_id, "errors": errors}


def run(estimator_id: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """Run one estimator on a dict of inputs and return the contract's JSON-ready dict."""
    try:
        est = get(estimator_id)
    except UnknownEstimator:
        known = "、".join(rules.modules())
        return failure(estimator_id, [error(None, None, f"没有这个计算器：{estimator_id}（可用：{known}）")])
    return evaluate(est, inputs)


def evaluate(est: Estimator, inputs: dict[str, Any], *, explain: bool = True) -> dict[str, Any]:
    """:func:`run` for an estimator already found; without ``explain``, no ``trace`` (a batch's rows).

    The figures, the warnings and the errors are the same either way: ``explain=False`` only
    drops the trace's steps (and the steps that say which defaults were applied), which a batch
    shows on demand by running the row again with :func:`run`.
    """
    if not isinstance(inputs, dict):
        return failure(est.id, [error(None, None, "输入应为一个 JSON 对象")])
    try:
        model = est.inputs.model_validate(inputs)
    except ValidationError as exc:
        return failure(est.id, from_validation(est.inputs, exc))
    trace = Trace() if explain else Warnings()
    if explain:
        record_defaults(est.policy, model, trace)
    try:
        result = est.compute(model, trace)
    except InputError as exc:
        return failure(est.id, [error(est.inputs, exc.field, exc.message)])
    response = {"ok": True, "estimator": est.id, "result": result.model_dump(mode="json")}
    if explain:
        response["trace"] = trace.as_list()
    response["warnings"] = list(trace.warnings)
    return response


def schema(estimator_id: str) -> dict[str, Any]:
    """JSON Schema of an estimator's inputs (titles and help in Chinese), with its page's hints."""
    est = get(estimator_id)
    return est.page.inputs_schema(est.inputs.model_json_schema())


def result_schema(estimator_id: str) -> dict[str, Any]:
    """JSON Schema of an estimator's result, as serialized (money and rates as strings), with its page's bars."""
    est = get(estimator_id)
    return est.page.result_schema(est.result.model_json_schema(mode="serialization"))


def estimators() -> list[Estimator]:
    """Every estimator of the contract, in its order."""
    return [get(estimator_id) for estimator_id in rules.modules()]


def catalogue() -> list[dict[str, str]]:
    """Every estimator: id, Chinese title, policy id."""
    return [{"id": e.id, "title": e.title, "policy": e.policy} for e in estimators()]
