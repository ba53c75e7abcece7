"""The page's type-ahead picker of people (frontend/src/person-picker.js), used as a user does."""

from __future__ import annotations

from playwright.sync_api import Locator, expect


def option_of(field: Locator, option: str) -> Locator:
    """The option `option` ("Name — Title · Organisation") in the list of the picker `field`."""
    listbox = field.page.locator(f"#{field.get_attribute('aria-controls')}")
    return listbox.get_by_role("option", name=option, exact=True)


def choose_person(field: Locator, option: str, query: str | None = None) -> None:
    """Type `query` (else the name in `option`) into the picker `field` and click `option`."""
    field.fill(query if query is not None else option.split(" — ")[0])
    option_of(field, option).click()
    expect(field).to_have_value(option)
