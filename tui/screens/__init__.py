"""The app's screens: the main browser, help, and a message for errors."""

from .help import HelpScreen, help_sections
from .main import MainScreen
from .message import MessageScreen

__all__ = ["HelpScreen", "MainScreen", "MessageScreen", "help_sections"]
