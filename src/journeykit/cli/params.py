"""Command parameters coerced without pydantic where that is plain.

typer coerces every parameter through a pydantic TypeAdapter, built when the command runs: a
quarter of a command's start-up, and for `journey COMMAND --help` an import of pydantic for the
absent flags alone. Here flags take their own value, and text, lists of text and choices are
checked directly; anything else (numbers with ranges, dates) is still typer's.
"""

from __future__ import annotations

from typing import Any


def lighten(params: list[Any]) -> list[Any]:
    """``params``, their flags, text, lists of text and choices coerced without pydantic."""
    from typer.core import TyperOption

    global _Flag, _Plain
    if _Flag is None:
        _Flag, _Plain = _plain_classes()
    for param in params:
        if type(param) is TyperOption and param.is_flag:
            param.__class__ = _Flag
        elif getattr(param, "_runtime_param", False) is None and not getattr(param, "is_flag", 0):
            desc = param.type_descriptor
            if desc.annotation in (str, list[str]) or _is_enum(desc.annotation):
                param._runtime_param = _Plain(desc.parameter_info, desc.annotation)
    return params


def _is_enum(annotation: Any) -> bool:
    from enum import Enum

    return isinstance(annotation, type) and issubclass(annotation, Enum)


def _plain_classes() -> tuple[Any, Any]:
    from dataclasses import dataclass

    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam
    from typer.core import TyperOption

    class Flag(TyperOption):
        def process_value(self, ctx: Any, value: Any) -> Any:
            return super().process_value(ctx, bool(value))

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = self.annotation
            if kind is str:
                return str(value)
            if kind == list[str]:
                return [str(item) for item in value]
            try:
                return kind(value)
            except ValueError:
                choices = ", ".join(repr(member.value) for member in kind)
                message = f"Value error, {value!r} is not one of {choices}."
                raise BadParameter(message, ctx=ctx, param=param) from None

    return Flag, Plain


_Flag: Any = None
_Plain: Any = None


def lighten_command(command: Any) -> None:
    """Have ``command`` (and its subcommands) coerce its parameters through :func:`lighten`."""
    get_params = command.get_params
    command.get_params = lambda ctx: lighten(get_params(ctx))
    for sub in (getattr(command, "commands", None) or {}).values():
        lighten_command(sub)
