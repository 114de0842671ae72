"""Declarative request-body schemas: one place for types, lengths, patterns, enums, defaults."""
import copy
import re
from dataclasses import dataclass
from typing import Any, Optional

from .errors import invalid, missing, param_error, serialization

_JSON_TYPE_NAMES = {str: "string", int: "number", float: "number", bool: "bool", list: "array", dict: "object"}
_GO_TYPE_NAMES = {str: "string", int: "int", bool: "bool", list: "array", dict: "object"}


@dataclass(frozen=True)
class Field:
    """One body parameter as the reference documents it."""
    name: str
    type: type = str
    required: bool = False
    min_len: Optional[int] = None
    max_len: Optional[int] = None
    pattern: Optional[str] = None
    enum: Optional[tuple] = None
    minimum: Optional[int] = None
    maximum: Optional[int] = None
    default: Any = None
    fields: Optional[tuple] = None     # dict: the object's schema; list: the schema of each object item
    item: Optional["Field"] = None     # list of scalars: the rule of each item
    max_items: Optional[int] = None

    def check(self, value, invalid_code, label=None):
        """Return the clean value, or raise the reference's error for a present, non-null value
        that breaks a rule.

        ``invalid_code`` is the operation's code for a broken rule (its 400 example shows
        APIG.2011 or APIG.2012); ``label`` names nested values in messages (``req_params[0].name``).
        """
        label = label or self.name
        if not _is_type(value, self.type):
            # The real service is written in Go: a wrong JSON type fails decoding.
            raise serialization("json: cannot unmarshal {} into Go struct field .{} of type {}".format(
                _JSON_TYPE_NAMES.get(type(value), "value"), label, _GO_TYPE_NAMES[self.type]))
        if self.type is int:
            if self.minimum is not None and value < self.minimum:
                raise param_error("APIG.2002", "The parameter value is too small", label)
            if self.maximum is not None and value > self.maximum:
                raise param_error("APIG.2003", "The parameter value is too large", label)
        if self.enum is not None and value not in self.enum:
            raise invalid(label, invalid_code)
        if self.type is str:
            too_short = self.min_len is not None and len(value) < self.min_len
            too_long = self.max_len is not None and len(value) > self.max_len
            if too_short or too_long or (self.pattern and not re.fullmatch(self.pattern, value)):
                raise invalid(label, invalid_code)
        if self.type is dict and self.fields is not None:
            return validate(self.fields, value, invalid_code, label + ".")
        if self.type is list:
            return self._check_items(value, invalid_code, label)
        return value

    def _check_items(self, values, invalid_code, label):
        if self.max_items is not None and len(values) > self.max_items:
            raise invalid(label, invalid_code)
        if self.fields is not None:
            nested = Field(label, dict, fields=self.fields)
            return [nested.check(v, invalid_code, "%s[%d]" % (label, i)) for i, v in enumerate(values)]
        if self.item is not None:
            return [self.item.check(v, invalid_code, "%s[%d]" % (label, i)) for i, v in enumerate(values)]
        return values


def _is_type(value, wanted):
    if wanted is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, wanted)


def validate(fields, body, invalid_code, prefix=""):
    """Check ``body`` against ``fields``; return only the declared fields, defaults filled in.

    Unknown keys are ignored (as a Go JSON decoder does); null counts as absent. ``prefix``
    qualifies the names of a nested object's fields in messages.
    """
    clean = {}
    for field in fields:
        value = body.get(field.name)
        if value is None:
            if field.required:
                raise missing(prefix + field.name)
            clean[field.name] = copy.deepcopy(field.default)
            continue
        clean[field.name] = field.check(value, invalid_code, prefix + field.name)
    return clean
