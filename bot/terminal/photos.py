"""Pictures in a terminal: a reply's photo is written to a file, and the file named."""

from __future__ import annotations

from pathlib import Path

from briefings.replies.reply import Photo


def save_photo(photo: Photo, path: Path | None = None) -> Path:
    """Write the photo's PNG to `path` (by default its own name, in the working directory)."""
    target = path if path is not None else Path(photo.name)
    target.write_bytes(photo.png)
    return target
