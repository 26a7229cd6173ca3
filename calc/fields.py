"""Input field types and their declarations, with Chinese labels, help and clause.

Every input model of an estimator is built from these, so that the web forms (generated from
the JSON Schema) and the command line share one definition of what a field accepts. Custom
keys in the schema: ``x-kind`` (money, rate, date, bool, choice, choices, int), ``x-unit``,
``x-clause`` and ``x-choices``. How the page lays the fields out (groups, fields shown only when
another has some value, LPR notes) is not declared here but in the estimator's ``PAGE``
(:mod:`calc.page`).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticCustomError

from .numbers import NotANumber, to_decimal

MAX_MONEY = Decimal("1000000000000")  # 1 万亿元: anything larger is a typing error
MAX_RATE = Decimal(100)
RATE_PLACES = 6  # 3.450000 % is still a rate; 1e-999999 % is a typing error, not a rate
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)
BIG_DIGITS = 18  # a count with more digits is beyond every maximum (see _int)
BIG_INT = 10 ** (BIG_DIGITS + 1)

_CHINESE_NUMERALS = re.compile(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")
_CURRENCY = re.compile(r"[元¥￥]")
_SYMBOL = re.compile(r"[¥￥$]")
# An amount written with its unit: "120万", "120 万元", "１２０万" (万 = 10,000 元) or "120元".
_MONEY_UNIT = re.compile(r"^(?P<number>.*?)(?P<unit>万元|万|元)$")
WAN = Decimal(10000)
_PERCENT = re.compile(r"\s*[%％]\s*$")
_PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?", re.ASCII)  # needs neither normalisation nor a unit
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DAY = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")

_TRUE = {"true", "1", "yes", "on", "是", "有"}
_FALSE = {"false", "0", "no", "off", "否", "无"}


def _not_a_number(value: object, example: str, kind: str = "数字") -> PydanticCustomError:
    """The error for text that is not a number, with a hint for the usual slips."""
    text = value if isinstance(value, str) else ""
    if _CHINESE_NUMERALS.search(text):
        message = f"请用阿拉伯数字填写，例如 {example}"
    elif _SYMBOL.search(text):
        message = f"请不要带货币符号，例如 {example}"
    elif _CURRENCY.search(text):
        message = f"请只填写数字，不带“元”或货币符号，例如 {example}"
    else:
        message = f"请输入{kind}，例如 {example}"
    return PydanticCustomError("zh_number", message)


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return to_decimal(value)
    except NotANumber:
        raise _not_a_number(value, "2000000 或 3.45") from None


def _money(value: object) -> Decimal | None:
    """An amount in 元; a trailing 万 or 万元 multiplies by 10,000 and a trailing 元 is understood.

    Contract (Conventions): "amounts with 万 or 万元" are read leniently. Exact: ``1.5万`` is
    ``Decimal("15000.0")``, never a float; anything else left over is refused as before.
    """
    if not isinstance(value, str) or _PLAIN_NUMBER.fullmatch(value):
        return _decimal(value)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    unit = _MONEY_UNIT.match(text)
    number = unit.group("number") if unit else text
    try:
        amount = to_decimal(number)
    except NotANumber:
        raise _not_a_number(number or value, "2000000 或 200万") from None
    return amount * WAN if unit and unit.group("unit").startswith("万") else amount


def _rate(value: object) -> Decimal | None:
    """A rate in %: a trailing percent sign is understood (``3.45%`` is 3.45)."""
    if isinstance(value, str):
        value = _PERCENT.sub("", value)
    return _decimal(value)


def _date(value: object) -> date | None:
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        day = value
    elif isinstance(value, str):
        # ISO "2025-08-01", as in most files, needs no normalisation (same result, faster).
        text = value if _ISO_DAY.fullmatch(value) else re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
        match = _DAY.fullmatch(text)
        try:
            day = date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            raise PydanticCustomError("zh_date", "没有这一天，请检查年月日") from None
        if day is None:
            raise PydanticCustomError("zh_date", "请按“年-月-日”填写日期，例如 2025-03-01")
    else:
        raise PydanticCustomError("zh_date", "请按“年-月-日”填写日期，例如 2025-03-01")
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("zh_date", "日期超出合理范围（1990 年至 2100 年）")
    return day


def _int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        number = to_decimal(value)
    except NotANumber:
        raise _not_a_number(value, "12", "整数") from None
    if number.adjusted() > BIG_DIGITS:
        # Far beyond any count's maximum: let the field's bound give its message, without
        # building an integer of a billion digits from "1e999999999" (that would hang).
        return BIG_INT if number > 0 else -BIG_INT
    if number != number.to_integral_value():
        raise PydanticCustomError("zh_int", "请输入整数，例如 12")
    return int(number)


def _split(value: object) -> object:
    """A list from a list, or from comma-separated text (``tech_sme,high_tech``, ``a，b``)."""
    if isinstance(value, str):
        return [part for part in re.split(r"[,，、;；\s]+", unicodedata.normalize("NFKC", value)) if part]
    if isinstance(value, tuple):
        return list(value)
    return value


def _bool(value: object) -> object:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return value


Money = Annotated[Decimal, BeforeValidator(_money)]
Rate = Annotated[Decimal, BeforeValidator(_rate)]
Day = Annotated[date, BeforeValidator(_date)]
Flag = Annotated[bool, BeforeValidator(_bool)]
OptMoney = Annotated[Decimal | None, BeforeValidator(_money)]
OptRate = Annotated[Decimal | None, BeforeValidator(_rate)]
OptDay = Annotated[date | None, BeforeValidator(_date)]
OptFlag = Annotated[bool | None, BeforeValidator(_bool)]
Count = Annotated[int, BeforeValidator(_int)]
OptCount = Annotated[int | None, BeforeValidator(_int)]
Split = BeforeValidator(_split)  # use as Annotated[list[SomeLiteral], Split]


def _extra(kind: str, unit: str | None, clause: str | None, **more: Any) -> dict[str, Any]:
    extra: dict[str, Any] = {"x-kind": kind, **more}
    if unit:
        extra["x-unit"] = unit
    if clause:
        extra["x-clause"] = clause
    return extra


def money(
    title: str,
    help: str = "",
    *,
    clause: str | None = None,
    default: Any = ...,
    default_clause: str | None = None,
    positive: bool = False,
) -> Any:
    """An amount in 元 (``120万``, ``120万元`` understood): never negative, two decimals at most, at most 1 万亿元.

    ``default_clause``: the clause the default comes from, when it is not the field's own
    (``x-default-clause``; the trace cites it when the default is applied, :mod:`calc.rules.defaults`).
    """
    bound = {"gt": 0} if positive else {"ge": 0}
    more = {"x-default-clause": default_clause} if default_clause else {}
    return Field(
        default,
        title=title,
        description=help,
        le=MAX_MONEY,
        decimal_places=2,
        json_schema_extra=_extra("money", "元", clause, **more),
        **bound,
    )


def rate(
    title: str,
    help: str = "",
    *,
    clause: str | None = None,
    default: Any = ...,
    positive: bool = False,
) -> Any:
    """A rate or share in %: ``3.45`` means 3.45 %, at most :data:`RATE_PLACES` decimals."""
    bound = {"gt": 0} if positive else {"ge": 0}
    return Field(
        default,
        title=title,
        description=help,
        le=MAX_RATE,
        decimal_places=RATE_PLACES,
        json_schema_extra=_extra("rate", "%", clause),
        **bound,
    )


def day(title: str, help: str = "", *, clause: str | None = None, default: Any = ...) -> Any:
    """A date, ``YYYY-MM-DD``."""
    return Field(default, title=title, description=help, json_schema_extra=_extra("date", None, clause))


def flag(title: str, help: str = "", *, clause: str | None = None, default: Any = ...) -> Any:
    """A yes/no question."""
    return Field(default, title=title, description=help, json_schema_extra=_extra("bool", None, clause))


def count(
    title: str, help: str = "", *, unit: str = "", clause: str | None = None, default: Any = ..., maximum: int = 10_000
) -> Any:
    """A whole number (months, days, …), never negative."""
    return Field(
        default, title=title, description=help, ge=0, le=maximum, json_schema_extra=_extra("int", unit, clause)
    )


def choice(title: str, labels: dict[str, str], help: str = "", *, clause: str | None = None, default: Any = ...) -> Any:
    """One of a fixed set of values; ``labels`` gives each value's Chinese name (annotate with a Literal)."""
    return Field(
        default,
        title=title,
        description=help,
        json_schema_extra=_extra("choice", None, clause, **{"x-choices": labels}),
    )


