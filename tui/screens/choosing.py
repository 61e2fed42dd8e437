"""What the two type-to-narrow dialogs (search, the choice picker) share: enter in the box or a
click on a row chooses that row, and the arrow keys move the highlight without leaving the box."""

from __future__ import annotations

from textual.widgets import Input, OptionList


class ChoosesFromList:
    """A mixin for a screen with an `Input` over an `OptionList` of `len(self.rows())` rows; it
    defines `_choose(index)` and `rows()`."""

    def rows(self) -> list:  # the rows the list shows, in order
        raise NotImplementedError

    def _choose(self, index: int | None) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(OptionList).highlighted)  # type: ignore[attr-defined]  # a Screen's

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)  # type: ignore[attr-defined]  # a Screen's
        if self.rows():
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(len(self.rows()) - 1, current + delta))
