"""The Telegram adapter: python-telegram-bot application, handlers, HTML rendering, rate limiter and digest sender."""
