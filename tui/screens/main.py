"""The main screen: the meeting list on the left, the selected meeting on the right.

The screen owns what is shown (the meeting, its notes, the highlighted source span) and the
keys that move between regions and panes. It never touches the store: the app loads data in
workers and hands it over with :meth:`show_meeting`. The editing keys (n, a, e, d, u) say
what the user asked for, with the current :class:`~tui.selection.Selection`, in a request
message (tui/messages.py); the app decides what to do with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static, TabbedContent, TabPane, Tabs
from textual.widgets._tabbed_content import ContentTab

from ..messages import (
    AddRequested,
    DeleteRequested,
    EditRequested,
    NewNoteRequested,
    RedoRequested,
    UndoRequested,
    ViewRequested,
)
from ..selection import Selection
from ..widgets import (
    AgendaList,
    EmptyPane,
    ItemList,
    MeetingHeader,
    MeetingList,
    NotesList,
    OutcomesList,
    ParticipantsList,
    PrioritiesList,
    SourceView,
)

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting, Note
    from dossier.store.store import MeetingNotes

#: pane id -> shorter tab labels, tried in turn when the panes are narrow (so every tab
#: stays visible): short, then shortest.
SHORT_LABELS = {"participants": ("2 People", "2 People"),
                "priorities": ("3 Priorities", "3 Prio"),
                "outcomes": ("6 References", "6 Refs")}

#: pane id -> (tab label, the widget class that fills it)
PANES: dict[str, tuple[str, type[Widget]]] = {
    "agenda": ("1 Agenda", AgendaList),
    "participants": ("2 Participants", ParticipantsList),
    "priorities": ("3 Cooperation priorities", PrioritiesList),
    "notes": ("4 Notes", NotesList),
    "source": ("5 Source", SourceView),
    "outcomes": ("6 References and outcomes", OutcomesList),
}

#: note-target kind -> the pane that shows it
TARGET_PANES = {
    "meeting": "agenda", "agenda": "agenda", "position": "agenda",
    "participant": "participants", "priority": "priorities", "note": "notes",
    "source": "source", "reference": "outcomes", "outcome": "outcomes",
}

#: Below this the layout cannot show a meeting; a hint replaces it.
MIN_WIDTH, MIN_HEIGHT = 60, 16
#: Below this width the list narrows to its minimum.
NARROW_WIDTH = 100
#: Columns the full tab labels need (label plus a column of padding each side).
FULL_TABS_WIDTH = sum(len(label) + 2 for label, _ in PANES.values())
#: Columns the short labels need, and below it the shortest are used.
SHORT_TABS_WIDTH = sum(len(SHORT_LABELS[pane][0]) if pane in SHORT_LABELS else len(label)
                       for pane, (label, _) in PANES.items()) + 2 * len(PANES)

NOTES_EMPTY = "No notes on this meeting yet. Press n to add one to the focused item."
#: The header's words when the store holds no meeting (as at start-up on an empty store).
NO_MEETINGS = ("No meetings in this store. Press a to add one, or ctrl+p and "
               "\"Import a statement…\".")


def _pane_binding(number: int, pane: str, label: str) -> Binding:
    return Binding(str(number), f"show_pane('{pane}')", label, show=False, id=f"pane.{pane}")


class MainScreen(Screen[None]):
    class Ready(Message):
        """The screen's widgets exist: data may be handed to them from now on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_note", "New note", id="notes.new"),
        # a/e/d/u act on what is highlighted (the flows in tui/flows.py).
        Binding("a", "add", "Add", show=False, id="item.add"),
        Binding("e", "edit", "Edit", show=False, id="item.edit"),
        Binding("d", "delete", "Delete (asks)", show=False, id="item.delete"),
        # The id keeps its first name (it undid deletes only), so keymaps still apply.
        Binding("u", "undo", "Undo the last change", show=False, id="item.undo-delete"),
        Binding("U,ctrl+r", "redo", "Redo what u undid", show=False, id="item.redo"),
        Binding("f", "toggle_filter", "Filter", id="main.filter"),
        # y/o as in lazygit and the browsers' vim modes: copy (OSC 52, so over SSH too),
        # open the source in the browser.
        Binding("y", "copy", "Copy: item, note, sentence or citation", show=False,
                id="main.copy"),
        Binding("o", "open_source", "Open the source URL", show=False,
                id="main.open-source"),
        Binding("b", "toggle_list", "Toggle list", id="main.toggle-list"),
        Binding("c", "compare_previous", "Compare with the body's previous meeting",
                show=False, id="main.compare-previous"),
        Binding("x", "export('meeting')", "Export this meeting (a format is asked)",
                show=False, id="main.export-meeting"),
        Binding("X", "export('listed')", "Export the meetings the list shows",
                show=False, id="main.export-listed"),
        _pane_binding(1, "agenda", "Agenda"),
        _pane_binding(2, "participants", "Participants"),
        _pane_binding(3, "priorities", "Cooperation priorities"),
        _pane_binding(4, "notes", "Notes"),
        _pane_binding(5, "source", "Source"),
        _pane_binding(6, "outcomes", "References and outcomes"),
        Binding("tab", "next_region", "Next region", show=False, id="main.next-region"),
        Binding("shift+tab", "previous_region", "Previous region", show=False,
                id="main.previous-region"),
        Binding("escape", "back", "Back to the list", show=False, id="main.back"),
    ]
    HELP_TITLE = "Main screen"

    def __init__(self) -> None:
        super().__init__(id="main")
        self.meeting: Meeting | None = None
        #: The shown meeting's newest notes (``notes.newest``) and every target's count.
        self.notes: MeetingNotes | None = None
        self.span: tuple[int, int] | None = None
        self._version = 0
        self._filled: dict[str, int] = {}
        # A jump's own span wins over the span of the row it lands on.
        self._pinned: tuple[str, tuple[int, int]] | None = None
        #: Where the keyboard last was, "list" or "pane": where focus goes back to when
        #: the focused widget disappears (its last row deleted, "Terminal too small").
        self._last_region = "list"

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield MeetingList(id="list")
            with Vertical(id="detail"):
                yield MeetingHeader(Text("Loading…", style="italic"), id="header")
                with TabbedContent(id="panes", initial="agenda"):
                    for pane_id, (label, _) in PANES.items():
                        # Empty until first shown: a pane's widget mounts lazily.
                        yield TabPane(label, id=pane_id)
        yield Static(Text(f"Terminal too small\n(need {MIN_WIDTH}×{MIN_HEIGHT})\nq quits"),
                     id="too-small")
        yield Static(id="status-line")  # long background jobs say how far they are
        # The Footer comes with finish_layout(), after the list first paints: its keys
        # are a dozen widgets restyled on every focus change, and the list matters first.

    def on_mount(self) -> None:
        # Tabs are switched with 1–5 and clicks; keeping them out of the focus chain makes
        # tab/shift+tab go list → pane → list as the design says.
        self.query_one(Tabs).can_focus = False
        self.meeting_list.table.focus()
        self.pane_widget("agenda", create=True)
        self.post_message(self.Ready())

    def finish_layout(self) -> None:
        """Add what the first paint can do without (the Footer); once."""
        if not self.query(Footer):
            self.mount(Footer())
            # A Footer shows keys when told the bindings changed: tell the new one.
            self.call_after_refresh(self.refresh_bindings)

    def show_status(self, text: str | None) -> None:
        """One line above the footer about a background job; None hides it."""
        line = self.query_one("#status-line", Static)
        line.update(Text(text or "", style="italic", no_wrap=True, overflow="ellipsis"))
        line.display = text is not None

    # -- parts ---------------------------------------------------------------------------

    @property
    def meeting_list(self) -> MeetingList:
        return self.query_one(MeetingList)

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def active_pane(self) -> str:
        return self.tabs.active or "agenda"

    def pane_widget(self, pane_id: str, *, create: bool = False) -> Widget | None:
        """The widget of a pane; with ``create``, mount it the first time it is needed."""
        tab_pane = self.query_one(f"TabPane#{pane_id}", TabPane)
        widget_class = PANES[pane_id][1]
        found = tab_pane.query(widget_class)
        if found:
            return found.first()
        if not create:
            return None
        widget = widget_class(id=f"{pane_id}-view")
        if pane_id == "notes":
            tab_pane.mount(EmptyPane(Text(NOTES_EMPTY, style="italic"), id="notes-empty"))
        tab_pane.mount(widget)
        return widget

    def pane_focus(self, pane_id: str, *, create: bool = False) -> Widget | None:
        """What takes the keyboard in a pane: its list, or the words that stand in for an
        empty one."""
        widget = self.pane_widget(pane_id, create=create)
        if widget is not None and not widget.display:
            empty = self.query_one(f"TabPane#{pane_id}").query(EmptyPane)
            if empty and empty.first().display:
                return empty.first()
        return widget

    def _fill(self, pane_id: str) -> Widget:
        """Mount the pane if needed and bring it up to date with the shown meeting."""
        widget = self.pane_widget(pane_id, create=True)
        assert widget is not None
        if self.meeting is not None and self._filled.get(pane_id) != self._version:
            self._filled[pane_id] = self._version
            if isinstance(widget, ItemList):
                widget.show(self.meeting, self._shown_notes())
            elif isinstance(widget, SourceView):
                widget.show(self.meeting, self.span)
            if pane_id == "notes":
                any_notes = bool(self.notes and self.notes.newest)
                empty = self.query_one("#notes-empty", EmptyPane)
                empty.display = not any_notes
                had_focus = widget.has_focus
                widget.display = any_notes
                # The last note went: the keyboard stays in the pane, on its words.
                if had_focus and not any_notes:
                    self.set_focus(empty)
                elif empty.has_focus and any_notes:
                    self.set_focus(widget)
        return widget

    # -- data in -------------------------------------------------------------------------

    def _shown_notes(self) -> MeetingNotes:
        from dossier.store.store import MeetingNotes

        return self.notes if self.notes is not None else MeetingNotes([], {})

    def show_meeting(self, meeting: Meeting, notes: MeetingNotes) -> None:
        if self.meeting is None or meeting.id != self.meeting.id:
            self.span = None
        self.meeting = meeting
        self.notes = notes
        self._version += 1
        self.query_one(MeetingHeader).show(meeting)
        self.tabs.display = True  # hidden while the store held no meeting
        self._fill(self.active_pane)

    def show_no_meeting(self, hint: str) -> None:
        """No meeting to show (an empty store): ``hint`` in the header, no panes."""
        self.meeting = None
        self.notes = None
        self.query_one(MeetingHeader).update(Text(hint, style="italic"))
        self.tabs.display = False

    def show_notes(self, meeting_id: str, notes: MeetingNotes) -> None:
        if self.meeting is not None and self.meeting.id == meeting_id:
            self.show_meeting(self.meeting, notes)

    def set_span(self, span: tuple[int, int] | None) -> None:
        self.span = span
        source = self.pane_widget("source")
        if isinstance(source, SourceView) and self._filled.get("source") == self._version:
            source.highlight(span)

    # -- focus and navigation ------------------------------------------------------------

    def show_pane(self, pane_id: str, *, focus: bool = False) -> Widget:
        self.tabs.active = pane_id
        widget = self._fill(pane_id)
        if focus:
            self._focus_later(self.pane_focus(pane_id) or widget)
        return widget

    def _focus_later(self, widget: Widget) -> None:
        # A lazily mounted pane can take focus only once it is on screen.
        if widget.is_mounted and widget.display:
            # Immediately, not via Widget.focus (which defers): a key typed right after
            # this one must reach the widget focused now.
            self.set_focus(widget)
        else:
            self.call_after_refresh(widget.focus)

    def regions(self) -> list[Widget]:
        """Where tab/shift+tab go, in order: filter (when open), list (when shown), pane."""
        regions: list[Widget] = []
        meeting_list = self.meeting_list
        if meeting_list.display:
            if meeting_list.filter_input.display:
                regions.append(meeting_list.filter_input)
            regions.append(meeting_list.table)
        pane = self.pane_focus(self.active_pane)
        if pane is not None and pane.display:
            regions.append(pane)
        return regions

    # -- focus stays on something visible --------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        region = self.focus_region()
        if region:
            self._last_region = "list" if region == "list" else "pane"

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # A focused widget that is hidden (its rows gone, the layout too small) gives up
        # focus to nothing, and keys then reach no list: put it back once laid out.
        self.call_after_refresh(self.keep_focus)

    def keep_focus(self) -> None:
        """Focus a visible region when the focused widget is gone or hidden: where the
        keyboard last was (the pane on show, or the list), else the other one."""
        if self.focused is not None and _on_screen(self.focused):
            return
        if self.has_class("-too-small"):
            return  # nothing is shown; on_resize calls again when the layout comes back
        pane = self.pane_focus(self.active_pane)
        table = self.meeting_list.table
        candidates = [pane, table] if self._last_region == "pane" else [table, pane]
        for candidate in candidates:
            if candidate is not None and _on_screen(candidate) and candidate.focusable:
                self.set_focus(candidate)
                return

    def on_click(self, event: events.Click) -> None:
        """A click on a pane's tab brings the keyboard to that pane, as its key would."""
        tab = event.widget
        if isinstance(tab, ContentTab) and tab.id is not None:
            pane_id = ContentTab.sans_prefix(tab.id)
            if pane_id in PANES:
                self._trace_row(self.show_pane(pane_id, focus=True))

    def _cycle(self, step: int) -> None:
        regions = self.regions()
        if not regions:
            return
        focused = self.focused
        index = next((i for i, region in enumerate(regions)
                      if focused is not None and (focused is region or region in
                                                  focused.ancestors)), -1)
        region = regions[(index + step) % len(regions)]
        self._focus_later(region)
        self._trace_row(region)

    def _trace_row(self, widget: Widget) -> None:
        """The keyboard came to a pane: the row it was left on is the focused item now,
        and Source highlights that row's sentence."""
        if isinstance(widget, ItemList) and widget.current is not None \
                and widget.current.span is not None:
            self.set_span(widget.current.span)

    def action_next_region(self) -> None:
        self._cycle(1)

    def action_previous_region(self) -> None:
        self._cycle(-1)

    def action_show_pane(self, pane_id: str) -> None:
        focused_in_list = self.focused is None or self.meeting_list in self.focused.ancestors
        focus = not focused_in_list or not self.meeting_list.display
        widget = self.show_pane(pane_id, focus=focus)
        if focus:
            self._trace_row(widget)

    def action_back(self) -> None:
        meeting_list = self.meeting_list
        meeting_list.display = True
        self.set_focus(meeting_list.table)

    def action_toggle_filter(self) -> None:
        self.meeting_list.display = True
        self.meeting_list.toggle_filter()

    def action_toggle_list(self) -> None:
        meeting_list = self.meeting_list
        meeting_list.display = not meeting_list.display
        self.call_after_refresh(self._fit_tab_labels)
        if not meeting_list.display:
            self.focus_panes()
        else:
            self.set_focus(meeting_list.table)

    def focus_panes(self) -> None:
        widget = self._fill(self.active_pane)
        self._focus_later(self.pane_focus(self.active_pane) or widget)

    # -- jumping to a target -------------------------------------------------------------

    def reveal(self, target: str, span: tuple[int, int] | None = None) -> None:
        """Show the pane for ``target`` with its row focused, and ``span`` in the source."""
        if self.meeting is None:
            return
        kind = target.partition(":")[0]
        pane_id = TARGET_PANES.get(kind, "agenda")
        if pane_id == "source":
            self.span = span or self.span
            source = self.show_pane("source", focus=True)
            assert isinstance(source, SourceView)
            source.highlight(self.span)
            return
        widget = self.show_pane(pane_id, focus=kind != "meeting" or span is None)
        if (isinstance(widget, ItemList) and kind != "meeting"
                and widget.highlight_target(target)):
            item = widget.current
            if span is not None:
                self._pinned = (target, span)
            self.set_span(span or (item.span if item else None))
            return
        if span is not None:
            self.set_span(span)

    @on(ItemList.ItemHighlighted)
    def _item_highlighted(self, event: ItemList.ItemHighlighted) -> None:
        """The focused row decides which sentence the Source pane highlights; a list
        being filled in the background does not."""
        pinned, self._pinned = self._pinned, None
        if pinned is not None and pinned[0] == event.item.target:
            self.set_span(pinned[1])
        elif event.item_list.has_focus and event.item.span is not None:
            self.set_span(event.item.span)

    @on(ItemList.ItemSelected)
    def _item_selected(self, event: ItemList.ItemSelected) -> None:
        """``enter`` on a participant opens their profile across meetings; on a position,
        its party's positions across meetings; on an agenda item with topics, a topic's
        timeline (a choice when there are several, with the sentence in Source as the last
        choice); on anything else, its sentence in Source.
        """
        item = event.item
        kind, _, item_id = item.target.partition(":")
        meeting = self.meeting
        if meeting is not None and kind == "position" and item.note_id is None:
            party = next((p.party for a in meeting.agenda for p in a.positions
                          if p.id == item_id), None)
            if party is not None:
                self.post_message(ViewRequested("party", party))
                return
        if meeting is not None and kind == "participant" and item.note_id is None:
            person = next((p for p in meeting.participants if p.id == item_id), None)
            if person is not None:
                self.post_message(ViewRequested("participant", person.name))
                return
        if meeting is not None and kind == "agenda" and item.note_id is None:
            agenda_item = next((a for a in meeting.agenda if a.id == item_id), None)
            if agenda_item is not None and agenda_item.topics:
                self._choose_topic(agenda_item.title, list(agenda_item.topics), item.span)
                return
        self._open_source(item.span)

    def _choose_topic(self, title: str, topics: list[str],
                      span: tuple[int, int] | None) -> None:
        from ..dialogs.pick import PickScreen  # modal screens load on first use

        options = [(f"topic:{index}", f"Topic timeline: {topic}")
                   for index, topic in enumerate(topics)]
        if span is not None:
            options.append(("source", "The sentence in Source"))

        def chosen(key: str | None) -> None:
            if key == "source":
                self._open_source(span)
            elif key is not None:
                self.post_message(ViewRequested("topic",
                                                     topics[int(key.partition(":")[2])]))

        self.app.push_screen(PickScreen(f"Open: {title}", options), chosen)

    def _open_source(self, span: tuple[int, int] | None) -> None:
        if span is not None:
            self.span = span
            source = self.show_pane("source", focus=True)
            assert isinstance(source, SourceView)
            source.highlight(self.span)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._fill(event.pane.id)

    def focused_target(self) -> tuple[str, str] | None:
        """(meeting id, note target) of the focused row; "meeting" outside the panes."""
        if self.meeting is None:
            return None
        focused = self.focused
        if isinstance(focused, ItemList) and focused.meeting_id == self.meeting.id:
            item = focused.current
            if item is not None:
                return self.meeting.id, item.target
        return self.meeting.id, "meeting"

    def focused_note_id(self) -> str | None:
        """The id of the note under the cursor in the Notes pane, if it has focus."""
        focused = self.focused
        if isinstance(focused, NotesList) and focused.current is not None:
            return focused.current.note_id
        return None

    # -- what the user asked for ---------------------------------------------------------

    def action_new_note(self) -> None:
        self.post_message(NewNoteRequested(self.selection()))

    def action_add(self) -> None:
        self.post_message(AddRequested(self.selection()))

    def action_edit(self) -> None:
        self.post_message(EditRequested(self.selection()))

    def action_delete(self) -> None:
        self.post_message(DeleteRequested(self.selection(neighbours=True)))

    def action_undo(self) -> None:
        self.post_message(UndoRequested())

    def action_redo(self) -> None:
        self.post_message(RedoRequested())

    def action_copy(self) -> None:
        """``y``: the focused row's text (an item, a note), the highlighted sentence in
        Source, or else the meeting's citation, to the clipboard."""
        found = self.copy_text()
        if found is None:
            self.notify("Select a meeting first.")
            return
        what, text = found
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what}: {_shortened(text)}", timeout=3, markup=False)

    def copy_text(self) -> tuple[str, str] | None:
        """(what it is, the text) that ``y`` copies now, or None with no meeting shown."""
        meeting = self.meeting
        if meeting is None:
            return None
        focused = self.focused
        if isinstance(focused, SourceView) and focused.span is not None:
            start, end = focused.span
            sentence = focused.source_text[start:end].strip()
            if sentence:
                return "the sentence", sentence
        if isinstance(focused, ItemList) and focused.current is not None \
                and not focused.current.disabled:
            item = focused.current
            if item.note_id is not None:
                note = next((n for n in self.notes.newest if n.id == item.note_id), None) \
                    if self.notes else None
                if note is not None:
                    return "the note", note.text
            text = item_text(meeting, item.target)
            if text:
                return "the item", text
        return "the citation", citation(meeting)

    def action_compare_previous(self) -> None:
        if self.meeting is not None:
            self.post_message(ViewRequested("compare", self.meeting.id))

    def action_export(self, scope: str) -> None:
        self.app.export_prompt(scope)  # type: ignore[attr-defined]

    def action_open_source(self) -> None:
        """``o``: the meeting's source in the browser (App.open_url: works in a browser
        session too)."""
        meeting = self.meeting
        url = next((source.url for source in meeting.sources if source.url), None) \
            if meeting is not None else None
        if url is None:
            self.notify("This meeting's source has no URL.")
            return
        self.app.open_url(url)
        self.notify(f"Opening {_shortened(url)}", timeout=3, markup=False)

    def selection(self, *, neighbours: bool = False) -> Selection:
        """Where the keyboard is and what is shown, for an editing key's request; with
        ``neighbours``, where the list's cursor would go if the meeting went."""
        meeting = self.meeting
        target = self.focused_target()
        return Selection(
            region=self.focus_region(), active_pane=self.active_pane, meeting=meeting,
            notes=tuple(self.notes.newest if self.notes else ()),
            target=target[1] if target else "meeting",
            note=self._note_under_cursor(),
            neighbours=self._neighbours(meeting.id) if neighbours and meeting else ())

    def focus_region(self) -> str:
        """"list", a pane id, or "" for anything else (where the keyboard is)."""
        focused = self.focused
        if focused is None or self.meeting_list in focused.ancestors_with_self:
            return "list"
        for pane_id in PANES:
            if any(node.id == pane_id for node in focused.ancestors_with_self):
                return pane_id
        return ""

    def _note_under_cursor(self) -> Note | None:
        """The note the Notes pane's cursor is on, focused or not."""
        notes_list = self.pane_widget("notes")
        item = notes_list.current if isinstance(notes_list, NotesList) else None
        note_id = item.note_id if item is not None else None
        shown = self.notes.newest if self.notes else []
        return next((note for note in shown if note.id == note_id), None)

    def _neighbours(self, meeting_id: str) -> tuple[str, ...]:
        """Where the cursor goes once ``meeting_id`` is deleted, best first: the row below
        it in the list as shown (filtered or not), the row above, then the same in the
        whole list."""
        meeting_list = self.meeting_list
        found: list[str] = []
        for rows in (meeting_list.shown, meeting_list.summaries):
            ids = [summary.id for summary in rows]
            if meeting_id in ids:
                index = ids.index(meeting_id)
                found += ids[index + 1:index + 2] + ids[max(index - 1, 0):index]
        return tuple(dict.fromkeys(found))

    # -- size ----------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
        self.call_after_refresh(self.keep_focus)  # back from "too small": refocus
        narrow = width < NARROW_WIDTH
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
        self.call_after_refresh(self._fit_tab_labels)

    def _fit_tab_labels(self) -> None:
        """Short labels whenever the panes' own width (not the terminal's: the list takes
        a share of it, or none when hidden) cannot show every full label; the shortest
        when it cannot show the short ones either."""
        width = self.tabs.size.width
        tier = 0 if width >= FULL_TABS_WIDTH else 1 if width >= SHORT_TABS_WIDTH else 2
        for pane_id, labels in SHORT_LABELS.items():
            tab = self.tabs.get_tab(pane_id)
            wanted = PANES[pane_id][0] if tier == 0 else labels[tier - 1]
            if tab.label.plain != wanted:
                tab.label = wanted


