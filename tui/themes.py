"""The app's own themes, registered beside Textual's and picked like them (the palette's
"Theme" command, ``theme = "…"`` in config.toml; the last one chosen is remembered).

``dossier-high-contrast``: white on black, with pure yellow and cyan for what is focused or
selected, and muted text kept bright (Textual's themes dim it to about 60 %), for low vision,
glare and terminals or projectors that wash colours out.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="dossier-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#00FFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF5555",
    dark=True,
    # No spread, no alpha: shades of the background and faded text are what low contrast
    # is made of.
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": "#E0E0E0",
        "text-disabled": "#B0B0B0",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#00FFFF",
        "block-hover-background": "#333333",
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#00FFFF 60%",
        "scrollbar": "#FFFFFF",
        "scrollbar-hover": "#FFFF00",
        "scrollbar-active": "#FFFF00",
        "link-color": "#00FFFF",
    },
)

#: Registered by the app at start-up, before the saved theme is restored.
THEMES = (HIGH_CONTRAST,)
