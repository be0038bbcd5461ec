"""One record against its JSON Schema, with every error said in Vietnamese.

fastjsonschema answers "valid?" quickly; only for an invalid record do we run
jsonschema, which finds every error (fastjsonschema stops at the first) and
tells us which rule failed, so each can get a message an editor understands.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

import fastjsonschema
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from generator.loader import LoadedFile
from generator.problems import Problem, format_field
from generator.schemas import anchored, fast_validator, full_validator, property_names, read_schema
from generator.validate.messages import TYPE_NAMES, show, suggest, type_of

#: What each pattern of the schemas means, by the pattern as published (looked up in its bundled, anchored form).
_PATTERN_MESSAGES = {anchored(pattern): message for pattern, message in {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "mã chỉ gồm chữ thường không dấu, chữ số và dấu '-' (ví dụ: kh-104-ubnd-thai-nguyen-2022)",
    "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$": "ngày phải viết dạng NNNN-TT-NN (ví dụ 2022-07-04) hoặc chỉ năm NNNN",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "ngày phải viết dạng NNNN-TT-NN (ví dụ 2022-07-04), NNNN-TT hoặc chỉ năm NNNN",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "ngày phải viết đầy đủ dạng NNNN-TT-NN (ví dụ 2022-07-04)",
    "^(https?://[^\\s]+|mailto:[^\\s]+)$": "địa chỉ phải bắt đầu bằng http://, https:// hoặc mailto: và không có dấu cách",
    "^[a-zđ]$": "nhóm là một chữ cái thường: a, b, c, d, ...",
    "^[a-z]{2}$": "mã ngôn ngữ hai chữ cái thường (vi, en, ...)",
}.items()}
#: Said instead when the only fault is white space around the value (`"2022-07-04\\n"`, a `|` block).
_SURROUNDING_SPACE = "thừa dấu xuống dòng hoặc dấu cách ở đầu/cuối (\\n, khối '|' hay '>'); hãy xóa chúng"


@lru_cache(maxsize=None)
def _validator(kind: str) -> Draft7Validator:
    return full_validator(kind)


def check_schema(kind: str, loaded: LoadedFile) -> list[Problem]:
    """All schema problems of one record; empty when it is valid."""
    try:
        fast_validator(kind)(loaded.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    problems = []
    for error in _validator(kind).iter_errors(loaded.data):
        problems.extend(_translate(error, loaded))
    return sorted(set(problems))


def _at(loaded: LoadedFile, path: tuple, message: str, key: bool = False) -> Problem:
    mark = loaded.mark(path, key=key)
    return Problem(loaded.path, mark.line, mark.column, format_field(path), message)


def _translate(error: ValidationError, loaded: LoadedFile) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    rule = error.validator
    instance = error.instance
    if rule == "required":
        present = instance if isinstance(instance, dict) else {}
        for name in error.validator_value:
            if name not in present:
                yield _at(loaded, path + (name,), "thiếu trường bắt buộc")
    elif rule == "additionalProperties":
        allowed = property_names(error.schema)
        for name in sorted(instance):
            if name not in allowed:
                yield _at(loaded, path + (name,), f"trường '{name}' không có trong mẫu{suggest(name, allowed)}", key=True)
    elif rule == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " hoặc ".join(TYPE_NAMES[t] for t in wanted)
        if "integer" in wanted and isinstance(instance, float):
            yield _at(loaded, path, _not_integer(loaded, path, instance))
        else:
            yield _at(loaded, path, _wrong_type(loaded, path, names, instance))
    elif rule == "enum":
        choices = [str(c) for c in error.validator_value]
        written = (loaded.written(path) or "").strip()
        if instance == "" and written[:1] in (">", "|"):
            # `comparator: >` unquoted: YAML reads '>' as the start of a folded text block, left empty.
            yield _at(loaded, path, f"viết '{written}' trong ngoặc kép: \"{written}\" (trong YAML, '{written[0]}' ở đầu "
                                    "giá trị bắt đầu một đoạn văn nhiều dòng)")
            return
        hint = _same_tier(str(instance), choices) or suggest(str(instance), choices)
        listed = ", ".join(choices) if len(choices) <= 20 else ", ".join(choices[:20]) + ", ..."
        yield _at(loaded, path, f"giá trị '{show(instance)}' không hợp lệ{hint} (chọn một trong: {listed})")
    elif rule == "pattern":
        pattern = error.validator_value
        if instance != instance.strip() and re.search(pattern, instance.strip()):
            reason = _SURROUNDING_SPACE
        else:
            reason = _PATTERN_MESSAGES.get(pattern, f"không đúng dạng {pattern.replace(chr(92) + 'Z', '$')}")
        yield _at(loaded, path, f"'{show(instance)}' sai dạng: {reason}")
    elif rule == "minLength":
        yield _at(loaded, path, "không được để trống" if error.validator_value == 1 or not instance
                  else f"quá ngắn ({len(instance)} ký tự; tối thiểu {error.validator_value})")
    elif rule == "maxLength":
        yield _at(loaded, path, f"quá dài ({len(instance)} ký tự; tối đa {error.validator_value})")
    elif rule in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        bounds = f"từ {low} đến {high}" if low is not None and high is not None else (
            f"không nhỏ hơn {low}" if low is not None else f"không lớn hơn {high}")
        yield _at(loaded, path, f"giá trị {show(instance)} nằm ngoài khoảng cho phép ({bounds})")
    elif rule == "minItems":
        yield _at(loaded, path, "danh sách không được rỗng")
    elif rule == "uniqueItems":
        yield _at(loaded, path, "danh sách có giá trị lặp lại")
    elif rule in ("anyOf", "oneOf"):
        yield from _translate_alternatives(error, loaded)
    else:  # a rule added to a schema later and not yet worded
        yield _at(loaded, path, f"không hợp lệ ({rule})")


def _translate_alternatives(error: ValidationError, loaded: LoadedFile) -> Iterator[Problem]:
    """`anyOf: [X, null]`: say what is wrong with X, not that null was expected too."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    candidates = [
        errs for index, errs in sorted(branches.items())
        if error.validator_value[index] != {"type": "null"}
        and not any(e.validator == "type" and not e.relative_path for e in errs)
    ]
    if candidates:
        best = min(candidates, key=len)
        for sub in best:
            yield from _translate(sub, loaded)
        return
    wanted = []
    for alternative in error.validator_value:
        kind = alternative.get("type") if isinstance(alternative, dict) else None
        if kind is None and "$ref" in alternative:
            target = alternative["$ref"].rsplit("/", 1)[1].removeprefix("common.")
            kind = bundled_type(target)
        if isinstance(kind, str):
            wanted.append(kind)
    names = " hoặc ".join(TYPE_NAMES.get(t, t) for t in dict.fromkeys(wanted)) or "giá trị khác"
    path = tuple(error.absolute_path)
    yield _at(loaded, path, _wrong_type(loaded, path, names, error.instance))


