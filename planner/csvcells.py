"""CSV cells a spreadsheet will not run as formulas (OWASP's advice on CSV injection).

A cell the app writes that starts with =, +, -, @, a tab or a carriage return gets a
leading single quote, so Excel, LibreOffice and Google Sheets show it as text. The app's
own CSV import takes such a quote off again, so an export imports back exactly. JSON
exports are left exact: no spreadsheet runs them.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    """The cell's text, quoted when it could start a formula. A number the app writes is
    left as it is: "-6" is a number to every spreadsheet, never a formula, and quoted it
    would become text (a slip of six periods early could not be summed)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def unsafe(text: str) -> str:
    """A cell as written before `safe` quoted it."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text