def choices(
    title: str, labels: dict[str, str], help: str = "", *, clause: str | None = None, default: Any = ...
) -> Any:
    """Any number of a fixed set of values (annotate with ``Annotated[list[Literal[...]], Split]``)."""
    return Field(
        default,
        title=title,
        description=help,
        json_schema_extra=_extra("choices", None, clause, **{"x-choices": labels}),
    )


class InOrder(GenerateJsonSchema):
    """pydantic's JSON Schema, with the project's own keys (``x-choices``, …) kept in the model's order.

    pydantic sorts a schema's keys alphabetically, which put the choices in the order of their ids
    (聊城 / 其他地区 / 三明). The order of a choice field's labels is the order a person reads
    them in (the Literal's: the policies' order or the text's, 其他 last); ids are unchanged.
    """

    def sort(self, value: JsonSchemaValue, parent_key: str | None = None) -> JsonSchemaValue:
        """Sort as pydantic does, except under ``properties``, ``default`` and ``x-…`` keys."""
        if isinstance(value, dict):
            keep = parent_key in ("properties", "default") or (parent_key or "").startswith("x-")
            return {key: self.sort(value[key], key) for key in (value if keep else sorted(value))}
        if isinstance(value, list):
            return [self.sort(item, parent_key) for item in value]
        return value


