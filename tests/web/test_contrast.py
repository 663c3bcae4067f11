"""WCAG AA contrast over the stylesheet's palette: every text colour against the backgrounds it
is drawn on, every badge's white text against each badge colour (4.5:1 for normal text).

The pairs come from app.css itself: a rule that sets both ``color`` and ``background``; a rule
that sets only ``color`` (checked on the page's light backgrounds, or on the dark one its
selector sits in); a rule that sets only a background under inherited body text; and the
badge families (``.type`` with each ``.type-*``, ``.method`` with each ``.method-*``).
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

AA = 4.5
CSS = resources.files("dateline.web").joinpath("static/app.css").read_text()
# Where a colour-only rule's text sits on something other than the page's light backgrounds.
DARK_CONTEXTS = {"header.top": "var(--accent)", ".tip": "#1d2430", "pre.example": "#1d2430"}
# Backgrounds that hold no text of their own (swatches, bars, badge colours checked apart).
NO_TEXT = re.compile(r"^\.(swatch|type-|method-|src-)|svg|circle|#world-map|\.marker|\.hl-focus")


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """Each selector with its declarations, a later rule's overriding an earlier one's."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{", "", css)
    merged: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                decls[name.strip()] = value.strip()
        for selector in _split(selectors):
            merged.setdefault(" ".join(selector.split()), {}).update(decls)
    return list(merged.items())


def _split(selectors: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :is(...))."""
    parts, depth, current = [], 0, ""
    for char in selectors:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


RULES = _rules(CSS)
ROOT = {k: v for s, d in RULES if s == ":root" for k, v in d.items() if k.startswith("--")}
PAGE = ROOT["--bg"]
LIGHT = [PAGE, "#fff", "#eef0f3", "#f0f2ee"]   # page, panels, table heads and code, filter forms


def rgb(value: str, under: tuple[float, ...] = (255, 255, 255)) -> tuple[float, ...] | None:
    """Parse a CSS colour (hex, rgb, rgba composited over ``under``); None when not a colour."""
    value = value.strip()
    found = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if found:
        return rgb(ROOT[found.group(1)], under) if found.group(1) in ROOT else None
    found = re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value)
    if found:
        digits = found.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
    found = re.fullmatch(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+))?\)",
                         value)
    if found:
        r, g, b = (float(x) for x in found.groups()[:3])
        alpha = float(found.group(4)) if found.group(4) else 1.0
        return tuple(alpha * c + (1 - alpha) * u for c, u in zip((r, g, b), under, strict=True))
    return None


def luminance(colour: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(fore: str, back: str) -> float:
    under = rgb(back)
    assert under is not None, back
    top = rgb(fore, under)
    assert top is not None, fore
    light, dark = sorted((luminance(top), luminance(under)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _background(decls: dict[str, str]) -> str | None:
    value = decls.get("background-color") or decls.get("background")
    return value if value and rgb(value, rgb(PAGE)) is not None else None


def pairs() -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every pair the stylesheet draws."""
    found = []
    for selector, decls in RULES:
        colour = decls.get("color")
        colour = colour if colour and rgb(colour) is not None else None
        back = _background(decls)
        if colour and back:
            found.append((selector, colour, back))
        elif colour:
            dark = [v for k, v in DARK_CONTEXTS.items() if selector.startswith(k)]
            found += [(selector, colour, b) for b in (dark or LIGHT)]
        elif back and not NO_TEXT.search(selector):
            found.append((selector, ROOT["--ink"], back))
    for family in ("type", "method"):
        badge = dict(RULES)[f".{family}"]
        found += [(selector, badge["color"], _background(decls) or "")
                  for selector, decls in RULES
                  if selector.startswith(f".{family}-") and _background(decls)]
    return found


def test_contrast_reads_the_palette_of_the_stylesheet():
    where = {w.rsplit(" ", 1)[-1] if w.startswith(":is(") else w for w, _, _ in pairs()}
    assert {".type-aid", ".type-accuse", ".hl-claim", ".hl-place", "header.top a", ".muted",
            ".method-post", ".skip-link"} <= where
    assert round(ratio("#fff", "#000"), 1) == 21.0
    assert round(ratio("#777", "#fff"), 2) == 4.48          # the classic near miss
    assert ratio("rgba(0, 0, 0, .5)", "#fff") == pytest.approx(ratio("#808080", "#fff"), 0.02)


@pytest.mark.parametrize(("where", "fore", "back"), pairs())
def test_contrast_meets_wcag_aa(where, fore, back):
    assert ratio(fore, back) >= AA, f"{where}: {fore} on {back} is {ratio(fore, back):.2f}:1"
