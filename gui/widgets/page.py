"""A scrolling screen page with a title row, shared by the long screens."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget


def scroll_page(screen: QWidget, title: str, spacing: int = 10) -> tuple[QVBoxLayout, QHBoxLayout]:
    """Give `screen` a frameless scroll area; returns the body layout and its title row."""
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    lay = QVBoxLayout(body)
    lay.setContentsMargins(12, 8, 12, 12)
    lay.setSpacing(spacing)
    head = QHBoxLayout()
    head.addWidget(QLabel(f"<h2>{title}</h2>"))
    head.addStretch(1)
    lay.addLayout(head)
    return lay, head