def _not_integer(loaded: LoadedFile, path: tuple, value: float) -> str:
    """`2025.0` where a year goes: an integer is written without a decimal point."""
    written = _as_written(loaded, path, value)
    if value.is_integer():
        return f"phải là số nguyên, viết không có phần thập phân ({written}); hãy viết {int(value)}"
    return f"phải là số nguyên, không phải số thập phân ({written})"


def _wrong_type(loaded: LoadedFile, path: tuple, names: str, value: object) -> str:
    """`phải là số nguyên, không phải chữ (hai nghìn)`; an empty value just says it is empty; a decimal comma
    (`65,5`, as Vietnamese writes it) is told to be a point."""
    if value is None:
        return f"phải là {names}, không được để trống"
    message = f"phải là {names}, không phải {TYPE_NAMES[type_of(value)]} ({_as_written(loaded, path, value)})"
    if isinstance(value, str) and "số" in names and re.fullmatch(r"\s*\d+,\d+\s*", value):
        message += f"; số thập phân viết với dấu chấm: {value.strip().replace(',', '.')}"
    return message


#: The same tier of government in the words of issuers (`level`) and of localities (`kind`).
_TIERS = {"thanh-pho-truc-thuoc-trung-uong": "thanh-pho", "thanh-pho-thuoc-tinh": "huyen", "thi-xa": "huyen",
          "phuong": "xa", "thi-tran": "xa", "quoc-gia": "trung-uong"}


def _same_tier(value: str, choices: list[str]) -> str:
    """"; có phải 'thanh-pho'?" where a locality's word for a tier was used for an issuer's level, or back."""
    if value in _TIERS and _TIERS[value] in choices:
        return f"; cấp ban hành của {value} là '{_TIERS[value]}'"
    back = [kind for kind, level in _TIERS.items() if level == value and kind in choices]
    if back:
        return "; với địa bàn, dùng " + " hoặc ".join(f"'{kind}'" for kind in back)
    return ""


def _as_written(loaded: LoadedFile, path: tuple, value: object) -> str:
    """A scalar as the editor typed it (`no`, not False); containers as their type alone."""
    if isinstance(value, (dict, list)):
        return "..."
    if isinstance(value, str):
        return show(value)
    return show(loaded.written(path) or value)


def bundled_type(definition: str) -> str | None:
    """The JSON type of a common definition, for messages about alternatives."""
    found = read_schema("common")["definitions"].get(definition, {})
    kind = found.get("type")
    return kind if isinstance(kind, str) else None
