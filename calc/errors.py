"""Input errors as the contract shows them: ``{"field": NAME, "message": ZH}``.

Messages are Chinese and name the field by its Chinese label (``estimators.md``, Conventions).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

# pydantic error type → message; ``{…}`` are filled from the error's context.
MESSAGES: dict[str, str] = {
    "missing": "必填",
    "extra_forbidden": "不是本计算器的输入项",
    "greater_than": "必须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "decimal_max_places": "最多保留 {decimal_places} 位小数",
    "bool_parsing": "请选择“是”或“否”",
    "bool_type": "请选择“是”或“否”",
    "literal_error": "请从选项中选择：{expected}",
    "enum": "请从选项中选择：{expected}",
    "model_type": "输入应为一个 JSON 对象",
    "dict_type": "输入应为一个 JSON 对象",
    "list_type": "应为一个列表",
    "string_unicode": "含有无法识别的字符",
}


class InputError(ValueError):
    """An input that passed field validation but breaks a rule between fields."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}" if abs(value) >= 1000 else f"{value.normalize():f}"
    return str(value)


def label_of(model: type[BaseModel], field: str | None) -> str:
    """The Chinese label of a field, or the field name when the model has no such field."""
    info = model.model_fields.get(field or "")
    return (info.title if info and info.title else field) or "输入"


def error(model: type[BaseModel] | None, field: str | None, message: str) -> dict[str, Any]:
    """One error entry, its message prefixed with the field's label."""
    label = label_of(model, field) if model is not None and field else None
    return {"field": field, "message": f"{label}：{message}" if label else message}


def _choice_labels(model: type[BaseModel], field: str | None) -> str | None:
    info = model.model_fields.get(field or "")
    extra = info.json_schema_extra if info else None
    labels = extra.get("x-choices") if isinstance(extra, dict) else None
    return "、".join(f"{name}（{value}）" for value, name in labels.items()) if isinstance(labels, dict) else None


def from_validation(model: type[BaseModel], exc: ValidationError) -> list[dict[str, Any]]:
    """Translate pydantic's errors into the contract's Chinese errors, one per field."""
    found: dict[str | None, dict[str, Any]] = {}
    for item in exc.errors(include_url=False):
        field = str(item["loc"][0]) if item["loc"] else None
        template = MESSAGES.get(item["type"])
        labels = _choice_labels(model, field) if item["type"] in ("literal_error", "enum") else None
        if labels:
            message = f"请从以下选项中选择：{labels}"
        elif template is None:
            message = item["msg"] if item["type"].startswith("zh_") else "输入无效"
        else:
            context = {key: _plain(value) for key, value in (item.get("ctx") or {}).items()}
            message = template.format(**context)
        found.setdefault(field, error(model, field, message))
    return list(found.values())
