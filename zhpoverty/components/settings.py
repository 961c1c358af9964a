"""Validation of component settings, with expected-vs-got messages from the error catalogue."""

from __future__ import annotations

from typing import Any

from ..errors import Errors, SettingsError


def check_type(component: str, setting: str, value: Any, expected: type | tuple[type, ...]) -> None:
    """Raise :class:`SettingsError` [E004] unless ``value`` is an instance of ``expected``."""
    numeric = expected is int or (isinstance(expected, tuple) and int in expected)
    if not isinstance(value, expected) or (numeric and isinstance(value, bool)):
        names = (
            " or ".join(t.__name__ for t in expected)
            if isinstance(expected, tuple)
            else expected.__name__
        )
        raise SettingsError(
            Errors.E004.format(setting=setting, component=component, expected=names, got=value)
        )


def check_fraction(component: str, setting: str, value: Any) -> None:
    """A score threshold: a number from 0 to 1."""
    check_type(component, setting, value, (int, float))
    if not 0.0 <= float(value) <= 1.0:
        raise SettingsError(
            Errors.E004.format(
                setting=setting, component=component, expected="a number from 0 to 1", got=value
            )
        )


def check_key(component: str, setting: str, value: Any) -> None:
    """A spans key or similar name: a non-empty string."""
    check_type(component, setting, value, str)
    if not value.strip():
        raise SettingsError(
            Errors.E004.format(
                setting=setting, component=component, expected="a non-empty string", got=value
            )
        )