class InOrderSchema(BaseModel):
    """A model whose JSON Schema keeps the order of its choices (:class:`InOrder`)."""

    @classmethod
    def model_json_schema(cls, *args: Any, schema_generator: type[GenerateJsonSchema] = InOrder, **kwargs: Any) -> Any:
        """The model's JSON Schema, made by :class:`InOrder` unless told otherwise."""
        return super().model_json_schema(*args, schema_generator=schema_generator, **kwargs)


def _admits_null(annotation: Any) -> bool:
    """True when a field's type accepts ``None`` (``bool | None``, ``Literal[...] | None``)."""
    return type(None) in get_args(annotation)


def _is_list(annotation: Any) -> bool:
    """True for a list field (``categories``)."""
    return get_origin(annotation) is list


class Inputs(InOrderSchema):
    """Base of every estimator's inputs: unknown fields are refused, blanks mean "not given".

    An absent field, a blank text and a JSON ``null`` all take the field's default, except that
    a blank text for a list is the empty list (a link's ``categories=``: none of the choices), and
    an explicit ``null`` stays ``None`` ("not answered") for a field whose type admits ``None``:
    a condition with a contract default (``normal_operation``, default true) is then left
    unanswered when the page sends ``null``, and answered by its default when the field is absent
    (the command line, a CSV cell left empty). Contract, Conventions: "A yes/no result … is null
    when an input it depends on is not given".
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            fields = cls.model_fields
            kept = {}
            for k, v in data.items():
                annotation = fields[k].annotation if k in fields else None
                if isinstance(v, str) and not v.strip():
                    if _is_list(annotation):
                        kept[k] = []  # ?categories= : none of the choices, not "not given"
                elif v is not None or _admits_null(annotation):
                    kept[k] = v
            return kept
        return data
