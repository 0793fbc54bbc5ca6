"""Editing from the keyboard: the note editor, confirmations and record forms."""

from .confirm import ConfirmScreen
from .forms import ITEM_FORMS, ItemForm, MeetingForm, item_form
from .note_editor import NoteEditorScreen

__all__ = ["ITEM_FORMS", "ConfirmScreen", "ItemForm", "MeetingForm", "NoteEditorScreen",
           "item_form"]
