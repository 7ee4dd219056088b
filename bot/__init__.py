"""The bot: its settings, the front-end-neutral command core, and its two front ends (Telegram, terminal)."""