def _on_screen(widget: Widget) -> bool:
    """``widget`` is laid out to be seen: it and every container above it are displayed
    (a TabPane not on show is not)."""
    return widget.is_mounted and all(node.display for node in widget.ancestors_with_self
                                     if isinstance(node, Widget))


def _shortened(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def citation(meeting: Meeting) -> str:
    """The meeting as one cites it: “Title”, body, place, date. Source: issuer, title, URL."""
    parts = [f"“{meeting.title}”", meeting.body, meeting.location, meeting.date.isoformat()]
    text = ", ".join(part for part in parts if part) + "."
    if meeting.sources:
        source = meeting.sources[0]
        cited = [part for part in (source.issuer, source.title, source.url) if part]
        if cited:
            text += " Source: " + ", ".join(cited) + "."
    return text


def item_text(meeting: Meeting, target: str) -> str:
    """What a pane's row says, as plain text to copy."""
    kind, _, item_id = target.partition(":")
    for item in meeting.agenda:
        if kind == "agenda" and item.id == item_id:
            return ": ".join(part for part in (item.title, item.summary) if part)
        for position in item.positions:
            if kind == "position" and position.id == item_id:
                return f"{position.party}: {position.stance}"
    if kind == "participant":
        for person in meeting.participants:
            if person.id == item_id:
                return ", ".join(part for part in (person.name, person.role, person.party)
                                 if part)
    if kind == "priority":
        for priority in meeting.priorities:
            if priority.id == item_id:
                return ": ".join(part for part in (priority.area, priority.description)
                                 if part)
    if kind == "reference":
        for reference in meeting.references:
            if reference.id == item_id:
                when_where = ", ".join(part for part in (
                    reference.date.isoformat() if reference.date else "",
                    reference.location or "") if part)
                head = f"{reference.title} ({when_where})" if when_where else reference.title
                return f"{head}. {reference.note}" if reference.note else head
    if kind == "outcome":
        for outcome in meeting.outcomes:
            if outcome.id == item_id:
                return outcome.description
    return ""
