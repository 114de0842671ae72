"""Declarative request-body schemas: one place for types, lengths, patterns, enums, defaults."""
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

    def check(self, value, invalid_code):
        """Raise the reference's error for a present, non-null value that breaks a rule.

        ``invalid_code`` is the operation's code for a broken rule (its 400 example shows
        APIG.2011 or APIG.2012).
        """
        if not _is_type(value, self.type):
            # The real service is written in Go: a wrong JSON type fails decoding.
            raise serialization("json: cannot unmarshal {} into Go struct field .{} of type {}".format(
                _JSON_TYPE_NAMES.get(type(value), "value"), self.name, _GO_TYPE_NAMES[self.type]))
        if self.type is int:
            if self.minimum is not None and value < self.minimum:
                raise param_error("APIG.2002", "The parameter value is too small", self.name)
            if self.maximum is not None and value > self.maximum:
                raise param_error("APIG.2003", "The parameter value is too large", self.name)
        if self.enum is not None and value not in self.enum:
            raise invalid(self.name, invalid_code)
        if self.type is str:
            too_short = self.min_len is not None and len(value) < self.min_len
            too_long = self.max_len is not None and len(value) > self.max_len
            if too_short or too_long or (self.pattern and not re.fullmatch(self.pattern, value)):
                raise invalid(self.name, invalid_code)


def _is_type(value, wanted):
    if wanted is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, wanted)


def validate(fields, body, invalid_code):
    """Check ``body`` against ``fields``; return only the declared fields, defaults filled in.

    Unknown keys are ignored (as a Go JSON decoder does); null counts as absent.
    """
    clean = {}
    for field in fields:
        value = body.get(field.name)
        if value is None:
            if field.required:
                raise missing(field.name)
            clean[field.name] = field.default
            continue
        field.check(value, invalid_code)
        clean[field.name] = value
    return clean
