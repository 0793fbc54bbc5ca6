"""The app's screens: the main browser, help, and a message for errors.

The search (:mod:`.search`), the participant and topic views (:mod:`.views`) and the review
of an imported draft (:mod:`.review`) are imported from their modules when first opened,
so start-up does not pay for them.
"""

from .help import HelpScreen, help_sections
from .main import MainScreen
from .message import MessageScreen

__all__ = ["HelpScreen", "MainScreen", "MessageScreen", "help_sections"]
